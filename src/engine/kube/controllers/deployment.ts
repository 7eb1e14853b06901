/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
 * named by the template's hash; rolling updates bounded by maxSurge and maxUnavailable;
 * Recreate; revisions in annotations (so `rollout undo` can bring an old template back);
 * pause/resume; history cleanup; and the status and conditions kubectl reads.
 */
import { rfc3339 } from '../../clock.ts';
import { deepDict } from '../../util/dict.ts';
import { apiCreate } from '../api.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { deleteObject, dependents, enqueue, getObject, keyOf, onChange, requeueAt, updateObject, type Cluster } from '../store.ts';
import type { KubeObject, LabelSelector } from '../types.ts';
import { controllerRef, controllerSystem, enqueueOwner, isActive, ownerRef, splitKey } from './util.ts';

const QUEUE = 'deployment';
export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'deployments') enqueue(c, QUEUE, key);
  else if (plural === 'replicasets') enqueueOwner(c, obj, 'Deployment', QUEUE);
  else if (plural === 'pods' && obj.metadata.deletionTimestamp === undefined && controllerRef(obj)?.kind === 'ReplicaSet') {
    // Recreate waits for old pods to be gone; pod changes reach the deployment through its ReplicaSet.
  }
});

interface DeploySpec {
  replicas?: number;
  selector?: LabelSelector;
  template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  paused?: boolean;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  minReadySeconds?: number;
}

