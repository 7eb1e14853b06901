/**
 * kube-scheduler: takes pending pods from its queue, runs the filter plugins on a sample
 * of nodes (percentageOfNodesToScore), scores the feasible ones with the weighted score
 * plugins, and binds to the best. Every decision is kept, per node and plugin, the way
 * kube-scheduler-simulator annotates pods, so `hatchway explain pod` can show why.
 */
import { rfc3339 } from '../../clock.ts';
import { LIMITS } from '../../limits.ts';
import { nextInt } from '../../random.ts';
import { dict, type Dict } from '../../util/dict.ts';
import type { System, World } from '../../world.ts';
import { recordEvent } from '../events.ts';
import { matchSelector } from '../labels.ts';
import { rt } from '../resources.ts';
import { allClusters, drain, enqueue, getByKey, hasQueued, keyOf, listObjects, onChange, updateObject, type Cluster } from '../store.ts';
import type { KubeObject, LabelSelector, PodSpec } from '../types.ts';
import { assumePod, nodeList, nodeSummary, podRequest, schedulerCache, slotArray, type NodeInfo, type PodRequest } from './node-info.ts';
import { affinityTerms, FILTERS, normalizeImage, SCORERS, scoreOne, type PodContext } from './plugins.ts';

export interface Decision {
  pod: string;
  namespace: string;
  at: number;
  totalNodes: number;
  /** node → plugin → "passed" or the failure reason (plugins after the first failure do not run). */
  filter: Dict<Dict<string>>;
  /** node → plugin → normalized score (0..100). */
  score: Dict<Dict<number>>;
  /** node → plugin → score × weight. */
  finalScore: Dict<Dict<number>>;
  selectedNode?: string;
  message?: string;
  /** True when only a sample of the nodes was recorded (large clusters). */
  summarized?: boolean;
}

const QUEUE = 'scheduler';
const UNSCHEDULABLE = 'scheduler-unschedulable';

function isPendingUnbound(pod: KubeObject): boolean {
  const spec = pod.spec as unknown as PodSpec;
  return !spec.nodeName && !pod.metadata.deletionTimestamp && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded';
}

