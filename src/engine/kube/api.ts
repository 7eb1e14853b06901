/**
 * The API server's write path: name generation, defaulting, admission, validation,
 * allocation (ClusterIPs, NodePorts) and the errors kubectl prints for each failure.
 */
import { KUBE_ALPHANUMS, nextInt, randomString } from '../random.ts';
import { deepDict, dict } from '../util/dict.ts';
import { admitPod, applyDefaults } from './defaults.ts';
import { unknownFields } from './fields.ts';
import { groupResource, rt } from './resources.ts';
import { createObject, getObject, StoreFullError, updateObject, type Cluster } from './store.ts';
import type { KubeObject, ResourceType } from './types.ts';
import { invalidMessage, validateObject } from './validation.ts';

export type ApiReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Forbidden' | 'Conflict' | 'MethodNotAllowed';

/** An API error: `message` is what follows `Error from server (Reason): ` in kubectl's output. */
export interface ApiError {
  reason: ApiReason;
  message: string;
}

export type ApiResult = { ok: true; obj: KubeObject } | { ok: false; error: ApiError };

export function notFound(type: ResourceType, name: string): ApiError {
  return { reason: 'NotFound', message: `${groupResource(type)} "${name}" not found` };
}

/** The strict-decoding error for unknown fields, or undefined. */
export function decodeError(obj: KubeObject, type: ResourceType): string | undefined {
  const unknown = unknownFields(obj, type.kind);
  if (!unknown.length) return undefined;
  return `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`;
}

function allocateServiceIp(c: Cluster): string {
  const r = c.world.state.random;
  for (let i = 0; i < 1000; i++) {
    // 10.96.0.0/12, as kubeadm's default service CIDR; random like the real allocator.
    const ip = `10.${96 + nextInt(r, 16)}.${nextInt(r, 256)}.${1 + nextInt(r, 254)}`;
    if (!c.s.serviceIps[ip] && ip !== '10.96.0.1' && ip !== '10.96.0.10') {
      c.s.serviceIps[ip] = 1;
      return ip;
    }
  }
  return '10.96.0.2';
}

function allocateNodePort(c: Cluster, wanted?: number): number {
  if (wanted) {
    c.s.nodePorts[wanted] = 1;
    return wanted;
  }
  for (let i = 0; i < 3000; i++) {
    const p = 30000 + nextInt(c.world.state.random, 2768);
    if (!c.s.nodePorts[p]) {
      c.s.nodePorts[p] = 1;
      return p;
    }
  }
  return 30000;
}

/** What the API server sets itself, dropped from what a client sends. */
const SERVER_SET = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation']);

/**
 * The metadata without server-set fields (and without a namespace for cluster-scoped kinds),
 * as a copy: deleting them would turn the object into a slow hash table for the rest of its life.
 */
function withoutServerFields(meta: KubeObject['metadata'], type: ResourceType): KubeObject['metadata'] {
  const out = dict<unknown>();
  for (const k of Object.keys(meta)) if (!SERVER_SET.has(k) && (type.namespaced || k !== 'namespace')) out[k] = meta[k as keyof typeof meta];
  return out as unknown as KubeObject['metadata'];
}

/** Creates an object the way `POST /api/...` does. `dryRun` stops before anything is stored. */
export function apiCreate(c: Cluster, type: ResourceType, input: KubeObject, opts: { dryRun?: boolean; at?: number } = {}): ApiResult {
  const obj = deepDict(input) as KubeObject;
  obj.metadata = (obj.metadata ?? {}) as KubeObject['metadata'];
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + randomString(c.world.state.random, 5, KUBE_ALPHANUMS);
  if (!meta.name) return { ok: false, error: { reason: 'Invalid', message: `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required` } };
  if (type.namespaced) {
    meta.namespace ??= 'default';
    const ns = getObject(c, rt('namespaces'), undefined, meta.namespace);
    if (!ns) return { ok: false, error: { reason: 'NotFound', message: `namespaces "${meta.namespace}" not found` } };
    if (ns.metadata.deletionTimestamp) {
      return { ok: false, error: { reason: 'Forbidden', message: `${groupResource(type)} "${meta.name}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated` } };
    }
  }
  if (getObject(c, type, meta.namespace, meta.name)) return { ok: false, error: { reason: 'AlreadyExists', message: `${groupResource(type)} "${meta.name}" already exists` } };
  obj.metadata = withoutServerFields(meta, type);
  if (type.kind !== 'Node') delete obj.status;
  applyDefaults(obj);
  if (type.kind === 'Pod') admitPod(c, obj);
  const errs = validateObject(obj);
  if (errs.length) return { ok: false, error: { reason: 'Invalid', message: invalidMessage(type.kind, meta.name, errs) } };
  if (type.kind === 'Service') allocateService(c, obj, !!opts.dryRun);
  if (opts.dryRun) return { ok: true, obj };
  let stored: KubeObject;
  try {
    stored = createObject(c, type, obj, opts.at);
  } catch (e) {
    if (!(e instanceof StoreFullError)) throw e;
    const where = type.namespaced ? ' per namespace' : '';
    return { ok: false, error: { reason: 'Forbidden', message: `${groupResource(type)} "${meta.name}" is forbidden: exceeded this lab environment's limit of ${e.limit} ${type.plural}${where}` } };
  }
  if (type.kind === 'Job') jobSelector(stored);
  if (type.kind === 'ServiceAccount') return { ok: true, obj: stored };
  return { ok: true, obj: stored };
}

