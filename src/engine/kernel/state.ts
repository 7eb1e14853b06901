/**
 * The kernel's state beyond files and processes: namespaces, cgroups, network namespaces and
 * background jobs. It lives in `world.state.ext.linux` (plain JSON) so it snapshots with the world.
 */
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import type { NsType } from './process.ts';

export interface NsRecord {
  type: NsType;
  ino: number;
  /** The user namespace that owns it (whose root may administer it). */
  owner: number;
  /** user and pid namespaces nest. */
  parent?: number;
  /** user: `/proc/PID/uid_map` lines as [inside, outside, count]. */
  uidMap?: [number, number, number][];
  gidMap?: [number, number, number][];
  /** cgroup: the cgroup path that is `/` inside. */
  cgroupRoot?: string;
  /** Host pid of the process that created it (lsns shows the lowest pid still inside). */
  creator?: number;
}

export interface CgroupCpuStat {
  usage: number;
  user: number;
  system: number;
  periods: number;
  throttled: number;
  throttledUsec: number;
}

export interface Cgroup {
  /** Controllers enabled for children (cgroup.subtree_control). */
  subtree: string[];
  /** Bytes, or null for `max`. */
  memMax: number | null;
  memHigh: number | null;
  memLow: number;
  memMin: number;
  memPeak: number;
  /** cpu.max: quota in µs or null for `max`, and the period. */
  cpuQuota: number | null;
  cpuPeriod: number;
  cpuWeight: number;
  pidsMax: number | null;
  pidsPeak: number;
  /** memory.events counters of this cgroup alone (memory.events sums the subtree). */
  memEvents: { low: number; high: number; max: number; oom: number; oom_kill: number; oom_group_kill: number };
  /** pids.events `max`: forks refused because of this cgroup's pids.max. */
  pidsEvents: number;
  cpu: CgroupCpuStat;
  frozen: boolean;
  created: number;
}

export interface NetLink {
  ifindex: number;
  name: string;
  type: 'loopback' | 'veth' | 'ether' | 'bridge';
  mac: string;
  mtu: number;
  up: boolean;
  /** `10.0.0.1/24` */
  addrs: string[];
  /** veth: the other end (netns inode and ifindex). */
  peer?: { ns: number; ifindex: number };
  /** Bridge this link is enslaved to (ifindex in the same namespace). */
  master?: number;
}

export interface NetNs {
  links: NetLink[];
  nextIfindex: number;
}

export interface Job {
  /** The shell that started it. */
  shell: number;
  id: number;
  pid: number;
  command: string;
  state: 'Running' | 'Done' | 'Killed' | 'Terminated' | 'Exit';
  status?: number;
  /** Already reported as finished. */
  reported?: boolean;
}

export interface LinuxState {
  ns: Dict<NsRecord>;
  nextNs: number;
  cgroups: Dict<Cgroup>;
  /** Virtual ms up to which CPU time has been accounted. */
  cpuAccountedAt: number;
  net: Dict<NetNs>;
  /** `ip netns add NAME`: name → net namespace inode. */
  netnsNames: Dict<number>;
  jobs: Job[];
  /** Host pid → exit status of processes killed by a signal, for the shell's `Killed` line. */
  killed: Dict<number>;
}

declare module '../world.ts' {
  interface WorldExtensions {
    linux: LinuxState;
  }
}

/** The kernel state, created on first use (a world from an older snapshot gets the defaults). */
export function linux(world: World): LinuxState {
  return (world.state.ext.linux ??= {
    ns: dict(),
    nextNs: 4026532177,
    cgroups: dict(),
    cpuAccountedAt: world.now,
    net: dict(),
    netnsNames: dict(),
    jobs: [],
    killed: dict(),
  });
}
