/**
 * What the cluster view draws, as plain JSON the worker sends: nodes, pods, services, or a
 * Linux host's processes and cgroups. Also the pure logic the view runs on it (grouping pods
 * by node, and the diff between two updates that drives animations and announcements), kept
 * free of DOM so it is unit-tested in Node.
 */

/** Colour class of a pod, from its STATUS column. */
export type PodTone = 'running' | 'pending' | 'waiting' | 'failed' | 'succeeded' | 'terminating';

export interface NodeView {
  name: string;
  /** `Ready`, `NotReady` or `Unknown`, with `,SchedulingDisabled` when cordoned (as kubectl prints it). */
  status: string;
  ready: boolean;
  roles: string[];
  taints: string[];
}

export interface PodView {
  uid: string;
  name: string;
  namespace: string;
  node?: string;
  /** The STATUS column of `kubectl get pods`. */
  status: string;
  tone: PodTone;
  /** `1/1` */
  ready: string;
  restarts: number;
  owner?: string;
  ip?: string;
}

export interface ServiceView {
  uid: string;
  name: string;
  namespace: string;
  type: string;
  clusterIP?: string;
  /** Uids of the ready pods behind it. */
  endpoints: string[];
}

export interface ClusterModel {
  kind: 'cluster';
  cluster: string;
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  /** Pods left out because the view has a bound (large clusters). */
  omittedPods: number;
  /** Pods in namespaces the view hides (kube-system). */
  systemPods: number;
}

export interface ProcessView {
  pid: number;
  ppid: number;
  comm: string;
  user: string;
  state: string;
  cgroup: string;
  /** Namespace type → inode, only for the ones that differ from the host's (what `lsns` would flag). */
  ns: Record<string, number>;
}

export interface CgroupView {
  path: string;
  procs: number;
  controllers: string[];
  limits: string[];
}

export interface ProcessModel {
  kind: 'procs';
  procs: ProcessView[];
  cgroups: CgroupView[];
  omitted: number;
}

export interface EmptyModel {
  kind: 'empty';
  message: string;
}

export type ViewModel = ClusterModel | ProcessModel | EmptyModel;

/** Why a pod is on its node: the scheduler's per-node, per-plugin record, normalized. */
export interface ScheduleExplain {
  selectedNode?: string;
  message?: string;
  summarized?: boolean;
  nodes: { name: string; passed: boolean; failure?: string; total?: number; scores: { plugin: string; score: number }[] }[];
}

export interface PodDetail {
  pod: PodView;
  explain?: ScheduleExplain;
  events: { type: string; reason: string; message: string; count: number; at: string }[];
}

/** Kubectl's STATUS column → a colour class. */
export function toneOf(status: string): PodTone {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Running') return 'running';
  if (status === 'Completed' || status === 'Succeeded') return 'succeeded';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:')) return 'pending';
  if (/BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|NodeLost|Unknown|ContainerStatusUnknown/.test(status)) return 'failed';
  return 'waiting';
}

export interface NodeGroup {
  /** Undefined for the pods no node runs yet. */
  node?: NodeView;
  pods: PodView[];
}

/**
 * Pods grouped under their node: control-plane nodes first, then workers by name, then a
 * group for unscheduled pods (only when there are any). Pods keep a stable order by name.
 */
export function groupByNode(model: ClusterModel): NodeGroup[] {
  const nodes = [...model.nodes].sort((a, b) => Number(b.roles.includes('control-plane')) - Number(a.roles.includes('control-plane')) || a.name.localeCompare(b.name));
  const byNode = new Map<string, PodView[]>(nodes.map((n) => [n.name, []]));
  const pending: PodView[] = [];
  for (const p of model.pods) {
    const list = p.node !== undefined ? byNode.get(p.node) : undefined;
    if (list) list.push(p);
    else pending.push(p);
  }
  const order = (a: PodView, b: PodView) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  const groups: NodeGroup[] = nodes.map((node) => ({ node, pods: byNode.get(node.name)!.sort(order) }));
  if (pending.length) groups.push({ pods: pending.sort(order) });
  return groups;
}

