/**
 * A recursive-descent parser for the bash subset learners type: quoting, expansions,
 * pipelines, lists, redirects, heredocs, if/for/while/until/case, groups, subshells and
 * functions. It reads characters directly because bash's grammar is context-sensitive.
 * An input that stops in the middle of a construct raises ParseError with `incomplete`,
 * which the terminal answers with a `> ` continuation prompt.
 */
import { LIMITS } from '../limits.ts';
import type { AndOr, Command, Pipeline, Redirect, RedirectOp, Script, SimpleCommand, Word, WordPart } from './ast.ts';

export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    /** True when more input could complete the command (open quote, heredoc, `if` without `fi`). */
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const RESERVED_STOP = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parse(src: string): Script {
  if (src.length > LIMITS.commandLineChars) {
    throw new ParseError(`command line too long (${src.length} characters; the limit is ${LIMITS.commandLineChars})`, false);
  }
  const p = new Parser(src);
  const script = p.parseScript(new Set());
  if (!p.atEnd()) throw p.unexpected();
  return script;
}

/** Parses a word from its source text (for `${VAR:-word}` arguments). */
export function parseWordText(src: string): Word {
  const p = new Parser(src);
  return p.parseWordUntil(new Set());
}

class Parser {
  private i = 0;
  private depth = 0;
  private pendingHeredocs: { redirect: Redirect; delim: string; stripTabs: boolean }[] = [];

  constructor(private readonly src: string) {}

  private lineAt(index: number): number {
    let n = 1;
    for (let k = 0; k < index; k++) if (this.src.charCodeAt(k) === 10) n++;
    return n;
  }

  atEnd(): boolean {
    return this.i >= this.src.length;
  }

