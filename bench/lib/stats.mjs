// Small statistics for the bench: every figure is a median (or a p95) of several runs.
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile, p in (0, 100]. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * A figure: `budget` is `{ max }` or `{ min }` (or absent when only reported); `ok` is null
 * when there is no budget, and false when the figure could not be measured. `note` says how it was measured or why it is missing.
 */
export function figure(name, value, unit, budget, note) {
  let ok = null;
  if (value === null || value === undefined) ok = false; // not measured: always listed at the end
  else if (budget && typeof value === 'number' && Number.isFinite(value)) ok = 'max' in budget ? value <= budget.max : value >= budget.min;
  else if (budget) ok = false;
  return { name, value, unit, budget: budget ?? null, ok, ...(note ? { note } : {}) };
}
