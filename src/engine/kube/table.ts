/** Go's text/tabwriter as kubectl configures it: tables (minwidth 6, padding 3) and describe (minwidth 0, padding 2). */

/** Left-aligned table with kubectl's `get` spacing. */
export function formatTable(header: string[], rows: string[][]): string {
  return tabwrite([header, ...rows].map((r) => r.join('\t')).join('\n') + '\n', 6, 3);
}

/**
 * Aligns tab-separated cells the way tabwriter does: a column's width is set per block of
 * consecutive lines that have a tab-terminated cell in that column; the last cell of a
 * line is not aligned.
 */
export function tabwrite(text: string, minwidth: number, padding: number): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  const out: string[] = new Array<string>(lines.length);
  const widths: number[] = [];
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j]!;
        if (j < cells.length - 1 && j < widths.length) s += cell.padEnd(widths[j]!);
        else s += cell;
      }
      out[i] = s;
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      write(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        const w = line[column]!.length + padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    write(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n') + (trailing ? '\n' : '');
}
