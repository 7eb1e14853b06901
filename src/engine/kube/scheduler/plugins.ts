/**
 * The default kube-scheduler plugins (pkg/scheduler/framework/plugins), reduced to what the
 * simulation needs but keeping their rules, failure reasons and score formulas.
 */
import { matchAll, matchRequirement, matchSelector, type Requirement } from '../labels.ts';
import type { KubeObject, LabelSelector, PodSpec, Taint, Toleration } from '../types.ts';
import type { NodeInfo, NodeSummary, PodRequest } from './node-info.ts';

/** What every plugin may need about the pod being scheduled, computed once per attempt. */
export interface PodContext {
  pod: KubeObject;
  spec: PodSpec;
  req: PodRequest;
  requiredTerms?: Requirement[][];
  preferredTerms?: { weight: number; reqs: Requirement[] }[];
  /** Matching pods per node slot (`NodeInfo.id`): the same controller's, or the soft constraints' domain counts. */
  spread?: number[];
  /** Explicit DoNotSchedule constraints, with per-domain counts. */
  hardSpread?: { maxSkew: number; key: string; counts: Map<string, number>; min: number }[];
  /** Required pod (anti-)affinity: node → satisfied? precomputed per topology domain. */
  affinity?: (ni: NodeInfo) => string | undefined;
  totalNodes: number;
  /** The pod's images as nodes list them. */
  images: string[];
}

export type FilterResult = { ok: true } | { ok: false; reasons: string[]; unresolvable: boolean };

export interface FilterPlugin {
  name: string;
  filter(ctx: PodContext, ni: NodeInfo): FilterResult;
  /** True when this pod passes the plugin on every node (nothing in its spec for the plugin to check). */
  passesAll?(ctx: PodContext): boolean;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** Raw scores of the first `n` nodes into `out`; the loop is each plugin's own, so the work inside it is not a call through a shared site. */
  score(ctx: PodContext, nodes: readonly NodeInfo[], n: number, out: number[]): void;
  /** Maps the first `n` raw scores to 0..100 over the feasible nodes, in place (NormalizeScore). */
  normalize?(scores: number[], n: number): void;
  /** True when the plugin gives this pod the same score on every node, so it cannot change which node wins. */
  uniform?(ctx: PodContext, nodes: NodeSummary): boolean;
}

const PASS: FilterResult = { ok: true };
const fail = (reason: string, unresolvable: boolean): FilterResult => ({ ok: false, reasons: [reason], unresolvable });

export function tolerates(tols: Toleration[] | undefined, t: Taint): boolean {
  for (const tol of tols ?? []) {
    if (tol.effect && tol.effect !== t.effect) continue;
    if (tol.operator === 'Exists') {
      if (!tol.key || tol.key === t.key) return true;
    } else if (tol.key === t.key && (tol.value ?? '') === (t.value ?? '')) return true;
  }
  return false;
}

/** `{node-role.kubernetes.io/control-plane: }` as the TaintToleration plugin prints a taint. */
export function taintText(t: Taint): string {
  return `{${t.key}: ${t.value ?? ''}}`;
}

