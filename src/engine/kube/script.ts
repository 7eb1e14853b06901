/**
 * The shell inside simulated containers: enough of busybox `sh -c` for the scripts that
 * Kubernetes lessons use (`echo`, `sleep`, `while true; do ...; done`, `touch`, `cat`,
 * `wget`, redirections). It runs on virtual time: `sleep 5` moves a cursor, so a script's
 * whole output is known when it starts and `kubectl logs` shows what is due by now.
 */
export type Word = { t: string; q: 'n' | 's' | 'd' }[];

export type Stmt =
  | { k: 'cmd'; argv: Word[]; redir?: { op: '>' | '>>'; file: Word }; op?: '&&' | '||' }
  | { k: 'while'; body: Stmt[]; op?: '&&' | '||' }
  | { k: 'for'; name: string; items: Word[]; body: Stmt[]; op?: '&&' | '||' }
  | { k: 'unsupported'; word: string; op?: '&&' | '||' };

type Tok = { w: Word } | { op: string };

function tokenize(src: string): Tok[] | { error: string } {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '\n' || ch === ';') {
      out.push({ op: ';' });
      i++;
      continue;
    }
    if (src.startsWith('&&', i) || src.startsWith('||', i) || src.startsWith('>>', i) || src.startsWith('2>', i) && src[i + 2] === '&') {
      const op = src.startsWith('2>', i) ? '2>&1' : src.slice(i, i + 2);
      out.push({ op });
      i += op.length;
      continue;
    }
    if (ch === '>' || ch === '&' || ch === '|') {
      out.push({ op: ch });
      i++;
      continue;
    }
    const word: Word = [];
    while (i < src.length && !' \t\n;&|>'.includes(src[i]!)) {
      const c = src[i]!;
      if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) return { error: 'sh: syntax error: unterminated quoted string' };
        word.push({ t: src.slice(i + 1, end), q: 's' });
        i = end + 1;
      } else if (c === '"') {
        let j = i + 1;
        let text = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && j + 1 < src.length) {
            text += src[j + 1] === '"' || src[j + 1] === '\\' || src[j + 1] === '$' ? src[j + 1] : src[j]! + src[j + 1]!;
            j += 2;
          } else text += src[j++];
        }
        if (j >= src.length) return { error: 'sh: syntax error: unterminated quoted string' };
        word.push({ t: text, q: 'd' });
        i = j + 1;
      } else if (c === '$' && src[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < src.length; j++) {
          if (src[j] === '(') depth++;
          if (src[j] === ')' && --depth === 0) break;
        }
        word.push({ t: src.slice(i, j + 1), q: 'n' });
        i = j + 1;
      } else if (c === '\\' && i + 1 < src.length) {
        word.push({ t: src[i + 1]!, q: 's' });
        i += 2;
      } else {
        let j = i;
        while (j < src.length && !' \t\n;&|>\'"\\'.includes(src[j]!) && !(src[j] === '$' && src[j + 1] === '(')) j++;
        word.push({ t: src.slice(i, j), q: 'n' });
        i = j;
      }
    }
    out.push({ w: word });
  }
  return out;
}

const plain = (w: Word) => w.map((p) => p.t).join('');

/** Parses a script; returns the statements or the shell's syntax error. */
export function parseScript(src: string): Stmt[] | { error: string } {
  const tokenized = tokenize(src);
  if ('error' in tokenized) return tokenized;
  const toks: Tok[] = tokenized;
  let pos = 0;
  const peekWord = () => {
    const t = toks[pos];
    return t && 'w' in t ? plain(t.w) : undefined;
  };
  const skipSemis = () => {
    while (toks[pos] && 'op' in toks[pos]! && (toks[pos] as { op: string }).op === ';') pos++;
  };
  function list(until: string[]): Stmt[] | { error: string } {
    const out: Stmt[] = [];
    skipSemis();
    while (pos < toks.length) {
      const w = peekWord();
      if (w !== undefined && until.includes(w)) return out;
      const st = statement();
      if ('error' in st) return st;
      out.push(st);
      const t = toks[pos];
      if (t && 'op' in t && (t.op === '&&' || t.op === '||')) {
        st.op = t.op;
        pos++;
      }
      skipSemis();
    }
    if (until.length) return { error: `sh: syntax error: unexpected end of file (expecting "${until[0]}")` };
    return out;
  }
  function statement(): Stmt | { error: string } {
    const w = peekWord();
    if (w === 'while' || w === 'until') {
      pos++;
      const cond = peekWord();
      if (cond !== 'true' && cond !== ':') return { k: 'unsupported', word: `while ${cond ?? ''}` };
      pos++;
      skipSemis();
      if (peekWord() !== 'do') return { error: 'sh: syntax error: unexpected end of file (expecting "do")' };
      pos++;
      const body = list(['done']);
      if ('error' in body) return body;
      pos++;
      return { k: 'while', body };
    }
    if (w === 'for') {
      pos++;
      const name = peekWord() ?? '';
      pos++;
      const items: Word[] = [];
      if (peekWord() === 'in') {
        pos++;
        while (pos < toks.length && 'w' in toks[pos]! && peekWord() !== 'do') items.push((toks[pos++] as { w: Word }).w);
      }
      skipSemis();
      if (peekWord() !== 'do') return { error: 'sh: syntax error: unexpected end of file (expecting "do")' };
      pos++;
      const body = list(['done']);
      if ('error' in body) return body;
      pos++;
      return { k: 'for', name, items, body };
    }
    if (w === 'if' || w === 'case' || w === 'function') {
      // Skip to the matching end so the rest of the script still parses.
      const end = w === 'if' ? 'fi' : w === 'case' ? 'esac' : '}';
      while (pos < toks.length && peekWord() !== end) pos++;
      pos++;
      return { k: 'unsupported', word: w };
    }
    const argv: Word[] = [];
    let redir: { op: '>' | '>>'; file: Word } | undefined;
    while (pos < toks.length) {
      const t = toks[pos]!;
      if ('w' in t) {
        argv.push(t.w);
        pos++;
      } else if (t.op === '>' || t.op === '>>') {
        pos++;
        const f = toks[pos];
        if (!f || !('w' in f)) return { error: 'sh: syntax error: unexpected newline' };
        redir = { op: t.op, file: f.w };
        pos++;
      } else if (t.op === '2>&1' || t.op === '&') pos++;
      else if (t.op === '|') {
        // Pipelines: the simulation keeps the last command's output.
        pos++;
        argv.length = 0;
      } else break;
    }
    return { k: 'cmd', argv, redir };
  }
  const out = list([]);
  return out;
}

