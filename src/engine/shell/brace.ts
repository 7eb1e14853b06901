/**
 * Brace expansion, the first of bash's word expansions: `file{1,2}.txt`, `{1..10..2}`,
 * `{01..10}`, `{a..e}`, nested and cartesian forms. It follows bash 5.2's braces.c
 * (brace_expand, brace_gobbler, expand_seqterm, mkseq) rule for rule, over a parsed word:
 * only unquoted literal characters can be braces, commas or `..`; quoted text and
 * `$x`, `${x}`, `$(...)` are opaque units, so `"{a,b}"` stays and `{$a,$b}` works.
 */
import { LIMITS } from '../limits.ts';
import type { Word, WordPart } from './ast.ts';
import { ExpansionError } from './signals.ts';

/** One unquoted literal character, or a part no brace rule looks into. */
type Unit = string | WordPart;

/** What one command's brace expansions may still produce (LIMITS.braceWords and braceChars). */
export interface BraceBudget {
  words: number;
  chars: number;
}

export function newBraceBudget(): BraceBudget {
  return { words: LIMITS.braceWords, chars: LIMITS.braceChars };
}

/** The words `word` brace-expands to; the word itself when it has no brace expression. */
export function braceExpand(word: Word, budget: BraceBudget): Word[] {
  if (!word.parts.some((p) => p.type === 'lit' && !p.quoted && p.value.includes('{'))) return [word];
  const units: Unit[] = [];
  for (const p of word.parts) {
    if (p.type === 'lit' && !p.quoted) units.push(...p.value);
    else units.push(p);
  }
  const results = new Expander(budget).expand(units);
  if (results.length === 1 && results[0]!.length === units.length && results[0]!.every((u, i) => u === units[i])) return [word];
  budget.words -= results.length;
  budget.chars -= results.reduce((n, w) => n + w.length, 0);
  return results.map(toWord);
}

function isWhitespace(u: Unit | undefined): boolean {
  return u === undefined || u === ' ' || u === '\t' || u === '\n';
}