  private peek(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.i);
  }

  unexpected(): ParseError {
    if (this.atEnd()) return new ParseError('syntax error: unexpected end of file', true);
    let tok = this.peek();
    for (const op of [';;', '&&', '||', '>>', '<<', '&>']) if (this.startsWith(op)) tok = op;
    if (tok === '\n') tok = 'newline';
    return new ParseError(`syntax error near unexpected token \`${tok}'`, false);
  }

  private skipSpaces(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && this.peek(1) === '\n') this.i += 2;
      else if (c === '#') {
        while (!this.atEnd() && this.peek() !== '\n') this.i++;
      } else return;
    }
  }

  /** Consumes one newline, then the bodies of heredocs opened on the line it ends. */
  private consumeNewline(): void {
    this.i++;
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const h of pending) {
      const lines: string[] = [];
      for (;;) {
        if (this.atEnd()) throw new ParseError(`here-document delimited by end-of-file (wanted \`${h.delim}')`, true);
        const nl = this.src.indexOf('\n', this.i);
        const end = nl === -1 ? this.src.length : nl;
        let line = this.src.slice(this.i, end);
        this.i = nl === -1 ? end : end + 1;
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        if (nl === -1) throw new ParseError(`here-document delimited by end-of-file (wanted \`${h.delim}')`, true);
        lines.push(line + '\n');
      }
      h.redirect.heredoc!.body = lines.join('');
    }
  }

  private skipSpacesAndNewlines(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '\n') this.consumeNewline();
      else return;
    }
  }

  /** The reserved word at the cursor, if an unquoted one stands there. */
  private peekReserved(): string | undefined {
    const m = /^(\{|\}|!|[a-z]+)(?=[\s;&|()<>]|$)/.exec(this.src.slice(this.i, this.i + 10));
    return m?.[1];
  }

  parseScript(stops: Set<string>, closeParen = false): Script {
    if (++this.depth > LIMITS.shellDepth) throw new ParseError('syntax error: nesting too deep', false);
    const items: AndOr[] = [];
    for (;;) {
      this.skipSpacesAndNewlines();
      if (this.atEnd()) {
        if (stops.size || closeParen || this.pendingHeredocs.length) throw new ParseError('syntax error: unexpected end of file', true);
        break;
      }
      if (closeParen && this.peek() === ')') break;
      if (stops.has(';;') && this.startsWith(';;')) break;
      const word = this.peekReserved();
      if (word && stops.has(word)) break;
      if (word && RESERVED_STOP.has(word) && word !== '}' && word !== 'in') throw new ParseError(`syntax error near unexpected token \`${word}'`, false);
      const line = this.lineAt(this.i);
      const item = this.parseAndOr();
      item.line = line;
      items.push(item);
      this.skipSpaces();
      const c = this.peek();
      if (c === ';' && this.peek(1) !== ';') this.i++;
      else if (c === '&' && this.peek(1) !== '&') {
        this.i++;
        item.background = true;
      } else if (c === '\n') this.consumeNewline();
      else if (this.atEnd() || c === ')' || this.startsWith(';;')) continue;
      else {
        const w = this.peekReserved();
        if (!(w && stops.has(w))) throw this.unexpected();
      }
    }
    this.depth--;
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipSpaces();
      if (this.startsWith('&&') || this.startsWith('||')) {
        const op = this.src.slice(this.i, this.i + 2) as '&&' | '||';
        this.i += 2;
        this.skipSpacesAndNewlines();
        if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
        rest.push({ op, pipeline: this.parsePipeline() });
      } else return { first, rest, background: false };
    }
  }

  private parsePipeline(): Pipeline {
    this.skipSpaces();
    let negate = false;
    if (this.peekReserved() === '!') {
      negate = true;
      this.i++;
      this.skipSpaces();
    }
    const commands = [this.parseCommand()];
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '|' && this.peek(1) !== '|') {
        this.i++;
        this.skipSpacesAndNewlines();
        if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
        commands.push(this.parseCommand());
      } else return { negate, commands };
    }
  }

  private expectReserved(word: string): void {
    this.skipSpacesAndNewlines();
    if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
    if (this.peekReserved() !== word) throw this.unexpected();
    this.i += word.length;
  }

  private parseCommand(): Command {
    this.skipSpaces();
    const c = this.peek();
    if (c === '(') {
      this.i++;
      const body = this.parseScript(new Set(), true);
      if (this.peek() !== ')') throw this.unexpected();
      this.i++;
      return { type: 'subshell', body, redirects: this.parseRedirects() };
    }
    const word = this.peekReserved();
    switch (word) {
      case '{': {
        this.i++;
        const body = this.parseScript(new Set(['}']));
        this.expectReserved('}');
        return { type: 'group', body, redirects: this.parseRedirects() };
      }
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until': {
        this.i += word.length;
        const cond = this.parseScript(new Set(['do']));
        this.expectReserved('do');
        const body = this.parseScript(new Set(['done']));
        this.expectReserved('done');
        return { type: 'while', until: word === 'until', cond, body, redirects: this.parseRedirects() };
      }
      case 'case':
        return this.parseCase();
      case 'function': {
        this.i += word.length;
        this.skipSpaces();
        const name = this.parseWordUntil(new Set());
        const text = literalText(name);
        if (!text || !/^[A-Za-z_][\w-]*$/.test(text)) throw this.unexpected();
        this.skipSpaces();
        if (this.startsWith('()')) this.i += 2;
        this.skipSpacesAndNewlines();
        return { type: 'function', name: text, body: this.parseCommand() };
      }
    }
    if (c === '' || META.has(c) && c !== '<' && c !== '>') throw this.unexpected();
    return this.parseSimple();
  }

  private parseIf(): Command {
    this.i += 2;
    const clauses: { cond: Script; body: Script }[] = [];
    let orElse: Script | undefined;
    for (;;) {
      const cond = this.parseScript(new Set(['then']));
      this.expectReserved('then');
      const body = this.parseScript(new Set(['elif', 'else', 'fi']));
      clauses.push({ cond, body });
      this.skipSpacesAndNewlines();
      const w = this.peekReserved();
      if (w === 'elif') {
        this.i += 4;
        continue;
      }
      if (w === 'else') {
        this.i += 4;
        orElse = this.parseScript(new Set(['fi']));
      }
      this.expectReserved('fi');
      return { type: 'if', clauses, orElse, redirects: this.parseRedirects() };
    }
  }

  private parseFor(): Command {
    this.i += 3;
    this.skipSpaces();
    const nameWord = this.parseWordUntil(new Set());
    const name = literalText(nameWord);
    if (!name || !NAME_RE.test(name)) throw new ParseError(`\`${name ?? ''}': not a valid identifier`, false);
    this.skipSpaces();
    let items: Word[] | undefined;
    if (this.peek() === ';') this.i++;
    this.skipSpacesAndNewlines();
    if (this.peekReserved() === 'in') {
      this.i += 2;
      items = [];
      for (;;) {
        this.skipSpaces();
        const ch = this.peek();
        if (ch === ';' || ch === '\n') {
          if (ch === ';') this.i++;
          else this.consumeNewline();
          break;
        }
        if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
        items.push(this.parseWordUntil(new Set()));
      }
    }
    this.expectReserved('do');
    const body = this.parseScript(new Set(['done']));
    this.expectReserved('done');
    return { type: 'for', name, items, body, redirects: this.parseRedirects() };
  }

  private parseCase(): Command {
    this.i += 4;
    this.skipSpaces();
    const word = this.parseWordUntil(new Set());
    this.expectReserved('in');
    const arms: { patterns: Word[]; body: Script }[] = [];
    for (;;) {
      this.skipSpacesAndNewlines();
      if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
      if (this.peekReserved() === 'esac') {
        this.i += 4;
        break;
      }
      if (this.peek() === '(') this.i++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipSpaces();
        patterns.push(this.parseWordUntil(new Set()));
        this.skipSpaces();
        if (this.peek() === '|') this.i++;
        else if (this.peek() === ')') {
          this.i++;
          break;
        } else throw this.unexpected();
      }
      const body = this.parseScript(new Set([';;', 'esac']));
      arms.push({ patterns, body });
      this.skipSpacesAndNewlines();
      if (this.startsWith(';;')) this.i += 2;
    }
    return { type: 'case', word, arms, redirects: this.parseRedirects() };
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipSpaces();
      const r = this.tryRedirect();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryRedirect(): Redirect | undefined {
    const m = /^(\d*)(&>>|&>|>>|>\||>&|<<<|<<-|<<|<&|>|<)/.exec(this.src.slice(this.i, this.i + 8));
    if (!m) return undefined;
    const fdText = m[1]!;
    let op = m[2]!;
    if (fdText && op.startsWith('&')) return undefined;
    this.i += m[0].length;
    this.skipSpaces();
    if (this.atEnd() || (META.has(this.peek()) && this.peek() !== '(')) {
      throw this.atEnd() || this.peek() === '\n' ? new ParseError("syntax error near unexpected token `newline'", false) : this.unexpected();
    }
    const defaultFd = op.startsWith('<') ? 0 : 1;
    const fd = fdText ? Number(fdText) : defaultFd;
    if (op === '<<' || op === '<<-') {
      const start = this.i;
      const target = this.parseWordUntil(new Set());
      const raw = this.src.slice(start, this.i);
      const quoted = /['"\\]/.test(raw);
      const delim = target.parts.map((p) => (p.type === 'lit' ? p.value : '')).join('') || raw.replace(/['"\\]/g, '');
      const redirect: Redirect = { fd, op: '<<', target, text: raw, heredoc: { body: '', expand: !quoted } };
      this.pendingHeredocs.push({ redirect, delim, stripTabs: op === '<<-' });
      return redirect;
    }
    if (op === '>|') op = '>';
    const start = this.i;
    const target = this.parseWordUntil(new Set());
    return { fd, op: op as RedirectOp, target, text: this.src.slice(start, this.i) };
  }

  private parseSimple(): Command {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (this.atEnd() || c === '\n' || c === ';' || c === '&' && this.peek(1) !== '>' || c === '|' || c === ')') break;
      if (c === '(') {
        if (cmd.words.length === 1 && this.src.slice(this.i).match(/^\(\s*\)/)) return this.finishFunction(cmd);
        throw this.unexpected();
      }
      const r = this.tryRedirect();
      if (r) {
        cmd.redirects.push(r);
        continue;
      }
      const start = this.i;
      const word = this.parseWordUntil(new Set());
      if (this.i === start) throw this.unexpected();
      const first = word.parts[0];
      if (cmd.words.length === 0 && first?.type === 'lit' && !first.quoted) {
        const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
        if (eq) {
          const rest: WordPart[] = [{ ...first, value: first.value.slice(eq[0].length) }, ...word.parts.slice(1)];
          cmd.assigns.push({ name: eq[1]!, value: { parts: rest.filter((p) => p.type !== 'lit' || p.value !== '' || p.quoted) } });
          continue;
        }
      }
      cmd.words.push(word);
    }
    return cmd;
  }

  private finishFunction(cmd: SimpleCommand): Command {
    const name = literalText(cmd.words[0]!);
    if (!name) throw this.unexpected();
    this.i = this.src.indexOf(')', this.i) + 1;
    this.skipSpacesAndNewlines();
    if (this.atEnd()) throw new ParseError('syntax error: unexpected end of file', true);
    return { type: 'function', name, body: this.parseCommand() };
  }

  /** Reads one word: quotes, escapes and expansions, up to an unquoted metacharacter. */
  parseWordUntil(extraStops: Set<string>): Word {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'lit', value: lit, quoted: false });
      lit = '';
    };
    const startIndex = this.i;
    while (!this.atEnd()) {
      const c = this.peek();
      if (META.has(c) || extraStops.has(c)) break;
      if (c === '\\') {
        if (this.peek(1) === '\n') {
          this.i += 2;
          continue;
        }
        flush();
        if (this.i + 1 >= this.src.length) {
          this.i++;
          break;
        }
        parts.push({ type: 'lit', value: this.peek(1), quoted: true });
        this.i += 2;
      } else if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.i + 1);
        if (end === -1) throw new ParseError("unexpected EOF while looking for matching `''", true);
        parts.push({ type: 'lit', value: this.src.slice(this.i + 1, end), quoted: true });
        this.i = end + 1;
      } else if (c === '"') {
        flush();
        this.i++;
        this.parseDoubleQuoted(parts);
      } else if (c === '$' && this.peek(1) === "'") {
        flush();
        parts.push({ type: 'lit', value: this.parseAnsiC(), quoted: true });
      } else if (c === '$') {
        const part = this.parseDollar(false);
        if (part) {
          flush();
          parts.push(part);
        } else lit += '$';
      } else if (c === '`') {
        flush();
        parts.push(this.parseBackquote(false));
      } else if (c === '~' && this.i === startIndex) {
        const m = /^~([A-Za-z0-9_.-]*)(?=\/|$|[\s;&|<>()])/.exec(this.src.slice(this.i));
        if (m) {
          parts.push({ type: 'tilde', user: m[1]! });
          this.i += m[0].length;
        } else {
          lit += c;
          this.i++;
        }
      } else {
        lit += c;
        this.i++;
      }
    }
    flush();
    return { parts };
  }

  private parseDoubleQuoted(parts: WordPart[]): void {
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'lit', value: lit, quoted: true });
      lit = '';
    };
    let sawAny = false;
    for (;;) {
      if (this.atEnd()) throw new ParseError('unexpected EOF while looking for matching `"\'', true);
      const c = this.peek();
      if (c === '"') {
        this.i++;
        break;
      }
      sawAny = true;
      if (c === '\\' && '$`"\\\n'.includes(this.peek(1)) && this.peek(1) !== '') {
        if (this.peek(1) !== '\n') lit += this.peek(1);
        this.i += 2;
      } else if (c === '$') {
        const part = this.parseDollar(true);
        if (part) {
          flush();
          parts.push(part);
        } else lit += '$';
      } else if (c === '`') {
        flush();
        parts.push(this.parseBackquote(true));
      } else {
        lit += c;
        this.i++;
      }
    }
    if (lit || !sawAny) parts.push({ type: 'lit', value: lit, quoted: true });
  }

  private parseAnsiC(): string {
    this.i += 2;
    let out = '';
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b', '0': '\0' };
    for (;;) {
      if (this.atEnd()) throw new ParseError("unexpected EOF while looking for matching `''", true);
      const c = this.peek();
      if (c === "'") {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const n = this.peek(1);
        out += map[n] ?? '\\' + n;
        this.i += 2;
      } else {
        out += c;
        this.i++;
      }
    }
  }

  private parseBackquote(quoted: boolean): WordPart {
    const end = this.src.indexOf('`', this.i + 1);
    if (end === -1) throw new ParseError('unexpected EOF while looking for matching ``\'', true);
    const inner = this.src.slice(this.i + 1, end);
    this.i = end + 1;
    return { type: 'cmdsub', script: parse(inner), quoted };
  }

  /** After `$`: `$(...)`, `$((...))`, `${...}`, `$NAME` or a special parameter; undefined for a lone `$`. */
  private parseDollar(quoted: boolean): WordPart | undefined {
    const n = this.peek(1);
    if (n === '(' && this.peek(2) === '(') {
      let depth = 0;
      let j = this.i + 3;
      for (; j < this.src.length; j++) {
        const ch = this.src[j];
        if (ch === '(') depth++;
        else if (ch === ')') {
          if (depth === 0 && this.src[j + 1] === ')') break;
          depth--;
        }
      }
      if (j >= this.src.length) throw new ParseError('unexpected EOF while looking for matching `))\'', true);
      const expr = this.src.slice(this.i + 3, j);
      this.i = j + 2;
      return { type: 'arith', expr, quoted };
    }
    if (n === '(') {
      this.i += 2;
      const script = this.parseScript(new Set(), true);
      if (this.peek() !== ')') throw new ParseError('unexpected EOF while looking for matching `)\'', true);
      this.i++;
      return { type: 'cmdsub', script, quoted };
    }
    if (n === '{') {
      const end = this.src.indexOf('}', this.i + 2);
      if (end === -1) throw new ParseError("unexpected EOF while looking for matching `}'", true);
      const body = this.src.slice(this.i + 2, end);
      this.i = end + 1;
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])(?:(:-|-|:=|:\+)([\s\S]*))?$/.exec(body);
      if (!m) throw new ParseError(`\${${body}}: bad substitution`, false);
      if (m[1]) return { type: 'var', name: m[2]!, quoted, op: '#' };
      if (m[3]) return { type: 'var', name: m[2]!, quoted, op: m[3] as ':-', arg: parseWordText(m[4] ?? '') };
      return { type: 'var', name: m[2]!, quoted };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(this.src.slice(this.i + 1, this.i + 200));
    if (!m) {
      this.i++;
      return undefined;
    }
    this.i += 1 + m[1]!.length;
    return { type: 'var', name: m[1]!, quoted };
  }
}

/** The text of a word made only of literals, or undefined if it has expansions. */
export function literalText(word: Word): string | undefined {
  let out = '';
  for (const p of word.parts) {
    if (p.type !== 'lit') return undefined;
    out += p.value;
  }
  return out;
}
