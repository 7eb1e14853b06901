/**
 * The API server's object store: objects by resource and `namespace/name`, with uid,
 * resourceVersion, generation and creationTimestamp kept the way the real one keeps them.
 */
import { rfc3339 } from '../clock.ts';
import { LIMITS } from '../limits.ts';
import { HEX, randomString } from '../random.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import type { KubeObject, ResourceType } from './types.ts';

export interface KubeState {
  /** plural → "ns/name" (or "name" for cluster-scoped) → object. */
  objects: Dict<Dict<KubeObject>>;
  resourceVersion: number;
  /** Internal timers of the simulated components, by key (e.g. `kubelet/<uid>`). */
  timers: Dict<number>;
}

declare module '../world.ts' {
  interface WorldExtensions {
    kube: KubeState;
  }
}

export function createKubeState(): KubeState {
  return { objects: dict(), resourceVersion: 1000, timers: dict() };
}

export function kube(world: World): KubeState {
  const k = world.state.ext.kube;
  if (!k) throw new Error('this world has no Kubernetes cluster');
  return k;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function newUid(world: World): string {
  const h = randomString(world.state.random, 32, HEX);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function getObject(world: World, type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
  return kube(world).objects[type.plural]?.[objectKey(type.namespaced ? namespace : undefined, name)];
}

export function listObjects(world: World, type: ResourceType, namespace?: string): KubeObject[] {
  const all = Object.values(kube(world).objects[type.plural] ?? {});
  const filtered = type.namespaced && namespace !== undefined ? all.filter((o) => o.metadata.namespace === namespace) : all;
  return filtered.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

function bump(world: World, obj: KubeObject): void {
  obj.metadata.resourceVersion = String(++kube(world).resourceVersion);
}

/** Creates an object, filling in server-set metadata. Returns undefined if the kind is full. */
export function createObject(world: World, type: ResourceType, obj: KubeObject): KubeObject {
  const k = kube(world);
  const table = (k.objects[type.plural] ??= dict());
  if (Object.keys(table).length >= LIMITS.objectsPerKind) throw new Error(`too many ${type.plural} (limit ${LIMITS.objectsPerKind})`);
  obj.metadata.uid = newUid(world);
  obj.metadata.creationTimestamp = rfc3339(world.state.clock);
  if (!type.namespaced) delete obj.metadata.namespace;
  if (obj.spec && type.kind !== 'Pod') obj.metadata.generation = 1;
  bump(world, obj);
  table[objectKey(obj.metadata.namespace, obj.metadata.name)] = obj;
  return obj;
}

/** Stores a changed object, bumping resourceVersion (and generation when the spec changed). */
export function updateObject(world: World, type: ResourceType, obj: KubeObject, specChanged = false): void {
  if (specChanged && obj.metadata.generation !== undefined) obj.metadata.generation++;
  bump(world, obj);
  kube(world).objects[type.plural]![objectKey(obj.metadata.namespace, obj.metadata.name)] = obj;
}

export function deleteObject(world: World, type: ResourceType, obj: KubeObject): void {
  delete kube(world).objects[type.plural]?.[objectKey(obj.metadata.namespace, obj.metadata.name)];
}
