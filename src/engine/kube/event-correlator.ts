/**
 * client-go's EventCorrelator (tools/record/events_cache.go), which every component's event
 * recorder runs before it writes an event:
 * - similar events (same source, object, type and reason, but different messages) are
 *   combined once ten of them come within ten minutes: from then on one event, whose message
 *   is "(combined from similar events): " and the latest message, counts up;
 * - a spam filter allows a source 25 events about one object, then one more every five
 *   minutes (a token bucket), and keeps the rest from the API server; they still count in
 *   the event's next write.
 * Exact repeats counting up is the recorder's aggregation in events.ts. This state is part of
 * the cluster, so a restored world filters and combines as the original would.
 */
import type { Dict } from '../util/dict.ts';
import type { Cluster } from './store.ts';

const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
/** Objects remembered: client-go keeps each cache as an LRU of 4,096 entries. */
const CACHE_ENTRIES = 4096;

const COMBINED_PREFIX = '(combined from similar events): ';

/** What one source (a component on a host) has recorded about one object. */
interface SourceRecord {
  /** The spam filter's token bucket: tokens left when last counted, and when. */
  tokens: number;
  at: number;
  /** `type/reason` → the distinct messages seen lately, when the last came, and the event that combines them. */
  similar?: Dict<{ messages: string[]; at: number; combined?: string }>;
  /** `type/reason/message` → occurrences the spam filter held back since that event's last write. */
  held?: Dict<number>;
}

/**
 * Object uid → source → record, in two generations, which keeps what was used lately as
 * client-go's LRU does at a constant cost per event: records are set in `young`, and when
 * it is full it becomes `old` (the previous `old` is dropped). A lookup reads both.
 */
export interface CorrelatorState {
  young: Dict<Dict<SourceRecord>>;
  old: Dict<Dict<SourceRecord>>;
  /** Objects in `young`. */
  size: number;
}

/** Thousands of keys that come and go: V8's dictionary mode (`Object.create(null)`) suits it. */
const table = <T>(): Dict<T> => Object.create(null) as Dict<T>;

/** The records about one object, made the most recent. */
function recordsOf(c: Cluster, uid: string): Dict<SourceRecord> {
  // Absent in worlds saved before the correlator was kept.
  const s = (c.s.correlator ??= { young: table(), old: table(), size: 0 });
  const young = s.young[uid];
  if (young) return young;
  const records = s.old[uid] ?? table<SourceRecord>();
  if (++s.size > CACHE_ENTRIES / 2) {
    s.old = s.young;
    s.young = table();
    s.size = 1;
  }
  return (s.young[uid] = records);
}

interface EventSource {
  component: string;
  host?: string;
  /** The involved object's uid. */
  uid: string;
  type: string;
  reason: string;
}

interface Correlated {
  /** The message to write: the event's own, or the combined one. */
  message: string;
  /** Occurrences to count in this write (this one and those held back before); 0 when this one is held back too. */
  occurrences: number;
  /** For a combined event: its group of similar events, which keeps the combined event's name. */
  combined?: { combined?: string };
}

/** Called once per event a component records. */
export function correlate(c: Cluster, s: EventSource, message: string): Correlated {
  const records = recordsOf(c, s.uid);
  const now = c.world.now;
  const sourceKey = s.host ? `${s.component}@${s.host}` : s.component;
  const record = (records[sourceKey] ??= { tokens: SPAM_BURST, at: now });
  const similarKey = `${s.type}/${s.reason}`;
  const similar = (record.similar ??= table());
  let group = similar[similarKey];
  if (!group || now - group.at > AGGREGATE_INTERVAL_MS) group = similar[similarKey] = { messages: [], at: now, combined: group?.combined };
  if (!group.messages.includes(message)) group.messages.push(message);
  group.at = now;
  const combine = group.messages.length >= AGGREGATE_MAX_EVENTS;
  // client-go drops one message at random to stay under the threshold; the oldest goes here.
  if (combine) group.messages.shift();
  const out: Correlated = combine ? { message: COMBINED_PREFIX + message, occurrences: 0, combined: group } : { message, occurrences: 0 };

  // The spam filter.
  const tokens = Math.min(SPAM_BURST, record.tokens + (now - record.at) / SPAM_REFILL_MS);
  record.at = now;
  const heldKey = combine ? similarKey : `${similarKey}/${message}`;
  const held = record.held?.[heldKey] ?? 0;
  if (tokens < 1) {
    record.tokens = tokens;
    (record.held ??= table())[heldKey] = held + 1;
    return out;
  }
  record.tokens = tokens - 1;
  if (held) delete record.held![heldKey];
  out.occurrences = held + 1;
  return out;
}
