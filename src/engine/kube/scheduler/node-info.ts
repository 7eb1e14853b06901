/**
 * The scheduler's cache: per node, what is allocatable and what bound pods already request,
 * kept incrementally from pod and node changes (never rescanned per pod), the way
 * kube-scheduler's NodeInfo snapshot is. It is derived data, so it lives outside the
 * world state and is rebuilt from the store after a restore.
 */
import { bytes, milliCpu } from '../quantity.ts';
import { onChange, index, keyOf, listObjects, podsOnNode, type Cluster, type ClusterState } from '../store.ts';
import { rt } from '../resources.ts';
import type { KubeObject, PodSpec, Taint } from '../types.ts';

/** What a pod with no requests counts as when scoring (non-zero defaults in kube-scheduler). */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

export interface PodRequest {
  cpu: number;
  mem: number;
  nzCpu: number;
  nzMem: number;
  ports: string[];
  images: string[];
}

export interface NodeInfo {
  name: string;
  /** The node name's slot in per-node arrays (stable for the cache's life, even across re-creation). */
  id: number;
  node: KubeObject;
  allocCpu: number;
  allocMem: number;
  allocPods: number;
  reqCpu: number;
  reqMem: number;
  nzCpu: number;
  nzMem: number;
  pods: number;
  ports: Map<string, number>;
  taints: Taint[];
  unschedulable: boolean;
  labels: Record<string, string>;
  images: Set<string>;
  /** Labels plus matchFields keys, built on first use. */
  fields?: Record<string, string>;
}

/** What score plugins need to know about the nodes as a whole (to tell when a plugin scores every node alike). */
export interface NodeSummary {
  count: number;
  /** Whether any node has a PreferNoSchedule taint. */
  anyPreferNoSchedule: boolean;
  /** Image name → how many nodes list it. */
  imageNodes: Map<string, number>;
}

interface Cache {
  nodes: Map<string, NodeInfo>;
  /** Node name → its slot in per-node arrays (`NodeInfo.id`); names are never given a new slot. */
  ids: Map<string, number>;
  /** Sorted node names (the order nodes are evaluated in). */
  order: string[];
  /** The NodeInfo of each name in `order`, rebuilt after any node change (see `nodeList`). */
  infos?: NodeInfo[];
  summary?: NodeSummary;
  /** pod key → what it contributes to its node */
  contrib: Map<string, { node: string; req: PodRequest; owner?: string }>;
  /** controller owner uid → bound pod count per node slot (for default topology spreading). */
  ownerSpread: Map<string, number[]>;
}

const caches = new WeakMap<ClusterState, Cache>();

export function podRequest(spec: PodSpec): PodRequest {
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  const ports: string[] = [];
  const images: string[] = [];
  for (const c of spec.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const cc = milliCpu(req.cpu);
    const mm = bytes(req.memory);
    cpu += cc;
    mem += mm;
    nzCpu += req.cpu === undefined ? DEFAULT_MILLI_CPU : cc;
    nzMem += req.memory === undefined ? DEFAULT_MEMORY : mm;
    for (const p of c.ports ?? []) if (p.hostPort) ports.push(`${p.protocol ?? 'TCP'}/${p.hostPort}`);
    if (c.image) images.push(c.image);
  }
  // Init containers run one at a time, so the pod needs the larger of the two.
  for (const c of spec.initContainers ?? []) {
    cpu = Math.max(cpu, milliCpu(c.resources?.requests?.cpu));
    mem = Math.max(mem, bytes(c.resources?.requests?.memory));
  }
  return { cpu, mem, nzCpu, nzMem, ports, images };
}

function isTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function controllerUid(pod: KubeObject): string | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
}

/** The slot of a node name in per-node arrays, given on first sight. */
function nodeId(cache: Cache, name: string): number {
  let id = cache.ids.get(name);
  if (id === undefined) cache.ids.set(name, (id = cache.ids.size));
  return id;
}

/** A per-node-slot array of counts, long enough for every slot given so far. */
export function slotArray(cache: Cache): number[] {
  return new Array<number>(cache.ids.size).fill(0);
}

function nodeInfo(cache: Cache, node: KubeObject): NodeInfo {
  const alloc = (node.status?.allocatable ?? {}) as Record<string, string>;
  const spec = (node.spec ?? {}) as { taints?: Taint[]; unschedulable?: boolean };
  const images = new Set<string>();
  for (const img of (node.status?.images ?? []) as { names: string[] }[]) for (const n of img.names) images.add(n);
  return {
    name: node.metadata.name,
    id: nodeId(cache, node.metadata.name),
    node,
    allocCpu: milliCpu(alloc.cpu),
    allocMem: bytes(alloc.memory),
    allocPods: Number(alloc.pods ?? 110),
    reqCpu: 0,
    reqMem: 0,
    nzCpu: 0,
    nzMem: 0,
    pods: 0,
    ports: new Map(),
    taints: spec.taints ?? [],
    unschedulable: !!spec.unschedulable,
    labels: node.metadata.labels ?? {},
    images,
  };
}

