/**
 * Scripted events on the virtual clock (`hatchway sim ...`, and what a lab's setup
 * schedules): stop or start a node's machine, crash a pod's container.
 */
import type { System, World } from '../world.ts';
import { setMachine } from './controllers/node-lifecycle.ts';
import { crashPod } from './kubelet.ts';
import { rt } from './resources.ts';
import { allClusters, getObject, requeueAt, type Cluster } from './store.ts';

export type SimAction = 'node-stop' | 'node-start' | 'crash';

/** Performs a scripted event now. Returns an error message, or undefined on success. */
export function runSimAction(c: Cluster, action: string, args: string[]): string | undefined {
  if (action === 'node-stop' || action === 'node-start') {
    const node = args[0] ?? '';
    if (!getObject(c, rt('nodes'), undefined, node)) return `node "${node}" not found`;
    setMachine(c, node, action === 'node-start');
    return undefined;
  }
  if (action === 'crash') {
    const [ns, name] = (args[0] ?? '').includes('/') ? (args[0]!.split('/') as [string, string]) : [args[1] ?? 'default', args[0] ?? ''];
    const pod = getObject(c, rt('pods'), ns, name);
    if (!pod) return `pod "${name}" not found in namespace "${ns}"`;
    if (!crashPod(c, pod, Number(args[2] ?? 1))) return `pod "${name}" has no running container to crash`;
    return undefined;
  }
  return `unknown action "${action}"`;
}

/** Schedules an event `delayMs` from now (a lab's setup uses this for "node01 fails at t+30s"). */
export function scheduleSim(c: Cluster, delayMs: number, action: SimAction, args: string[]): void {
  const at = c.world.now + delayMs;
  c.s.sim.push({ at, action, args });
  c.s.sim.sort((a, b) => a.at - b.at);
  requeueAt(c, 'sim', String(at), at);
}

export const simEvents: System = {
  name: 'sim-events',
  nextWake(world: World) {
    let best: number | undefined;
    for (const c of allClusters(world)) if (c.s.sim.length && (best === undefined || c.s.sim[0]!.at < best)) best = c.s.sim[0]!.at;
    return best;
  },
  tick(world: World) {
    let changed = false;
    for (const c of allClusters(world)) {
      while (c.s.sim.length && c.s.sim[0]!.at <= world.now) {
        const ev = c.s.sim.shift()!;
        runSimAction(c, ev.action, ev.args);
        changed = true;
      }
      delete c.s.queues.sim;
    }
    return changed;
  },
};
