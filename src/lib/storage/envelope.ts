/**
 * Stored records are wrapped in an envelope: a format name, a version and a checksum of the
 * payload. Reading one gives a value or a reason, never an exception, so a truncated or
 * hand-edited record is discarded with a notice instead of breaking the page.
 */

export interface Envelope<T> {
  format: string;
  version: number;
  checksum: string;
  savedAt: number;
  data: T;
}

export type Decoded<T> = { ok: true; envelope: Envelope<T> } | { ok: false; reason: string };

/** FNV-1a (32 bits) over the UTF-16 code units: cheap, synchronous, and enough to spot damage. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return 'fnv1a:' + (h >>> 0).toString(16).padStart(8, '0');
}

export function encode<T>(format: string, version: number, data: T, savedAt: number): string {
  const payload = JSON.stringify(data);
  return `{"format":${JSON.stringify(format)},"version":${version},"checksum":"${checksum(payload)}","savedAt":${savedAt},"data":${payload}}`;
}

/** Parses and verifies an envelope. `maxVersion` is the newest version this code understands. */
export function decode<T = unknown>(text: string, format: string, maxVersion: number): Decoded<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON (probably truncated)' };
  }
  if (!isRecord(raw) || raw.format !== format) return { ok: false, reason: `it is not a ${format} record` };
  const { version, checksum: sum, savedAt, data } = raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'it has no version' };
  if (version > maxVersion) return { ok: false, reason: `it was written by a newer version of Hatchway (format ${version})` };
  if (typeof sum !== 'string' || sum !== checksum(JSON.stringify(data))) return { ok: false, reason: 'its checksum does not match (the data was damaged)' };
  return { ok: true, envelope: { format, version, checksum: sum, savedAt: typeof savedAt === 'number' ? savedAt : 0, data: data as T } };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys that must never become plain-object keys when they come from stored or imported data. */
export function isSafeKey(k: string): boolean {
  return k !== '__proto__' && k !== 'constructor' && k !== 'prototype' && k.length > 0 && k.length <= 300;
}
