/**
 * Events, as components record them: one object per (object, reason, message), with a
 * count that grows on repeats. The total is bounded; the oldest are dropped first, the way
 * the real API server expires them after an hour.
 */
import { rfc3339 } from '../clock.ts';
import { HEX, randomString } from '../random.ts';
import { rt } from './resources.ts';
import { createObject, getObject, objectKey, removeObject, StoreFullError, updateObject, type Cluster } from './store.ts';
import type { KubeObject } from './types.ts';

/** Events kept per cluster before the oldest are dropped. */
export const MAX_EVENTS = 4000;

export function recordEvent(c: Cluster, involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string): void {
  const ev = rt('events');
  const namespace = involved.metadata.namespace ?? 'default';
  // Reuse an identical event instead of adding a new one (the recorder's aggregation).
  const aggKey = `${involved.metadata.uid}|${reason}|${message}`;
  const agg = aggregation(c);
  const existingName = agg.byKey.get(aggKey);
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
  let eventKey = objectKey(namespace, name);
  if (c.s.objects.events?.[eventKey]) {
    name = `${involved.metadata.name}.${randomString(c.world.state.random, 16, HEX)}`;
    eventKey = objectKey(namespace, name);
  }
  if (!storeEvent(c, {
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
  }))
    return;
  agg.byKey.set(aggKey, name);
  agg.keyOf.set(eventKey, aggKey);
  c.s.eventOrder.push(eventKey);
  // Trim in batches: splicing one at a time would copy the whole list per event.
  if (c.s.eventOrder.length > MAX_EVENTS + 500) {
    const table = c.s.objects.events!;
    for (const key of c.s.eventOrder.splice(0, c.s.eventOrder.length - MAX_EVENTS)) {
      const old = table[key];
      const k = agg.keyOf.get(key);
      agg.keyOf.delete(key);
      if (!old) continue;
      if (k !== undefined && agg.byKey.get(k) === old.metadata.name) agg.byKey.delete(k);
      removeObject(c, ev, old);
    }
  }
}

/** Stores a new event; a full events table drops it, as the recorder drops events it cannot write. */
function storeEvent(c: Cluster, e: KubeObject): boolean {
  try {
    createObject(c, rt('events'), e);
    return true;
  } catch (err) {
    if (err instanceof StoreFullError) return false;
    throw err;
  }
}

/** The sequence in event names, kept in the cluster state so a restored world names events as the original would. */
function nextSeq(c: Cluster): number {
  const n = (c.s.eventSeq ?? 0) + 1;
  c.s.eventSeq = n;
  return n % 0x100000;
}

function aggregationKey(e: KubeObject): string {
  return `${(e.involvedObject as { uid?: string } | undefined)?.uid}|${String(e.reason)}|${String(e.message)}`;
}

/**
 * (object uid, reason, message) → the name of the event that aggregates them, and back from
 * an event's `namespace/name` (so dropping the oldest events needs no key rebuilt). Derived
 * from the stored events (rebuilt after a restore), so a repeat after a reload still only counts up.
 */
interface Aggregation {
  byKey: Map<string, string>;
  keyOf: Map<string, string>;
}
const aggregates = new WeakMap<object, Aggregation>();
function aggregation(c: Cluster): Aggregation {
  let m = aggregates.get(c.s);
  if (!m) {
    aggregates.set(c.s, (m = { byKey: new Map(), keyOf: new Map() }));
    const table = c.s.objects.events;
    if (table) {
      for (const key of c.s.eventOrder) {
        const e = table[key];
        if (!e) continue;
        const k = aggregationKey(e);
        m.byKey.set(k, e.metadata.name);
        m.keyOf.set(key, k);
      }
    }
  }
  return m;
}

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