onChange((c, plural, obj, kind, key) => {
  if (plural === 'pods') {
    if (kind === 'added' && isPendingUnbound(obj)) enqueue(c, QUEUE, key);
    else if (kind === 'modified' && c.s.queues[UNSCHEDULABLE]?.[key] !== undefined && isPendingUnbound(obj)) {
      // A pod update (new tolerations, smaller requests after a re-create) is worth a retry.
      const gen = obj.metadata.generation ?? 0;
      if ((c.s.queues[UNSCHEDULABLE][key] as unknown as number) !== gen) {
        delete c.s.queues[UNSCHEDULABLE][key];
        enqueue(c, QUEUE, key);
      }
    }
    // A pod leaving frees room: retry everything that did not fit (MoveAllToActiveOrBackoffQueue).
    if (kind === 'deleted' || (kind === 'modified' && (obj.metadata.deletionTimestamp || obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed'))) retryUnschedulable(c);
  } else if (plural === 'nodes') retryUnschedulable(c);
});

function retryUnschedulable(c: Cluster): void {
  const q = c.s.queues[UNSCHEDULABLE];
  if (!q) return;
  for (const k of Object.keys(q)) enqueue(c, QUEUE, k);
  c.s.queues[UNSCHEDULABLE] = dict();
}

/** How many feasible nodes to look for before scoring (kube-scheduler's adaptive percentage). */
export function numFeasibleNodesToFind(n: number): number {
  if (n < 100) return n;
  const pct = Math.max(5, 50 - Math.floor(n / 125));
  return Math.max(100, Math.floor((n * pct) / 100));
}

function podContext(c: Cluster, pod: KubeObject, cache: ReturnType<typeof schedulerCache>): PodContext {
  const nodes = cache.nodes;
  const spec = pod.spec as unknown as PodSpec;
  const req = podRequest(spec);
  const ctx: PodContext = { pod, spec, req, totalNodes: nodes.size, images: req.images.map(normalizeImage), ...affinityTerms(spec) };
  const ns = pod.metadata.namespace;
  const constraints = spec.topologySpreadConstraints ?? [];
  if (constraints.length) {
    const pods = listObjects(c, rt('pods'), ns).filter((p) => (p.spec as { nodeName?: string }).nodeName && !p.metadata.deletionTimestamp);
    const soft = slotArray(cache);
    ctx.hardSpread = [];
    for (const tc of constraints) {
      const counts = new Map<string, number>();
      for (const ni of nodes.values()) {
        const d = ni.labels[tc.topologyKey];
        if (d !== undefined && !counts.has(d)) counts.set(d, 0);
      }
      for (const p of pods) {
        if (!matchSelector(tc.labelSelector, p.metadata.labels)) continue;
        const d = nodes.get((p.spec as { nodeName: string }).nodeName)?.labels[tc.topologyKey];
        if (d !== undefined) counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      if (tc.whenUnsatisfiable === 'DoNotSchedule') ctx.hardSpread.push({ maxSkew: tc.maxSkew, key: tc.topologyKey, counts, min: counts.size ? Math.min(...counts.values()) : 0 });
      else for (const ni of nodes.values()) soft[ni.id]! += counts.get(ni.labels[tc.topologyKey] ?? '') ?? 0;
    }
    ctx.spread = soft;
  } else {
    // System default spreading (maxSkew 3 over hostname) for pods that belong to a controller.
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
    if (owner) ctx.spread = cache.ownerSpread.get(owner);
  }
  const aff = spec.affinity as { podAffinity?: Record<string, unknown>; podAntiAffinity?: Record<string, unknown> } | undefined;
  const terms = (a: Record<string, unknown> | undefined) => (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as { labelSelector?: LabelSelector; topologyKey: string; namespaces?: string[] }[];
  const affTerms = terms(aff?.podAffinity);
  const antiTerms = terms(aff?.podAntiAffinity);
  if (affTerms.length || antiTerms.length) {
    const domainsOf = (term: { labelSelector?: LabelSelector; topologyKey: string; namespaces?: string[] }) => {
      const set = new Set<string>();
      for (const n of term.namespaces?.length ? term.namespaces : [ns]) {
        for (const p of listObjects(c, rt('pods'), n)) {
          const node = (p.spec as { nodeName?: string }).nodeName;
          if (!node || p.metadata.deletionTimestamp || !matchSelector(term.labelSelector, p.metadata.labels)) continue;
          const d = nodes.get(node)?.labels[term.topologyKey];
          if (d !== undefined) set.add(d);
        }
      }
      return set;
    };
    const affSets = affTerms.map((t) => ({ t, set: domainsOf(t), self: matchSelector(t.labelSelector, pod.metadata.labels) }));
    const antiSets = antiTerms.map((t) => ({ t, set: domainsOf(t) }));
    ctx.affinity = (ni) => {
      for (const a of affSets) {
        const d = ni.labels[a.t.topologyKey];
        // The first pod of a group that selects itself may go anywhere.
        if (d === undefined || (!a.set.has(d) && !(a.set.size === 0 && a.self))) return "node(s) didn't match pod affinity rules";
      }
      for (const a of antiSets) {
        const d = ni.labels[a.t.topologyKey];
        if (d !== undefined && a.set.has(d)) return "node(s) didn't match pod anti-affinity rules";
      }
      return undefined;
    };
  }
  return ctx;
}

// Scratch arrays reused across scheduling attempts (scores are integers; one attempt at a time).
const scratchRaw: number[] = [];
const scratchTotals: number[] = [];
const scratchFeasible: NodeInfo[] = [];

/** What a large cluster's explanation records for each candidate it keeps (they passed every filter); shared, so never changed. */
const ALL_PASSED: Readonly<Dict<string>> = Object.freeze(dict(FILTERS.map((f) => [f.name, 'passed'] as const)));

/** Schedules one pod. Returns true if it was bound. */
export function scheduleOne(c: Cluster, pod: KubeObject): boolean {
  const cache = schedulerCache(c);
  const list = nodeList(cache);
  const n = list.length;
  const ctx = podContext(c, pod, cache);
  const want = numFeasibleNodesToFind(n);
  const record = n <= LIMITS.explainNodes;
  const decision: Decision = { pod: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', at: c.world.now, totalNodes: n, filter: dict(), score: dict(), finalScore: dict() };
  if (!record) decision.summarized = true;
  // Plugins this pod passes on every node need not run, unless every result is recorded.
  const filters = record ? FILTERS : FILTERS.filter((f) => !f.passesAll?.(ctx));
  // Filled from the start and read up to `m`; never truncated, so its storage is kept between attempts.
  const feasible = scratchFeasible;
  let m = 0;
  // Why nodes failed, kept only once one has (most attempts find every node they look at feasible).
  let histogram: Map<string, number> | undefined;
  let unresolvable: Set<string> | undefined;
  let processed = 0;
  const start = n ? c.s.nextStartNode % n : 0;
  for (let i = 0; i < n && m < want; i++) {
    let at = start + i;
    if (at >= n) at -= n;
    const ni = list[at]!;
    processed++;
    const results = record ? (decision.filter[ni.name] = dict<string>()) : undefined;
    let ok = true;
    for (let j = 0; j < filters.length; j++) {
      const f = filters[j]!;
      const r = f.filter(ctx, ni);
      if (r.ok) {
        if (results) results[f.name] = 'passed';
        continue;
      }
      if (results) results[f.name] = r.reasons.join(', ');
      histogram ??= new Map();
      for (const reason of r.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
      if (r.unresolvable) (unresolvable ??= new Set()).add(ni.name);
      ok = false;
      break;
    }
    if (ok) feasible[m++] = ni;
  }
  c.s.nextStartNode = n ? (start + processed) % n : 0;
  const podType = rt('pods');
  if (!m) {
    const parts = [...(histogram ?? [])].map(([reason, count]) => `${count} ${reason}`).sort();
    const failed = processed;
    const notHelpful = unresolvable?.size ?? 0;
    const pre: string[] = [];
    if (notHelpful) pre.push(`${notHelpful} Preemption is not helpful for scheduling`);
    if (failed - notHelpful) pre.push(`${failed - notHelpful} No preemption victims found for incoming pod`);
    const message = `0/${n} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}. preemption: 0/${n} nodes are available${pre.length ? ': ' + pre.sort().join(', ') : ''}.`;
    decision.message = message;
    keep(c, pod, decision);
    const status = (pod.status ??= {}) as Record<string, unknown>;
    status.phase = 'Pending';
    status.conditions = [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(c.world.state.clock), reason: 'Unschedulable', message }];
    (c.s.queues[UNSCHEDULABLE] ??= dict())[keyOf(pod)] = (pod.metadata.generation ?? 0) as unknown as 1;
    updateObject(c, podType, pod);
    recordEvent(c, pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
    return false;
  }
  // Score. A plugin that scores every node alike adds the same amount to every total, so
  // it cannot change the winner; it is skipped unless every score is recorded.
  const totals = scratchTotals;
  const raw = scratchRaw;
  for (let i = 0; i < m; i++) totals[i] = 0;
  const summary = nodeSummary(cache);
  for (const s of SCORERS) {
    if (!record && s.uniform?.(ctx, summary)) continue;
    s.score(ctx, feasible, m, raw);
    if (s.normalize) s.normalize(raw, m);
    for (let i = 0; i < m; i++) totals[i]! += raw[i]! * s.weight;
    if (record) {
      for (let i = 0; i < m; i++) {
        const name = feasible[i]!.name;
        (decision.score[name] ??= dict())[s.name] = raw[i]!;
        (decision.finalScore[name] ??= dict())[s.name] = raw[i]! * s.weight;
      }
    }
  }
  // Highest total wins; ties are broken at random (seeded), as selectHost does.
  let best = 0;
  let ties = 1;
  for (let i = 1; i < m; i++) {
    if (totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (nextInt(c.world.state.random, ties) === 0) best = i;
    }
  }
  const node = feasible[best]!;
  if (!record) {
    // Keep the winner and the runners-up so a large cluster's explanation still says something:
    // the five highest totals, earlier nodes first among equals (a stable sort, without sorting all).
    const top: number[] = [];
    for (let i = 0; i < m; i++) {
      if (top.length === 5 && totals[i]! <= totals[top[4]!]!) continue;
      let p = top.length < 5 ? top.length : 4;
      while (p > 0 && totals[top[p - 1]!]! < totals[i]!) p--;
      top.splice(p, 0, i);
      if (top.length > 5) top.pop();
    }
    for (const i of top) {
      const ni = feasible[i]!;
      decision.filter[ni.name] = ALL_PASSED;
      const scores = (decision.finalScore[ni.name] = dict<number>());
      for (const s of SCORERS) scores[s.name] = s.normalize ? 0 : scoreOne(s, ctx, ni) * s.weight;
    }
  }
  decision.selectedNode = node.name;
  keep(c, pod, decision);
  bind(c, pod, node.name, ctx.req);
  return true;
}

function bind(c: Cluster, pod: KubeObject, node: string, req: PodRequest): void {
  assumePod(c, pod, node, req);
  (pod.spec as unknown as PodSpec).nodeName = node;
  const status = (pod.status ??= {}) as Record<string, unknown>;
  status.conditions = [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(c.world.state.clock) }];
  updateObject(c, rt('pods'), pod);
  recordEvent(c, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, 'default-scheduler');
}

function keep(c: Cluster, pod: KubeObject, d: Decision): void {
  const uid = pod.metadata.uid;
  if (!(uid in c.s.decisions)) c.s.decisionOrder.push(uid);
  c.s.decisions[uid] = d;
  if (c.s.decisionOrder.length > LIMITS.schedulerDecisions) {
    for (const old of c.s.decisionOrder.splice(0, c.s.decisionOrder.length - LIMITS.schedulerDecisions)) delete c.s.decisions[old];
  }
}

export function decisionFor(c: Cluster, pod: KubeObject): Decision | undefined {
  return c.s.decisions[pod.metadata.uid] as Decision | undefined;
}

export const scheduler: System = {
  name: 'kube-scheduler',
  nextWake(world: World) {
    for (const c of allClusters(world)) if (hasQueued(c, QUEUE)) return world.now;
    return undefined;
  },
  tick(world: World) {
    let changed = false;
    for (const c of allClusters(world)) {
      for (const key of drain(c, QUEUE)) {
        const pod = getByKey(c, 'pods', key);
        if (!pod || !isPendingUnbound(pod)) continue;
        scheduleOne(c, pod);
        changed = true;
      }
    }
    return changed;
  },
};
