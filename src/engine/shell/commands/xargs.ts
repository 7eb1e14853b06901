/** xargs(1): build command lines from standard input (-n, -I, -0, -r, -t). */
import { LIMITS } from '../../limits.ts';
import type { Program } from '../types.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

export const xargs: Program = {
  name: 'xargs',
  summary: 'build and execute command lines from standard input',
  async run(ctx) {
    if (wantsHelp(ctx, 'Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n\n  -0, --null                   items are separated by a null, not whitespace\n  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER\n  -I R                         same as --replace=R\n  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line\n  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND\n  -t, --verbose                print commands before executing them\n      --help                   display this help and exit\n')) return 0;
    // Options end at the first operand (the command).
    const first = ctx.args.findIndex((a, i) => !a.startsWith('-') && !['-n', '-I', '-d', '-L', '-P', '-s'].includes(ctx.args[i - 1] ?? ''));
    const opts = first === -1 ? ctx.args : ctx.args.slice(0, first);
    const cmd = first === -1 ? ['echo'] : ctx.args.slice(first);
    const p = parseArgs('xargs', opts, { short: '0rtpx', shortValue: 'nIdLPs', long: { null: '0', 'no-run-if-empty': 'r', verbose: 't' }, longValue: { 'max-args': 'n', delimiter: 'd', replace: 'I', 'max-procs': 'P', 'max-lines': 'L' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const delim = p.flags.has('0') ? '\0' : p.values.get('d');
    const items = (delim !== undefined ? ctx.stdin.split(delim) : ctx.stdin.match(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g) ?? [])
      .map((s) => s.replace(/^['"]|['"]$/g, ''))
      .filter((s, i, all) => s !== '' || (delim !== undefined && i < all.length - 1));
    if (delim === '\n' || (delim !== undefined && items[items.length - 1] === '')) items.pop();
    const replace = p.values.get('I');
    const n = replace ? 1 : Number(p.values.get('n') ?? p.values.get('L') ?? Infinity);
    if (items.length === 0 && (p.flags.has('r') || replace)) return 0;
    const batches: string[][] = [];
    if (replace) for (const line of ctx.stdin.split('\n').filter(Boolean)) batches.push([line]);
    else for (let i = 0; i < Math.max(1, items.length); i += n) batches.push(items.slice(i, i + n));
    let status = 0;
    for (const batch of batches.slice(0, LIMITS.loopIterations)) {
      const argv = replace ? cmd.map((c) => c.split(replace).join(batch[0] ?? '')) : [...cmd, ...batch];
      if (p.flags.has('t')) ctx.stderr.write(argv.join(' ') + '\n');
      const code = await ctx.exec(argv, { stdin: '', notFound: (name) => `xargs: ${name}: No such file or directory\n` });
      if (code === 127) return 127;
      if (code === 255) {
        ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        return 124;
      }
      if (code !== 0) status = 123;
    }
    return status;
  },
};
