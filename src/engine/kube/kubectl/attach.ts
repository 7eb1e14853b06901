/**
 * Processes inside pod containers: `kubectl exec` runs one there, `kubectl attach` and
 * `kubectl run -i` connect to the container's main process. A shell given a terminal becomes
 * the session's foreground shell, in the container's sandbox (its files, hostname, PID
 * namespace and environment); when it exits, kubectl finishes as it would: the exit code,
 * "Session ended", `--rm`. Anything else runs to the end, or its output is streamed.
 */
import { HEX, randomString } from '../../random.ts';
import { onShellExit, whenShellExits } from '../../shell/session.ts';
import type { Output } from '../../shell/types.ts';
import type { World } from '../../world.ts';
import { argvOf, busyboxStyle, type View } from '../container.ts';
import { endMainProcess, runningView } from '../kubelet.ts';
import { rt } from '../resources.ts';
import { deleteObject, getCluster, getObject } from '../store.ts';
import type { KubeObject, PodSpec } from '../types.ts';
import { deletedLine } from './apply.ts';
import { allowed, err, flagBool, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { followContainer } from './logs.ts';
import { pickContainer, podFor } from './pods.ts';

export const ATTACH_FLAGS: FlagSpec = { bools: ['stdin', 'tty', 'quiet'], values: ['container', 'pod-running-timeout'], short: { c: 'container', i: 'stdin', t: 'tty', q: 'quiet' } };

const SHELLS = ['sh', 'bash', 'ash'];

/** What kubectl does once a session with a container's main process ends; plain JSON, kept with the session. */
export interface SessionEnd {
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** The session was the main process's stdin: closing it ends that process. */
  mainShell: boolean;
  /** "Session ended, resume using ..." (a terminal, stdin, restartPolicy Always). */
  resume: boolean;
  /** kubectl run with restartPolicy Never or OnFailure: the pod's exit code is kubectl's. */
  waitExit: boolean;
  rm: boolean;
}

/**
 * Runs `argv` in the container: with a terminal and a shell, it opens as the session's
 * foreground shell (`opened`); otherwise it runs to the end with `code`. `notFound` says why
 * the runtime could not start it.
 */
export async function runInContainer(k: K, v: View, argv: string[], o: { stdin: boolean; tty: boolean; main: boolean }): Promise<{ opened?: number; code: number } | { notFound: string }> {
  const { openSandbox, processFields } = await import('../sandbox-build.ts');
  const ctx = k.ctx;
  const sb = openSandbox(v, o.main);
  const fields = processFields(v, sb, o.tty);
  const name = argv[0] ?? '';
  if (typeof ctx.shell.findExecutable(name, { ...ctx.proc, ...fields } as typeof ctx.proc, fields.env!.PATH ?? '') === 'string') {
    return { notFound: name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH` };
  }
  const stack = ctx.world.state.session.stack;
  const before = new Set(stack);
  const code = await ctx.shell.execProgram(argv, { stdin: o.stdin ? ctx.stdin : '', stdout: ctx.stdout, stderr: ctx.stderr, tty: o.tty, stdoutTty: o.tty }, { proc: fields }, ctx.proc);
  const top = stack[stack.length - 1];
  if (!o.tty || top === undefined || before.has(top)) return { code };
  // busybox's ash and Debian's dash set their own prompt; bash keeps `user@host:dir# `.
  const shell = (argv[0] ?? '').split('/').pop()!;
  const ps1 = busyboxStyle(v.info) ? '\\w \\$ ' : shell === 'sh' ? '\\$ ' : undefined;
  if (ps1 !== undefined) ctx.world.state.shells[top]!.vars.PS1 = ps1;
  return { opened: top, code };
}

/** Prints kubectl's texts for a container process the runtime could not start. */
export function notFoundError(k: K, why: string): number {
  err(k, `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${randomString(k.ctx.world.state.random, 64, HEX)}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown\n`);
  return 1;
}

export async function attach(k: K): Promise<number> {
  const f = k.f;
  const ref = f.positional[0];
  if (!ref) {
    err(k, "error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n");
    return 1;
  }
  const pod = podFor(k, ref, 'attach');
  if (!pod) return 1;
  if (!allowed(k, 'create', rt('pods'), pod.metadata.namespace, pod.metadata.name, 'attach')) return 1;
  const phase = String(pod.status?.phase ?? '');
  if (phase === 'Succeeded' || phase === 'Failed') {
    err(k, `error: cannot attach a container in a completed pod; current phase is ${phase}\n`);
    return 1;
  }
  const name = pickContainer(k, pod, f.flags.get('container'));
  if (!name) return 1;
  const v = runningView(k.c, pod, name);
  if (!v) {
    err(k, `error: unable to upgrade connection: container ${name} not found in pod ${pod.metadata.name}_${pod.metadata.namespace}\n`);
    return 1;
  }
  let tty = flagBool(f, 'tty');
  if (tty && !v.ctr.tty) {
    err(k, `error: Unable to use a TTY - container ${name} did not allocate one\n`);
    tty = false;
  } else if (!tty && v.ctr.tty) tty = true; // a container with a terminal is always attached with one
  const restart = (pod.spec as unknown as PodSpec).restartPolicy ?? 'Always';
  return attachTo(k, pod, v, { stdin: flagBool(f, 'stdin'), tty, rm: false, waitExit: false, restart });
}

/**
 * Connects to a running container's main process: a shell waiting on stdin takes the
 * learner's input (as the session's shell with a terminal), anything else has its output
 * streamed until it exits. Shared by `kubectl attach` and `kubectl run -i`.
 */
export async function attachTo(k: K, pod: KubeObject, v: View, o: { stdin: boolean; tty: boolean; rm: boolean; waitExit: boolean; restart: string }): Promise<number> {
  const ctx = k.ctx;
  const quiet = flagBool(k.f, 'quiet');
  let tty = o.stdin && o.tty;
  if (tty && !ctx.tty) {
    if (!quiet) err(k, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  if (o.stdin && !quiet) err(k, "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n");
  const main = argvOf(v.ctr, v.info);
  const mainShell = !!v.ctr.stdin && o.stdin && main.length === 1 && SHELLS.includes(main[0]!.split('/').pop()!);
  const end: SessionEnd = { cluster: k.c.s.name, namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, uid: pod.metadata.uid, container: v.ctr.name, mainShell, resume: tty && o.restart === 'Always', waitExit: o.waitExit, rm: o.rm };
  if (mainShell) {
    const r = await runInContainer(k, v, main, { stdin: true, tty, main: true });
    if ('notFound' in r) return notFoundError(k, r.notFound);
    if (r.opened !== undefined) {
      whenShellExits(ctx.world, r.opened, 'kubectl-attach', end);
      return 0;
    }
    return sessionEnded(ctx.world, end, r.code, ctx);
  }
  await followContainer(k, pod, v.ctr.name);
  return sessionEnded(ctx.world, end, 0, ctx);
}

/**
 * After a session with the main process: the process ends with the session's status when the
 * session was its stdin; then kubectl's closing texts and `--rm`. Returns kubectl's exit code.
 */
export function sessionEnded(world: World, end: SessionEnd, status: number, out: { stdout: Output; stderr: Output }): number {
  const c = getCluster(world, end.cluster);
  const find = () => {
    const p = c && getObject(c, rt('pods'), end.namespace, end.pod);
    return p?.metadata.uid === end.uid ? p : undefined;
  };
  const pod = find();
  if (c && pod && end.mainShell) {
    endMainProcess(c, pod, end.container, status);
    world.reconcile();
  }
  if (end.resume) out.stdout.write(`Session ended, resume using 'kubectl attach ${end.pod} -c ${end.container} -i -t' command when the pod is running\n`);
  let code = 0;
  let failure = '';
  const done = find();
  if (end.waitExit && done?.status?.phase === 'Failed') {
    const t = ((done.status.containerStatuses ?? []) as { state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }[])[0]?.state?.terminated;
    code = t?.exitCode || 1;
    failure = t?.exitCode ? `pod ${end.namespace}/${end.pod} terminated (${t.reason ?? 'Error'})\n${t.message ?? ''}` : `pod ${end.namespace}/${end.pod} failed with unknown exit code`;
  }
  if (end.rm && c && done) {
    deleteObject(c, rt('pods'), done);
    out.stdout.write(deletedLine(rt('pods'), done, false));
  }
  if (failure) out.stderr.write(failure.endsWith('\n') ? failure : `${failure}\n`);
  return code;
}

onShellExit('kubectl-attach', (world, data, status, out) => sessionEnded(world, data as SessionEnd, status, out));
onShellExit('kubectl-exec', (_world, _data, status, out) => {
  if (status !== 0) out.stderr.write(`command terminated with exit code ${status}\n`);
  return status;
});
