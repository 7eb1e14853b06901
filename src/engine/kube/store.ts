/**
 * The API server's object store, one per cluster: objects by resource and `namespace/name`,
 * with uid, resourceVersion, generation and creationTimestamp kept the way the real one
 * keeps them. Every write goes through here, so the in-memory indexes (pods by node,
 * dependents by owner) and the controllers' work queues stay in step with the objects.
 */
import { rfc3339 } from '../clock.ts';
import { LIMITS } from '../limits.ts';
import { charCodes, HEX, nextInt } from '../random.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import type { CorrelatorState } from './event-correlator.ts';
import type { KubeObject, ResourceType } from './types.ts';

/** Kubelet-side state of one container (what containerd would know). */
export interface ContainerRuntime {
  name: string;
  init: boolean;
  /** pulling → (waiting|running) → terminated → waiting(back-off) → running ... */
  state: 'pulling' | 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  since: number;
  startedAt?: number;
  exitCode?: number;
  restartCount: number;
  /** Back-off before the next restart after a crash (10 s doubling to 300 s); 0 = restart at once. */
  backoffMs: number;
  /** How long the current pulling/waiting state lasts (pull time or back-off), from `since`. */
  waitMs: number;
  pullAttempts?: number;
  /** When a container that failed for the first time is restarted (the next pod sync). */
  restartAt?: number;
  /** The image is already on the node: the "pull" is only container creation. */
  cached?: boolean;
  /** Set once the kubelet has acted on the latest exit (restart, back-off or stay stopped). */
  exitHandled?: boolean;
  ready: boolean;
  started: boolean;
  probeFailures: number;
  readyAt?: number;
  last?: { exitCode: number; reason: string; startedAt: number; finishedAt: number };
  containerId: string;
  /** Lines logged by request handling (access logs) since this container started, bounded. */
  logs: { at: number; line: string }[];
  /** Output of the previous run, for `kubectl logs --previous`. */
  prevLogs?: string[];
  /** Forced exit (hatchway sim crash, liveness kill, OOM). */
  killAt?: number;
  killReason?: string;
  killCode?: number;
  env?: Dict<string>;
  /** Files the container's processes created or removed, with when (exec probes read them). */
  files?: { path: string; content: string; from: number; to?: number }[];
  /** A `while true` loop the main process settled into: its body re-runs every `period` ms from `start`. */
  loop?: { body: unknown[]; start: number; period: number; vars: Dict<string> };
  /** When the main process exits by itself, and with what code. */
  exitAt?: number;
  exitCodePlanned?: number;
  /** Memory the main process uses, in bytes (checked against the limit). */
  memory?: number;
  cpu?: number;
}

export interface PodRuntime {
  uid: string;
  key: string;
  node: string;
  containers: ContainerRuntime[];
  pulledImages: boolean;
  ip?: string;
}

/** One cluster's whole state: what etcd holds plus what the components keep in memory. */
export interface ClusterState {
  name: string;
  objects: Dict<Dict<KubeObject>>;
  resourceVersion: number;
  /** Wake-ups of the simulated components, by key (e.g. `kubelet/<pod uid>`). */
  timers: Dict<number>;
  /** Controller work queues: controller name → keys to sync. */
  queues: Dict<Dict<1>>;
  /** Kubelet runtime state per pod uid. */
  runtime: Dict<PodRuntime>;
  /** Simulated machines behind the Node objects. */
  machines: Dict<{ running: boolean; lastHeartbeat: number; ipIndex: number; nextHost: number; images: string[] }>;
  /** Scheduling decisions kept for `hatchway explain`, by pod uid (bounded, oldest dropped). */
  decisions: Dict<unknown>;
  decisionOrder: string[];
  /** Events in creation order, so the oldest can be dropped past the bound. */
  eventOrder: string[];
  /** The sequence number in the last event name (absent in worlds saved before it was kept here). */
  eventSeq?: number;
  /** The event recorders' correlation state (event-correlator.ts; absent in worlds saved before). */
  correlator?: CorrelatorState;
  serviceIps: Dict<1>;
  nodePorts: Dict<1>;
  /** Round-robin position per service, as kube-proxy's choice of backend. */
  rr: Dict<number>;
  /** Scheduler's rotating start index (percentageOfNodesToScore). */
  nextStartNode: number;
  /** Scripted events (`hatchway sim ...`) on the virtual clock. */
  sim: { at: number; action: string; args: string[] }[];
  /** Where `createdAt` of system objects is anchored: the cluster's install time. */
  installedAt: number;
}

