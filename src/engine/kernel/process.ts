/**
 * The process table. Every shell and every command that runs is a process with its own
 * credentials, root, cwd, environment, namespaces and cgroup, so `ps`, `/proc` and the
 * container lessons show what a real host would.
 */
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import { SysError } from './errors.ts';

export const NS_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type NsType = (typeof NS_TYPES)[number];
/** Namespace inode numbers by type, e.g. `{ uts: 4026531838, ... }`. */
export type NsSet = Record<NsType, number>;

/** The host's initial namespaces, with the inode numbers a real 6.x kernel shows. */
export const INITIAL_NS: NsSet = {
  cgroup: 4026531835,
  ipc: 4026531839,
  mnt: 4026531832,
  net: 4026531833,
  pid: 4026531836,
  time: 4026531834,
  user: 4026531837,
  uts: 4026531838,
};

export interface Process {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  groups: number[];
  /** Command name (comm), at most 15 chars as in /proc/PID/comm. */
  comm: string;
  argv: string[];
  /** Canonical host paths. */
  cwd: string;
  root: string;
  /** Exported environment. */
  env: Dict<string>;
  ns: NsSet;
  /** cgroup v2 path, e.g. `/user.slice`. */
  cgroup: string;
  /** R running, S sleeping, Z zombie, T stopped. */
  state: 'R' | 'S' | 'Z' | 'T';
  /** Virtual ms when it started. */
  start: number;
  tty: string;
  /** PID as seen inside each pid namespace (ns inode → pid), for nested PID namespaces. */
  nsPids: Dict<number>;
  /** A long-running simulated workload (stress, sleep in background, a container's main process). */
  workload?: Workload;
  /** unshare --pid without --fork: children go into this pid namespace (pid_for_children). */
  pidChildNs?: number;
  /** CPU time used, in microseconds (ps TIME, top TIME+). */
  cpuUsec?: number;
}

/** What a simulated long-running process does; see kernel/workloads.ts. */
export interface Workload {
  kind: string;
  /** Memory it holds, in bytes (charged to its cgroup). */
  memBytes?: number;
  /** CPU it wants, in cores (1 = one busy loop). */
  cpu?: number;
  /** Legacy field some domains use: CPU demand in millicores. */
  cpuMillis?: number;
  /** Virtual ms at which it exits by itself. */
  until?: number;
  /** Exit status when it ends by itself. */
  exitCode?: number;
  /** A helper process (a stress worker) that dies with its parent. */
  dieWithParent?: boolean;
}

/** A pid namespace: its parent, its init (host pid) and whether init has died. */
export interface PidNs {
  parent: number;
  init?: number;
  /** Once init exits no process can be created in it (fork fails with ENOMEM). */
  dead?: boolean;
}

export interface ProcessTable {
  procs: Dict<Process>;
  nextPid: number;
  /** Next pid per pid namespace (ns inode → next pid). */
  nsNextPid: Dict<number>;
  /** Pid namespaces other than the host's, by inode. */
  pidns?: Dict<PidNs>;
}

export function createProcessTable(): ProcessTable {
  return { procs: dict(), nextPid: 1, nsNextPid: dict(), pidns: dict() };
}

/** The pid namespaces from `ns` up to (not including) the host's, innermost first. */
export function pidNsChain(t: ProcessTable, ns: number): number[] {
  const chain: number[] = [];
  for (let cur = ns; cur !== INITIAL_NS.pid && chain.length < 64; ) {
    chain.push(cur);
    const rec = t.pidns?.[cur];
    if (!rec) break;
    cur = rec.parent;
  }
  return chain;
}

export function getProcess(t: ProcessTable, pid: number): Process | undefined {
  return t.procs[pid];
}

/** fork(2)+exec: a child that inherits everything from its parent unless overridden. */
export function spawn(t: ProcessTable, parent: Process | undefined, init: Partial<Process> & { comm: string; argv: string[] }, now: number): Process {
  if (Object.keys(t.procs).length >= LIMITS.processes) throw new SysError('EAGAIN');
  const ns = { ...(init.ns ?? parent?.ns ?? INITIAL_NS) };
  // unshare --pid without --fork: the parent stays, its children enter the new namespace.
  if (!init.ns && parent?.pidChildNs !== undefined) ns.pid = parent.pidChildNs;
  const chain = pidNsChain(t, ns.pid);
  // After a pid namespace's init exits, fork into it fails with ENOMEM (bash: fork: Cannot allocate memory).
  for (const n of chain) if (t.pidns?.[n]?.dead) throw new SysError('ENOMEM');
  const pid = t.nextPid++;
  const proc: Process = {
    pid,
    ppid: parent?.pid ?? 0,
    uid: parent?.uid ?? 0,
    gid: parent?.gid ?? 0,
    groups: [...(parent?.groups ?? [])],
    cwd: parent?.cwd ?? '/',
    root: parent?.root ?? '/',
    env: dict(Object.entries(parent?.env ?? {})),
    cgroup: parent?.cgroup ?? '/',
    state: 'R',
    start: now,
    tty: parent?.tty ?? '?',
    nsPids: dict(),
    ...init,
    ns,
  };
  delete proc.pidChildNs;
  if (init.pidChildNs !== undefined) proc.pidChildNs = init.pidChildNs;
  proc.nsPids = dict();
  // Each pid namespace numbers its processes from 1; a process has a pid in its own and every ancestor.
  for (const n of chain) {
    const next = t.nsNextPid[n] ?? 1;
    proc.nsPids[n] = next;
    t.nsNextPid[n] = next + 1;
    if (next === 1) ((t.pidns ??= dict())[n] ??= { parent: INITIAL_NS.pid }).init = pid;
  }
  t.procs[pid] = proc;
  return proc;
}

/**
 * Removes a process. When it was the init of a pid namespace, the namespace dies and the
 * kernel kills every other process in it, as on Linux.
 */
export function reap(t: ProcessTable, pid: number): void {
  const proc = t.procs[pid];
  delete t.procs[pid];
  if (!proc) return;
  for (const [ns, rec] of Object.entries(t.pidns ?? {})) {
    if (rec.init !== pid) continue;
    rec.dead = true;
    for (const other of Object.values(t.procs)) if (other.nsPids[ns] !== undefined) reap(t, other.pid);
  }
}

/** Registers a new pid namespace under `parent` (unshare --pid, clone(CLONE_NEWPID)). */
export function addPidNs(t: ProcessTable, ns: number, parent: number): void {
  (t.pidns ??= dict())[ns] = { parent };
}

/** The pid of `proc` as seen from pid namespace `ns` (the host's by default). */
export function pidIn(proc: Process, ns: number = INITIAL_NS.pid): number | undefined {
  if (ns === INITIAL_NS.pid) return proc.pid;
  return proc.nsPids[ns];
}

export function children(t: ProcessTable, pid: number): Process[] {
  return Object.values(t.procs).filter((p) => p.ppid === pid);
}
