/** Small helpers shared by command implementations: option parsing and error printing. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { CommandContext } from '../types.ts';

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

export interface OptionSpec {
  /** Short flags without a value, e.g. 'laR'. */
  short?: string;
  /** Short options that take a value, e.g. 'n'. */
  shortValue?: string;
  /** Long flags (without --) that take no value, mapped to a canonical name. */
  long?: Record<string, string>;
  /** Long options that take a value. */
  longValue?: Record<string, string>;
}

/**
 * getopt_long-style parsing. Returns the error line the real tool prints for an
 * unknown option (`ls: invalid option -- 'z'`, `ls: unrecognized option '--bogus'`).
 */
export function parseArgs(prog: string, args: string[], spec: OptionSpec): ParsedArgs | { error: string } {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), operands: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (spec.long && name in spec.long && inline === undefined) out.flags.add(spec.long[name]!);
      else if (spec.longValue && name in spec.longValue) {
        const v = inline ?? args[++i];
        if (v === undefined) return { error: `${prog}: option '--${name}' requires an argument` };
        out.values.set(spec.longValue[name]!, v);
      } else return { error: `${prog}: unrecognized option '${a}'` };
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (spec.short?.includes(c)) out.flags.add(c);
        else if (spec.shortValue?.includes(c)) {
          const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { error: `${prog}: option requires an argument -- '${c}'` };
          out.values.set(c, v);
          break;
        } else return { error: `${prog}: invalid option -- '${c}'` };
      }
    } else out.operands.push(a);
  }
  return out;
}

/** Prints a usage error plus the GNU "Try --help" line and returns the usage exit status. */
export function usageError(ctx: CommandContext, error: string, status = 2): number {
  ctx.stderr.write(`${error}\nTry '${ctx.argv[0]} --help' for more information.\n`);
  return status;
}

/** Runs a file operation and prints `prog: cannot VERB 'path': strerror` on failure. */
export function tryOp(ctx: CommandContext, describe: string, op: () => void): boolean {
  try {
    op();
    return true;
  } catch (e) {
    if (!isSysError(e)) throw e;
    ctx.stderr.write(`${ctx.argv[0]}: ${describe}: ${strerror(e)}\n`);
    return false;
  }
}

/** GNU tools answer `--help` wherever it appears (before `--`). Prints `text` and returns true. */
export function wantsHelp(ctx: CommandContext, text: string): boolean {
  const end = ctx.args.indexOf('--');
  const args = end === -1 ? ctx.args : ctx.args.slice(0, end);
  if (!args.includes('--help')) return false;
  const name = ctx.argv[0]?.split('/').pop() ?? '';
  ctx.stdout.write(COREUTILS.has(name) ? text + gnuFooter(name) : text);
  return true;
}

const COREUTILS = new Set(['basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'df', 'dirname', 'du', 'env', 'groups', 'head', 'id', 'ln', 'ls', 'mkdir', 'mv', 'nproc', 'readlink', 'realpath', 'rm', 'rmdir', 'seq', 'sort', 'stat', 'tail', 'tee', 'touch', 'tr', 'uname', 'uniq', 'wc', 'whoami']);

/** The lines every GNU coreutils --help ends with (C.UTF-8 locale). */
export function gnuFooter(name: string): string {
  return `\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/${name}>\nor available locally via: info '(coreutils) ${name} invocation'\n`;
}

/** Reads FILE (or stdin for `-`), printing `<format with %s>` on failure. Returns undefined on error. */
export function readInput(ctx: CommandContext, file: string, format: (file: string, err: string) => string): string | undefined {
  if (file === '-') return ctx.stdin;
  try {
    return sys.readFile(ctx.world, ctx.proc, file);
  } catch (e) {
    if (!isSysError(e)) throw e;
    ctx.stderr.write(format(file, strerror(e)) + '\n');
    return undefined;
  }
}

/** Splits text into lines without the trailing empty one. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Prints an error for a SysError and returns false; rethrows anything else. */
export function report(ctx: CommandContext, e: unknown, message: (err: string) => string): false {
  if (!isSysError(e)) throw e;
  ctx.stderr.write(message(strerror(e)) + '\n');
  return false;
}
