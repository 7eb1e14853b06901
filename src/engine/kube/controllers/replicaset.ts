/** The ReplicaSet controller: keeps `replicas` active pods matching the template, and reports their readiness. */
import { LIMITS } from '../../limits.ts';
import { deleteObject, dependents, getObject, onChange, podCountOnNode, requeueAt, updateObject, type Cluster } from '../store.ts';
import { recordEvent } from '../events.ts';
import { matchAll, requirementsOf } from '../labels.ts';
import { rt } from '../resources.ts';
import type { KubeObject, LabelSelector } from '../types.ts';
import { controllerRef, controllerSystem, createPodFromTemplate, enqueueOwner, isActive, isAvailable, isReady, readyCondition, setStatus, splitKey } from './util.ts';
import { enqueue } from '../store.ts';

const QUEUE = 'replicaset';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'replicasets') enqueue(c, QUEUE, key);
  else if (plural === 'pods') enqueueOwner(c, obj, 'ReplicaSet', QUEUE);
});

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Which pods go first when scaling down (controller.ActivePodsWithRanks, simplified). */
function deletionOrder(c: Cluster, pods: KubeObject[]): KubeObject[] {
  const node = (p: KubeObject) => (p.spec as { nodeName?: string }).nodeName;
  return [...pods].sort((a, b) => {
    if (!node(a) !== !node(b)) return node(a) ? 1 : -1;
    const pa = PHASE_RANK[String(a.status?.phase)] ?? 0;
    const pb = PHASE_RANK[String(b.status?.phase)] ?? 0;
    if (pa !== pb) return pa - pb;
    if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
    const ca = node(a) ? podCountOnNode(c, node(a)!) : 0;
    const cb = node(b) ? podCountOnNode(c, node(b)!) : 0;
    if (ca !== cb) return cb - ca;
    const ra = readyCondition(a)?.lastTransitionTime ?? '';
    const rb = readyCondition(b)?.lastTransitionTime ?? '';
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? 1 : -1;
  });
}

export function syncReplicaSet(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const type = rt('replicasets');
  const rs = getObject(c, type, ns, name);
  if (!rs || rs.metadata.deletionTimestamp) return false;
  const spec = rs.spec as { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template: { metadata?: { labels?: Record<string, string> } } };
  const active: KubeObject[] = [];
  const uid = rs.metadata.uid;
  for (const p of dependents(c, uid, 'pods')) if (isActive(p) && controllerRef(p)?.uid === uid) active.push(p);
  const want = spec.replicas ?? 1;
  let changed = false;
  if (active.length < want) {
    const n = Math.min(want - active.length, LIMITS.controllerBurst);
    for (let i = 0; i < n; i++) {
      const pod = createPodFromTemplate(c, rs, spec.template, `${rs.metadata.name}-`, 'replicaset-controller');
      if (pod) active.push(pod);
    }
    if (want - active.length > 0) enqueue(c, QUEUE, key);
    changed = true;
  } else if (active.length > want) {
    for (const pod of deletionOrder(c, active).slice(0, active.length - want)) {
      deleteObject(c, rt('pods'), pod);
      recordEvent(c, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
      active.splice(active.indexOf(pod), 1);
    }
    changed = true;
  }
  const minReady = spec.minReadySeconds ?? 0;
  // One pass over the pods for every count (a ReplicaSet may own thousands).
  const labelled = requirementsOf({ matchLabels: spec.template.metadata?.labels });
  let ready = 0;
  let available = 0;
  let fully = 0;
  for (const p of active) {
    if (isReady(p)) {
      ready++;
      if (!minReady || isAvailable(c, p, minReady)) available++;
    }
    if (matchAll(labelled, p.metadata.labels)) fully++;
  }
  if (minReady && available < ready) requeueAt(c, QUEUE, key, c.world.now + 1000);
  const status: Record<string, unknown> = {
    ...(available ? { availableReplicas: available } : {}),
    ...(fully ? { fullyLabeledReplicas: fully } : {}),
    observedGeneration: rs.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: active.length,
  };
  if (setStatus(c, 'replicasets', rs, status, (cl, t, o) => updateObject(cl, t, o))) changed = true;
  return changed;
}

export const replicaSetController = controllerSystem('replicaset-controller', QUEUE, syncReplicaSet);

