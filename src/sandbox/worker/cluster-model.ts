/**
 * Reads the simulated API server's objects into the cluster view's model. The Kubernetes
 * engine is growing (one cluster or many, scheduler records, events), so everything here
 * reads defensively: a field that is missing or shaped differently gives a plainer view,
 * never an exception.
 */
import type { ClusterModel, NodeView, PodDetail, PodView, ScheduleExplain, ServiceView } from '../features/cluster-view/model.ts';
import { toneOf } from '../features/cluster-view/model.ts';

/** Pods drawn at most; past this the view says how many it left out. */
export const MAX_VIEW_PODS = 600;
const HIDDEN_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

type Obj = { metadata?: { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { kind?: string; name?: string }[] }; spec?: Record<string, unknown>; status?: Record<string, unknown>; [k: string]: unknown };

/** The part of a cluster the view reads: objects by plural, and scheduling decisions by pod uid. */
export interface ClusterSource {
  name: string;
  objects: Record<string, Record<string, Obj>>;
  decisions?: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The cluster kubectl talks to: the current context's cluster when the state has several
 * (`clusters` + `config`), or the single store older worlds keep (`objects` at the top).
 */
export function currentCluster(kube: unknown): ClusterSource | undefined {
  if (!isRecord(kube)) return undefined;
  if (isRecord(kube.objects)) return { name: 'kubernetes', objects: kube.objects as ClusterSource['objects'], decisions: isRecord(kube.decisions) ? kube.decisions : undefined };
  if (!isRecord(kube.clusters)) return undefined;
  const clusters = kube.clusters as Record<string, unknown>;
  const config = isRecord(kube.config) ? kube.config : {};
  const contexts = Array.isArray(config.contexts) ? (config.contexts as { name?: string; cluster?: string }[]) : [];
  const wanted = contexts.find((c) => c?.name === config.current)?.cluster;
  const name = wanted && isRecord(clusters[wanted]) ? wanted : Object.keys(clusters).find((k) => isRecord(clusters[k]));
  if (!name) return undefined;
  const c = clusters[name] as Record<string, unknown>;
  if (!isRecord(c.objects)) return undefined;
  return { name: typeof c.name === 'string' ? c.name : name, objects: c.objects as ClusterSource['objects'], decisions: isRecord(c.decisions) ? c.decisions : undefined };
}

function list(c: ClusterSource, plural: string): Obj[] {
  const table = c.objects[plural];
  return isRecord(table) ? (Object.values(table).filter(isRecord) as Obj[]) : [];
}

type ContainerStatus = { ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } };

