/** pflag-style option parsing with kubectl's error texts for unknown or incomplete flags. */

export interface FlagSpec {
  /** Boolean flags (long names). */
  bools?: string[];
  /** Flags that take a value. */
  values?: string[];
  /** Flags that may repeat (their values are collected). */
  multi?: string[];
  /** Shorthands: letter → long name. */
  short?: Record<string, string>;
}

export interface Parsed {
  flags: Map<string, string>;
  multi: Map<string, string[]>;
  positional: string[];
  /** Arguments after `--`. */
  rest: string[];
  sawDashDash: boolean;
}

/** Flags every kubectl command accepts. */
export const GLOBAL: FlagSpec = {
  values: ['namespace', 'context', 'as', 'as-uid', 'kubeconfig', 'v', 'request-timeout', 'cluster', 'user', 'server', 'token', 'cache-dir', 'log-flush-frequency'],
  multi: ['as-group'],
  bools: ['insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors'],
  short: { n: 'namespace', v: 'v', s: 'server' },
};

export function parseFlags(cmdPath: string, args: string[], spec: FlagSpec): Parsed | { error: string } {
  const bools = new Set([...(spec.bools ?? []), ...(GLOBAL.bools ?? []), 'help']);
  const values = new Set([...(spec.values ?? []), ...(GLOBAL.values ?? [])]);
  const multi = new Set([...(spec.multi ?? []), ...(GLOBAL.multi ?? [])]);
  const short: Record<string, string> = { ...GLOBAL.short, ...spec.short, h: 'help' };
  const out: Parsed = { flags: new Map(), multi: new Map(), positional: [], rest: [], sawDashDash: false };
  const see = `\nSee '${cmdPath} --help' for usage.`;
  const set = (name: string, v: string) => {
    if (multi.has(name)) out.multi.set(name, [...(out.multi.get(name) ?? []), v]);
    else out.flags.set(name, v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.sawDashDash = true;
      out.rest = args.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (bools.has(name)) out.flags.set(name, inline ?? 'true');
      else if (values.has(name) || multi.has(name)) {
        const v = inline ?? args[++i];
        if (v === undefined) return { error: `error: flag needs an argument: --${name}${see}` };
        set(name, v);
      } else return { error: `error: unknown flag: --${name}${see}` };
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const name = short[ch];
        if (!name) return { error: `error: unknown shorthand flag: '${ch}' in ${a}${see}` };
        if (bools.has(name)) {
          if (a[j + 1] === '=') {
            out.flags.set(name, a.slice(j + 2));
            break;
          }
          out.flags.set(name, 'true');
        } else {
          let v = a.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (!v) {
            const next = args[++i];
            if (next === undefined) return { error: `error: flag needs an argument: '${ch}' in -${ch}${see}` };
            v = next;
          }
          set(name, v);
          break;
        }
      }
    } else out.positional.push(a);
  }
  return out;
}

export function flagBool(p: Parsed, name: string): boolean {
  const v = p.flags.get(name);
  return v !== undefined && v !== 'false';
}
