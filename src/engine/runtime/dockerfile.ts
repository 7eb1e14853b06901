/**
 * Dockerfile parsing as BuildKit's frontend does it: line continuations, comments, parser
 * directives, JSON (exec) versus shell form, and variable substitution from ARG and ENV.
 */
import { LIMITS } from '../limits.ts';

export const INSTRUCTIONS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'] as const;

export interface Instruction {
  /** Upper-case keyword. */
  cmd: string;
  /** Text after the keyword, continuations joined. */
  rest: string;
  /** The instruction as written (continuations joined with a space), for history and errors. */
  original: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  /** `--from=x`, `--chown=u` style flags at the start of COPY/ADD/RUN. */
  flags: Record<string, string>;
  /** Exec form (`["a","b"]`) when the arguments were JSON. */
  json?: string[];
}

export type ParseResult = { ok: true; instructions: Instruction[] } | { ok: false; line: number; message: string };

function suggest(word: string): string | undefined {
  const w = word.toUpperCase();
  let best: string | undefined;
  let bestD = 3;
  for (const i of INSTRUCTIONS) {
    const d = distance(w, i);
    if (d < bestD) (best = i), (bestD = d);
  }
  return best;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length]![b.length]!;
}

export function parseDockerfile(text: string): ParseResult {
  const lines = text.split('\n');
  const out: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let raw = lines[i]!;
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    const parts: string[] = [];
    while (/\\\s*$/.test(raw) && i + 1 < lines.length) {
      parts.push(raw.replace(/\\\s*$/, ''));
      i++;
      raw = lines[i]!;
      while (/^\s*#/.test(raw) && i + 1 < lines.length) raw = lines[++i]!;
    }
    parts.push(raw);
    const joined = parts.map((p, k) => (k === 0 ? p : p.trimStart())).join(' ').trim();
    const m = /^(\S+)\s*(.*)$/s.exec(joined);
    if (!m) continue;
    const cmd = m[1]!.toUpperCase();
    if (!(INSTRUCTIONS as readonly string[]).includes(cmd)) {
      const s = suggest(m[1]!);
      return { ok: false, line: start + 1, message: `dockerfile parse error on line ${start + 1}: unknown instruction: ${m[1]}${s ? ` (did you mean ${s.toLowerCase()}?)` : ''}` };
    }
    let rest = m[2]!;
    const flags: Record<string, string> = Object.create(null);
    if (cmd === 'COPY' || cmd === 'ADD' || cmd === 'RUN' || cmd === 'FROM') {
      for (let f = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest); f; f = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest)) {
        flags[f[1]!] = f[2] ?? 'true';
        rest = rest.slice(f[0].length);
      }
    }
    let json: string[] | undefined;
    if (/^\[/.test(rest.trim())) {
      try {
        const v = JSON.parse(rest.trim()) as unknown;
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) json = v as string[];
      } catch {
        /* not JSON: shell form, as BuildKit falls back */
      }
    }
    if (out.length >= LIMITS.dockerfileInstructions) return { ok: false, line: start + 1, message: `dockerfile has more than ${LIMITS.dockerfileInstructions} instructions` };
    out.push({ cmd, rest: rest.trim(), original: `${cmd} ${m[2]!.trim()}`.trim(), line: start + 1, endLine: i + 1, flags, json });
  }
  if (!out.some((i) => i.cmd === 'FROM')) return { ok: false, line: 1, message: 'dockerfile parse error on line 1: no build stage in current context' };
  return { ok: true, instructions: out };
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` with BuildKit's rules (unset → empty). */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\\\$|\$\{(\w+)(?:(:?[-+])([^}]*))?\}|\$(\w+)/g, (all, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (all === '\\$') return '$';
    const name = braced ?? bare!;
    const has = Object.prototype.hasOwnProperty.call(vars, name);
    const v = has ? vars[name]! : '';
    if (op === ':-' || op === '-') return (op === ':-' ? v !== '' : has) ? v : (word ?? '');
    if (op === ':+' || op === '+') return (op === ':+' ? v !== '' : has) ? (word ?? '') : '';
    return v;
  });
}

/** Splits `a b "c d"` the way shell-form arguments to COPY and EXPOSE are split. */
export function splitWords(text: string): string[] {
  return (text.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
}

/** `KEY=value KEY2="x y"` or the legacy `KEY value` form of ENV and LABEL. */
export function parseKeyValues(text: string): [string, string][] {
  const t = text.trim();
  if (!/^[^\s=]+=/.test(t)) {
    const m = /^(\S+)\s+(.*)$/s.exec(t);
    return m ? [[m[1]!, m[2]!]] : [];
  }
  const out: [string, string][] = [];
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    let v = m[2]!;
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (v.startsWith("'")) v = v.slice(1, -1);
    out.push([m[1]!.replace(/^"|"$/g, ''), v]);
  }
  return out;
}
