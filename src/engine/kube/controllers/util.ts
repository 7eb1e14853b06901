/** Helpers the controllers share: owner references, pod readiness and availability, pods from templates. */
import { jsonEqual } from '../../util/json-equal.ts';
import { KUBE_ALPHANUMS, randomString } from '../../random.ts';
import { apiCreate } from '../api.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { drain, enqueue, getByUid, hasQueued, allClusters, type Cluster } from '../store.ts';
import type { KubeObject, OwnerReference } from '../types.ts';
import type { System, World } from '../../world.ts';

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i]!.controller) return refs[i];
  return undefined;
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid };
}

/** Enqueues the controller owner of `obj` into `queue` if it is of `kind`. */
export function enqueueOwner(c: Cluster, obj: KubeObject, kind: string, queue: string): void {
  const ref = controllerRef(obj);
  if (ref?.kind === kind) {
    const owner = getByUid(c, ref.uid);
    if (owner) enqueue(c, queue, owner.key);
  }
}

export function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Counted by controllers: not being deleted and not finished. */
export function isActive(pod: KubeObject): boolean {
  return !pod.metadata.deletionTimestamp && !isTerminal(pod);
}

export function readyCondition(pod: KubeObject): { status: string; lastTransitionTime?: string } | undefined {
  const conds = pod.status?.conditions as { type: string; status: string; lastTransitionTime?: string }[] | undefined;
  if (conds) for (let i = 0; i < conds.length; i++) if (conds[i]!.type === 'Ready') return conds[i];
  return undefined;
}

export function isReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** Ready for at least minReadySeconds (the definition of "available"). */
export function isAvailable(c: Cluster, pod: KubeObject, minReadySeconds: number): boolean {
  const cond = readyCondition(pod);
  if (cond?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = Date.parse(cond.lastTransitionTime ?? '') - c.world.state.clock.epoch;
  return c.world.now - since >= minReadySeconds * 1000;
}

/** Creates a pod from a controller's template (`<prefix><5 chars>`), through the API server. */
export function createPodFromTemplate(c: Cluster, owner: KubeObject, template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }, prefix: string, component: string, extraSpec?: Record<string, unknown>): KubeObject | undefined {
  // The API server copies what it is given, so the template's parts are passed as they are.
  const spec = extraSpec ? { ...(template.spec as Record<string, unknown>), ...extraSpec } : (template.spec ?? {});
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: prefix,
      namespace: owner.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: template.metadata?.labels ?? {},
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec: spec as Record<string, unknown>,
  };
  pod.metadata.name = prefix + randomString(c.world.state.random, 5, KUBE_ALPHANUMS);
  const r = apiCreate(c, rt('pods'), pod);
  if (!r.ok) {
    recordEvent(c, owner, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, component);
    return undefined;
  }
  recordEvent(c, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${r.obj.metadata.name}`, component);
  return r.obj;
}

/** A controller as a System: it syncs every key in its queue on each tick. */
export function controllerSystem(name: string, queue: string, sync: (c: Cluster, key: string) => boolean): System {
  return {
    name,
    nextWake(world: World) {
      for (const c of allClusters(world)) if (hasQueued(c, queue)) return world.now;
      return undefined;
    },
    tick(world: World) {
      let changed = false;
      for (const c of allClusters(world)) for (const key of drain(c, queue)) if (sync(c, key)) changed = true;
      return changed;
    },
  };
}

/** `ns/name` → [ns, name] for namespaced keys. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Stores a status only if it changed; returns whether it did. */
export function setStatus(c: Cluster, plural: string, obj: KubeObject, status: Record<string, unknown>, update: (c: Cluster, t: ReturnType<typeof rt>, o: KubeObject) => void): boolean {
  if (jsonEqual(status, obj.status ?? {})) return false;
  obj.status = status;
  update(c, rt(plural), obj);
  return true;
}
