/** Go tabwriter as kubectl configures it (minwidth 6, padding 3): left-aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(Math.max(widths[c]! + 3, 6)))).join(''))
    .map((l) => l + '\n')
    .join('');
}