export const FILTERS: FilterPlugin[] = [
  {
    name: 'NodeUnschedulable',
    filter(ctx, ni) {
      if (!ni.unschedulable) return PASS;
      const tolerated = (ctx.spec.tolerations ?? []).some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'));
      return tolerated ? PASS : fail('node(s) were unschedulable', true);
    },
  },
  {
    name: 'NodeName',
    filter(ctx, ni) {
      return !ctx.spec.nodeName || ctx.spec.nodeName === ni.name ? PASS : fail("node(s) didn't match the requested node name", true);
    },
    passesAll: (ctx) => !ctx.spec.nodeName,
  },
  {
    name: 'TaintToleration',
    filter(ctx, ni) {
      for (const t of ni.taints) {
        if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(ctx.spec.tolerations, t)) return fail(`node(s) had untolerated taint ${taintText(t)}`, true);
      }
      return PASS;
    },
  },
  {
    name: 'NodeAffinity',
    filter(ctx, ni) {
      const sel = ctx.spec.nodeSelector;
      if (sel) for (const k of Object.keys(sel)) if (ni.labels[k] !== sel[k]) return fail("node(s) didn't match Pod's node affinity/selector", true);
      if (ctx.requiredTerms && !ctx.requiredTerms.some((term) => term.every((r) => matchRequirement(r, nodeLabelsWithName(ni))))) {
        return fail("node(s) didn't match Pod's node affinity/selector", true);
      }
      return PASS;
    },
    passesAll: (ctx) => !ctx.spec.nodeSelector && !ctx.requiredTerms,
  },
  {
    name: 'NodePorts',
    filter(ctx, ni) {
      for (const p of ctx.req.ports) if ((ni.ports.get(p) ?? 0) > 0) return fail("node(s) didn't have free ports for the requested pod ports", false);
      return PASS;
    },
    passesAll: (ctx) => ctx.req.ports.length === 0,
  },
  {
    name: 'NodeResourcesFit',
    filter(ctx, ni) {
      const pods = ni.pods + 1 > ni.allocPods;
      const cpu = ctx.req.cpu > 0 && ni.reqCpu + ctx.req.cpu > ni.allocCpu;
      const mem = ctx.req.mem > 0 && ni.reqMem + ctx.req.mem > ni.allocMem;
      if (!pods && !cpu && !mem) return PASS;
      const reasons: string[] = [];
      if (pods) reasons.push('Too many pods');
      if (cpu) reasons.push('Insufficient cpu');
      if (mem) reasons.push('Insufficient memory');
      return { ok: false, reasons, unresolvable: false };
    },
  },
  {
    name: 'PodTopologySpread',
    filter(ctx, ni) {
      for (const hs of ctx.hardSpread ?? []) {
        const domain = ni.labels[hs.key];
        if (domain === undefined) return fail("node(s) didn't match pod topology spread constraints (missing required label)", true);
        if ((hs.counts.get(domain) ?? 0) + 1 - hs.min > hs.maxSkew) return fail("node(s) didn't match pod topology spread constraints", false);
      }
      return PASS;
    },
    passesAll: (ctx) => !ctx.hardSpread?.length,
  },
  {
    name: 'InterPodAffinity',
    filter(ctx, ni) {
      const reason = ctx.affinity?.(ni);
      return reason ? fail(reason, false) : PASS;
    },
    passesAll: (ctx) => !ctx.affinity,
  },
];

/** Node labels plus the fields matchFields can name (`metadata.name`, used by DaemonSet pods). */
function nodeLabelsWithName(ni: NodeInfo): Record<string, string> {
  return (ni.fields ??= { ...ni.labels, '\0metadata.name': ni.name });
}

function maxOf(scores: number[], n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > max) max = scores[i]!;
  return max;
}

/** 100 for nodes with the fewest intolerable PreferNoSchedule taints, lower for more (reverse-normalized). */
function reverseNormalize(scores: number[], n: number): void {
  const max = maxOf(scores, n);
  for (let i = 0; i < n; i++) scores[i] = max === 0 ? 100 : Math.floor(100 - (scores[i]! * 100) / max);
}

function normalize(scores: number[], n: number): void {
  const max = maxOf(scores, n);
  for (let i = 0; i < n; i++) scores[i] = max === 0 ? 0 : Math.floor((scores[i]! * 100) / max);
}

const MB = 1024 * 1024;