function allocateService(c: Cluster, obj: KubeObject, dryRun: boolean): void {
  const spec = obj.spec as Record<string, unknown>;
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIP !== 'None') {
    spec.clusterIP = dryRun ? spec.clusterIP : spec.clusterIP ?? allocateServiceIp(c);
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  } else spec.clusterIPs = ['None'];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const p of (spec.ports ?? []) as { nodePort?: number }[]) if (!dryRun) p.nodePort = allocateNodePort(c, p.nodePort);
  }
  obj.status = { loadBalancer: {} };
}

/** The Job controller's selector and labels, added at creation as the real API server does. */
function jobSelector(job: KubeObject): void {
  const spec = job.spec as { manualSelector?: boolean; selector?: unknown; template: { metadata: { labels?: Record<string, string> } } };
  if (spec.manualSelector) return;
  const uid = job.metadata.uid;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  spec.template.metadata.labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': uid,
    'job-name': job.metadata.name,
    ...(spec.template.metadata.labels ?? {}),
  };
  job.metadata.labels ??= { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': uid, 'job-name': job.metadata.name };
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, (val as Record<string, unknown>)[k]])) : val));
}

const POD_MUTABLE_MSG =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * Replaces an object's user-settable parts (metadata labels/annotations, spec, data...)
 * with `desired`, as `PUT` after a merge does. Returns whether anything changed.
 */
export function apiUpdate(c: Cluster, type: ResourceType, existing: KubeObject, desired: KubeObject): { ok: true; changed: boolean } | { ok: false; error: ApiError } {
  const next = deepDict(existing) as KubeObject;
  next.metadata.labels = desired.metadata.labels;
  next.metadata.annotations = desired.metadata.annotations;
  if (!next.metadata.labels) delete next.metadata.labels;
  if (!next.metadata.annotations) delete next.metadata.annotations;
  for (const k of Object.keys(desired)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) next[k] = deepDict(desired[k]);
  applyDefaults(next);
  if (type.kind === 'Namespace') next.status = existing.status;
  const errs = validateObject(next);
  if (type.kind === 'Pod') {
    const strip = (o: KubeObject) => {
      const s = deepDict(o.spec) as { containers?: { image?: string }[]; initContainers?: { image?: string }[]; tolerations?: unknown; activeDeadlineSeconds?: unknown; terminationGracePeriodSeconds?: unknown };
      for (const ctr of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete ctr.image;
      delete s.tolerations;
      delete s.activeDeadlineSeconds;
      delete s.terminationGracePeriodSeconds;
      return stable(s);
    };
    if (strip(next) !== strip(existing)) errs.push(POD_MUTABLE_MSG);
  }
  if (['Deployment', 'ReplicaSet', 'DaemonSet'].includes(type.kind) && stable((next.spec as { selector?: unknown }).selector) !== stable((existing.spec as { selector?: unknown }).selector)) {
    errs.push(`spec.selector: Invalid value: v1.LabelSelector{MatchLabels:${goLabels((next.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`);
  }
  if (type.kind === 'Service') {
    const ns = next.spec as Record<string, unknown>;
    const es = existing.spec as Record<string, unknown>;
    ns.clusterIP = es.clusterIP;
    ns.clusterIPs = es.clusterIPs;
    const oldPorts = (es.ports ?? []) as { port: number; nodePort?: number }[];
    if (ns.type === 'NodePort' || ns.type === 'LoadBalancer') {
      for (const p of (ns.ports ?? []) as { port: number; nodePort?: number }[]) p.nodePort ??= oldPorts.find((o) => o.port === p.port)?.nodePort ?? allocateNodePort(c);
    }
  }
  if (errs.length) return { ok: false, error: { reason: 'Invalid', message: invalidMessage(type.kind, existing.metadata.name, errs) } };
  const specChanged = stable(next.spec) !== stable(existing.spec) || (type.kind === 'ConfigMap' && stable(next.data) !== stable(existing.data));
  const changed = specChanged || stable(next) !== stable(existing);
  if (!changed) return { ok: true, changed: false };
  Object.assign(existing, next);
  for (const k of Object.keys(existing)) if (!(k in next)) delete existing[k];
  updateObject(c, type, existing, specChanged);
  return { ok: true, changed: true };
}

function goLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`).join(', ')}}`;
}

/** A fresh null-prototype record for status maps built from learner data. */
export const freshDict = dict;
