/**
 * Scheduling and the kubelet, at their simplest: a new pod is bound to the least busy
 * untainted node, shows ContainerCreating while its image is pulled, then runs.
 */
import { rfc3339 } from '../clock.ts';
import type { System, World } from '../world.ts';
import { findResource } from './resources.ts';
import { kube, listObjects, updateObject } from './store.ts';
import type { KubeObject } from './types.ts';

/** How long a pull takes before the container starts (virtual ms). */
export const PULL_MS = 1500;

interface PodSpec {
  nodeName?: string;
  containers: { name: string; image: string }[];
}

function untaintedNodes(world: World): KubeObject[] {
  return listObjects(world, findResource('nodes')!).filter((n) => !((n.spec?.taints as unknown[] | undefined)?.length));
}

function podIp(world: World, node: KubeObject, index: number): string {
  const nodes = listObjects(world, findResource('nodes')!);
  return `192.168.${nodes.indexOf(node) + 1}.${(index % 250) + 4}`;
}

export const podLifecycle: System = {
  name: 'pod-lifecycle',
  nextWake(world) {
    const k = kube(world);
    let best: number | undefined;
    for (const pod of listObjects(world, findResource('pods')!)) {
      if (!(pod.spec as unknown as PodSpec).nodeName) return world.now;
      const t = k.timers[`kubelet/${pod.metadata.uid}`];
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  },
  tick(world) {
    const k = kube(world);
    const podType = findResource('pods')!;
    let changed = false;
    const pods = listObjects(world, podType);
    for (const pod of pods) {
      const spec = pod.spec as unknown as PodSpec;
      const now = rfc3339(world.state.clock);
      if (!spec.nodeName) {
        const nodes = untaintedNodes(world);
        const load = (n: KubeObject) => pods.filter((p) => (p.spec as unknown as PodSpec).nodeName === n.metadata.name).length;
        const node = nodes.sort((a, b) => load(a) - load(b) || a.metadata.name.localeCompare(b.metadata.name))[0];
        if (!node) continue;
        spec.nodeName = node.metadata.name;
        pod.status = {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now }],
          hostIP: (node.status!.addresses as { address: string }[])[0]!.address,
          startTime: now,
          containerStatuses: spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } })),
        };
        k.timers[`kubelet/${pod.metadata.uid}`] = world.now + PULL_MS;
        updateObject(world, podType, pod);
        changed = true;
        continue;
      }
      const key = `kubelet/${pod.metadata.uid}`;
      const due = k.timers[key];
      if (due !== undefined && due <= world.now) {
        delete k.timers[key];
        const node = listObjects(world, findResource('nodes')!).find((n) => n.metadata.name === spec.nodeName)!;
        pod.status = {
          ...pod.status,
          phase: 'Running',
          podIP: podIp(world, node, Number(pod.metadata.resourceVersion)),
          conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
          containerStatuses: spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: `docker.io/library/${c.image}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
        };
        updateObject(world, podType, pod);
        changed = true;
      }
    }
    return changed;
  },
};
