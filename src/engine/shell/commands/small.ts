/** Small coreutils: tee, seq, basename, dirname, echo, printf, nproc, yes. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import { formatPrintf, interpretEscapes } from '../printf.ts';
import type { Program } from '../types.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';
import { NCPU } from '../../kernel/cgroup.ts';

export const tee: Program = {
  name: 'tee',
  summary: 'read from standard input and write to standard output and files',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: tee [OPTION]... [FILE]...\nCopy standard input to each FILE, and also to standard output.\n\n  -a, --append              append to the given FILEs, do not overwrite\n  -i, --ignore-interrupts   ignore interrupt signals\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('tee', ctx.args, { short: 'ai', long: { append: 'a', 'ignore-interrupts': 'i' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    let status = 0;
    for (const f of p.operands) {
      try {
        sys.writeFile(ctx.world, ctx.proc, f, ctx.stdin, p.flags.has('a'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`tee: ${f}: ${strerror(e)}\n`);
        status = 1;
      }
    }
    ctx.stdout.write(ctx.stdin);
    return status;
  },
};

export const seq: Program = {
  name: 'seq',
  summary: 'print a sequence of numbers',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST\nPrint numbers from FIRST to LAST, in steps of INCREMENT.\n\n  -s, --separator=STRING   use STRING to separate numbers (default: \\n)\n  -w, --equal-width        equalize width by padding with leading zeroes\n      --help        display this help and exit\n')) return 0;
    const args = ctx.args.filter((a) => !/^-\d/.test(a));
    const p = parseArgs('seq', args, { short: 'w', shortValue: 's', long: { 'equal-width': 'w' }, longValue: { separator: 's' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const nums = ctx.args.filter((a) => /^-\d/.test(a) || p.operands.includes(a));
    if (nums.length === 0) return usageError(ctx, 'seq: missing operand', 1);
    if (nums.length > 3) return usageError(ctx, `seq: extra operand ‘${nums[3]}’`, 1);
    for (const n of nums) if (!/^-?\d+(\.\d+)?$/.test(n)) return usageError(ctx, `seq: invalid floating point argument: ‘${n}’`, 1);
    const [first, inc, last] = nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : nums.map(Number) as [number, number, number];
    if (inc === 0) return usageError(ctx, `seq: invalid Zero increment value: ‘${nums[1]}’`, 1);
    const out: string[] = [];
    // Numbers beyond what any pipe or terminal accepts (LIMITS.outputBytes) are not made:
    // the sink cuts the output there and says so.
    let bytes = 0;
    for (let v = first; (inc > 0 ? v <= last : v >= last) && bytes <= LIMITS.outputBytes; v += inc) {
      const text = String(v);
      bytes += text.length + 1;
      out.push(text);
    }
    const width = p.flags.has('w') ? Math.max(...out.map((o) => o.length)) : 0;
    const sep = p.values.get('s') ?? '\n';
    if (out.length) ctx.stdout.write(out.map((o) => o.padStart(width, '0')).join(sep) + '\n');
    return 0;
  },
};

function baseOf(path: string, suffix?: string): string {
  if (/^\/+$/.test(path)) return '/';
  let b = path.replace(/\/+$/, '').split('/').pop() ?? '';
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  return b;
}

export function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i === -1) return '.';
  return trimmed.slice(0, i).replace(/\/+$/, '') || '/';
}

export const basename: Program = {
  name: 'basename',
  summary: 'strip directory and suffix from filenames',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: basename NAME [SUFFIX]\n  or:  basename OPTION... NAME...\nPrint NAME with any leading directory components removed.\nIf specified, also remove a trailing SUFFIX.\n\n  -a, --multiple       support multiple arguments and treat each as a NAME\n  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('basename', ctx.args, { short: 'az', shortValue: 's', long: { multiple: 'a', zero: 'z' }, longValue: { suffix: 's' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'basename: missing operand', 1);
    const multi = p.flags.has('a') || p.values.has('s');
    if (!multi && p.operands.length > 2) return usageError(ctx, `basename: extra operand ‘${p.operands[2]}’`, 1);
    const names = multi ? p.operands : [p.operands[0]!];
    const suffix = p.values.get('s') ?? (multi ? undefined : p.operands[1]);
    for (const n of names) ctx.stdout.write(baseOf(n, suffix) + '\n');
    return 0;
  },
};

export const dirname: Program = {
  name: 'dirname',
  summary: 'strip last component from file name',
  run(ctx) {
    if (wantsHelp(ctx, "Usage: dirname [OPTION] NAME...\nOutput each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /'s, output '.' (meaning the current directory).\n\n  -z, --zero     end each output line with NUL, not newline\n      --help        display this help and exit\n")) return 0;
    const p = parseArgs('dirname', ctx.args, { short: 'z', long: { zero: 'z' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'dirname: missing operand', 1);
    for (const n of p.operands) ctx.stdout.write(dirOf(n) + '\n');
    return 0;
  },
};

export const echoProgram: Program = {
  name: 'echo',
  summary: 'display a line of text',
  run(ctx) {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < ctx.args.length && /^-[neE]+$/.test(ctx.args[i]!); i++) {
      for (const f of ctx.args[i]!.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
    }
    let text = ctx.args.slice(i).join(' ');
    if (escapes) {
      const r = interpretEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.stdout.write(newline ? text + '\n' : text);
    return 0;
  },
};

export const printfProgram: Program = {
  name: 'printf',
  summary: 'format and print data',
  run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write('Usage: printf FORMAT [ARGUMENT]...\n  or:  printf OPTION\nPrint ARGUMENT(s) according to FORMAT, or execute according to OPTION:\n\n      --help        display this help and exit\n');
      return 0;
    }
    if (ctx.args.length === 0) return usageError(ctx, `${ctx.argv[0]}: missing operand`, 1);
    const r = formatPrintf(ctx.args[0]!, ctx.args.slice(1));
    ctx.stdout.write(r.text);
    for (const e of r.errors) ctx.stderr.write(`${ctx.argv[0]}: ${e}\n`);
    return r.errors.length ? 1 : 0;
  },
};

export const nproc: Program = {
  name: 'nproc',
  summary: 'print the number of processing units available',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: nproc [OPTION]...\nPrint the number of processing units available to the current process,\nwhich may be less than the number of online processors\n\n      --all      print the number of installed processors\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('nproc', ctx.args, { long: { all: 'a' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    ctx.stdout.write(`${NCPU}\n`);
    return 0;
  },
};
