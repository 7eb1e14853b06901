/** The DaemonSet controller: one pod per eligible node, placed through the scheduler, with rolling updates. */
import { jsonEqual } from '../../util/json-equal.ts';
import { LIMITS } from '../../limits.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { tolerates } from '../scheduler/plugins.ts';
import { deleteObject, dependents, enqueue, getObject, keyOf, listObjects, onChange, updateObject, type Cluster } from '../store.ts';
import type { KubeObject, PodSpec, Taint } from '../types.ts';
import { podTemplateHash } from './deployment.ts';
import { controllerRef, controllerSystem, createPodFromTemplate, enqueueOwner, isAvailable, isReady, splitKey } from './util.ts';

const QUEUE = 'daemonset';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'daemonsets') enqueue(c, QUEUE, key);
  else if (plural === 'pods') enqueueOwner(c, obj, 'DaemonSet', QUEUE);
  else if (plural === 'nodes') for (const ds of listObjects(c, rt('daemonsets'))) enqueue(c, QUEUE, keyOf(ds));
});

/** Tolerations every daemon pod gets (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

function shouldRun(node: KubeObject, spec: PodSpec): boolean {
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
  const tols = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  if (!taints.every((t) => tolerates(tols, t))) return false;
  const sel = spec.nodeSelector ?? {};
  return Object.keys(sel).every((k) => node.metadata.labels?.[k] === sel[k]);
}

export function syncDaemonSet(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const ds = getObject(c, rt('daemonsets'), ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return false;
  const before = c.s.resourceVersion;
  const spec = ds.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec }; updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number } }; minReadySeconds?: number };
  const hash = podTemplateHash(spec.template);
  const pods = dependents(c, ds.metadata.uid, 'pods').filter((p) => controllerRef(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp);
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const target = daemonTarget(p);
    if (!target) continue;
    const list = byNode.get(target) ?? [];
    list.push(p);
    byNode.set(target, list);
  }
  const nodes = listObjects(c, rt('nodes'));
  let desired = 0;
  let misscheduled = 0;
  let created = 0;
  for (const node of nodes) {
    const run = shouldRun(node, spec.template.spec);
    const mine = byNode.get(node.metadata.name) ?? [];
    if (run) desired++;
    if (run && mine.length === 0 && created < LIMITS.controllerBurst) {
      created++;
      const template = { metadata: { ...spec.template.metadata, labels: { ...(spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) } }, spec: spec.template.spec };
      createPodFromTemplate(c, ds, template, `${ds.metadata.name}-`, 'daemonset-controller', {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] }] } } },
        tolerations: [...(spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS],
      });
    } else if (!run && mine.length) {
      misscheduled++;
      for (const p of mine) {
        deleteObject(c, rt('pods'), p);
        recordEvent(c, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
      }
    }
  }
  // Rolling update: replace outdated pods, at most maxUnavailable unavailable at a time.
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const maxUnavailable = Number(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1) || 1;
    let unavailable = pods.filter((p) => !isAvailable(c, p, spec.minReadySeconds ?? 0)).length;
    for (const p of pods) {
      if (unavailable >= maxUnavailable) break;
      if (p.metadata.labels?.['controller-revision-hash'] === hash) continue;
      deleteObject(c, rt('pods'), p);
      recordEvent(c, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
      unavailable++;
    }
  }
  const live = dependents(c, ds.metadata.uid, 'pods').filter((p) => controllerRef(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp);
  const scheduled = live.filter((p) => (p.spec as { nodeName?: string }).nodeName);
  const status: Record<string, unknown> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: desired,
    numberAvailable: live.filter((p) => isAvailable(c, p, spec.minReadySeconds ?? 0)).length,
    numberMisscheduled: misscheduled,
    numberReady: live.filter(isReady).length,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
  };
  const unavailable = desired - Number(status.numberAvailable);
  if (unavailable > 0) status.numberUnavailable = unavailable;
  if (!status.numberAvailable) delete status.numberAvailable;
  if (!jsonEqual(status, ds.status ?? {})) {
    ds.status = status;
    updateObject(c, rt('daemonsets'), ds);
  }
  return c.s.resourceVersion !== before;
}

/** The node a daemon pod is meant for (its matchFields term), or where it runs. */
function daemonTarget(pod: KubeObject): string | undefined {
  const terms = ((pod.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] } } } }).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []);
  return terms[0]?.matchFields?.[0]?.values?.[0] ?? (pod.spec as { nodeName?: string }).nodeName;
}

export const daemonSetController = controllerSystem('daemonset-controller', QUEUE, syncDaemonSet);
