/**
 * cgroup v2: the unified hierarchy, its controllers (memory, cpu, pids), the "no internal
 * processes" rule, and the accounting that simulated workloads drive (memory charge and
 * OOM kills, CPU time and throttling under cpu.max, fork refusal at pids.max).
 * Semantics follow Documentation/admin-guide/cgroup-v2.rst.
 */
import { LIMITS } from '../limits.ts';
import { dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { SysError } from './errors.ts';
import { reap, type Process } from './process.ts';
import { linux, type Cgroup } from './state.ts';

/** Controllers the (simulated) kernel offers, in the order cgroup.controllers lists them. */
export const ALL_CONTROLLERS = ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma', 'misc'] as const;
/** Host CPUs (nproc). */
export const NCPU = 2;
/** Host memory: 4 GiB. */
export const MEM_TOTAL = 4 * 1024 * 1024 * 1024;
export const PAGE = 4096;
/** What an idle process (a shell, init) is charged: a few pages of stack and page tables. */
export const BASE_CHARGE = 66 * PAGE;

export const LOGIN_CGROUP = '/user.slice/user-1000.slice/session-1.scope';

export function newCgroup(now: number): Cgroup {
  return {
    subtree: [],
    memMax: null,
    memHigh: null,
    memLow: 0,
    memMin: 0,
    memPeak: 0,
    cpuQuota: null,
    cpuPeriod: 100000,
    cpuWeight: 100,
    pidsMax: null,
    pidsPeak: 0,
    memEvents: { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 },
    pidsEvents: 0,
    cpu: { usage: 0, user: 0, system: 0, periods: 0, throttled: 0, throttledUsec: 0 },
    frozen: false,
    created: now,
  };
}

/** The hierarchy a systemd host starts with. */
export function setupCgroups(world: World): void {
  const cg = linux(world).cgroups;
  const root = newCgroup(world.now);
  root.subtree = ['cpuset', 'cpu', 'io', 'memory', 'pids'];
  cg['/'] = root;
  for (const p of ['/init.scope', '/system.slice', '/user.slice', '/user.slice/user-1000.slice', LOGIN_CGROUP]) cg[p] = newCgroup(world.now);
  for (const p of ['/system.slice', '/user.slice', '/user.slice/user-1000.slice']) cg[p]!.subtree = ['cpu', 'memory', 'pids'];
}

export function getCgroup(world: World, path: string): Cgroup | undefined {
  return linux(world).cgroups[path];
}

export function parentOf(path: string): string | undefined {
  if (path === '/') return undefined;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function joinCg(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** Direct child cgroup names, sorted. */
export function childNames(world: World, path: string): string[] {
  const prefix = path === '/' ? '/' : path + '/';
  return Object.keys(linux(world).cgroups)
    .filter((p) => p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .map((p) => p.slice(prefix.length))
    .sort();
}

function inSubtree(path: string, cg: string): boolean {
  return path === cg || cg === '/' || path.startsWith(cg + '/');
}

/** Processes whose cgroup is exactly `path` (or anywhere below it with `recursive`). */
export function procsIn(world: World, path: string, recursive = false): Process[] {
  return Object.values(world.state.procs.procs).filter((p) => (recursive ? inSubtree(p.cgroup, path) : p.cgroup === path));
}

/** cgroup.controllers: what the parent's subtree_control enabled (everything at the root). */
export function controllersOf(world: World, path: string): string[] {
  const parent = parentOf(path);
  if (parent === undefined) return [...ALL_CONTROLLERS];
  return getCgroup(world, parent)?.subtree ?? [];
}

export function chargeOf(p: Process): number {
  return (p.workload?.memBytes ?? 0) + BASE_CHARGE;
}

export function memoryCurrent(world: World, path: string): number {
  return procsIn(world, path, true).reduce((sum, p) => sum + chargeOf(p), 0);
}

/** Ancestors from `path` up to (not including) the root, nearest first. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p: string | undefined = path; p && p !== '/'; p = parentOf(p)) out.push(p);
  return out;
}

/**
 * May a process in cgroup `path` fork? A pids.max anywhere up the tree refuses with EAGAIN
 * and counts the refusal in that cgroup's pids.events.
 */
export function checkFork(world: World, path: string): void {
  for (const a of ancestors(path)) {
    const cg = getCgroup(world, a);
    if (cg?.pidsMax === null || cg === undefined) continue;
    if (procsIn(world, a, true).length >= cg.pidsMax) {
      cg.pidsEvents++;
      throw new SysError('EAGAIN');
    }
  }
}

/** Records peaks after a fork or an allocation. */
export function notePeaks(world: World, path: string): void {
  for (const a of ancestors(path)) {
    const cg = getCgroup(world, a);
    if (!cg) continue;
    cg.pidsPeak = Math.max(cg.pidsPeak, procsIn(world, a, true).length);
    cg.memPeak = Math.max(cg.memPeak, memoryCurrent(world, a));
  }
}

/** The nearest cgroup (from `path` upward) whose memory.max the usage exceeds. */
export function overLimit(world: World, path: string): string | undefined {
  for (const a of ancestors(path)) {
    const cg = getCgroup(world, a);
    if (cg?.memMax !== null && cg !== undefined && memoryCurrent(world, a) > cg.memMax) return a;
  }
  return undefined;
}

/**
 * Charges `bytes` more to `proc`. Past memory.max the OOM killer picks the process (the
 * allocating one, which holds the most) and the cgroup's max/oom/oom_kill events rise.
 * Returns false when the process was killed.
 */
export function allocate(world: World, proc: Process, bytes: number): boolean {
  proc.workload = { ...(proc.workload ?? { kind: proc.comm }), memBytes: (proc.workload?.memBytes ?? 0) + bytes };
  const hit = overLimit(world, proc.cgroup);
  if (!hit) {
    notePeaks(world, proc.cgroup);
    return true;
  }
  const ev = getCgroup(world, hit)!.memEvents;
  ev.max++;
  ev.oom++;
  ev.oom_kill++;
  const cg = getCgroup(world, hit)!;
  cg.memPeak = Math.max(cg.memPeak, cg.memMax ?? 0);
  killProcess(world, proc.pid, 9);
  return false;
}

/** After memory.max is lowered: OOM-kill the largest workloads until the usage fits. */
export function enforceMemory(world: World, path: string): void {
  const cg = getCgroup(world, path);
  if (!cg || cg.memMax === null) return;
  for (let i = 0; i < LIMITS.processes && memoryCurrent(world, path) > cg.memMax; i++) {
    const victim = procsIn(world, path, true)
      .filter((p) => p.workload?.memBytes)
      .sort((a, b) => (b.workload!.memBytes ?? 0) - (a.workload!.memBytes ?? 0))[0];
    if (!victim) break;
    cg.memEvents.max++;
    cg.memEvents.oom++;
    cg.memEvents.oom_kill++;
    killProcess(world, victim.pid, 9);
  }
}

/**
 * Kills a process with a signal: it leaves the table, its children are re-parented to init,
 * and a background job that ran it is marked Killed. Foreground shells read `killed` to print
 * `Killed` and set $? to 128+signal.
 */
export function killProcess(world: World, pid: number, signal: number): void {
  const st = linux(world);
  const procs = world.state.procs;
  const victim = procs.procs[pid];
  if (!victim) return;
  st.killed[pid] = signal;
  for (const job of st.jobs) if (job.pid === pid && job.state === 'Running') {
    job.state = signal === 9 ? 'Killed' : signal === 15 ? 'Terminated' : 'Exit';
    job.status = 128 + signal;
  }
  for (const child of Object.values(procs.procs)) {
    if (child.ppid !== pid) continue;
    if (child.workload?.dieWithParent) killProcess(world, child.pid, signal);
    else child.ppid = 1;
  }
  // reap() also kills the rest of a pid namespace whose init this was.
  reap(procs, pid);
  delete world.state.shells[pid];
}

/** Moves a process into a cgroup (a write to cgroup.procs), applying the v2 rules. */
export function moveProcess(world: World, proc: Process, target: string): void {
  const cg = getCgroup(world, target);
  if (!cg) throw new SysError('ENOENT');
  // "No internal processes": a non-root cgroup that distributes controllers holds no processes.
  if (target !== '/' && cg.subtree.length > 0) throw new SysError('EBUSY');
  accountCpu(world);
  proc.cgroup = target;
  notePeaks(world, target);
  if (overLimit(world, target)) enforceMemory(world, overLimit(world, target)!);
}

/** cgroup.kill: SIGKILL every process in the subtree. */
export function killCgroup(world: World, path: string): void {
  for (const p of procsIn(world, path, true)) killProcess(world, p.pid, 9);
}

export function createCgroup(world: World, path: string): void {
  const cgs = linux(world).cgroups;
  if (cgs[path]) throw new SysError('EEXIST');
  const parent = parentOf(path);
  if (parent === undefined || !cgs[parent]) throw new SysError('ENOENT');
  cgs[path] = newCgroup(world.now);
}

export function removeCgroup(world: World, path: string): void {
  const cgs = linux(world).cgroups;
  if (!cgs[path]) throw new SysError('ENOENT');
  if (path === '/') throw new SysError('EBUSY');
  if (childNames(world, path).length > 0 || procsIn(world, path).length > 0) throw new SysError('EBUSY');
  delete cgs[path];
}

/** CPU demand of a process, in cores. */
export function cpuDemand(p: Process): number {
  if (p.state === 'T' || p.state === 'Z') return 0;
  return p.workload?.cpu ?? (p.workload?.cpuMillis ?? 0) / 1000;
}

/** The CPU cap (cores) of cgroup `a` from its cpu.max, or undefined for `max`. */
function quotaCores(cg: Cgroup): number | undefined {
  return cg.cpuQuota === null ? undefined : cg.cpuQuota / cg.cpuPeriod;
}

/** The rate (cores) each busy process gets right now, after cpu.max caps and the host's CPUs. */
export function cpuRates(world: World): Map<number, number> {
  const rates = new Map<number, number>();
  const busy = Object.values(world.state.procs.procs).filter((p) => cpuDemand(p) > 0);
  const demandIn = dict<number>();
  for (const p of busy) for (const a of ['/', ...ancestors(p.cgroup)]) demandIn[a] = (demandIn[a] ?? 0) + cpuDemand(p);
  let total = 0;
  for (const p of busy) {
    let share = 1;
    for (const a of ancestors(p.cgroup)) {
      const cg = getCgroup(world, a);
      const q = cg ? quotaCores(cg) : undefined;
      if (q !== undefined && demandIn[a]! > q) share = Math.min(share, q / demandIn[a]!);
    }
    const r = cpuDemand(p) * share;
    rates.set(p.pid, r);
    total += r;
  }
  if (total > NCPU) for (const [pid, r] of rates) rates.set(pid, (r * NCPU) / total);
  return rates;
}

/** Integrates CPU use from the last accounting point to now under the current limits. */
export function accountCpu(world: World): void {
  const st = linux(world);
  const dtUs = (world.now - st.cpuAccountedAt) * 1000;
  st.cpuAccountedAt = world.now;
  if (dtUs <= 0) return;
  const rates = cpuRates(world);
  const usedIn = dict<number>();
  const demandIn = dict<number>();
  for (const [pid, rate] of rates) {
    const p = world.state.procs.procs[pid]!;
    p.cpuUsec = (p.cpuUsec ?? 0) + rate * dtUs;
    for (const a of ['/', ...ancestors(p.cgroup)]) {
      usedIn[a] = (usedIn[a] ?? 0) + rate * dtUs;
      demandIn[a] = (demandIn[a] ?? 0) + cpuDemand(p);
    }
  }
  for (const [path, used] of Object.entries(usedIn)) {
    const cg = getCgroup(world, path);
    if (!cg) continue;
    cg.cpu.usage += used;
    cg.cpu.user += used * 0.995;
    cg.cpu.system += used * 0.005;
    const q = quotaCores(cg);
    if (q === undefined || path === '/') continue;
    const periods = Math.floor(dtUs / cg.cpuPeriod);
    cg.cpu.periods += periods;
    if (demandIn[path]! > q) {
      cg.cpu.throttled += periods;
      cg.cpu.throttledUsec += dtUs * (1 - q / demandIn[path]!);
    }
  }
}

/** Parses a memory size the way memory.max accepts it: bytes with an optional K/M/G/T suffix, or `max`. */
export function parseMemory(text: string): number | null | undefined {
  const t = text.trim();
  if (t === 'max') return null;
  const m = /^(\d+)([KkMmGgTt]?)$/.exec(t);
  if (!m) return undefined;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase() as '' | 'k'];
  return Math.ceil((Number(m[1]) * mult) / PAGE) * PAGE;
}