export interface KubeConfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeState {
  clusters: Dict<ClusterState>;
  /** The kubeconfig kubectl reads: contexts and the current one. */
  config: { contexts: KubeConfigContext[]; current: string };
}

declare module '../world.ts' {
  interface WorldExtensions {
    kube: KubeState;
  }
}

/** A cluster handle: its state plus the world (clock, RNG). Cheap to make; holds no state itself. */
export interface Cluster {
  world: World;
  s: ClusterState;
}

export function createKubeState(): KubeState {
  return { clusters: dict(), config: { contexts: [], current: '' } };
}

export function kubeState(world: World): KubeState {
  return (world.state.ext.kube ??= createKubeState());
}

export function emptyCluster(name: string, installedAt: number): ClusterState {
  return {
    name,
    objects: dict(),
    resourceVersion: 1000,
    timers: dict(),
    queues: dict(),
    runtime: dict(),
    machines: dict(),
    decisions: dict(),
    decisionOrder: [],
    eventOrder: [],
    eventSeq: 0,
    serviceIps: dict(),
    nodePorts: dict(),
    rr: dict(),
    nextStartNode: 0,
    sim: [],
    installedAt,
  };
}

export function allClusters(world: World): Cluster[] {
  const k = world.state.ext.kube;
  if (!k) return [];
  return Object.keys(k.clusters)
    .sort()
    .map((name) => ({ world, s: k.clusters[name]! }));
}

export function getCluster(world: World, name: string): Cluster | undefined {
  const s = world.state.ext.kube?.clusters[name];
  return s ? { world, s } : undefined;
}

// ---- indexes (rebuilt from the objects whenever a cluster state object is new, e.g. after restore)

/** A stored object, where it lives in `objects`, and the index entries it is filed under; one per stored object. */
interface Ref {
  plural: string;
  key: string;
  /** The object stored at `objects[plural][key]` (kept in step by the store's writes, its only writers). */
  obj: KubeObject;
  /** The node a pod is filed under in `podsByNode`. */
  node?: string;
  /** The owner uids it is filed under in `byOwner`. */
  owners: string[];
}

interface Index {
  /** plural → namespace → keys */
  byNs: Map<string, Map<string, Set<string>>>;
  /** node name → its pods */
  podsByNode: Map<string, Set<Ref>>;
  /** owner uid → dependents */
  byOwner: Map<string, Set<Ref>>;
  byUid: Map<string, Ref>;
  /** Earliest timer, cached; undefined = unknown. */
  minTimer?: number | null;
}

const indexes = new WeakMap<ClusterState, Index>();

export function index(c: Cluster): Index {
  let ix = indexes.get(c.s);
  if (!ix) {
    ix = { byNs: new Map(), podsByNode: new Map(), byOwner: new Map(), byUid: new Map() };
    indexes.set(c.s, ix);
    for (const plural of Object.keys(c.s.objects)) for (const key of Object.keys(c.s.objects[plural]!)) addToIndex(ix, plural, key, c.s.objects[plural]![key]!);
  }
  return ix;
}

function addToIndex(ix: Index, plural: string, key: string, obj: KubeObject): void {
  const ns = obj.metadata.namespace ?? '';
  let byNs = ix.byNs.get(plural);
  if (!byNs) ix.byNs.set(plural, (byNs = new Map()));
  let set = byNs.get(ns);
  if (!set) byNs.set(ns, (set = new Set()));
  set.add(key);
  const ref: Ref = { plural, key, obj, node: undefined, owners: NO_OWNERS };
  ix.byUid.set(obj.metadata.uid, ref);
  reindex(ix, ref, obj);
}

