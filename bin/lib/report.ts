/** Text rendering of lab task results, shared by `hatchway check` and `hatchway labs test`. */
import type { CheckFailure, TaskResult } from '../../src/checks/lab/types.ts';

export function failureText(f: CheckFailure): string {
  return `${f.code} ${f.message}${f.hint ? `\n      hint: ${f.hint}` : ''}`;
}

export function taskLines(results: TaskResult[]): string {
  const width = Math.max(...results.map((r) => r.id.length));
  return results
    .map((r) => {
      const head = `  ${r.status === 'passed' ? '✓' : '✗'} ${r.id.padEnd(width)}  ${r.title}`;
      return r.failure ? `${head}\n      ${failureText(r.failure)}` : head;
    })
    .join('\n');
}
