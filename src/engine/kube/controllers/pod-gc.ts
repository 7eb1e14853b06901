/**
 * The pod garbage collector of kube-controller-manager (pkg/controller/podgc): a pod bound
 * to a node that no longer exists is orphaned. After the quarantine (40 s, in case the node
 * comes back), it is marked Failed with a DisruptionTarget condition and deleted at once
 * (grace period 0, as no kubelet is left to finish it), so its controller makes a replacement.
 */
import { rfc3339 } from '../../clock.ts';
import { rt } from '../resources.ts';
import { getObject, onChange, podsOnNode, removeObject, requeueAt, updateObject, type Cluster } from '../store.ts';
import type { PodSpec } from '../types.ts';
import { controllerSystem, isTerminal } from './util.ts';

const QUEUE = 'pod-gc';
/** podgc's quarantineTime: how long a node must stay gone before its pods are collected. */
export const QUARANTINE_MS = 40_000;

onChange((c, plural, obj, kind) => {
  if (plural === 'nodes' && kind === 'deleted') requeueAt(c, QUEUE, obj.metadata.name, c.world.now + QUARANTINE_MS);
  else if (plural === 'pods' && kind === 'added') {
    // A pod created already bound (spec.nodeName) to a node that does not exist is orphaned too.
    const node = (obj.spec as unknown as PodSpec | undefined)?.nodeName;
    if (node && !getObject(c, rt('nodes'), undefined, node)) requeueAt(c, QUEUE, node, c.world.now + QUARANTINE_MS);
  }
});

export function collectOrphans(c: Cluster, node: string): boolean {
  if (getObject(c, rt('nodes'), undefined, node)) return false;
  const pods = podsOnNode(c, node);
  if (!pods.length) return false;
  const podType = rt('pods');
  const now = rfc3339(c.world.state.clock);
  for (const pod of pods) {
    if (!isTerminal(pod)) {
      const status = (pod.status ??= {}) as Record<string, unknown>;
      status.phase = 'Failed';
      const conditions = ((status.conditions ?? []) as { type: string }[]).filter((x) => x.type !== 'DisruptionTarget');
      conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' } as { type: string });
      status.conditions = conditions;
      updateObject(c, podType, pod);
    }
    delete c.s.runtime[pod.metadata.uid];
    removeObject(c, podType, pod);
  }
  return true;
}

export const podGarbageCollector = controllerSystem('pod-garbage-collector', QUEUE, collectOrphans);