/** Updates the parts of the index that follow mutable fields (node, owners); `obj` undefined = gone. */
function reindex(ix: Index, ref: Ref, obj: KubeObject | undefined): void {
  if (ref.plural === 'pods') {
    const before = ref.node;
    const after = obj ? ((obj.spec as { nodeName?: string } | undefined)?.nodeName ?? undefined) : undefined;
    if (before !== after) {
      if (before) ix.podsByNode.get(before)?.delete(ref);
      if (after) {
        let s = ix.podsByNode.get(after);
        if (!s) ix.podsByNode.set(after, (s = new Set()));
        s.add(ref);
      }
      ref.node = after;
    }
  }
  const oldOwners = ref.owners;
  const refs = obj?.metadata.ownerReferences;
  if (!refs?.length && !oldOwners.length) return; // most objects (events) have no owners
  if (refs && sameOwners(oldOwners, refs)) return;
  const newOwners = refs?.map((o) => o.uid) ?? NO_OWNERS;
  for (const u of oldOwners) ix.byOwner.get(u)?.delete(ref);
  for (const u of newOwners) {
    let s = ix.byOwner.get(u);
    if (!s) ix.byOwner.set(u, (s = new Set()));
    s.add(ref);
  }
  ref.owners = newOwners;
}

const NO_OWNERS: string[] = [];

function sameOwners(uids: string[], refs: { uid: string }[]): boolean {
  if (uids.length !== refs.length) return false;
  for (let i = 0; i < uids.length; i++) if (uids[i] !== refs[i]!.uid) return false;
  return true;
}

function removeFromIndex(ix: Index, plural: string, key: string, obj: KubeObject): void {
  ix.byNs.get(plural)?.get(obj.metadata.namespace ?? '')?.delete(key);
  const ref = ix.byUid.get(obj.metadata.uid);
  if (ref) reindex(ix, ref, undefined);
  ix.byUid.delete(obj.metadata.uid);
}

// ---- change notification: controllers say which kinds they watch and what to enqueue

/** `key` is the object's `namespace/name` (or name), as `keyOf` gives it. */
export type ChangeHandler = (c: Cluster, plural: string, obj: KubeObject, kind: 'added' | 'modified' | 'deleted', key: string) => void;
const handlers: ChangeHandler[] = [];

/** Registers an informer-like callback. Called at module load; handlers are code, not state. */
export function onChange(h: ChangeHandler): void {
  handlers.push(h);
}

function notify(c: Cluster, plural: string, obj: KubeObject, kind: 'added' | 'modified' | 'deleted', key: string): void {
  for (const h of handlers) h(c, plural, obj, kind, key);
}

export function enqueue(c: Cluster, queue: string, key: string): void {
  (c.s.queues[queue] ??= dict())[key] = 1;
}

/** Takes every key queued for a controller (in sorted order, so runs are deterministic). */
export function drain(c: Cluster, queue: string): string[] {
  const q = c.s.queues[queue];
  if (!q) return [];
  const keys = Object.keys(q).sort();
  c.s.queues[queue] = dict();
  return keys;
}

export function hasQueued(c: Cluster, queue: string): boolean {
  const q = c.s.queues[queue];
  if (!q) return false;
  for (const _ in q) return true;
  return false;
}

// ---- timers

/**
 * Asks for `queue` to sync `key` at virtual time `at` (the workqueue's AddAfter). An earlier
 * request for the same key wins. The timer system moves due keys into their queues.
 */
export function requeueAt(c: Cluster, queue: string, key: string, at: number): void {
  const k = `${queue}|${key}`;
  const prev = c.s.timers[k];
  if (prev !== undefined && prev <= at) return;
  setTimer(c, k, at);
}

function setTimer(c: Cluster, key: string, at: number): void {
  c.s.timers[key] = at;
  const ix = index(c);
  if (ix.minTimer !== undefined && ix.minTimer !== null && at < ix.minTimer) ix.minTimer = at;
  else if (ix.minTimer === null) ix.minTimer = at;
}

export function clearTimer(c: Cluster, key: string): void {
  if (key in c.s.timers) {
    const at = c.s.timers[key]!;
    delete c.s.timers[key];
    const ix = index(c);
    if (ix.minTimer === at) ix.minTimer = undefined;
  }
}

/** The earliest timer of the cluster (cached until a timer at that instant goes away). */
export function earliestTimer(c: Cluster): number | undefined {
  const ix = index(c);
  if (ix.minTimer === undefined) {
    let best: number | null = null;
    for (const k in c.s.timers) {
      const t = c.s.timers[k]!;
      if (best === null || t < best) best = t;
    }
    ix.minTimer = best;
  }
  return ix.minTimer ?? undefined;
}