/** kubectl's STATUS column (the same rules as the engine's printer). */
export function podStatus(pod: Obj): string {
  const status = (pod.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatus[] };
  let reason = status.reason ?? status.phase ?? 'Pending';
  const cs = Array.isArray(status.containerStatuses) ? status.containerStatuses : [];
  for (const s of cs) {
    if (s?.state?.waiting?.reason) reason = s.state.waiting.reason;
    else if (s?.state?.terminated?.reason) reason = s.state.terminated.reason;
  }
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function podView(pod: Obj): PodView {
  const cs = (Array.isArray(pod.status?.containerStatuses) ? pod.status.containerStatuses : []) as ContainerStatus[];
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers.length : cs.length;
  const status = podStatus(pod);
  const owner = pod.metadata?.ownerReferences?.[0];
  const view: PodView = {
    uid: String(pod.metadata?.uid ?? `${pod.metadata?.namespace}/${pod.metadata?.name}`),
    name: String(pod.metadata?.name ?? '?'),
    namespace: String(pod.metadata?.namespace ?? 'default'),
    status,
    tone: toneOf(status),
    ready: `${cs.filter((s) => s?.ready).length}/${containers}`,
    restarts: cs.reduce((n, s) => n + (Number(s?.restartCount) || 0), 0),
  };
  if (typeof pod.spec?.nodeName === 'string' && pod.spec.nodeName) view.node = pod.spec.nodeName;
  if (owner?.kind && owner.name) view.owner = `${owner.kind}/${owner.name}`;
  if (typeof pod.status?.podIP === 'string') view.ip = pod.status.podIP;
  return view;
}

function nodeView(node: Obj): NodeView {
  const conds = (Array.isArray(node.status?.conditions) ? node.status.conditions : []) as { type?: string; status?: string }[];
  const ready = conds.find((c) => c?.type === 'Ready')?.status;
  let status = ready === 'True' ? 'Ready' : ready === 'Unknown' ? 'Unknown' : 'NotReady';
  if (node.spec?.unschedulable) status += ',SchedulingDisabled';
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  const taints = (Array.isArray(node.spec?.taints) ? node.spec.taints : []) as { key?: string; value?: string; effect?: string }[];
  return {
    name: String(node.metadata?.name ?? '?'),
    status,
    ready: ready === 'True',
    roles,
    taints: taints.map((t) => `${t?.key ?? ''}${t?.value ? `=${t.value}` : ''}:${t?.effect ?? ''}`),
  };
}

function selects(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function isReady(pod: Obj): boolean {
  const conds = (Array.isArray(pod.status?.conditions) ? pod.status.conditions : []) as { type?: string; status?: string }[];
  const ready = conds.find((c) => c?.type === 'Ready');
  if (ready) return ready.status === 'True';
  // No Ready condition yet: ready only if it runs and every container says so.
  const cs = (Array.isArray(pod.status?.containerStatuses) ? pod.status.containerStatuses : []) as ContainerStatus[];
  return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && cs.length > 0 && cs.every((s) => s?.ready === true);
}

function serviceView(svc: Obj, pods: Obj[]): ServiceView {
  const selector = svc.spec?.selector;
  const ns = svc.metadata?.namespace ?? 'default';
  return {
    uid: String(svc.metadata?.uid ?? `${ns}/${svc.metadata?.name}`),
    name: String(svc.metadata?.name ?? '?'),
    namespace: ns,
    type: typeof svc.spec?.type === 'string' ? svc.spec.type : 'ClusterIP',
    clusterIP: typeof svc.spec?.clusterIP === 'string' ? svc.spec.clusterIP : undefined,
    // Endpoints as the EndpointSlice controller computes them: ready pods matching the selector.
    endpoints: pods.filter((p) => (p.metadata?.namespace ?? 'default') === ns && selects(selector, p.metadata?.labels) && isReady(p)).map((p) => String(p.metadata?.uid)),
  };
}

export function clusterModel(c: ClusterSource): ClusterModel {
  const allPods = list(c, 'pods');
  const visible = allPods.filter((p) => !HIDDEN_NAMESPACES.has(p.metadata?.namespace ?? 'default'));
  visible.sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
  const shown = visible.slice(0, MAX_VIEW_PODS);
  return {
    kind: 'cluster',
    cluster: c.name,
    nodes: list(c, 'nodes').map(nodeView),
    pods: shown.map(podView),
    services: list(c, 'services')
      .filter((s) => !HIDDEN_NAMESPACES.has(s.metadata?.namespace ?? 'default') && !(s.metadata?.namespace === 'default' && s.metadata?.name === 'kubernetes'))
      .map((s) => serviceView(s, visible)),
    omittedPods: visible.length - shown.length,
    systemPods: allPods.length - visible.length,
  };
}

/**
 * The scheduler's record for a pod: the engine's per-plugin decision, or the JSON
 * annotations kube-scheduler-simulator writes (`kube-scheduler-simulator.sigs.k8s.io/...`).
 */
export function explainSchedule(c: ClusterSource, pod: Obj): ScheduleExplain | undefined {
  const uid = String(pod.metadata?.uid ?? '');
  const raw = c.decisions?.[uid];
  const fromAnn = (key: string): unknown => {
    const a = pod.metadata?.annotations?.[`kube-scheduler-simulator.sigs.k8s.io/${key}`];
    if (typeof a !== 'string') return undefined;
    try {
      return JSON.parse(a);
    } catch {
      return undefined;
    }
  };
  const d = isRecord(raw)
    ? raw
    : fromAnn('filter-result') !== undefined
      ? { filter: fromAnn('filter-result'), finalScore: fromAnn('finalscore-result'), selectedNode: fromAnn('selected-node') ?? pod.metadata?.annotations?.['kube-scheduler-simulator.sigs.k8s.io/selected-node'] }
      : undefined;
  if (!d) return undefined;
  const filter = isRecord(d.filter) ? (d.filter as Record<string, unknown>) : {};
  const scores = isRecord(d.finalScore) ? (d.finalScore as Record<string, unknown>) : isRecord(d.score) ? (d.score as Record<string, unknown>) : {};
  const names = [...new Set([...Object.keys(filter), ...Object.keys(scores)])];
  const nodes = names.map((name) => {
    const results = isRecord(filter[name]) ? (filter[name] as Record<string, unknown>) : {};
    const failure = Object.entries(results).find(([, r]) => r !== 'passed' && r !== 'success');
    const s = isRecord(scores[name]) ? (scores[name] as Record<string, unknown>) : {};
    const list = Object.entries(s).map(([plugin, v]) => ({ plugin, score: Number(v) || 0 }));
    return {
      name,
      passed: !failure,
      failure: failure ? `${failure[0]}: ${String(failure[1])}` : undefined,
      total: failure ? undefined : list.reduce((n, x) => n + x.score, 0),
      scores: list,
    };
  });
  nodes.sort((a, b) => Number(b.passed) - Number(a.passed) || (b.total ?? 0) - (a.total ?? 0) || a.name.localeCompare(b.name));
  return {
    selectedNode: typeof d.selectedNode === 'string' ? d.selectedNode : undefined,
    message: typeof d.message === 'string' ? d.message : undefined,
    summarized: d.summarized === true,
    nodes,
  };
}

/** Events about an object, newest last, as `kubectl describe` lists them. */
export function eventsAbout(c: ClusterSource, uid: string, name: string, namespace: string): PodDetail['events'] {
  return list(c, 'events')
    .filter((e) => {
      const io = (e.involvedObject ?? e.regarding) as { uid?: string; name?: string; namespace?: string; kind?: string } | undefined;
      return io?.uid === uid || (io?.kind === 'Pod' && io?.name === name && (io?.namespace ?? 'default') === namespace);
    })
    .map((e) => ({
      type: String(e.type ?? 'Normal'),
      reason: String(e.reason ?? ''),
      message: String(e.message ?? e.note ?? ''),
      count: Number(e.count ?? 1) || 1,
      at: String(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.['creationTimestamp' as never] ?? ''),
    }))
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-50);
}

export function podDetail(c: ClusterSource, uid: string): PodDetail | undefined {
  const pod = list(c, 'pods').find((p) => p.metadata?.uid === uid);
  if (!pod) return undefined;
  const view = podView(pod);
  return { pod: view, explain: explainSchedule(c, pod), events: eventsAbout(c, uid, view.name, view.namespace) };
}
