/** head(1) and tail(1): first or last lines (-n) or bytes (-c) of files, with `==> f <==` headers for several. */
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, readInput, usageError, wantsHelp } from './util.ts';

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
  const m = /^([+-]?)(\d+)$/.exec(spec);
  if (!m) {
    ctx.stderr.write(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${spec}’\n`);
    return 1;
  }
  const n = Number(m[2]);
  const sign = m[1];
  const files = p.operands.length ? p.operands : ['-'];
  const headers = p.flags.has('v') || (files.length > 1 && !p.flags.has('q'));
  let status = 0;
  let first = true;
  for (const f of files) {
    const text = readInput(ctx, f, (file, err) => `${name}: cannot open '${file}' for reading: ${err}`);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    if (bytes) {
      if (name === 'head') ctx.stdout.write(sign === '-' ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n));
      else ctx.stdout.write(sign === '+' ? text.slice(Math.max(0, n - 1)) : n === 0 ? '' : text.slice(-n));
      continue;
    }
    const parts = text.split(/(?<=\n)/);
    if (name === 'head') ctx.stdout.write((sign === '-' ? parts.slice(0, Math.max(0, parts.length - n)) : parts.slice(0, n)).join(''));
    else ctx.stdout.write((sign === '+' ? parts.slice(Math.max(0, n - 1)) : n === 0 ? [] : parts.slice(-n)).join(''));
  }
  return status;
}

export const head: Program = { name: 'head', summary: 'output the first part of files', run: (ctx) => run(ctx, 'head') };
export const tail: Program = { name: 'tail', summary: 'output the last part of files', run: (ctx) => run(ctx, 'tail') };