/** Moves every due timer into its queue. Returns whether any was due. */
export function fireTimers(c: Cluster): boolean {
  const now = c.world.now;
  const due = earliestTimer(c);
  if (due === undefined || due > now) return false;
  const out: string[] = [];
  for (const k in c.s.timers) if (c.s.timers[k]! <= now) out.push(k);
  for (const k of out) {
    clearTimer(c, k);
    const bar = k.indexOf('|');
    enqueue(c, k.slice(0, bar), k.slice(bar + 1));
  }
  index(c).minTimer = undefined;
  return out.length > 0;
}

// ---- objects

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

/**
 * A version-4 UUID from 32 random hex digits: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, the
 * 13th digit drawn but replaced by the version and the 17th mapped to the variant. Built as
 * one string, since every object and event needs one.
 */
export function newUid(world: World): string {
  const r = world.state.random;
  const codes = charCodes(36);
  let o = 0;
  for (let i = 0; i < 32; i++) {
    const d = nextInt(r, 16);
    if (i === 8 || i === 12 || i === 16 || i === 20) codes[o++] = 0x2d; // '-'
    codes[o++] = i === 12 ? 0x34 /* '4' */ : i === 16 ? VARIANT.charCodeAt(d % 4) : HEX.charCodeAt(d);
  }
  return String.fromCharCode.apply(null, codes);
}

const VARIANT = '89ab';

export function getObject(c: Cluster, type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
  return c.s.objects[type.plural]?.[objectKey(type.namespaced ? namespace : undefined, name)];
}

export function getByKey(c: Cluster, plural: string, key: string): KubeObject | undefined {
  return c.s.objects[plural]?.[key];
}

/** The object with this uid, with where it is stored (`key` as `keyOf` gives it). */
export function getByUid(c: Cluster, uid: string): { plural: string; key: string; obj: KubeObject } | undefined {
  const ref = index(c).byUid.get(uid);
  if (!ref) return undefined;
  return { plural: ref.plural, key: ref.key, obj: ref.obj };
}

function byName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The cluster of kubectl's current context, if the world has one. */
export function currentCluster(world: World): Cluster | undefined {
  const k = world.state.ext.kube;
  if (!k) return undefined;
  const ctx = k.config.contexts.find((x) => x.name === k.config.current);
  const name = ctx?.cluster ?? Object.keys(k.clusters).sort()[0];
  return name ? getCluster(world, name) : undefined;
}

/**
 * Objects of a type, in one namespace or all, sorted by namespace and name as the API server
 * lists them. Given a World (lab checks), it reads the current context's cluster.
 */
export function listObjects(target: Cluster | World, type: ResourceType, namespace?: string): KubeObject[] {
  const c = 's' in target ? target : currentCluster(target);
  if (!c) return [];
  const table = c.s.objects[type.plural];
  if (!table) return [];
  let out: KubeObject[];
  if (type.namespaced && namespace !== undefined) {
    out = [];
    const keys = index(c).byNs.get(type.plural)?.get(namespace);
    if (keys) {
      for (const k of keys) {
        const obj = table[k];
        if (obj) out.push(obj);
      }
    }
  } else out = Object.values(table);
  return out.sort(byName);
}

export function podsOnNode(c: Cluster, node: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const ref of index(c).podsByNode.get(node) ?? NO_REFS) out.push(ref.obj);
  return out;
}

const NO_REFS = new Set<Ref>();

export function podCountOnNode(c: Cluster, node: string): number {
  return index(c).podsByNode.get(node)?.size ?? 0;
}

/** Whether any object names `uid` in its ownerReferences. */
export function hasDependents(c: Cluster, uid: string): boolean {
  return (index(c).byOwner.get(uid)?.size ?? 0) > 0;
}

/** Objects whose ownerReferences name `uid`. */
export function dependents(c: Cluster, uid: string, plural?: string): KubeObject[] {
  const refs = index(c).byOwner.get(uid);
  if (!refs) return [];
  const out: KubeObject[] = [];
  for (const ref of refs) if (!plural || ref.plural === plural) out.push(ref.obj);
  // Insertion order (creation order); callers that print sort for themselves.
  return out;
}

function bump(c: Cluster, obj: KubeObject): void {
  obj.metadata.resourceVersion = String(++c.s.resourceVersion);
}

