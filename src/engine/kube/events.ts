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
  const agg = aggregation(c);
  const existingName = agg.get(involved.metadata.uid)?.get(reason)?.get(message);
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
  aggregate(agg, involved.metadata.uid, reason, message, name);
  c.s.eventOrder.push(eventKey);
  // Trim in batches: splicing one at a time would copy the whole list per event.
  if (c.s.eventOrder.length > MAX_EVENTS + 500) {
    const table = c.s.objects.events!;
    for (const key of c.s.eventOrder.splice(0, c.s.eventOrder.length - MAX_EVENTS)) {
      const old = table[key];
      if (!old) continue;
      forget(agg, old);
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

/**
 * Involved object uid → reason → message → the name of the event that aggregates them.
 * Nested, so no key is built from a long message. Derived from the stored events (rebuilt
 * after a restore), so a repeat after a reload still only counts up.
 */
type Aggregation = Map<string, Map<string, Map<string, string>>>;

const aggregates = new WeakMap<object, Aggregation>();

function aggregation(c: Cluster): Aggregation {
  let agg = aggregates.get(c.s);
  if (!agg) {
    aggregates.set(c.s, (agg = new Map()));
    const table = c.s.objects.events;
    if (table) {
      for (const key of c.s.eventOrder) {
        const e = table[key];
        if (e) aggregate(agg, involvedUid(e), String(e.reason), String(e.message), e.metadata.name);
      }
    }
  }
  return agg;
}

function involvedUid(e: KubeObject): string {
  return String((e.involvedObject as { uid?: string } | undefined)?.uid);
}

function aggregate(agg: Aggregation, uid: string, reason: string, message: string, name: string): void {
  let byReason = agg.get(uid);
  if (!byReason) agg.set(uid, (byReason = new Map()));
  let byMessage = byReason.get(reason);
  if (!byMessage) byReason.set(reason, (byMessage = new Map()));
  byMessage.set(message, name);
}

/** Drops a stored event from the aggregation, if it is still the one its (uid, reason, message) names. */
function forget(agg: Aggregation, e: KubeObject): void {
  const uid = involvedUid(e);
  const reason = String(e.reason);
  const message = String(e.message);
  const byReason = agg.get(uid);
  const byMessage = byReason?.get(reason);
  if (byMessage?.get(message) !== e.metadata.name) return;
  byMessage.delete(message);
  if (byMessage.size) return;
  byReason!.delete(reason);
  if (!byReason!.size) agg.delete(uid);
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