/** Tells what an ASCII letter is, as ISALPHA in the C locale. */
function isAlpha(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

const INTMAX = (1n << 63n) - 1n;
const INTMAX_MIN = -(1n << 63n);
/** bash refuses (leaves literal) a sequence of more than INT_MAX - 3 steps. */
const INT_MAX = 2147483647n;

class Expander {
  constructor(private readonly budget: BraceBudget) {}

  /**
   * brace_gobbler: from `start`, the index of the first `satisfy` outside inner braces, or
   * -1. A `}` only closes a brace expression after a top-level comma or `..`, and a `{`
   * standing alone between whitespace (or right before `}`) is not one.
   */
  private gobble(t: Unit[], start: number, satisfy: '{' | '}' | ','): number {
    let level = 0;
    let commas = satisfy === '}' ? 0 : 1;
    for (let i = start; i < t.length; i++) {
      const c = t[i];
      if (typeof c !== 'string') continue;
      if (c === satisfy && level === 0 && commas > 0) {
        if (c === '{' && (i === 0 || isWhitespace(t[i - 1])) && (isWhitespace(t[i + 1]) || t[i + 1] === '}')) continue;
        return i;
      }
      if (c === '{') level++;
      else if (c === '}' && level) level--;
      else if (satisfy === '}' && level === 0 && (c === ',' || (c === '.' && t[i + 1] === '.' && t[i + 2] !== satisfy))) commas++;
    }
    return -1;
  }

  /** brace_expand: preamble, then the expanded amble, then the postamble expanded in turn. */
  expand(t: Unit[]): Unit[][] {
    let open = -1;
    for (let i = 0; ; i++) {
      i = this.gobble(t, i, '{');
      if (i === -1) return [t];
      if (this.gobble(t, i + 1, '}') !== -1) {
        open = i;
        break;
      }
    }
    const close = this.gobble(t, open + 1, '}');
    const amble = t.slice(open + 1, close);
    let tack: Unit[][];
    if (amble.includes(',')) tack = this.expandAmble(amble);
    else {
      const seq = this.sequence(amble);
      if (seq) tack = seq;
      // A sequence that is not one (`{1..a}`) stays literal, and the rest is still expanded.
      else if (close + 1 < t.length) tack = [t.slice(open, close + 1)];
      else return [t];
    }
    let result = this.concat([t.slice(0, open)], tack);
    if (close + 1 < t.length) result = this.concat(result, this.expand(t.slice(close + 1)));
    return result;
  }

  /** expand_amble: the comma-separated alternatives, each brace-expanded. */
  private expandAmble(t: Unit[]): Unit[][] {
    const out: Unit[][] = [];
    for (let start = 0; start <= t.length; ) {
      let end = this.gobble(t, start, ',');
      if (end === -1) end = t.length;
      out.push(...this.expand(t.slice(start, end)));
      start = end + 1;
    }
    return out;
  }

  /** array_concat: every word of `a` followed by every word of `b`. */
  private concat(a: Unit[][], b: Unit[][]): Unit[][] {
    if (a.length === 1 && a[0]!.length === 0) return b;
    if (b.length === 1 && b[0]!.length === 0) return a;
    this.check(a.length * b.length, a.reduce((n, w) => n + w.length, 0) * b.length + b.reduce((n, w) => n + w.length, 0) * a.length);
    const out: Unit[][] = [];
    for (const x of a) for (const y of b) out.push([...x, ...y]);
    return out;
  }

  /**
   * Refuses a step whose result would not fit the budget. Every intermediate list ends up
   * inside the final words, so checking each step bounds the work by the final size.
   */
  private check(words: number, chars: number): void {
    if (words > this.budget.words || chars > this.budget.chars) {
      throw new ExpansionError(`hatchway: brace expansion stopped: it would make more than ${LIMITS.braceWords} words or ${LIMITS.braceChars} characters (the lab's limit, so the terminal stays responsive)`, true);
    }
  }

  /** expand_seqterm: `{1..10}`, `{01..10..3}`, `{a..e}`; undefined when the amble is not a sequence. */
  private sequence(amble: Unit[]): Unit[][] | undefined {
    if (!amble.every((u) => typeof u === 'string')) return undefined;
    const text = amble.join('');
    const dots = text.indexOf('..');
    if (dots === -1) return undefined;
    const lhs = text.slice(0, dots);
    const rhs = text.slice(dots + 2);
    if (!lhs || !rhs) return undefined;
    const lhsNumber = /^[+-]?\d+$/.test(lhs) ? BigInt(lhs) : undefined;
    const lhsType = lhsNumber !== undefined && lhsNumber >= INTMAX_MIN && lhsNumber <= INTMAX ? 'int' : isAlpha(lhs[0]) && lhs.length === 1 ? 'char' : 'bad';
    // The right side is an integer or a letter, optionally followed by `..INCR`.
    const m = /^([+-]?\d+|[A-Za-z])(?:\.\.([+-]?\d+))?$/.exec(rhs);
    if (!m || lhsType === 'bad') return undefined;
    const rhsType = /\d/.test(m[1]!) ? 'int' : 'char';
    if (lhsType !== rhsType) return undefined;
    const incr = m[2] === undefined ? 1n : BigInt(m[2]);
    if (incr < INTMAX_MIN || incr > INTMAX) return undefined;
    if (lhsType === 'char') return this.mkseq(BigInt(lhs.charCodeAt(0)), BigInt(m[1]!.charCodeAt(0)), incr, (n) => charWord(Number(n)));
    const end = BigInt(m[1]!);
    if (end < INTMAX_MIN || end > INTMAX) return undefined;
    // Zero padding: either end written with a leading zero (or `-0`) pads all to the wider end.
    const padded = (s: string) => (s.length > 1 && s[0] === '0') || (s.length > 2 && s[0] === '-' && s[1] === '0');
    const width = padded(lhs) || padded(m[1]!) ? Math.max(lhs.length, m[1]!.length) : 0;
    return this.mkseq(lhsNumber!, end, incr, (n) => [...(width ? zeroPad(n, width) : String(n))]);
  }

  /** mkseq: start to end by |incr| (towards end), at least one term; undefined when bash would refuse. */
  private mkseq(start: bigint, end: bigint, incr: bigint, word: (n: bigint) => Unit[]): Unit[][] | undefined {
    if (incr === 0n) incr = 1n;
    if ((start > end && incr > 0n) || (start < end && incr < 0n)) incr = -incr;
    const span = end > start ? end - start : start - end;
    if (end - start < INTMAX_MIN + 3n || end - start > INTMAX - 2n) return undefined;
    const step = incr < 0n ? -incr : incr;
    if (span / step > INT_MAX - 3n) return undefined;
    const count = Number(span / step) + 1;
    this.check(count, 0);
    const out: Unit[][] = [];
    let chars = 0;
    for (let n = start, k = 0; k < count; k++, n += incr) {
      const w = word(n);
      chars += w.length;
      this.check(count, chars);
      out.push(w);
    }
    return out;
  }
}

function zeroPad(n: bigint, width: number): string {
  const digits = (n < 0n ? -n : n).toString();
  return n < 0n ? '-' + digits.padStart(width - 1, '0') : digits.padStart(width, '0');
}

/**
 * One term of a letter sequence. `{Z..a}` passes through `\`, which bash's later quote
 * removal turns into an empty word that is kept; a quoted empty literal does the same here.
 */
function charWord(code: number): Unit[] {
  const c = String.fromCharCode(code);
  return c === '\\' ? [{ type: 'lit', value: '', quoted: true }] : [c];
}

/** Joins runs of characters back into literal parts; a leading `~name` becomes a tilde part again. */
function toWord(units: Unit[]): Word {
  const parts: WordPart[] = [];
  let lit = '';
  let i = 0;
  if (units[0] === '~') {
    let name = '';
    let j = 1;
    for (; j < units.length && typeof units[j] === 'string' && units[j] !== '/'; j++) name += units[j];
    if ((j === units.length || units[j] === '/') && /^[A-Za-z0-9_.-]*$/.test(name)) {
      parts.push({ type: 'tilde', user: name });
      i = j;
    }
  }
  for (; i < units.length; i++) {
    const u = units[i]!;
    if (typeof u === 'string') lit += u;
    else {
      if (lit) parts.push({ type: 'lit', value: lit, quoted: false });
      lit = '';
      parts.push(u);
    }
  }
  if (lit) parts.push({ type: 'lit', value: lit, quoted: false });
  return { parts };
}
