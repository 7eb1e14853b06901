/**
 * The small key-value interface storage code is written against: localStorage in the page,
 * a Map in unit tests. Writes report quota errors as values so callers can show a notice.
 */

export interface KeyValue {
  get(key: string): string | null;
  /** Throws whatever the backend throws (QuotaExceededError included). */
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

export type WriteResult = { ok: true } | { ok: false; quota: boolean; reason: string };

export function safeWrite(kv: KeyValue, key: string, value: string): WriteResult {
  try {
    kv.set(key, value);
    return { ok: true };
  } catch (e) {
    const quota = isQuotaError(e);
    return { ok: false, quota, reason: quota ? 'the browser storage is full' : e instanceof Error ? e.message : String(e) };
  }
}

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(typeof e === 'object' && e !== null)) return false;
  const { name, code } = e as { name?: string; code?: number };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export function memoryKV(quotaChars = Infinity): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set(k, v) {
      const after = used() - (data.get(k)?.length ?? 0) - (data.has(k) ? k.length : 0) + k.length + v.length;
      if (after > quotaChars) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      data.set(k, v);
    },
    remove: (k) => void data.delete(k),
    keys: () => [...data.keys()],
  };
}

/** localStorage, or a memory store when it is unavailable (private mode, blocked cookies). */
export function browserKV(): KeyValue {
  try {
    const ls = window.localStorage;
    const probe = '__hatchway_probe__';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => ls.setItem(k, v),
      remove: (k) => ls.removeItem(k),
      keys: () => Array.from({ length: ls.length }, (_, i) => ls.key(i)!).filter(Boolean),
    };
  } catch {
    return memoryKV();
  }
}