/** A kind is full in a namespace (LIMITS.objectsPerKind): the API server refuses the create. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  constructor(
    readonly plural: string,
    readonly limit: number,
  ) {
    super(`too many ${plural} (limit ${limit})`);
  }
}

/** Kinds whose spec changes do not count a metadata.generation. */
const UNVERSIONED_SPEC = new Set(['Node', 'Namespace', 'Service']);

/**
 * Creates an object, filling in server-set metadata (uid, resourceVersion, generation,
 * creationTimestamp). `at` backdates system objects of a cluster that "has existed a while".
 * `key` is the object's key when the caller has built it already (the event recorder does).
 */
export function createObject(c: Cluster, type: ResourceType, obj: KubeObject, at = c.world.now, key?: string): KubeObject {
  const table = (c.s.objects[type.plural] ??= dict());
  const ix = index(c);
  // The bound is per namespace (cluster-scoped kinds count as one), so the system pods of
  // kube-system never stop a learner's own objects.
  const inNs = ix.byNs.get(type.plural)?.get((type.namespaced && obj.metadata.namespace) || '')?.size ?? 0;
  if (inNs >= LIMITS.objectsPerKind) throw new StoreFullError(type.plural, LIMITS.objectsPerKind);
  obj.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  obj.kind = type.kind;
  obj.metadata.uid = newUid(c.world);
  obj.metadata.creationTimestamp = rfc3339(c.world.state.clock, at);
  if (!type.namespaced) delete obj.metadata.namespace;
  if (obj.spec && !UNVERSIONED_SPEC.has(type.kind)) obj.metadata.generation = 1;
  bump(c, obj);
  key ??= keyOf(obj);
  table[key] = obj;
  addToIndex(ix, type.plural, key, obj);
  notify(c, type.plural, obj, 'added', key);
  return obj;
}

/** Stores a changed object, bumping resourceVersion (and generation when the spec changed). */
export function updateObject(c: Cluster, type: ResourceType, obj: KubeObject, specChanged = false): void {
  if (specChanged && obj.metadata.generation !== undefined) obj.metadata.generation++;
  bump(c, obj);
  const ix = index(c);
  const ref = ix.byUid.get(obj.metadata.uid);
  // The stored key string when there is one: a key built afresh would be hashed again on every write.
  const key = ref?.key ?? keyOf(obj);
  c.s.objects[type.plural]![key] = obj;
  if (ref) {
    ref.obj = obj;
    reindex(ix, ref, obj);
  }
  notify(c, type.plural, obj, 'modified', key);
}

/** Removes an object for good (after finalizers and grace), telling the garbage collector. */
export function removeObject(c: Cluster, type: ResourceType, obj: KubeObject): void {
  const ix = index(c);
  const key = ix.byUid.get(obj.metadata.uid)?.key ?? keyOf(obj);
  const table = c.s.objects[type.plural];
  const stored = table?.[key];
  if (!stored || stored.metadata.uid !== obj.metadata.uid) return;
  delete table![key];
  removeFromIndex(ix, type.plural, key, obj);
  notify(c, type.plural, obj, 'deleted', key);
}

/**
 * Deletes the way the API server does: objects with finalizers or a grace period get a
 * deletionTimestamp and stay until their owner component finishes; the rest go at once.
 * `graceSeconds` applies to pods bound to a node (the kubelet finishes the deletion).
 */
export function deleteObject(c: Cluster, type: ResourceType, obj: KubeObject, graceSeconds?: number): void {
  if (obj.metadata.deletionTimestamp) {
    // A second delete with --grace-period=0 --force finishes it.
    if (graceSeconds === 0) removeObject(c, type, obj);
    return;
  }
  const boundPod = type.kind === 'Pod' && (obj.spec as { nodeName?: string }).nodeName && graceSeconds !== 0;
  if (boundPod || obj.metadata.finalizers?.length || (type.kind === 'Namespace')) {
    obj.metadata.deletionTimestamp = rfc3339(c.world.state.clock);
    if (type.kind === 'Pod') {
      const grace = graceSeconds ?? (obj.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30;
      obj.metadata.deletionGracePeriodSeconds = grace;
    }
    updateObject(c, type, obj);
    return;
  }
  removeObject(c, type, obj);
}
