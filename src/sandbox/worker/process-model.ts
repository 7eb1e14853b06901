/**
 * The Linux host as the process view draws it: every process with its parent, user,
 * cgroup and the namespaces where it differs from the host, plus the cgroup hierarchy
 * with its controllers and limits. Read from the kernel's state; nothing is computed twice.
 */
import { INITIAL_NS, NS_TYPES } from '../../engine/kernel/process.ts';
import { linux } from '../../engine/kernel/state.ts';
import { users } from '../../engine/kernel/users.ts';
import type { World } from '../../engine/world.ts';
import type { CgroupView, ProcessModel, ProcessView } from '../features/cluster-view/model.ts';

export const MAX_VIEW_PROCS = 400;
const MAX_VIEW_CGROUPS = 200;

function bytes(n: number): string {
  for (const [unit, size] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]] as const) if (n >= size && n % size === 0) return `${n / size}${unit}`;
  return String(n);
}

export function processModel(world: World): ProcessModel {
  let names: Map<number, string>;
  try {
    names = new Map(users(world.state.fs).map((u) => [u.uid, u.name]));
  } catch {
    names = new Map();
  }
  const all = Object.values(world.state.procs.procs).filter((p) => p.state !== 'Z');
  all.sort((a, b) => a.pid - b.pid);
  const shown = all.slice(0, MAX_VIEW_PROCS);
  const procs: ProcessView[] = shown.map((p) => {
    const ns: Record<string, number> = {};
    for (const t of NS_TYPES) if (p.ns[t] !== INITIAL_NS[t]) ns[t] = p.ns[t];
    return { pid: p.pid, ppid: p.ppid, comm: p.comm, user: names.get(p.uid) ?? String(p.uid), state: p.state, cgroup: p.cgroup, ns };
  });
  const counts = new Map<string, number>();
  for (const p of all) counts.set(p.cgroup, (counts.get(p.cgroup) ?? 0) + 1);
  const cgroups: CgroupView[] = Object.entries(linux(world).cgroups)
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, MAX_VIEW_CGROUPS)
    .map(([path, cg]) => {
      const limits: string[] = [];
      if (cg.memMax !== null) limits.push(`memory.max ${bytes(cg.memMax)}`);
      if (cg.cpuQuota !== null) limits.push(`cpu.max ${cg.cpuQuota} ${cg.cpuPeriod}`);
      if (cg.pidsMax !== null) limits.push(`pids.max ${cg.pidsMax}`);
      if (cg.frozen) limits.push('frozen');
      return { path, procs: counts.get(path) ?? 0, controllers: [...cg.subtree], limits };
    });
  return { kind: 'procs', procs, cgroups, omitted: all.length - shown.length };
}
