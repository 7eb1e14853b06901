/** rm(1), with -r, -f and the refusals GNU rm makes (`.`/`..`, directories without -r). */
import { isSysError, strerror, SysError } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, usageError } from './util.ts';

function remove(ctx: CommandContext, path: string, recursive: boolean): void {
  const st = sys.stat(ctx.world, ctx.proc, path, false);
  if (st.node.type === 'dir') {
    if (!recursive) throw new SysError('EISDIR', path);
    for (const name of sys.readdir(ctx.world, ctx.proc, path)) remove(ctx, `${path.replace(/\/+$/, '')}/${name}`, true);
    sys.rmdir(ctx.world, ctx.proc, path);
  } else sys.unlink(ctx.world, ctx.proc, path);
}

export const rm: Program = {
  name: 'rm',
  summary: 'remove files or directories',
  run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write('Usage: rm [OPTION]... [FILE]...\nRemove (unlink) the FILE(s).\n\n  -f, --force           ignore nonexistent files and arguments, never prompt\n  -r, -R, --recursive   remove directories and their contents recursively\n  -d, --dir             remove empty directories\n  -v, --verbose         explain what is being done\n      --help        display this help and exit\n');
      return 0;
    }
    const p = parseArgs('rm', ctx.args, { short: 'frRdvi', long: { force: 'f', recursive: 'r', dir: 'd', verbose: 'v' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const force = p.flags.has('f');
    const recursive = p.flags.has('r') || p.flags.has('R');
    if (p.operands.length === 0) return force ? 0 : usageError(ctx, 'rm: missing operand', 1);
    let status = 0;
    for (const path of p.operands) {
      const base = path.replace(/\/+$/, '').split('/').pop();
      if (base === '.' || base === '..') {
        ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping '${path}'\n`);
        status = 1;
        continue;
      }
      try {
        const st = sys.stat(ctx.world, ctx.proc, path, false);
        if (st.node.type === 'dir' && !recursive && p.flags.has('d')) sys.rmdir(ctx.world, ctx.proc, path);
        else remove(ctx, path, recursive);
        if (p.flags.has('v')) ctx.stdout.write(`removed '${path}'\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (force && e.errno === 'ENOENT') continue;
        const why = e.errno === 'EISDIR' ? 'Is a directory' : strerror(e);
        ctx.stderr.write(`rm: cannot remove '${path}': ${why}\n`);
        status = 1;
      }
    }
    return status;
  },
};
