/**
 * Events, as components record them: one object per (object, reason, message), with a
 * count that grows on repeats, after client-go's correlation (event-correlator.ts). The total is bounded; the oldest are dropped first, the way
 * the real API server expires them after an hour.
 */
import { rfc3339 } from '../clock.ts';
import { HEX, randomString } from '../random.ts';
import { rt } from './resources.ts';
import { createObject, getObject, objectKey, removeObject, StoreFullError, updateObject, type Cluster } from './store.ts';
import type { KubeObject } from './types.ts';
import { correlate } from './event-correlator.ts';

/** Events kept per cluster before the oldest are dropped. */
export const MAX_EVENTS = 4000;

export function recordEvent(c: Cluster, involved: KubeObject, type: 'Normal' | 'Warning', reason: string, rawMessage: string, component: string, host?: string): void {
  const ev = rt('events');
  const namespace = involved.metadata.namespace ?? 'default';
  const { message, occurrences, combined } = correlate(c, { component, host, uid: involved.metadata.uid, type, reason }, rawMessage);
  if (!occurrences) return;
  // Reuse an identical event instead of adding a new one (the recorder's aggregation); a
  // combined event is one per similar events, whatever its latest message.
  const agg = aggregation(c);
  const existingName = combined ? combined.combined : aggregatedName(agg, involved.metadata.uid, reason, message);
  const now = rfc3339(c.world.state.clock);
  if (existingName) {
    const e = getObject(c, ev, namespace, existingName);
    if (e) {
      e.count = Number(e.count ?? 1) + occurrences;
      e.lastTimestamp = now;
      e.message = message;
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
  if (!storeEvent(c, eventKey, {
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
    count: occurrences,
    type,
    reportingComponent: component,
    reportingInstance: host ?? '',
  }))
    return;
  if (combined) combined.combined = name;
  else aggregate(agg, involved.metadata.uid, reason, message, name);
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
function storeEvent(c: Cluster, key: string, e: KubeObject): boolean {
  try {
    createObject(c, rt('events'), e, c.world.now, key);
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
 * Involved object uid → the name of the event that aggregates each (reason, message) about
 * it. Derived from the stored events (rebuilt after a restore), so a repeat after a reload
 * still only counts up. An object has a handful of reasons, each nearly always with one
 * message, so the reasons are a short list and only further messages get a map: no key is
 * built from a long message, and a pod costs one list, not a map per reason.
 */
type Aggregation = Map<string, Aggregated[]>;

interface Aggregated {
  reason: string;
  message: string;
  name: string;
  /** Other messages with the same reason → their event's name. */
  more?: Map<string, string>;
}

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

function entryFor(list: Aggregated[] | undefined, reason: string): Aggregated | undefined {
  if (list) for (let i = 0; i < list.length; i++) if (list[i]!.reason === reason) return list[i];
  return undefined;
}

/** The event that aggregates (uid, reason, message), if any. */
function aggregatedName(agg: Aggregation, uid: string, reason: string, message: string): string | undefined {
  const entry = entryFor(agg.get(uid), reason);
  if (!entry) return undefined;
  return entry.message === message ? entry.name : entry.more?.get(message);
}

function aggregate(agg: Aggregation, uid: string, reason: string, message: string, name: string): void {
  let list = agg.get(uid);
  if (!list) agg.set(uid, (list = []));
  const entry = entryFor(list, reason);
  if (!entry) list.push({ reason, message, name });
  else if (entry.message === message) entry.name = name;
  else (entry.more ??= new Map()).set(message, name);
}

/** Drops a stored event from the aggregation, if it is still the one its (uid, reason, message) names. */
function forget(agg: Aggregation, e: KubeObject): void {
  const uid = involvedUid(e);
  const message = String(e.message);
  const list = agg.get(uid);
  const entry = entryFor(list, String(e.reason));
  if (!entry) return;
  if (entry.message !== message) {
    if (entry.more?.get(message) === e.metadata.name) entry.more.delete(message);
    return;
  }
  if (entry.name !== e.metadata.name) return;
  // Another message of the reason takes the entry's place, or the entry goes.
  const next = entry.more?.entries().next().value;
  if (next) {
    entry.message = next[0];
    entry.name = next[1];
    entry.more!.delete(next[0]);
    return;
  }
  const i = list!.indexOf(entry);
  list![i] = list![list!.length - 1]!;
  list!.pop();
  if (!list!.length) agg.delete(uid);
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
