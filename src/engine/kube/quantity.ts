/** Resource quantities (`100m`, `0.5`, `128Mi`, `1G`) as the API server parses and kubectl prints them. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The numeric value of a quantity (cores for CPU, bytes for memory), or undefined if it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?\d+))$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * BINARY[m[2]]!;
  if (m[4] !== undefined) return n * 10 ** Number(m[4]);
  return n * DECIMAL[m[3] ?? '']!;
}

export function milliCpu(q: unknown): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.round(v * 1000);
}

export function bytes(q: unknown): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.round(v);
}

/** `250m`, `1`, `1500m`: CPU as kubectl prints a millicore amount. */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** `128Mi`, `1Gi`, `3927600Ki`: memory in the largest binary unit that divides it exactly. */
export function formatMemory(b: number): string {
  if (b === 0) return '0';
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (b % size === 0) return `${b / size}${suffix}`;
  }
  return String(b);
}