export interface ToolResult {
  out: string;
  err: string;
  code: number;
}

/** What a running script can do outside itself: tools, time, files. */
export interface ScriptHost {
  env: Record<string, string>;
  /** Runs one tool at virtual time `at`. `sleep` and `exit` are handled by the runner. */
  tool(argv: string[], at: number, stdin?: string): ToolResult;
  write(path: string, content: string, append: boolean, at: number): void;
  shellName: string;
}

export interface ScriptOutcome {
  lines: { at: number; text: string }[];
  /** Virtual ms from start when the script ended, or undefined if it runs forever. */
  endedAt?: number;
  code: number;
  loop?: { body: Stmt[]; start: number; period: number; vars: Record<string, string> };
  busy?: boolean;
}

/** Runs a script from virtual time `start`, up to `maxSteps` commands. */
export function runScript(stmts: Stmt[], host: ScriptHost, start: number, maxSteps: number, vars: Record<string, string> = {}, captureLoop = true): ScriptOutcome {
  const lines: { at: number; text: string }[] = [];
  let t = start;
  let steps = 0;
  let last = 0;
  let forever = false;
  let loop: ScriptOutcome['loop'];
  let busy = false;
  class Exit {
    constructor(readonly code: number) {}
  }
  const expand = (w: Word): string =>
    w
      .map((p) => {
        if (p.q === 's') return p.t;
        return p.t
          .replace(/\$\((.*)\)/gs, (_m, inner: string) => {
            const r = host.tool(inner.trim().split(/\s+/), t);
            return r.out.replace(/\n+$/, '');
          })
          .replace(/\$\{?(\w+|\?)\}?/g, (_m, name: string) => (name === '?' ? String(last) : (vars[name] ?? host.env[name] ?? '')));
      })
      .join('');
  const emit = (text: string) => {
    if (!text) return;
    for (const l of text.replace(/\n$/, '').split('\n')) lines.push({ at: t, text: l });
  };
  function exec(list: Stmt[]): void {
    let skip = false;
    for (const st of list) {
      if (forever) return;
      if (++steps > maxSteps) {
        forever = true;
        busy = true;
        return;
      }
      if (skip) {
        skip = (st.op === '&&' && last !== 0) || (st.op === '||' && last === 0);
        continue;
      }
      if (st.k === 'unsupported') {
        emit(`${host.shellName}: '${st.word}' is not supported by this simulated container shell`);
        last = 2;
      } else if (st.k === 'while') {
        const t0 = t;
        const before = lines.length;
        exec(st.body);
        if (forever) return;
        const period = t - t0;
        if (period === 0) {
          // A loop that never sleeps spins forever (and burns a CPU).
          busy = true;
          forever = true;
          return;
        }
        if (captureLoop) loop = { body: st.body, start: t0, period, vars: { ...vars } };
        void before;
        forever = true;
        return;
      } else if (st.k === 'for') {
        for (const item of st.items.flatMap((w) => expand(w).split(/\s+/).filter(Boolean))) {
          vars[st.name] = item;
          exec(st.body);
          if (forever) return;
        }
      } else {
        const argv = st.argv.map(expand);
        const assign = argv.length === 1 && /^(\w+)=(.*)$/s.exec(argv[0]!);
        if (assign) {
          vars[assign[1]!] = assign[2]!;
          last = 0;
        } else if (argv.length === 0) last = 0;
        else if (argv[0] === 'sleep') {
          if (argv[1] === 'infinity' || argv[1] === 'inf') {
            forever = true;
            return;
          }
          const n = Number(argv[1]?.replace(/s$/, ''));
          if (Number.isFinite(n) && n >= 0) {
            t += Math.round(n * 1000);
            last = 0;
          } else {
            emit(`sleep: invalid number '${argv[1] ?? ''}'`);
            last = 1;
          }
        } else if (argv[0] === 'exit') {
          throw new Exit(Number(argv[1] ?? last) & 255);
        } else {
          const r = host.tool(argv, t);
          if (st.redir) host.write(expand(st.redir.file), r.out, st.redir.op === '>>', t);
          else emit(r.out);
          emit(r.err);
          last = r.code;
        }
      }
      skip = (st.op === '&&' && last !== 0) || (st.op === '||' && last === 0);
    }
  }
  try {
    exec(stmts);
  } catch (e) {
    if (e instanceof Exit) return { lines, endedAt: t, code: e.code };
    throw e;
  }
  if (forever) return { lines, code: 0, loop, busy };
  return { lines, endedAt: t, code: last };
}
