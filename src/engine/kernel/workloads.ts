/**
 * Processes over time: fork with the cgroup pids rule, background workloads that end on
 * their own (`sleep 30 &`, `stress --timeout`), and the system that reaps them and keeps
 * CPU accounting current as the virtual clock moves.
 */
import type { System, World } from '../world.ts';
import { accountCpu, checkFork, notePeaks } from './cgroup.ts';
import { reap, spawn, type Process } from './process.ts';
import { linux } from './state.ts';

/**
 * fork(2)+exec as the kernel decides it: refused with EAGAIN at a pids.max, with ENOMEM in a
 * pid namespace whose init has exited, or at the host's process limit.
 */
export function fork(world: World, parent: Process | undefined, init: Partial<Process> & { comm: string; argv: string[] }): Process {
  const cgroup = init.cgroup ?? parent?.cgroup ?? '/';
  checkFork(world, cgroup);
  accountCpu(world);
  const child = spawn(world.state.procs, parent, init, world.now);
  notePeaks(world, child.cgroup);
  return child;
}

/** A process ends: it leaves the table and its job (if any) becomes Done or Exit N. */
export function exitProcess(world: World, pid: number, status: number): void {
  const st = linux(world);
  for (const job of st.jobs) {
    if (job.pid === pid && job.state === 'Running') {
      job.state = status === 0 ? 'Done' : 'Exit';
      job.status = status;
    }
  }
  for (const child of Object.values(world.state.procs.procs)) if (child.ppid === pid) child.ppid = 1;
  reap(world.state.procs, pid);
  delete world.state.shells[pid];
}

export const workloadSystem: System = {
  name: 'workloads',
  nextWake(world) {
    let best: number | undefined;
    const procs = Object.values(world.state.procs.procs);
    if (procs.some((p) => p.workload?.kind === 'parent' && !procs.some((c) => c.ppid === p.pid))) return world.now;
    for (const p of Object.values(world.state.procs.procs)) {
      const u = p.workload?.until;
      if (u !== undefined && (best === undefined || u < best)) best = u;
    }
    return best;
  },
  tick(world) {
    accountCpu(world);
    let changed = false;
    for (const p of Object.values(world.state.procs.procs)) {
      const u = p.workload?.until;
      if (u !== undefined && u <= world.now) {
        exitProcess(world, p.pid, p.workload?.exitCode ?? 0);
        changed = true;
      }
    }
    // A process that only waited for a background child ends when the child is gone.
    for (const p of Object.values(world.state.procs.procs)) {
      if (p.workload?.kind !== 'parent') continue;
      if (!Object.values(world.state.procs.procs).some((c) => c.ppid === p.pid)) {
        exitProcess(world, p.pid, 0);
        changed = true;
      }
    }
    // Jobs whose process vanished some other way (killed, its pid namespace died).
    for (const job of linux(world).jobs) {
      if (job.state === 'Running' && !world.state.procs.procs[job.pid]) {
        job.state = 'Killed';
        job.status = 137;
        changed = true;
      }
    }
    return changed;
  },
};
