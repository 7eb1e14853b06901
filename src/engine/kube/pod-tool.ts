/**
 * The tools inside pod containers whose behaviour comes from the cluster model: curl, wget and
 * nslookup reach Services over the cluster network, redis-cli talks to redis, nginx reports its
 * version, ps lists the container's processes. A pod's root filesystem carries each as this one
 * program (sandbox-build.ts), which acts as the name it was run as, like a busybox applet.
 */
import { pidIn } from '../kernel/process.ts';
import type { Program } from '../shell/types.ts';
import { argvOf, runTool, type View } from './container.ts';
import { runningView } from './kubelet.ts';
import { sandboxContainer, sandboxOfProcess, syncFiles, type Sandbox } from './sandbox.ts';
import { getByKey } from './store.ts';
import type { World } from '../world.ts';

export const podTool: Program = {
  name: 'pod-tool',
  summary: 'cluster-aware tools inside pod containers',
  run(ctx) {
    const tool = (ctx.argv[0] ?? '').split('/').pop() ?? '';
    const world = ctx.world;
    const sb = sandboxOfProcess(world, ctx.proc);
    const live = sb && sandboxContainer(world, sb);
    const pod = live && getByKey(live.c, 'pods', live.c.s.runtime[sb.pod]!.key);
    const v = pod && runningView(live.c, pod, sb.container);
    if (!sb || !v) {
      ctx.stderr.write(`${tool}: this program only runs inside a pod's container\n`);
      return 126;
    }
    if (tool === 'ps') {
      ctx.stdout.write(processList(world, sb, v));
      return 0;
    }
    const r = runTool(v, [tool, ...ctx.args], world.now, ctx.proc.env);
    // wget -O and curl -o save into the container's files.
    syncFiles(world, sb, v.rt.files ?? [], world.now);
    ctx.stdout.write(r.out);
    ctx.stderr.write(r.err);
    return r.code;
  },
};

/** busybox ps: the main process as PID 1 (unless a shell attached as it), then what runs in the container's PID namespace. */
function processList(world: World, sb: Sandbox, v: View): string {
  const row = (pid: number, uid: number, cmd: string) => `${String(pid).padStart(5)} ${(uid === 0 ? 'root' : String(uid)).padEnd(8)} ${'0:00'.padStart(5)} ${cmd}\n`;
  const procs = Object.values(world.state.procs.procs)
    .map((p) => ({ p, pid: pidIn(p, sb.ns.pid) }))
    .filter((x): x is { p: (typeof x)['p']; pid: number } => x.pid !== undefined)
    .sort((a, b) => a.pid - b.pid);
  let out = 'PID   USER     TIME  COMMAND\n';
  if (!procs.some((x) => x.pid === 1)) out += row(1, 0, argvOf(v.ctr, v.info).join(' '));
  for (const { p, pid } of procs) out += row(pid, p.uid, p.argv.join(' '));
  return out;
}
