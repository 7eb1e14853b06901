/**
 * Null-prototype records for keys that come from learners (file names, labels, YAML keys).
 * A key like `__proto__` is stored as ordinary data and can never reach Object.prototype.
 */
export type Dict<T> = Record<string, T>;

/**
 * An empty object with a null prototype. `Object.create(null)` would give the same object,
 * but V8 keeps those in dictionary mode (a hash table per object: about twice the memory
 * and three times slower property access); setting the prototype of a literal keeps fast
 * properties, so pods and their metadata cost what ordinary objects cost.
 */
export function nullObject<T = unknown>(): Record<string, T> {
  return Object.setPrototypeOf({}, null) as Record<string, T>;
}

export function dict<T>(entries?: Iterable<readonly [string, T]>): Dict<T> {
  const out = nullObject<T>();
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Copies an untrusted object into a null-prototype record (shallow). */
export function toDict<T>(obj: Record<string, T> | undefined | null): Dict<T> {
  const out = dict<T>();
  if (obj) for (const k of Object.keys(obj)) out[k] = obj[k] as T;
  return out;
}

export function hasKey(d: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(d, key);
}

/**
 * Deep copy of JSON-shaped data whose objects all get a null prototype. Used on restore,
 * because JSON.parse gives ordinary objects.
 */
export function deepDict<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepDict(v)) as T;
  if (value && typeof value === 'object') {
    const out = nullObject();
    for (const k of Object.keys(value)) out[k] = deepDict((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}