function add(cache: Cache, key: string, node: string, req: PodRequest, owner: string | undefined): void {
  const ni = cache.nodes.get(node);
  cache.contrib.set(key, { node, req, owner });
  if (ni) {
    ni.reqCpu += req.cpu;
    ni.reqMem += req.mem;
    ni.nzCpu += req.nzCpu;
    ni.nzMem += req.nzMem;
    ni.pods++;
    for (const p of req.ports) ni.ports.set(p, (ni.ports.get(p) ?? 0) + 1);
  }
  if (owner) {
    let counts = cache.ownerSpread.get(owner);
    if (!counts) cache.ownerSpread.set(owner, (counts = []));
    const id = nodeId(cache, node);
    while (counts.length <= id) counts.push(0);
    counts[id]!++;
  }
}

function remove(cache: Cache, key: string): void {
  const c = cache.contrib.get(key);
  if (!c) return;
  cache.contrib.delete(key);
  const ni = cache.nodes.get(c.node);
  if (ni) {
    ni.reqCpu -= c.req.cpu;
    ni.reqMem -= c.req.mem;
    ni.nzCpu -= c.req.nzCpu;
    ni.nzMem -= c.req.nzMem;
    ni.pods--;
    for (const p of c.req.ports) ni.ports.set(p, (ni.ports.get(p) ?? 1) - 1);
  }
  if (c.owner) {
    const counts = cache.ownerSpread.get(c.owner);
    const id = nodeId(cache, c.node);
    if (counts && id < counts.length) counts[id]!--;
  }
}

export function schedulerCache(c: Cluster): Cache {
  let cache = caches.get(c.s);
  if (!cache) {
    cache = { nodes: new Map(), ids: new Map(), order: [], contrib: new Map(), ownerSpread: new Map() };
    caches.set(c.s, cache);
    index(c);
    for (const n of listObjects(c, rt('nodes'))) cache.nodes.set(n.metadata.name, nodeInfo(cache, n));
    cache.order = [...cache.nodes.keys()].sort();
    for (const name of cache.order) {
      for (const pod of podsOnNode(c, name)) {
        if (!isTerminal(pod)) add(cache, keyOf(pod), name, podRequest(pod.spec as unknown as PodSpec), controllerUid(pod));
      }
    }
  }
  return cache;
}

/** The nodes in evaluation order, as NodeInfo (cached until a node changes). */
export function nodeList(cache: Cache): NodeInfo[] {
  return (cache.infos ??= cache.order.map((name) => cache.nodes.get(name)!));
}

/** The nodes as a whole (cached until a node changes). */
export function nodeSummary(cache: Cache): NodeSummary {
  if (!cache.summary) {
    const infos = nodeList(cache);
    const imageNodes = new Map<string, number>();
    for (const ni of infos) for (const img of ni.images) imageNodes.set(img, (imageNodes.get(img) ?? 0) + 1);
    cache.summary = { count: infos.length, anyPreferNoSchedule: infos.some((ni) => ni.taints.some((t) => t.effect === 'PreferNoSchedule')), imageNodes };
  }
  return cache.summary;
}

/** Records a binding in the cache at once (the "assume" step), before the store update lands. */
export function assumePod(c: Cluster, pod: KubeObject, node: string, req: PodRequest): void {
  const cache = schedulerCache(c);
  const key = keyOf(pod);
  remove(cache, key);
  add(cache, key, node, req, controllerUid(pod));
}

onChange((c, plural, obj, kind, key) => {
  const cache = caches.get(c.s);
  if (!cache) return;
  if (plural === 'nodes') {
    cache.infos = undefined;
    cache.summary = undefined;
    if (kind === 'deleted') cache.nodes.delete(obj.metadata.name);
    else {
      const old = cache.nodes.get(obj.metadata.name);
      const ni = nodeInfo(cache, obj);
      if (old) {
        ni.reqCpu = old.reqCpu;
        ni.reqMem = old.reqMem;
        ni.nzCpu = old.nzCpu;
        ni.nzMem = old.nzMem;
        ni.pods = old.pods;
        ni.ports = old.ports;
      }
      cache.nodes.set(obj.metadata.name, ni);
    }
    if (kind !== 'modified') cache.order = [...cache.nodes.keys()].sort();
    return;
  }
  if (plural !== 'pods') return;
  const node = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  const counted = cache.contrib.get(key);
  if (kind === 'deleted' || !node || isTerminal(obj)) {
    if (counted) remove(cache, key);
    return;
  }
  if (counted && counted.node === node) return;
  if (counted) remove(cache, key);
  add(cache, key, node, podRequest(obj.spec as unknown as PodSpec), controllerUid(obj));
});
