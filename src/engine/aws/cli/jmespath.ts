/**
 * The JMESPath subset `aws --query` needs: fields, indexes and slices, projections (`[*]`,
 * `*`, `[]`), filters (`[?status=='RUNNING']`), multiselect lists and hashes, pipes,
 * literals and the common functions (length, sort_by, contains, starts_with, join, keys…).
 */
import { LIMITS } from '../../limits.ts';

type J = unknown;
type Node =
  | { t: 'field'; name: string }
  | { t: 'sub'; l: Node; r: Node }
  | { t: 'index'; l: Node; i: number }
  | { t: 'slice'; l: Node; start?: number; stop?: number; step?: number }
  | { t: 'project'; l: Node; r: Node }
  | { t: 'objproject'; l: Node; r: Node }
  | { t: 'flatten'; l: Node; r: Node }
  | { t: 'filter'; l: Node; cond: Node; r: Node }
  | { t: 'pipe'; l: Node; r: Node }
  | { t: 'or' | 'and'; l: Node; r: Node }
  | { t: 'not'; e: Node }
  | { t: 'cmp'; op: string; l: Node; r: Node }
  | { t: 'lit'; v: J }
  | { t: 'mlist'; items: Node[] }
  | { t: 'mhash'; items: [string, Node][] }
  | { t: 'fn'; name: string; args: Node[] }
  | { t: 'current' }
  | { t: 'expref'; e: Node };

export class JmesError extends Error {
  override readonly name = 'JmesError';
}