/** FNV-1a over a canonical JSON of the template: the same template always gets the same hash. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * The pod-template-hash label: the hash's decimal digits mapped through rand.SafeEncodeString's
 * alphabet, as ComputeHash does (which is why hashes look like `77d8468669`).
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const h = fnv32a(canonical(template) + (collisionCount ? String(collisionCount) : ''));
  const digits = String(1_000_000_000 + (h % 3_000_000_000));
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...digits].map((d) => alphabet[d.charCodeAt(0) % alphabet.length]).join('');
}

/** maxSurge / maxUnavailable: ints, or percentages of replicas (surge rounds up, unavailable down). */
export function resolveFenceposts(spec: DeploySpec): { surge: number; unavailable: number } {
  const replicas = spec.replicas ?? 1;
  const ru = spec.strategy?.rollingUpdate ?? {};
  const val = (v: number | string | undefined, def: string, up: boolean) => {
    const x = v ?? def;
    if (typeof x === 'number') return x;
    const m = /^(\d+)%$/.exec(x);
    if (!m) return Number(x) || 0;
    const f = (Number(m[1]) * replicas) / 100;
    return up ? Math.ceil(f) : Math.floor(f);
  };
  let surge = val(ru.maxSurge, '25%', true);
  let unavailable = val(ru.maxUnavailable, '25%', false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  if (unavailable > replicas) unavailable = replicas;
  return { surge, unavailable };
}

const rev = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const specReplicas = (rs: KubeObject) => Number((rs.spec as { replicas?: number }).replicas ?? 0);
const st = (rs: KubeObject, f: string) => Number((rs.status as Record<string, number> | undefined)?.[f] ?? 0);

function scaleRs(c: Cluster, d: KubeObject, rs: KubeObject, to: number, spec: DeploySpec, maxSurge: number): void {
  const from = specReplicas(rs);
  const annotations = (rs.metadata.annotations ??= {});
  const desired = String(spec.replicas ?? 1);
  const max = String((spec.replicas ?? 1) + maxSurge);
  if (from === to && annotations['deployment.kubernetes.io/desired-replicas'] === desired && annotations['deployment.kubernetes.io/max-replicas'] === max) return;
  annotations['deployment.kubernetes.io/desired-replicas'] = desired;
  annotations['deployment.kubernetes.io/max-replicas'] = max;
  (rs.spec as { replicas: number }).replicas = to;
  updateObject(c, rt('replicasets'), rs, from !== to);
  if (from !== to) recordEvent(c, d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
}

function templateWithoutHash(rs: KubeObject): unknown {
  const t = deepDict((rs.spec as { template: { metadata?: { labels?: Record<string, string> } } }).template);
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t;
}

export function syncDeployment(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const d = getObject(c, rt('deployments'), ns, name);
  if (!d || d.metadata.deletionTimestamp) return false;
  const spec = d.spec as unknown as DeploySpec;
  const replicas = spec.replicas ?? 1;
  const all = dependents(c, d.metadata.uid, 'replicasets').filter((rs) => controllerRef(rs)?.uid === d.metadata.uid && !rs.metadata.deletionTimestamp);
  const hash = podTemplateHash(spec.template);
  let newRs = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash) ?? all.find((rs) => canonical(templateWithoutHash(rs)) === canonical(spec.template));
  const olds = all.filter((rs) => rs !== newRs).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
  const maxRev = Math.max(0, ...olds.map(rev));
  const { surge, unavailable } = resolveFenceposts(spec);
  const before = c.s.resourceVersion;
  const annotations = (d.metadata.annotations ??= {});
  const revBefore = annotations[REVISION];

  if (!spec.paused) {
    if (!newRs) {
      const h = podTemplateHash(spec.template);
      const template = deepDict(spec.template);
      template.metadata ??= {};
      template.metadata.labels = { ...(template.metadata.labels ?? {}), 'pod-template-hash': h };
      const selector = deepDict(spec.selector ?? {});
      selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': h };
      const rsAnn: Record<string, string> = { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + surge), [REVISION]: String(maxRev + 1) };
      if (annotations[CHANGE_CAUSE]) rsAnn[CHANGE_CAUSE] = annotations[CHANGE_CAUSE];
      // Scale up as far as the surge allows straight away, as NewRSNewReplicas does.
      const total = olds.reduce((n, rs) => n + specReplicas(rs), 0);
      const initial = spec.strategy?.type === 'Recreate' ? 0 : olds.length === 0 ? replicas : Math.max(0, Math.min(replicas, replicas + surge - total));
      const r = apiCreate(c, rt('replicasets'), {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `${d.metadata.name}-${h}`, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', labels: { ...(template.metadata.labels ?? {}) }, annotations: rsAnn, ownerReferences: [ownerRef(d)] },
        spec: { replicas: initial, minReadySeconds: spec.minReadySeconds, selector, template },
      });
      if (!r.ok) {
        recordEvent(c, d, 'Warning', 'FailedCreate', r.error.message, 'deployment-controller');
        return true;
      }
      newRs = r.obj;
      if ((spec.minReadySeconds ?? 0) === 0) delete (newRs.spec as Record<string, unknown>).minReadySeconds;
      if (initial > 0) recordEvent(c, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRs.metadata.name} from 0 to ${initial}`, 'deployment-controller');
      setCondition(c, d, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${newRs.metadata.name}"`);
    } else if (rev(newRs) <= maxRev) {
      // An old template is back (rollout undo or a reverted edit): it becomes the newest revision.
      const a = (newRs.metadata.annotations ??= {});
      const history = a['deployment.kubernetes.io/revision-history'];
      a['deployment.kubernetes.io/revision-history'] = history ? `${history},${rev(newRs)}` : String(rev(newRs));
      a[REVISION] = String(maxRev + 1);
      if (annotations[CHANGE_CAUSE]) a[CHANGE_CAUSE] = annotations[CHANGE_CAUSE];
      updateObject(c, rt('replicasets'), newRs);
    }
    if (annotations[REVISION] !== newRs.metadata.annotations?.[REVISION]) annotations[REVISION] = newRs.metadata.annotations![REVISION]!;

    if (spec.strategy?.type === 'Recreate') {
      for (const rs of olds) if (specReplicas(rs) > 0) scaleRs(c, d, rs, 0, spec, surge);
      const oldPods = olds.some((rs) => dependents(c, rs.metadata.uid, 'pods').some((p) => isActive(p) || p.metadata.deletionTimestamp));
      if (!oldPods) scaleRs(c, d, newRs, replicas, spec, 0);
    } else rollingUpdate(c, d, newRs, olds, spec, surge, unavailable);
  } else if (newRs && specReplicas(newRs) !== replicas && olds.every((rs) => specReplicas(rs) === 0)) {
    // Paused: scaling still applies, to the current ReplicaSet.
    scaleRs(c, d, newRs, replicas, spec, surge);
  }
  cleanup(c, d, olds, spec);
  updateStatus(c, d, newRs, newRs ? [newRs, ...olds] : olds, spec, unavailable, revBefore);
  return c.s.resourceVersion !== before;
}

function rollingUpdate(c: Cluster, d: KubeObject, newRs: KubeObject, olds: KubeObject[], spec: DeploySpec, surge: number, maxUnavailable: number): void {
  const replicas = spec.replicas ?? 1;
  // Scale up the new ReplicaSet as far as maxSurge allows.
  const all = [newRs, ...olds];
  const total = () => all.reduce((n, rs) => n + specReplicas(rs), 0);
  const cur = specReplicas(newRs);
  if (cur > replicas) scaleRs(c, d, newRs, replicas, spec, surge);
  else if (cur < replicas) {
    const room = replicas + surge - total();
    if (room > 0) scaleRs(c, d, newRs, cur + Math.min(room, replicas - cur), spec, surge);
  } else scaleRs(c, d, newRs, cur, spec, surge);
  // Scale down old ones while keeping replicas - maxUnavailable available.
  const oldCount = olds.reduce((n, rs) => n + specReplicas(rs), 0);
  if (oldCount === 0) return;
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = specReplicas(newRs) - st(newRs, 'availableReplicas');
  let maxScaledDown = total() - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // First remove old pods that are not available anyway (cleanupUnhealthyReplicas).
  for (const rs of olds) {
    if (maxScaledDown <= 0) break;
    const unhealthy = specReplicas(rs) - st(rs, 'availableReplicas');
    if (unhealthy <= 0 || specReplicas(rs) === 0) continue;
    const down = Math.min(unhealthy, maxScaledDown, specReplicas(rs));
    scaleRs(c, d, rs, specReplicas(rs) - down, spec, surge);
    maxScaledDown -= down;
  }
  const available = all.reduce((n, rs) => n + st(rs, 'availableReplicas'), 0);
  let budget = Math.min(available - minAvailable, maxScaledDown);
  for (const rs of olds) {
    if (budget <= 0) break;
    if (specReplicas(rs) === 0) continue;
    const down = Math.min(specReplicas(rs), budget);
    scaleRs(c, d, rs, specReplicas(rs) - down, spec, surge);
    budget -= down;
  }
}

