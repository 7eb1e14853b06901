/** sort(1) with -n, -r, -u, -k, -t, -h, -f, and uniq(1). */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { CommandContext, Program } from '../types.ts';
import { linesOf, parseArgs, readInput, usageError, wantsHelp } from './util.ts';

const SORT_HELP = `Usage: sort [OPTION]... [FILE]...
Write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -f, --ignore-case           fold lower case to upper case characters
  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)
  -n, --numeric-sort          compare according to string numerical value
  -r, --reverse               reverse the result of comparisons
  -k, --key=KEYDEF            sort via a key; KEYDEF gives location and type
  -o, --output=FILE           write result to FILE instead of standard output
  -t, --field-separator=SEP   use SEP instead of non-blank to blank transition
  -u, --unique                output only the first of an equal run
      --help        display this help and exit
`;

function human(s: string): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** ' KMGTPE'.indexOf((m[2] || ' ').toUpperCase());
}

export const sort: Program = {
  name: 'sort',
  summary: 'sort lines of text files',
  run(ctx) {
    if (wantsHelp(ctx, SORT_HELP)) return 0;
    const p = parseArgs('sort', ctx.args, { short: 'nrufhbs', shortValue: 'ktoT', long: { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', 'human-numeric-sort': 'h', stable: 's' }, longValue: { key: 'k', 'field-separator': 't', output: 'o' } });
    if ('error' in p) return usageError(ctx, p.error, 2);
    let lines: string[] = [];
    for (const f of p.operands.length ? p.operands : ['-']) {
      const text = readInput(ctx, f, (file, err) => `sort: cannot read: ${file}: ${err}`);
      if (text === undefined) return 2;
      lines.push(...linesOf(text));
    }
    const sep = p.values.get('t');
    const keySpec = p.values.get('k');
    const key = (line: string): string => {
      if (!keySpec) return line;
      const m = /^(\d+)(?:\.\d+)?[a-z]*(?:,(\d+))?/.exec(keySpec);
      const start = Number(m?.[1] ?? 1) - 1;
      const end = m?.[2] ? Number(m[2]) : undefined;
      const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
      return fields.slice(start, end).join(sep ?? ' ');
    };
    const numeric = p.flags.has('n') || /n/.test(keySpec?.replace(/^[\d.,]+/, '') ?? '');
    const cmp = (a: string, b: string): number => {
      const ka = key(a);
      const kb = key(b);
      let r: number;
      if (p.flags.has('h')) r = human(ka) - human(kb);
      else if (numeric) r = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
      else {
        const x = p.flags.has('f') ? ka.toUpperCase() : ka;
        const y = p.flags.has('f') ? kb.toUpperCase() : kb;
        r = x < y ? -1 : x > y ? 1 : 0;
      }
      // Last-resort comparison of whole lines, as GNU sort does without -s.
      if (r === 0 && !p.flags.has('s') && !p.flags.has('u')) r = a < b ? -1 : a > b ? 1 : 0;
      return p.flags.has('r') ? -r : r;
    };
    lines = lines.sort(cmp);
    if (p.flags.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1]!, l) !== 0);
    const out = lines.map((l) => l + '\n').join('');
    const o = p.values.get('o');
    if (o) return writeOut(ctx, o, out);
    ctx.stdout.write(out);
    return 0;
  },
};

function writeOut(ctx: CommandContext, path: string, text: string): number {
  try {
    sys.writeFile(ctx.world, ctx.proc, path, text);
    return 0;
  } catch (e) {
    if (!isSysError(e)) throw e;
    ctx.stderr.write(`sort: open failed: ${path}: ${strerror(e)}\n`);
    return 2;
  }
}

const UNIQ_HELP = `Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Filter adjacent matching lines from INPUT (or standard input),
writing to OUTPUT (or standard output).

With no options, matching lines are merged to the first occurrence.

  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines, one for each group
  -i, --ignore-case     ignore differences in case when comparing
  -u, --unique          only print unique lines
      --help        display this help and exit
`;

export const uniq: Program = {
  name: 'uniq',
  summary: 'report or omit repeated lines',
  run(ctx) {
    if (wantsHelp(ctx, UNIQ_HELP)) return 0;
    const p = parseArgs('uniq', ctx.args, { short: 'cdiu', long: { count: 'c', repeated: 'd', 'ignore-case': 'i', unique: 'u' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const text = readInput(ctx, p.operands[0] ?? '-', (file, err) => `uniq: ${file}: ${err}`);
    if (text === undefined) return 1;
    const same = (a: string, b: string) => (p.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    const groups: { line: string; n: number }[] = [];
    for (const l of linesOf(text)) {
      const last = groups[groups.length - 1];
      if (last && same(last.line, l)) last.n++;
      else groups.push({ line: l, n: 1 });
    }
    let out = '';
    for (const g of groups) {
      if (p.flags.has('d') && g.n < 2) continue;
      if (p.flags.has('u') && g.n > 1) continue;
      out += (p.flags.has('c') ? `${String(g.n).padStart(7)} ` : '') + g.line + '\n';
    }
    if (p.operands[1]) return writeOut(ctx, p.operands[1], out) === 0 ? 0 : 1;
    ctx.stdout.write(out);
    return 0;
  },
};
