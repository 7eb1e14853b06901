/**
 * pflag-style parsing driven by the recorded `--help` texts: the flags a subcommand
 * accepts, their shorthands and whether they take a value all come from the real help,
 * so errors (`unknown flag: --x`, `flag needs an argument: 'm' in -m`) match the real CLI.
 */
import { dict, type Dict } from '../../util/dict.ts';
import { DOCKER_HELP } from './help.generated.ts';

interface FlagDef {
  long: string;
  short?: string;
  /** The value type shown in help (`string`, `list`, `bytes`...); undefined for booleans. */
  type?: string;
}

const cache = new Map<string, FlagDef[]>();

export function flagDefs(cmd: string): FlagDef[] {
  const hit = cache.get(cmd);
  if (hit) return hit;
  const defs: FlagDef[] = [];
  for (const line of (DOCKER_HELP[cmd] ?? '').split('\n')) {
    const m = /^\s{2,6}(?:-(\w), )?--([\w-]+)(?: (\w+))?\s{2,}/.exec(line) ?? /^\s{2,6}(?:-(\w), )?--([\w-]+)(?: (\w+))?$/.exec(line);
    if (m) defs.push({ long: m[2]!, short: m[1], type: m[3] });
  }
  if (!defs.some((d) => d.long === 'help')) defs.push({ long: 'help' });
  cache.set(cmd, defs);
  return defs;
}

export function usageLine(cmd: string): string {
  const m = /^Usage:\s+(.*)$/m.exec(DOCKER_HELP[cmd] ?? '');
  return m ? m[1]! : `docker ${cmd}`;
}

export interface Parsed {
  /** Values by long name; booleans are 'true'. Repeated list flags are in `lists`. */
  values: Dict<string>;
  lists: Dict<string[]>;
  args: string[];
}

/** A parse failure carries the complete text and exit status the real CLI gives. */
export interface ParseFailure {
  error: string;
  status: number;
}

function flagError(cmd: string, msg: string): ParseFailure {
  return { error: `${msg}\n\nUsage:  ${usageLine(cmd)}\n\nRun 'docker ${cmd} --help' for more information\n`, status: 125 };
}

/**
 * Parses args for `docker CMD`. `interspersed: false` stops at the first operand
 * (docker run and exec pass the rest to the container's command).
 */
export function parseFlags(cmd: string, args: string[], interspersed = true): Parsed | ParseFailure {
  const defs = flagDefs(cmd);
  const out: Parsed = { values: dict(), lists: dict(), args: [] };
  const set = (d: FlagDef, v: string) => {
    out.values[d.long] = v;
    (out.lists[d.long] ??= []).push(v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.args.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const d = defs.find((f) => f.long === name);
      if (!d) return flagError(cmd, `unknown flag: --${name}`);
      if (d.type && d.type !== 'bool') {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) return flagError(cmd, `flag needs an argument: --${name}`);
        set(d, v);
      } else set(d, eq >= 0 ? a.slice(eq + 1) : 'true');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const d = defs.find((f) => f.short === c);
        if (!d) return flagError(cmd, `unknown shorthand flag: '${c}' in ${a}`);
        if (d.type && d.type !== 'bool') {
          const rest = a.slice(j + 1).replace(/^=/, '');
          const v = rest !== '' ? rest : args[++i];
          if (v === undefined) return flagError(cmd, `flag needs an argument: '${c}' in ${a}`);
          set(d, v);
          break;
        }
        set(d, 'true');
      }
      continue;
    }
    out.args.push(a);
    if (!interspersed) {
      out.args.push(...args.slice(i + 1));
      break;
    }
  }
  return out;
}

export function isFailure(p: Parsed | ParseFailure): p is ParseFailure {
  return 'error' in p;
}

/** `docker: 'docker run' requires at least 1 argument` and friends (exit 1). */
export function argCountError(cmd: string, kind: 'atLeast' | 'exactly' | 'none' | 'atMost' | 'range', n = 1, max = n): ParseFailure {
  const s = (k: number) => (k === 1 ? '' : 's');
  const what =
    kind === 'none' ? 'accepts no arguments' : kind === 'atLeast' ? `requires at least ${n} argument${s(n)}` : kind === 'atMost' ? `requires at most ${n} argument${s(n)}` : kind === 'range' ? `requires at least ${n} and at most ${max} argument${s(max)}` : `requires ${n} argument${s(n)}`;
  // "SRun" is what docker 28.2.2 really prints for at-most errors (recorded).
  const verb = kind === 'atLeast' ? 'See' : kind === 'atMost' ? 'SRun' : 'Run';
  return { error: `docker: 'docker ${cmd}' ${what}\n\nUsage:  ${usageLine(cmd)}\n\n${verb} 'docker ${cmd} --help' for more information\n`, status: 1 };
}

/** True if the flag was given (booleans accept `--rm=false`). */
export function flag(p: Parsed, name: string): boolean {
  const v = p.values[name];
  return v !== undefined && v !== 'false';
}
