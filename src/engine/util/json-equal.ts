/**
 * `JSON.stringify(a) === JSON.stringify(b)` for JSON-shaped values, without building the
 * strings: same key order, properties whose value is undefined (or a function) skipped, as
 * JSON drops them, and array holes or undefined items equal to null. Status writers call it
 * on every sync to store an object only when its status really changed.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta !== 'object' || typeof b !== 'object' || a === null || b === null) return jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (!jsonEqual(item(x), item(y))) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(a) === JSON.stringify(b);
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && skipped((a as Record<string, unknown>)[ka[i]!])) i++;
    while (j < kb.length && skipped((b as Record<string, unknown>)[kb[j]!])) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j]) return false;
    if (!jsonEqual((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[j]!])) return false;
    i++;
    j++;
  }
}

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** An array item JSON writes as null. */
function item(v: unknown): unknown {
  return skipped(v) ? null : v;
}

/** How a non-object value is written in JSON (NaN and infinities as null). */
function jsonScalar(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (skipped(v)) return undefined;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return v;
}
