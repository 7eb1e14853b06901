/** cat(1): concatenate files to standard output. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { Program } from '../types.ts';
import { parseArgs, usageError } from './util.ts';

export const cat: Program = {
  name: 'cat',
  summary: 'concatenate files and print on the standard output',
  run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write('Usage: cat [OPTION]... [FILE]...\nConcatenate FILE(s) to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n  -n, --number             number all output lines\n      --help        display this help and exit\n');
      return 0;
    }
    const p = parseArgs('cat', ctx.args, { short: 'nAEv', long: { number: 'n' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const files = p.operands.length ? p.operands : ['-'];
    let status = 0;
    let line = 1;
    for (const f of files) {
      let text: string;
      if (f === '-') text = ctx.stdin;
      else {
        try {
          text = sys.readFile(ctx.world, ctx.proc, f);
        } catch (e) {
          if (!isSysError(e)) throw e;
          ctx.stderr.write(`cat: ${f}: ${strerror(e)}\n`);
          status = 1;
          continue;
        }
      }
      if (p.flags.has('n')) {
        const lines = text.split('\n');
        const trailing = text.endsWith('\n') ? lines.pop() : undefined;
        text = lines.map((l) => `${String(line++).padStart(6)}\t${l}`).join('\n') + (trailing !== undefined ? '\n' : '');
      }
      ctx.stdout.write(text);
    }
    return status;
  },
};
