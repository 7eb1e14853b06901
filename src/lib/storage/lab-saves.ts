/**
 * Saved lab worlds: the engine snapshot plus the terminal's scrollback, one record per lab.
 * Records are checksummed and capped; a damaged, old or oversized one is discarded with a
 * notice. When storage is full, other labs' saves are evicted (oldest first) before giving up.
 */
import { decode, encode, isRecord } from './envelope.ts';
import { safeWrite, type KeyValue } from './kv.ts';
import { capScrollback, sanitizeScrollback } from './scrollback-text.ts';

export const LAB_SAVE_PREFIX = 'hatchway:lab:';
export const LAB_SAVE_FORMAT = 'hatchway-lab-save';
/**
 * 2: the scrollback keeps its colours (SGR sequences). Version 1's plain text reads the same
 * way, and a version-1 reader refuses version 2 rather than printing escape codes.
 */
export const LAB_SAVE_VERSION = 2;
/** About 4 MB of UTF-16: most of a localStorage quota, leaving room for progress. */
export const MAX_SAVE_CHARS = 2_000_000;
/** Scrollback kept across reloads (the tail is kept). */
export const MAX_SCROLLBACK_CHARS = 100_000;

export interface LabSave {
  /** The engine worker's `world.snapshot` (worker/packed-snapshot.ts), opaque here. */
  snapshot: string;
  /** The terminal above the prompt: lines joined by \n, coloured with SGR sequences only. */
  scrollback: string;
  /** Id of the tab that wrote it, so other tabs can tell they were overtaken. */
  writer: string;
}

export const labSaveKey = (lab: string) => LAB_SAVE_PREFIX + lab;

export type LabLoad = { save?: LabSave; savedAt?: number; notice?: string };

export function readLabSave(text: string | null): LabLoad {
  if (text === null) return {};
  if (text.length > MAX_SAVE_CHARS * 1.1) return { notice: 'Your saved lab was too large to restore, so the lab starts fresh.' };
  const r = decode(text, LAB_SAVE_FORMAT, LAB_SAVE_VERSION);
  if (!r.ok) return { notice: `Your saved lab could not be restored because ${r.reason}, so it starts fresh.` };
  const d = r.envelope.data;
  if (!isRecord(d) || typeof d.snapshot !== 'string' || typeof d.scrollback !== 'string' || typeof d.writer !== 'string') {
    return { notice: 'Your saved lab was in an unknown shape, so it starts fresh.' };
  }
  return { save: { snapshot: d.snapshot, scrollback: boundedScrollback(d.scrollback), writer: d.writer }, savedAt: r.envelope.savedAt };
}

export function loadLabSave(kv: KeyValue, lab: string): LabLoad {
  const loaded = readLabSave(kv.get(labSaveKey(lab)));
  if (loaded.notice) kv.remove(labSaveKey(lab));
  return loaded;
}

/** Scrollback as it may be stored and replayed: SGR-only and within the caps. */
export function boundedScrollback(text: string): string {
  return capScrollback(sanitizeScrollback(text), MAX_SCROLLBACK_CHARS);
}

export type SaveResult = { ok: true; evicted: string[] } | { ok: false; notice: string };

export function storeLabSave(kv: KeyValue, lab: string, save: LabSave, now: number): SaveResult {
  const text = encode(LAB_SAVE_FORMAT, LAB_SAVE_VERSION, { ...save, scrollback: boundedScrollback(save.scrollback) }, now);
  if (text.length > MAX_SAVE_CHARS) {
    kv.remove(labSaveKey(lab));
    return { ok: false, notice: 'This lab has grown too large to save in the browser; it keeps working, but a reload will start it fresh.' };
  }
  const evicted: string[] = [];
  let r = safeWrite(kv, labSaveKey(lab), text);
  while (!r.ok && r.quota) {
    const victim = oldestOtherSave(kv, lab);
    if (!victim) break;
    kv.remove(labSaveKey(victim));
    evicted.push(victim);
    r = safeWrite(kv, labSaveKey(lab), text);
  }
  if (r.ok) return { ok: true, evicted };
  return { ok: false, notice: r.quota ? 'The browser storage is full, so this lab could not be saved; a reload would start it fresh. Your progress is kept.' : `This lab could not be saved (${r.reason}).` };
}

function oldestOtherSave(kv: KeyValue, lab: string): string | undefined {
  let best: { id: string; at: number } | undefined;
  for (const key of kv.keys()) {
    if (!key.startsWith(LAB_SAVE_PREFIX) || key === labSaveKey(lab)) continue;
    const m = /"savedAt":(\d+)/.exec(kv.get(key)?.slice(0, 200) ?? '');
    const at = m ? Number(m[1]) : 0;
    if (!best || at < best.at) best = { id: key.slice(LAB_SAVE_PREFIX.length), at };
  }
  return best?.id;
}

export function clearLabSave(kv: KeyValue, lab: string): void {
  kv.remove(labSaveKey(lab));
}
