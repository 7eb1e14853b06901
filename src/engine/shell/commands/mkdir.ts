/** mkdir(1) */
import * as sys from '../../kernel/syscalls.ts';
import type { Program } from '../types.ts';
import { parseArgs, tryOp, usageError } from './util.ts';

export const mkdir: Program = {
  name: 'mkdir',
  summary: 'make directories',
  run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write('Usage: mkdir [OPTION]... DIRECTORY...\nCreate the DIRECTORY(ies), if they do not already exist.\n\n  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask\n  -p, --parents     no error if existing, make parent directories as needed\n  -v, --verbose     print a message for each created directory\n      --help        display this help and exit\n');
      return 0;
    }
    const p = parseArgs('mkdir', ctx.args, { short: 'pv', shortValue: 'm', long: { parents: 'p', verbose: 'v' }, longValue: { mode: 'm' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'mkdir: missing operand', 1);
    const mode = p.values.has('m') ? parseInt(p.values.get('m')!, 8) : 0o755;
    let status = 0;
    for (const dir of p.operands) {
      const ok = tryOp(ctx, `cannot create directory ‘${dir}’`, () =>
        p.flags.has('p') ? sys.mkdirp(ctx.world, ctx.proc, dir, mode) : sys.mkdir(ctx.world, ctx.proc, dir, mode),
      );
      if (!ok) status = 1;
      else if (p.flags.has('v')) ctx.stdout.write(`mkdir: created directory '${dir}'\n`);
    }
    return status;
  },
};