const ID = /[A-Za-z_][A-Za-z0-9_]*/y;

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  peek(n = 1): string {
    this.ws();
    return this.s.slice(this.i, this.i + n);
  }
  eat(tok: string): boolean {
    if (this.peek(tok.length) === tok) {
      this.i += tok.length;
      return true;
    }
    return false;
  }
  expect(tok: string): void {
    if (!this.eat(tok)) throw new JmesError(`Expecting: ${tok}, got: ${this.peek() || 'EOF'}`);
  }
  parse(): Node {
    const n = this.expr(0);
    this.ws();
    if (this.i < this.s.length) throw new JmesError(`Unexpected token: ${this.s.slice(this.i)}`);
    return n;
  }
  // Binding powers: pipe 1, or 2, and 3, cmp 5, not 7, projection rhs 10, dot 40, brackets 55.
  expr(rbp: number): Node {
    let left = this.nud();
    for (;;) {
      const p = this.peek(2);
      if (p[0] === '|' && p !== '||' && rbp < 1) {
        this.i++;
        left = { t: 'pipe', l: left, r: this.expr(1) };
      } else if (p === '||' && rbp < 2) {
        this.i += 2;
        left = { t: 'or', l: left, r: this.expr(2) };
      } else if (p === '&&' && rbp < 3) {
        this.i += 2;
        left = { t: 'and', l: left, r: this.expr(3) };
      } else if (/^(==|!=|<=|>=)/.test(p) && rbp < 5) {
        this.i += 2;
        left = { t: 'cmp', op: p, l: left, r: this.expr(5) };
      } else if ((p[0] === '<' || p[0] === '>') && rbp < 5) {
        this.i += 1;
        left = { t: 'cmp', op: p[0]!, l: left, r: this.expr(5) };
      } else if (p[0] === '.' && rbp < 40) {
        this.i++;
        left = this.dotRhs(left);
      } else if (p[0] === '[' && rbp < 55) {
        left = this.bracket(left);
      } else return left;
    }
  }
  dotRhs(left: Node): Node {
    if (this.eat('*')) return { t: 'objproject', l: left, r: this.projRhs() };
    if (this.peek() === '[') return { t: 'sub', l: left, r: this.nud() };
    if (this.peek() === '{') return { t: 'sub', l: left, r: this.nud() };
    return { t: 'sub', l: left, r: this.ident() };
  }
  /** The right side of a projection: everything binding tighter than a pipe or comparison. */
  projRhs(): Node {
    let r: Node = { t: 'current' };
    for (;;) {
      const p = this.peek();
      if (p === '.') {
        this.i++;
        r = this.dotRhs(r);
      } else if (p === '[' && this.s[this.i + 1] !== ']') r = this.bracket(r);
      // A flatten ends the projection: `a[].b[]` flattens the projected list, not each element.
      else return r;
    }
  }
  bracket(left: Node): Node {
    this.expect('[');
    if (this.eat(']')) return { t: 'flatten', l: left, r: this.projRhs() };
    if (this.eat('*')) {
      this.expect(']');
      return { t: 'project', l: left, r: this.projRhs() };
    }
    if (this.eat('?')) {
      const cond = this.expr(0);
      this.expect(']');
      return { t: 'filter', l: left, cond, r: this.projRhs() };
    }
    const nums: (number | undefined)[] = [];
    let colons = 0;
    let cur = '';
    while (this.peek() !== ']' && this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === ':') {
        nums.push(cur.trim() === '' ? undefined : Number(cur));
        cur = '';
        colons++;
      } else cur += c;
    }
    this.expect(']');
    nums.push(cur.trim() === '' ? undefined : Number(cur));
    if (nums.some((n) => n !== undefined && !Number.isInteger(n))) throw new JmesError('Expected an integer index');
    if (colons === 0) return { t: 'index', l: left, i: nums[0] ?? 0 };
    return { t: 'project', l: { t: 'slice', l: left, start: nums[0], stop: nums[1], step: nums[2] }, r: this.projRhs() };
  }
  ident(): Node {
    this.ws();
    if (this.s[this.i] === '"') {
      const end = this.s.indexOf('"', this.i + 1);
      if (end < 0) throw new JmesError('Unterminated quoted identifier');
      const name = JSON.parse(this.s.slice(this.i, end + 1)) as string;
      this.i = end + 1;
      return { t: 'field', name };
    }
    ID.lastIndex = this.i;
    const m = ID.exec(this.s);
    if (!m) throw new JmesError(`Expecting an identifier at: ${this.s.slice(this.i) || 'EOF'}`);
    this.i += m[0].length;
    return { t: 'field', name: m[0] };
  }
  nud(): Node {
    const c = this.peek();
    if (c === '@') return this.i++, { t: 'current' };
    if (c === '!') return this.i++, { t: 'not', e: this.expr(7) };
    if (c === '(') {
      this.i++;
      const e = this.expr(0);
      this.expect(')');
      return e;
    }
    if (c === '&') return this.i++, { t: 'expref', e: this.expr(0) };
    if (c === "'") {
      const end = this.s.indexOf("'", this.i + 1);
      if (end < 0) throw new JmesError('Unterminated raw string');
      const v = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return { t: 'lit', v };
    }
    if (c === '`') {
      const end = this.s.indexOf('`', this.i + 1);
      if (end < 0) throw new JmesError('Unterminated literal');
      const raw = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      try {
        return { t: 'lit', v: JSON.parse(raw) as J };
      } catch {
        return { t: 'lit', v: raw };
      }
    }
    if (c === '*') {
      this.i++;
      return { t: 'objproject', l: { t: 'current' }, r: this.projRhs() };
    }
    if (c === '[') {
      const save = this.i;
      this.i++;
      const p2 = this.peek();
      this.i = save;
      if (p2 === ']' || p2 === '*' || p2 === '?' || /[-0-9:]/.test(p2)) return this.bracket({ t: 'current' });
      this.expect('[');
      const items: Node[] = [];
      do items.push(this.expr(0));
      while (this.eat(','));
      this.expect(']');
      return { t: 'mlist', items };
    }
    if (c === '{') {
      this.i++;
      const items: [string, Node][] = [];
      do {
        const k = this.ident() as { name: string };
        this.expect(':');
        items.push([k.name, this.expr(0)]);
      } while (this.eat(','));
      this.expect('}');
      return { t: 'mhash', items };
    }
    const id = this.ident() as { t: 'field'; name: string };
    if (this.peek() === '(') {
      this.i++;
      const args: Node[] = [];
      if (!this.eat(')')) {
        do args.push(this.expr(0));
        while (this.eat(','));
        this.expect(')');
      }
      return { t: 'fn', name: id.name, args };
    }
    return id;
  }
}