export const SCORERS: ScorePlugin[] = [
  {
    name: 'TaintToleration',
    weight: 3,
    score(ctx, nodes, n, out) {
      for (let i = 0; i < n; i++) {
        let count = 0;
        for (const t of nodes[i]!.taints) if (t.effect === 'PreferNoSchedule' && !tolerates(ctx.spec.tolerations, t)) count++;
        out[i] = count;
      }
    },
    normalize: reverseNormalize,
    uniform: (_ctx, nodes) => !nodes.anyPreferNoSchedule,
  },
  {
    name: 'NodeAffinity',
    weight: 2,
    score(ctx, nodes, n, out) {
      const terms = ctx.preferredTerms ?? [];
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (const p of terms) if (matchAll(p.reqs, nodes[i]!.labels)) sum += p.weight;
        out[i] = sum;
      }
    },
    normalize,
    uniform: (ctx) => !ctx.preferredTerms?.length,
  },
  {
    name: 'PodTopologySpread',
    weight: 2,
    score(ctx, nodes, n, out) {
      const spread = ctx.spread ?? [];
      for (let i = 0; i < n; i++) out[i] = spread[nodes[i]!.id] ?? 0;
    },
    normalize(scores, n) {
      const max = maxOf(scores, n);
      let min = Infinity;
      for (let i = 0; i < n; i++) if (scores[i]! < min) min = scores[i]!;
      for (let i = 0; i < n; i++) scores[i] = max === 0 ? 100 : Math.floor((100 * (max + min - scores[i]!)) / max);
    },
    uniform: (ctx) => !ctx.spread,
  },
  {
    name: 'InterPodAffinity',
    weight: 2,
    score(_ctx, _nodes, n, out) {
      for (let i = 0; i < n; i++) out[i] = 0;
    },
    uniform: () => true,
  },
  {
    name: 'NodeResourcesFit',
    weight: 1,
    // LeastAllocated: `(capacity - requested) * 100 / capacity`, averaged over CPU and memory.
    score(ctx, nodes, n, out) {
      for (let i = 0; i < n; i++) {
        const ni = nodes[i]!;
        const cpu = ni.allocCpu ? Math.max(0, ((ni.allocCpu - ni.nzCpu - ctx.req.nzCpu) * 100) / ni.allocCpu) : 0;
        const mem = ni.allocMem ? Math.max(0, ((ni.allocMem - ni.nzMem - ctx.req.nzMem) * 100) / ni.allocMem) : 0;
        out[i] = Math.floor((Math.floor(cpu) + Math.floor(mem)) / 2);
      }
    },
  },
  {
    name: 'NodeResourcesBalancedAllocation',
    weight: 1,
    score(ctx, nodes, n, out) {
      for (let i = 0; i < n; i++) {
        const ni = nodes[i]!;
        const cpu = ni.allocCpu ? Math.min(1, (ni.nzCpu + ctx.req.nzCpu) / ni.allocCpu) : 1;
        const mem = ni.allocMem ? Math.min(1, (ni.nzMem + ctx.req.nzMem) / ni.allocMem) : 1;
        // Standard deviation of two fractions is half their difference.
        out[i] = Math.floor((1 - Math.abs(cpu - mem) / 2) * 100);
      }
    },
  },
  {
    name: 'ImageLocality',
    weight: 1,
    score(ctx, nodes, n, out) {
      // Size of the pod's images already on the node, clamped to 23 MB..1000 MB per container
      // (the spread factor is taken as 1: the simulation does not track image sizes per node).
      const images = ctx.images;
      const min = 23 * MB;
      const max = 1000 * MB * Math.max(1, ctx.req.images.length);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < images.length; j++) if (nodes[i]!.images.has(images[j]!)) sum += IMAGE_SIZE_MB * MB;
        const clamped = Math.min(Math.max(sum, min), max);
        out[i] = Math.floor(((clamped - min) * 100) / (max - min));
      }
    },
    // An image that no node has, or every node has, adds the same to every node.
    uniform: (ctx, nodes) =>
      ctx.images.every((img) => {
        const n = nodes.imageNodes.get(img) ?? 0;
        return n === 0 || n === nodes.count;
      }),
  },
];

const one: NodeInfo[] = [];
const oneScore: number[] = [0];

/** One node's raw score from a plugin (the explanation of a large cluster's best candidates). */
export function scoreOne(s: ScorePlugin, ctx: PodContext, ni: NodeInfo): number {
  one[0] = ni;
  s.score(ctx, one, 1, oneScore);
  return oneScore[0]!;
}

/** A typical image size for locality scoring, since the simulation does not size images. */
const IMAGE_SIZE_MB = 70;

/** `nginx` → `docker.io/library/nginx:latest`, the name a node lists its images by. */
export function normalizeImage(image: string): string {
  let name = image;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  if (slash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  const lastSlash = name.lastIndexOf('/');
  if (!name.slice(lastSlash).includes(':') && !name.includes('@')) name += ':latest';
  return name;
}

/** Node-affinity terms from a pod spec, as label requirements. */
export function affinityTerms(spec: PodSpec): Pick<PodContext, 'requiredTerms' | 'preferredTerms'> {
  const na = (spec.affinity as { nodeAffinity?: Record<string, unknown> } | undefined)?.nodeAffinity;
  if (!na) return {};
  type Expr = { key: string; operator: string; values?: string[] };
  const toReqs = (term: { matchExpressions?: Expr[]; matchFields?: Expr[] }): Requirement[] => [
    ...(term.matchExpressions ?? []).map((e) => ({ key: e.key, op: e.operator as Requirement['op'], values: e.values ?? [] })),
    ...(term.matchFields ?? []).map((e) => ({ key: `\0${e.key}`, op: e.operator as Requirement['op'], values: e.values ?? [] })),
  ];
  const req = (na.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: object[] } | undefined)?.nodeSelectorTerms;
  const pref = na.preferredDuringSchedulingIgnoredDuringExecution as { weight: number; preference: object }[] | undefined;
  return {
    requiredTerms: req?.map((t) => toReqs(t as never)),
    preferredTerms: pref?.map((p) => ({ weight: p.weight, reqs: toReqs(p.preference as never) })),
  };
}

export type { LabelSelector };
export { matchSelector };
