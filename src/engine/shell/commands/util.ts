/** Small helpers shared by command implementations: option parsing and error printing. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import { noteEndlessRead } from '../../kernel/devices.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import { sliceBytes, utf8Length } from '../../util/text.ts';
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

const COREUTILS = new Set(['base64', 'basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du', 'env', 'groups', 'head', 'id', 'ln', 'ls', 'mkdir', 'mv', 'nproc', 'readlink', 'realpath', 'rm', 'rmdir', 'seq', 'sort', 'stat', 'tail', 'tee', 'touch', 'tr', 'uname', 'uniq', 'wc', 'whoami', 'yes']);

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

/**
 * The first `n` bytes of FILE (or stdin for `-`), for `head -c` and `dd count=`: a device
 * is asked for just those bytes, and a cut pipe only matters if it holds fewer.
 */
export function readBytes(ctx: CommandContext, file: string, n: number, format: (file: string, err: string) => string): string | undefined {
  if (file === '-') return sliceBytes(ctx.stdinPrefix((text) => (utf8Length(text) < n ? Infinity : text.length)), 0, n);
  try {
    return sliceBytes(sys.readFile(ctx.world, ctx.proc, file, n), 0, n);
  } catch (e) {
    report(ctx, e, (err) => format(file, err));
    return undefined;
  }
}

/**
 * The start of FILE (or stdin for `-`) for a reader that stops early, such as `head -n 3`:
 * `end(text)` returns how many characters it uses, or more than the text holds when it wants
 * more. A device is read in growing chunks until `end` is satisfied, up to LIMITS.endlessBytes.
 */
export function readPrefix(ctx: CommandContext, file: string, end: (text: string) => number, format: (file: string, err: string) => string): string | undefined {
  if (file === '-') return ctx.stdinPrefix(end);
  try {
    if (sys.stat(ctx.world, ctx.proc, file).node.type !== 'chardev') {
      const text = sys.readFile(ctx.world, ctx.proc, file);
      return text.slice(0, end(text));
    }
    let text = '';
    for (let got = 0, chunk = 4096; end(text) > text.length; got += chunk, chunk *= 2) {
      if (got >= LIMITS.endlessBytes) {
        noteEndlessRead(ctx.proc, file);
        break;
      }
      chunk = Math.min(chunk, LIMITS.endlessBytes - got);
      const more = sys.readFile(ctx.world, ctx.proc, file, chunk);
      if (!more) break;
      text += more;
    }
    return text.slice(0, end(text));
  } catch (e) {
    report(ctx, e, (err) => format(file, err));
    return undefined;
  }
}

/**
 * A count with GNU's multiplier suffixes, as `head -c` and `dd` take them: b = 512; K, M, G,
 * T, P, E, Z, Y, R, Q are powers of 1024, or of 1000 with a B after them (kB, MB), and KiB = K.
 * `lower` lists the letters also taken in lower case (head: k and m; dd: k); `extra` adds a
 * tool's own suffixes (dd: c, w, B). Undefined when invalid; 'overflow' past 2^63 - 1.
 */
export function parseSize(text: string, lower: string, extra: Record<string, number> = {}): number | 'overflow' | undefined {
  const m = /^(\d+)(.*)$/.exec(text);
  if (!m) return undefined;
  const suffix = m[2]!;
  let multiplier = 1n;
  if (suffix in extra) multiplier = BigInt(extra[suffix]!);
  else if (suffix === 'b') multiplier = 512n;
  else if (suffix) {
    const u = /^([A-Za-z])(B|iB)?$/.exec(suffix);
    const letter = u && (lower.includes(u[1]!) ? u[1]!.toUpperCase() : u[1]!);
    const power = letter ? 'KMGTPEZYRQ'.indexOf(letter) : -1;
    if (power === -1) return undefined;
    multiplier = (u![2] === 'B' ? 1000n : 1024n) ** BigInt(power + 1);
  }
  const value = BigInt(m[1]!) * multiplier;
  return value > (1n << 63n) - 1n ? 'overflow' : Number(value);
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
