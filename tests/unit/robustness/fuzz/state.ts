/**
 * Reads Kubernetes objects and cgroups out of a world's JSON state without depending on how
 * a domain lays it out (the stores are being rewritten), for invariant checks.
 */
import type { World } from '../../../../src/engine/world.ts';

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every object of `kind`, grouped by the table (one per cluster) that holds it. */
export function objectTables(world: World, kind: string): Json[][] {
  const out: Json[][] = [];
  const walk = (v: unknown, depth: number) => {
    if (!isObj(v) || depth > 5) return;
    const values = Object.values(v);
    if (values.length && values.every((x) => isObj(x) && x.kind === kind)) {
      out.push(values as Json[]);
      return;
    }
    for (const x of values) walk(x, depth + 1);
  };
  walk(world.state.ext, 0);
  return out;
}

const meta = (o: Json) => (o.metadata ?? {}) as { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string; ownerReferences?: { uid: string }[] };

/** Pods whose spec.nodeName names a node that does not exist in their cluster. */
export function podsOnMissingNodes(world: World): string[] {
  const bad: string[] = [];
  const podTables = objectTables(world, 'Pod');
  const nodeTables = objectTables(world, 'Node');
  const nodeNames = new Set(nodeTables.flat().map((n) => meta(n).name));
  for (const pod of podTables.flat()) {
    const node = (pod.spec as Json | undefined)?.nodeName;
    if (typeof node === 'string' && node && !nodeNames.has(node)) bad.push(`${meta(pod).namespace}/${meta(pod).name} on ${node}`);
  }
  return bad;
}

/** ReplicaSets whose live pods (not terminating, not finished) differ from spec.replicas. */
export function replicaSetMismatches(world: World): string[] {
  const pods = objectTables(world, 'Pod').flat();
  const bad: string[] = [];
  for (const rs of objectTables(world, 'ReplicaSet').flat()) {
    if (meta(rs).deletionTimestamp) continue;
    const want = Number((rs.spec as Json | undefined)?.replicas ?? 1);
    const uid = meta(rs).uid;
    const live = pods.filter((p) => {
      const phase = (p.status as Json | undefined)?.phase;
      return meta(p).ownerReferences?.some((o) => o.uid === uid) && !meta(p).deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded';
    }).length;
    if (live !== want) bad.push(`${meta(rs).namespace}/${meta(rs).name}: ${live} pods, replicas ${want}`);
  }
  return bad;
}

/** cgroup v2's "no internal processes" rule: a non-root cgroup with controllers enabled for children holds no processes. */
export function cgroupsWithProcessesAndControllers(world: World): string[] {
  const cgroups = (world.state.ext as { linux?: { cgroups?: Record<string, { subtree?: string[] }> } }).linux?.cgroups ?? {};
  const procs = Object.values(world.state.procs.procs) as { cgroup?: string }[];
  return Object.entries(cgroups)
    .filter(([path, cg]) => path !== '/' && (cg.subtree?.length ?? 0) > 0 && procs.some((p) => p.cgroup === path))
    .map(([path]) => path);
}
