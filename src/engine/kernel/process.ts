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
  workload?: { kind: string; memBytes?: number; cpuMillis?: number; until?: number };
}

export interface ProcessTable {
  procs: Dict<Process>;
  nextPid: number;
  /** Next pid per pid namespace (ns inode → next pid). */
  nsNextPid: Dict<number>;
}

export function createProcessTable(): ProcessTable {
  return { procs: dict(), nextPid: 1, nsNextPid: dict() };
}

export function getProcess(t: ProcessTable, pid: number): Process | undefined {
  return t.procs[pid];
}

/** fork(2)+exec: a child that inherits everything from its parent unless overridden. */
export function spawn(t: ProcessTable, parent: Process | undefined, init: Partial<Process> & { comm: string; argv: string[] }, now: number): Process {
  if (Object.keys(t.procs).length >= LIMITS.processes) throw new SysError('EAGAIN');
  const pid = t.nextPid++;
  const ns = { ...(init.ns ?? parent?.ns ?? INITIAL_NS) };
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
  // A pid namespace other than the host's numbers its processes from 1.
  if (ns.pid !== INITIAL_NS.pid) {
    const next = t.nsNextPid[ns.pid] ?? 1;
    proc.nsPids[ns.pid] = next;
    t.nsNextPid[ns.pid] = next + 1;
  }
  t.procs[pid] = proc;
  return proc;
}

export function reap(t: ProcessTable, pid: number): void {
  delete t.procs[pid];
}

/** The pid of `proc` as seen from pid namespace `ns` (the host's by default). */
export function pidIn(proc: Process, ns: number = INITIAL_NS.pid): number | undefined {
  if (ns === INITIAL_NS.pid) return proc.pid;
  return proc.nsPids[ns];
}

export function children(t: ProcessTable, pid: number): Process[] {
  return Object.values(t.procs).filter((p) => p.ppid === pid);
}
