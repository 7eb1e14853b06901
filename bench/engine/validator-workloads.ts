/**
 * The validator's own bench workloads (src/checks/validate/bench.ts, owned by the
 * validation work): a 2,000-document stream, refusing a 100 MB file and an alias bomb.
 * Prints one JSON line: the list of results, or `missing` when this build has none.
 */
import { existsSync } from 'node:fs';

const path = new URL('../../src/checks/validate/bench.ts', import.meta.url);
if (!existsSync(path)) {
  console.log(JSON.stringify({ missing: true, results: [] }));
} else {
  const { benchValidator } = (await import(path.href)) as { benchValidator(now: () => number): Promise<{ name: string; ms: number; detail: string; budgetMs: number }[]> };
  const runs = Number(process.env.BENCH_RUNS || 3);
  const all: { name: string; ms: number; detail: string; budgetMs: number }[][] = [];
  for (let i = 0; i < runs; i++) all.push(await benchValidator(() => performance.now()));
  const results = all[0]!.map((r, i) => {
    const times = all.map((run) => run[i]!.ms).sort((a, b) => a - b);
    return { ...r, ms: times[times.length >> 1]! };
  });
  console.log(JSON.stringify({ missing: false, results }));
}