export interface ClusterDiff {
  added: PodView[];
  removed: PodView[];
  /** Pods that now run on another node (a re-schedule of the same uid, rare) or were bound. */
  moved: { pod: PodView; from?: string; to?: string }[];
  restarted: PodView[];
  changed: { pod: PodView; from: string }[];
  nodesChanged: { node: NodeView; from?: string }[];
}

/** What changed between two updates, keyed by uid: the view animates and announces these. */
export function diffCluster(prev: ClusterModel | undefined, next: ClusterModel): ClusterDiff {
  const before = new Map((prev?.pods ?? []).map((p) => [p.uid, p]));
  const after = new Set(next.pods.map((p) => p.uid));
  const d: ClusterDiff = { added: [], removed: [], moved: [], restarted: [], changed: [], nodesChanged: [] };
  for (const p of next.pods) {
    const old = before.get(p.uid);
    if (!old) {
      d.added.push(p);
      continue;
    }
    if (old.node !== p.node) d.moved.push({ pod: p, from: old.node, to: p.node });
    if (p.restarts > old.restarts) d.restarted.push(p);
    if (old.status !== p.status) d.changed.push({ pod: p, from: old.status });
  }
  for (const p of prev?.pods ?? []) if (!after.has(p.uid)) d.removed.push(p);
  const oldNodes = new Map((prev?.nodes ?? []).map((n) => [n.name, n.status]));
  for (const n of next.nodes) if (oldNodes.get(n.name) !== n.status) d.nodesChanged.push({ node: n, from: oldNodes.get(n.name) });
  return d;
}

/**
 * One sentence per change for the screen-reader live region. A replacement pod (a new uid
 * with the same owner on another node, after an eviction) reads as one move, not two events.
 */
export function describeDiff(d: ClusterDiff, limit = 5): string[] {
  const lines: string[] = [];
  for (const { node, from } of d.nodesChanged) if (from !== undefined) lines.push(`Node ${node.name} is ${node.status}.`);
  for (const p of d.added) lines.push(p.node ? `Pod ${p.name} started on ${p.node}.` : `Pod ${p.name} created, waiting to be scheduled.`);
  for (const m of d.moved) lines.push(m.to ? `Pod ${m.pod.name} scheduled to ${m.to}.` : `Pod ${m.pod.name} lost its node.`);
  for (const p of d.removed) lines.push(`Pod ${p.name} deleted.`);
  for (const p of d.restarted) lines.push(`Pod ${p.name} restarted (${p.restarts} restarts).`);
  for (const c of d.changed) if (!d.restarted.includes(c.pod)) lines.push(`Pod ${c.pod.name} is ${c.pod.status}.`);
  if (lines.length > limit) return [...lines.slice(0, limit), `and ${lines.length - limit} more changes.`];
  return lines;
}

export interface ProcessNode {
  proc: ProcessView;
  children: ProcessNode[];
}

/** The process tree from ppid links; orphans (parent gone) are roots. Each pid appears once. */
export function processTree(procs: ProcessView[]): ProcessNode[] {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const kids = new Map<number, ProcessView[]>();
  for (const p of procs) {
    if (p.ppid === p.pid || !byPid.has(p.ppid)) continue;
    let list = kids.get(p.ppid);
    if (!list) kids.set(p.ppid, (list = []));
    list.push(p);
  }
  const seen = new Set<number>();
  const build = (p: ProcessView): ProcessNode => {
    seen.add(p.pid);
    const children = (kids.get(p.pid) ?? []).filter((c) => !seen.has(c.pid)).sort((a, b) => a.pid - b.pid);
    return { proc: p, children: children.filter((c) => !seen.has(c.pid)).map(build) };
  };
  const sorted = [...procs].sort((a, b) => a.pid - b.pid);
  const roots = sorted.filter((p) => p.ppid === p.pid || !byPid.has(p.ppid)).map(build);
  // A ppid cycle cannot come from the kernel, but if one did its members still show, as roots.
  for (const p of sorted) if (!seen.has(p.pid)) roots.push(build(p));
  return roots;
}
