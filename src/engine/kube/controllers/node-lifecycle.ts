/**
 * The node lifecycle controller and taint-based eviction: a node whose kubelet stops
 * posting status turns NotReady (Unknown) after the grace period and gets the unreachable
 * taints; pods that tolerate `unreachable:NoExecute` for N seconds are evicted N seconds
 * later (300 s by default). A cordoned node gets the unschedulable taint.
 */
import { rfc3339 } from '../../clock.ts';
import { recordEvent } from '../events.ts';
import { resyncNode } from '../kubelet.ts';
import { rt } from '../resources.ts';
import { deleteObject, enqueue, getObject, keyOf, onChange, podsOnNode, requeueAt, updateObject, type Cluster } from '../store.ts';
import type { KubeObject, PodSpec, Taint } from '../types.ts';
import { controllerSystem } from './util.ts';

const QUEUE = 'node-lifecycle';
/** node-monitor-grace-period (50 s since 1.32). */
export const NODE_GRACE_MS = 50_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

onChange((c, plural, obj) => {
  if (plural === 'nodes') enqueue(c, QUEUE, obj.metadata.name);
});

/** `hatchway sim node stop|start`: the machine goes down (or comes back). */
export function setMachine(c: Cluster, node: string, running: boolean): boolean {
  const m = c.s.machines[node];
  if (!m) return false;
  if (m.running === running) return true;
  m.running = running;
  m.lastHeartbeat = c.world.now;
  if (running) resyncNode(c, node);
  requeueAt(c, QUEUE, node, running ? c.world.now + 1000 : c.world.now + NODE_GRACE_MS);
  return true;
}

function tolerationSeconds(pod: KubeObject, taint: Taint): number | undefined | 'never' {
  let best: number | undefined | 'never' = 'never';
  for (const t of (pod.spec as unknown as PodSpec).tolerations ?? []) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (t.operator === 'Exists' ? t.key && t.key !== taint.key : t.key !== taint.key) continue;
    if (t.tolerationSeconds === undefined) return undefined;
    best = best === 'never' ? t.tolerationSeconds : Math.min(best, t.tolerationSeconds);
  }
  return best;
}

function setConditions(node: KubeObject, ready: boolean, now: string): void {
  const conds = (node.status?.conditions ?? []) as Record<string, unknown>[];
  for (const cond of conds) {
    if (!ready) {
      cond.status = 'Unknown';
      cond.reason = 'NodeStatusUnknown';
      cond.message = 'Kubelet stopped posting node status.';
      cond.lastTransitionTime = now;
    } else {
      cond.lastTransitionTime = now;
      cond.lastHeartbeatTime = now;
      const fresh = { MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'], DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'], PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'], Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'] }[cond.type as string];
      if (fresh) [cond.status, cond.reason, cond.message] = fresh;
    }
  }
}

export function syncNode(c: Cluster, name: string): boolean {
  const nodeType = rt('nodes');
  const node = getObject(c, nodeType, undefined, name);
  const m = c.s.machines[name];
  if (!node || !m) return false;
  const before = c.s.resourceVersion;
  const spec = (node.spec ??= {}) as { taints?: Taint[]; unschedulable?: boolean };
  const now = rfc3339(c.world.state.clock);
  const readyCond = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find((x) => x.type === 'Ready');
  let changed = false;
  // Cordon ↔ the unschedulable taint.
  const hasUnsched = (spec.taints ?? []).some((t) => t.key === UNSCHEDULABLE);
  if (spec.unschedulable && !hasUnsched) {
    spec.taints = [...(spec.taints ?? []), { effect: 'NoSchedule', key: UNSCHEDULABLE, timeAdded: now }];
    changed = true;
  } else if (!spec.unschedulable && hasUnsched) {
    spec.taints = (spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE);
    changed = true;
  }
  if (!m.running && c.world.now - m.lastHeartbeat >= NODE_GRACE_MS && readyCond?.status !== 'Unknown') {
    setConditions(node, false, now);
    spec.taints = [...(spec.taints ?? []).filter((t) => t.key !== UNREACHABLE), { effect: 'NoSchedule', key: UNREACHABLE, timeAdded: now }, { effect: 'NoExecute', key: UNREACHABLE, timeAdded: now }];
    changed = true;
    recordEvent(c, node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller');
    // MarkPodsNotReady: the kubelet cannot say so itself any more.
    for (const pod of podsOnNode(c, name)) {
      const conds = (pod.status?.conditions ?? []) as Record<string, unknown>[];
      const ready = conds.find((x) => x.type === 'Ready');
      if (ready && ready.status !== 'False') {
        ready.status = 'False';
        ready.lastTransitionTime = now;
        for (const cs of (pod.status?.containerStatuses ?? []) as { ready: boolean }[]) cs.ready = false;
        updateObject(c, rt('pods'), pod);
      }
    }
  } else if (!m.running && readyCond?.status !== 'Unknown') {
    requeueAt(c, QUEUE, name, m.lastHeartbeat + NODE_GRACE_MS);
  } else if (m.running && readyCond?.status !== 'True') {
    setConditions(node, true, now);
    spec.taints = (spec.taints ?? []).filter((t) => t.key !== UNREACHABLE && t.key !== 'node.kubernetes.io/not-ready');
    changed = true;
    recordEvent(c, node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, 'node-controller');
  }
  if (!spec.taints?.length) delete spec.taints;
  if (changed) updateObject(c, nodeType, node);
  // Taint-based eviction for NoExecute taints.
  for (const taint of spec.taints ?? []) {
    if (taint.effect !== 'NoExecute') continue;
    const added = Date.parse(taint.timeAdded ?? now) - c.world.state.clock.epoch;
    for (const pod of podsOnNode(c, name)) {
      if (pod.metadata.deletionTimestamp) continue;
      const secs = tolerationSeconds(pod, taint);
      if (secs === undefined) continue;
      const due = secs === 'never' ? c.world.now : added + secs * 1000;
      if (due <= c.world.now) {
        recordEvent(c, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${keyOf(pod)}`, 'taint-eviction-controller');
        deleteObject(c, rt('pods'), pod);
      } else requeueAt(c, QUEUE, name, due);
    }
  }
  return c.s.resourceVersion !== before;
}

export const nodeLifecycleController = controllerSystem('node-lifecycle-controller', QUEUE, syncNode);
