/** wc(1): newline, word and byte counts, in GNU's right-aligned columns. */
import { utf8Length } from '../../util/text.ts';
import type { Program } from '../types.ts';
import { parseArgs, readInput, usageError, wantsHelp } from './util.ts';

const HELP = `Usage: wc [OPTION]... [FILE]...
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified.  A word is a non-zero-length sequence of
printable characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help        display this help and exit
`;

export const wc: Program = {
  name: 'wc',
  summary: 'print newline, word, and byte counts for each file',
  run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    const p = parseArgs('wc', ctx.args, { short: 'cmlLw', long: { bytes: 'c', chars: 'm', lines: 'l', words: 'w', 'max-line-length': 'L' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    let cols = ['l', 'w', 'm', 'c', 'L'].filter((c) => p.flags.has(c));
    if (cols.length === 0) cols = ['l', 'w', 'c'];
    const files = p.operands.length ? p.operands : ['-'];
    const rows: { counts: number[]; name: string }[] = [];
    const total = cols.map(() => 0);
    let status = 0;
    for (const f of files) {
      const text = readInput(ctx, f, (file, err) => `wc: ${file}: ${err}`);
      if (text === undefined) {
        status = 1;
        continue;
      }
      const counts = cols.map((c) => {
        if (c === 'l') return (text.match(/\n/g) ?? []).length;
        if (c === 'w') return text.split(/\s+/).filter(Boolean).length;
        if (c === 'm') return [...text].length;
        if (c === 'c') return utf8Length(text);
        return Math.max(0, ...text.split('\n').map((l) => l.length));
      });
      counts.forEach((n, i) => (total[i] = cols[i] === 'L' ? Math.max(total[i]!, n) : total[i]! + n));
      rows.push({ counts, name: f === '-' ? '' : f });
    }
    if (files.length > 1) rows.push({ counts: total, name: 'total' });
    // GNU pads to the width of the largest count; one count alone from stdin is not padded.
    const single = cols.length === 1 && files.length === 1;
    const width = single ? 0 : files.includes('-') && files.length === 1 ? 7 : Math.max(1, ...rows.flatMap((r) => r.counts.map((n) => String(n).length)));
    for (const r of rows) ctx.stdout.write(r.counts.map((n) => String(n).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n');
    return status;
  },
};