function isObj(v: J): v is Record<string, J> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function truthy(v: J): boolean {
  if (v === null || v === undefined || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

function equal(a: J, b: J): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function ev(n: Node, d: J): J {
  switch (n.t) {
    case 'current':
      return d;
    case 'field':
      return isObj(d) && Object.prototype.hasOwnProperty.call(d, n.name) ? d[n.name] : null;
    case 'sub': {
      const l = ev(n.l, d);
      return l === null ? null : ev(n.r, l);
    }
    case 'index': {
      const l = ev(n.l, d);
      if (!Array.isArray(l)) return null;
      return l[n.i < 0 ? l.length + n.i : n.i] ?? null;
    }
    case 'slice': {
      const l = ev(n.l, d);
      if (!Array.isArray(l)) return null;
      const step = n.step ?? 1;
      const out: J[] = [];
      const len = l.length;
      const norm = (x: number | undefined, def: number) => (x === undefined ? def : x < 0 ? Math.max(0, len + x) : Math.min(x, len));
      if (step > 0) for (let i = norm(n.start, 0); i < norm(n.stop, len); i += step) out.push(l[i]);
      else for (let i = n.start === undefined ? len - 1 : norm(n.start, len - 1); i > (n.stop === undefined ? -1 : norm(n.stop, -1)); i += step) out.push(l[i]);
      return out;
    }
    case 'project':
    case 'flatten':
    case 'filter': {
      const base = ev(n.l, d);
      if (!Array.isArray(base)) return null;
      let l: J[] = base;
      if (n.t === 'flatten') l = l.flatMap((x) => (Array.isArray(x) ? x : [x]));
      if (n.t === 'filter') {
        const cond = n.cond;
        l = l.filter((x) => truthy(ev(cond, x)));
      }
      return l.map((x) => ev(n.r, x)).filter((x) => x !== null);
    }
    case 'objproject': {
      const l = ev(n.l, d);
      if (!isObj(l)) return null;
      return Object.values(l).map((x) => ev(n.r, x)).filter((x) => x !== null);
    }
    case 'pipe':
      return ev(n.r, ev(n.l, d));
    case 'or': {
      const l = ev(n.l, d);
      return truthy(l) ? l : ev(n.r, d);
    }
    case 'and': {
      const l = ev(n.l, d);
      return truthy(l) ? ev(n.r, d) : l;
    }
    case 'not':
      return !truthy(ev(n.e, d));
    case 'cmp': {
      const a = ev(n.l, d);
      const b = ev(n.r, d);
      if (n.op === '==') return equal(a, b);
      if (n.op === '!=') return !equal(a, b);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      return n.op === '<' ? a < b : n.op === '<=' ? a <= b : n.op === '>' ? a > b : a >= b;
    }
    case 'lit':
      return n.v;
    case 'mlist':
      return d === null ? null : n.items.map((x) => ev(x, d));
    case 'mhash':
      return d === null ? null : Object.fromEntries(n.items.map(([k, x]) => [k, ev(x, d)]));
    case 'expref':
      return null;
    case 'fn':
      return call(n.name, n.args, d);
  }
}

function call(name: string, args: Node[], d: J): J {
  const a = (i: number) => ev(args[i]!, d);
  const byKey = (i: number) => {
    const e = args[i];
    if (!e || e.t !== 'expref') throw new JmesError(`invalid type for value: expected expref`);
    return (x: J) => ev(e.e, x);
  };
  switch (name) {
    case 'length': {
      const v = a(0);
      return Array.isArray(v) ? v.length : isObj(v) ? Object.keys(v).length : typeof v === 'string' ? [...v].length : null;
    }
    case 'contains': {
      const v = a(0);
      const x = a(1);
      return Array.isArray(v) ? v.some((y) => equal(y, x)) : typeof v === 'string' && typeof x === 'string' ? v.includes(x) : false;
    }
    case 'starts_with':
      return String(a(0)).startsWith(String(a(1)));
    case 'ends_with':
      return String(a(0)).endsWith(String(a(1)));
    case 'join': {
      const v = a(1);
      return Array.isArray(v) ? v.map(String).join(String(a(0))) : null;
    }
    case 'keys': {
      const v = a(0);
      return isObj(v) ? Object.keys(v) : null;
    }
    case 'values': {
      const v = a(0);
      return isObj(v) ? Object.values(v) : null;
    }
    case 'sort': {
      const v = a(0);
      return Array.isArray(v) ? [...v].sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0)) : null;
    }
    case 'reverse': {
      const v = a(0);
      return Array.isArray(v) ? [...v].reverse() : typeof v === 'string' ? [...v].reverse().join('') : null;
    }
    case 'sort_by':
    case 'max_by':
    case 'min_by': {
      const v = a(0);
      if (!Array.isArray(v)) return null;
      const k = byKey(1);
      const sorted = [...v].sort((x, y) => {
        const kx = k(x) as string | number;
        const ky = k(y) as string | number;
        return kx < ky ? -1 : kx > ky ? 1 : 0;
      });
      return name === 'sort_by' ? sorted : name === 'max_by' ? (sorted[sorted.length - 1] ?? null) : (sorted[0] ?? null);
    }
    case 'to_string': {
      const v = a(0);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    case 'to_number':
      return Number(a(0));
    case 'max':
    case 'min': {
      const v = a(0);
      if (!Array.isArray(v) || v.length === 0) return null;
      return (v as number[]).reduce((m, x) => (name === 'max' ? (x > m ? x : m) : x < m ? x : m));
    }
    case 'sum': {
      const v = a(0);
      return Array.isArray(v) ? (v as number[]).reduce((s, x) => s + x, 0) : null;
    }
    case 'type': {
      const v = a(0);
      return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
    }
    case 'not_null':
      return args.map((_, i) => a(i)).find((x) => x !== null) ?? null;
    default:
      throw new JmesError(`Unknown function: ${name}()`);
  }
}

/** Evaluates `expr` on `data`; throws JmesError with a message for a bad expression. */
export function search(expr: string, data: J): J {
  if (expr.length > LIMITS.jmespathChars) throw new JmesError(`expression longer than ${LIMITS.jmespathChars} characters`);
  return ev(new Parser(expr).parse(), data);
}
