// "Did you mean" for field names, kinds and enum values: the closest candidate by edit distance.

/** Optimal-string-alignment distance (a swap of two neighbours counts as one edit). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1] ?? 0;
}

/**
 * The candidate a typo most likely meant, or undefined when nothing is close.
 * Case-only differences win outright (`ContainerPort` → `containerPort`); otherwise the
 * distance must be small relative to the word, so `foo` never "means" `fsGroup`.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, c.length) / 4)));
    let d = editDistance(lower, cl, limit);
    // A missing plural or a dropped prefix is a common slip even when it is long.
    if (d > limit && (cl.startsWith(lower) || lower.startsWith(cl)) && Math.min(lower.length, cl.length) >= 4) {
      d = limit;
    }
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}
