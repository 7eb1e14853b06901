/**
 * `--format` of docker's list commands (ps, images, history), as docker/cli's formatter
 * does it: `table` (the default columns), `table TEMPLATE` (a header row made by running the
 * template over the column names, then a row per item, aligned like its tabwriter), `json`
 * (one object per line: every field of the formatter context, keys sorted, Go's escaping),
 * or a Go template per item.
 */
import type { CommandContext } from '../../shell/types.ts';
import { table } from '../format.ts';
import { goJson, renderTemplate } from '../template.ts';

export interface ListFormatter {
  /** The template `table` stands for. */
  defaultTable: string;
  /** Column names by field, for the header row of `table TEMPLATE`. */
  headers: Readonly<Record<string, string>>;
  /** The Go type the template runs on, for error texts (`*formatter.ContainerContext`). */
  contextType: string;
  /** How the command words a template error: ps checks its template before listing. */
  errors: { parse: string; execute: string };
  /** ps runs the whole `table …` string in that check, so its columns count from the start. */
  checksWholeFormat?: boolean;
}

function sortedKeys(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]]));
}

/** Writes `rows` in `format`; returns the exit status. */
export function writeList(ctx: CommandContext, format: string | undefined, f: ListFormatter, rows: Record<string, unknown>[]): number {
  if (format === 'json') {
    for (const r of rows) ctx.stdout.write(goJson(sortedKeys(r)) + '\n');
    return 0;
  }
  const tableFormat = format === undefined || format === '' || format === 'table' ? f.defaultTable : format.startsWith('table ') ? format : undefined;
  // As formatter.Context.preFormat: drop `table`, trim spaces, and turn the escapes backslash-t and backslash-n into a tab and a newline.
  const template = (tableFormat ? tableFormat.slice('table'.length) : format!).replace(/^ +| +$/g, '').replaceAll('\\t', '\t').replaceAll('\\n', '\n');
  const fail = (r: { phase: 'parse' | 'execute'; error: string }) => {
    ctx.stderr.write(`${r.phase === 'parse' ? f.errors.parse : f.errors.execute}: ${r.error}\n`);
    return 1;
  };
  const checked = renderTemplate(f.checksWholeFormat && tableFormat ? tableFormat : template, sortedKeys(rows[0] ?? {}), f.contextType);
  if (!checked.ok && (checked.phase === 'parse' || rows.length)) return fail(checked);
  const lines: string[] = [];
  for (const row of rows) {
    const r = renderTemplate(template, sortedKeys(row), f.contextType);
    if (!r.ok) return fail(r);
    lines.push(r.text);
  }
  if (!tableFormat) {
    for (const l of lines) ctx.stdout.write(l + '\n');
    return 0;
  }
  const header = renderTemplate(template, f.headers, f.contextType);
  const cells = [header.ok ? header.text : '', ...lines].map((l) => l.split('\t'));
  ctx.stdout.write(table(cells));
  return 0;
}
