/** head(1) and tail(1): first or last lines (-n) or bytes (-c) of files, with `==> f <==` headers for several. */
import type { CommandContext, Program } from '../types.ts';
import { sliceBytes, utf8Length } from '../../util/text.ts';
import { parseArgs, parseSize, readBytes, readInput, readPrefix, usageError, wantsHelp } from './util.ts';

function help(name: 'head' | 'tail'): string {
  const which = name === 'head' ? 'first' : 'last';
  return `Usage: ${name} [OPTION]... [FILE]...
Print the ${which} 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[${name === 'head' ? '-' : '+'}]NUM       print the ${which} NUM bytes of each file
  -n, --lines=[${name === 'head' ? '-' : '+'}]NUM       print the ${which} NUM lines instead of the ${which} 10
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
      --help        display this help and exit
`;
}

function run(ctx: CommandContext, name: 'head' | 'tail'): number {
  if (wantsHelp(ctx, help(name))) return 0;
  // `head -5` is short for `head -n 5`.
  const args = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const p = parseArgs(name, args, { short: 'qvf', shortValue: 'nc', long: { quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' }, longValue: { lines: 'n', bytes: 'c' } });
  if ('error' in p) return usageError(ctx, p.error, 1);
  const bytes = p.values.has('c');
  const spec = p.values.get(bytes ? 'c' : 'n') ?? '10';
  const m = /^([+-]?)(.*)$/.exec(spec)!;
  const size = parseSize(m[2]!, 'km');
  if (typeof size !== 'number') {
    ctx.stderr.write(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${spec}’${size === 'overflow' ? ': Value too large for defined data type' : ''}\n`);
    return 1;
  }
  const n = size;
  const sign = m[1];
  const files = p.operands.length ? p.operands : ['-'];
  const headers = p.flags.has('v') || (files.length > 1 && !p.flags.has('q'));
  let status = 0;
  let first = true;
  const cannotOpen = (file: string, err: string) => `${name}: cannot open '${file}' for reading: ${err}`;
  for (const f of files) {
    // `head -c N` and `head -n N` stop after what they print, so /dev/urandom and a full pipe end for them.
    const start = name === 'head' && sign !== '-';
    const text = !start ? readInput(ctx, f, cannotOpen) : bytes ? readBytes(ctx, f, n, cannotOpen) : readPrefix(ctx, f, (t) => endOfLines(t, n), cannotOpen);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    if (bytes) {
      // Counts are bytes, not characters: `head -c 1` of `é` is half of it.
      const size = utf8Length(text);
      if (name === 'head') ctx.stdout.write(sign === '-' ? sliceBytes(text, 0, Math.max(0, size - n)) : text);
      else ctx.stdout.write(sign === '+' ? sliceBytes(text, Math.max(0, n - 1)) : n === 0 ? '' : sliceBytes(text, Math.max(0, size - n)));
      continue;
    }
    const parts = text.split(/(?<=\n)/);
    if (name === 'head') ctx.stdout.write((sign === '-' ? parts.slice(0, Math.max(0, parts.length - n)) : parts.slice(0, n)).join(''));
    else ctx.stdout.write((sign === '+' ? parts.slice(Math.max(0, n - 1)) : n === 0 ? [] : parts.slice(-n)).join(''));
  }
  return status;
}

/** Characters up to the end of the `n`th line; more than the text holds if it has fewer lines. */
function endOfLines(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return Infinity;
    at = nl + 1;
  }
  return at;
}

export const head: Program = { name: 'head', summary: 'output the first part of files', run: (ctx) => run(ctx, 'head') };
export const tail: Program = { name: 'tail', summary: 'output the last part of files', run: (ctx) => run(ctx, 'tail') };
