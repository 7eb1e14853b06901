/**
 * Events, as components record them: one object per (object, reason, message), with a
 * count that grows on repeats. The total is bounded; the oldest are dropped first, the way
 * the real API server expires them after an hour.
 */
import { rfc3339 } from '../clock.ts';
import { HEX, randomString } from '../random.ts';
import { rt } from './resources.ts';
import { createObject, getObject, removeObject, updateObject, type Cluster } from './store.ts';
import type { KubeObject } from './types.ts';

/** Events kept per cluster before the oldest are dropped. */
export const MAX_EVENTS = 4000;

export function recordEvent(c: Cluster, involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string): void {
  const ev = rt('events');
  const namespace = involved.metadata.namespace ?? 'default';
  // Reuse an identical event instead of adding a new one (the recorder's aggregation).
  const aggKey = `${involved.metadata.uid}|${reason}|${message}`;
  const existingName = aggregate.get(c.s)?.get(aggKey);
  const now = rfc3339(c.world.state.clock);
  if (existingName) {
    const e = getObject(c, ev, namespace, existingName);
    if (e) {
      e.count = Number(e.count ?? 1) + 1;
      e.lastTimestamp = now;
      updateObject(c, ev, e);
      return;
    }
  }
  // The recorder names events `<object>.<UnixNano in hex>`, so one object's events list in time order.
  const ms = c.world.state.clock.epoch + c.world.now;
  let name = `${involved.metadata.name}.${ms.toString(16)}${nextSeq(c).toString(16).padStart(5, '0')}`;
  if (getObject(c, ev, namespace, name)) name = `${involved.metadata.name}.${randomString(c.world.state.random, 16, HEX)}`;
  createObject(c, ev, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
    involvedObject: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.metadata.name,
      namespace: involved.metadata.namespace,
      uid: involved.metadata.uid,
      resourceVersion: involved.metadata.resourceVersion,
    },
    reason,
    message,
    source: host ? { component, host } : { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    reportingComponent: component,
    reportingInstance: host ?? '',
  });
  let m = aggregate.get(c.s);
  if (!m) aggregate.set(c.s, (m = new Map()));
  m.set(aggKey, name);
  c.s.eventOrder.push(`${namespace}/${name}`);
  // Trim in batches: splicing one at a time would copy the whole list per event.
  if (c.s.eventOrder.length > MAX_EVENTS + 500) {
    for (const key of c.s.eventOrder.splice(0, c.s.eventOrder.length - MAX_EVENTS)) {
      const [ns, n] = key.split('/') as [string, string];
      const old = getObject(c, ev, ns, n);
      if (old) removeObject(c, ev, old);
    }
  }
}

const seqs = new WeakMap<object, number>();
function nextSeq(c: Cluster): number {
  const n = (seqs.get(c.s) ?? 0) + 1;
  seqs.set(c.s, n);
  return n % 0x100000;
}

// Aggregation keys are a cache: losing them on restore only means a repeat starts a new event.
const aggregate = new WeakMap<object, Map<string, string>>();

/** Events about one object, oldest first. */
export function eventsFor(c: Cluster, obj: KubeObject): KubeObject[] {
  const out: KubeObject[] = [];
  const table = c.s.objects.events ?? {};
  for (const key of c.s.eventOrder) {
    const e = table[key];
    if (e && (e.involvedObject as { uid: string }).uid === obj.metadata.uid) out.push(e);
  }
  return out;
}