function cleanup(c: Cluster, _d: KubeObject, olds: KubeObject[], spec: DeploySpec): void {
  const limit = spec.revisionHistoryLimit ?? 10;
  const idle = olds.filter((rs) => specReplicas(rs) === 0 && st(rs, 'replicas') === 0).sort((a, b) => rev(a) - rev(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) deleteObject(c, rt('replicasets'), rs);
}

function setCondition(c: Cluster, d: KubeObject, type: string, status: string, reason: string, message: string): void {
  const s = (d.status ??= {}) as { conditions?: Record<string, unknown>[] };
  const conds = (s.conditions ??= []);
  const now = rfc3339(c.world.state.clock);
  const existing = conds.find((x) => x.type === type);
  if (existing) {
    if (existing.status !== status) existing.lastTransitionTime = now;
    if (existing.reason !== reason || existing.message !== message) existing.lastUpdateTime = now;
    existing.status = status;
    existing.reason = reason;
    existing.message = message;
  } else conds.push({ lastTransitionTime: now, lastUpdateTime: now, message, reason, status, type });
  // Available is listed before Progressing, as the controller writes them.
  conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
}

function updateStatus(c: Cluster, d: KubeObject, newRs: KubeObject | undefined, all: KubeObject[], spec: DeploySpec, maxUnavailable: number, revBefore: string | undefined): void {
  const replicas = spec.replicas ?? 1;
  const live = all.filter((rs) => getObject(c, rt('replicasets'), rs.metadata.namespace, rs.metadata.name));
  const sum = (f: string) => live.reduce((n, rs) => n + st(rs, f), 0);
  const available = sum('availableReplicas');
  const total = live.reduce((n, rs) => n + specReplicas(rs), 0);
  const old = JSON.stringify(d.status ?? {});
  const s = (d.status ??= {}) as Record<string, unknown>;
  const updated = newRs ? st(newRs, 'replicas') : 0;
  s.observedGeneration = d.metadata.generation;
  s.replicas = sum('replicas');
  s.updatedReplicas = updated;
  s.readyReplicas = sum('readyReplicas');
  s.availableReplicas = available;
  s.unavailableReplicas = Math.max(0, total - available);
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!s[k]) delete s[k];
  setCondition(c, d, 'Available', available >= replicas - maxUnavailable ? 'True' : 'False', available >= replicas - maxUnavailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', available >= replicas - maxUnavailable ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.');
  const complete = newRs && updated === replicas && st(newRs, 'availableReplicas') === replicas && sum('replicas') === replicas;
  const conds = (s.conditions ?? []) as { type: string; reason?: string; lastUpdateTime?: string }[];
  const prog = conds.find((x) => x.type === 'Progressing');
  if (spec.paused) setCondition(c, d, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
  else if (newRs && complete) setCondition(c, d, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRs.metadata.name}" has successfully progressed.`);
  else if (newRs) {
    const deadline = (spec.progressDeadlineSeconds ?? 600) * 1000;
    const last = Date.parse(prog?.lastUpdateTime ?? '') - c.world.state.clock.epoch;
    if (prog?.reason === 'ProgressDeadlineExceeded') {
      /* stays until progress resumes */
    } else if (prog && c.world.now - last >= deadline && JSON.stringify(d.status) === old) {
      setCondition(c, d, 'Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${newRs.metadata.name}" has timed out progressing.`);
    } else {
      if (JSON.stringify(d.status) !== old || prog?.reason !== 'NewReplicaSetCreated') setCondition(c, d, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRs.metadata.name}" is progressing.`);
      requeueAt(c, QUEUE, keyOf(d), c.world.now + deadline);
    }
  }
  if (JSON.stringify(d.status) !== old || d.metadata.annotations?.[REVISION] !== revBefore) updateObject(c, rt('deployments'), d);
}

export const deploymentController = controllerSystem('deployment-controller', QUEUE, syncDeployment);
