/**
 * The daemon's clock-driven side: OOM kills when a workload exceeds memory.max, sleeps and
 * stress timeouts that end, and interactive containers whose shell the learner exited.
 */
import type { System, World } from '../world.ts';
import { finish, log } from './containers.ts';
import { docker } from './state.ts';

export const dockerd: System = {
  name: 'dockerd',
  nextWake(world: World) {
    const st = world.state.ext.docker;
    if (!st) return undefined;
    let best: number | undefined;
    for (const c of Object.values(st.containers)) {
      if (c.state.status !== 'running') continue;
      if (c.workload?.at !== undefined) best = best === undefined ? c.workload.at : Math.min(best, c.workload.at);
      else if (!c.workload && c.state.pid && !world.state.procs.procs[c.state.pid]) best = world.now;
    }
    return best;
  },
  tick(world: World) {
    let changed = false;
    for (const c of Object.values(docker(world).containers)) {
      if (c.state.status !== 'running') continue;
      const w = c.workload;
      if (!w) {
        if (c.state.pid && !world.state.procs.procs[c.state.pid]) {
          finish(world, c, world.state.shells[c.state.pid]?.status ?? 0);
          changed = true;
        }
        continue;
      }
      if (w.at === undefined || w.at > world.now) continue;
      if (w.then === 'oom') {
        // The kernel kills the vm worker (not PID 1); stress sees it die and gives up.
        log(world, c, 'stderr', 'stress: FAIL: [1] (415) <-- worker 7 got signal 9\nstress: WARN: [1] (417) now reaping child worker processes\nstress: FAIL: [1] (451) failed run completed in 0s');
        c.oomKills = (c.oomKills ?? 0) + 1;
        finish(world, c, 1, { oom: true });
      } else {
        if (w.kind === 'stress') log(world, c, 'stdout', `stress: info: [1] successful run completed in ${Math.round((world.now - (c.state.startedAt ?? world.now)) / 1000)}s`);
        finish(world, c, 0);
      }
      changed = true;
    }
    return changed;
  },
};
