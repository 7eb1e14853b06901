/**
 * `$(( ))` arithmetic: integers, + - * / % **, comparisons, && || !, parentheses and
 * variables, which is what loop counters in lessons need.
 */
import { ExpansionError } from './signals.ts';

export class ArithError extends ExpansionError {
  override readonly name = 'ArithError';
}

export function evalArith(expr: string, lookup: (name: string) => string | undefined, assign?: (name: string, v: number) => void): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||\+\+|--|\+=|-=|[-+*/%()<>!=]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const value = (name: string): number => {
    const v = lookup(name);
    if (v === undefined || v === '') return 0;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new ArithError(`${v}: syntax error: operand expected (error token is "${v}")`);
    return n;
  };
  const primary = (): number => {
    const t = next();
    if (t === undefined) throw new ArithError(`${expr}: syntax error: operand expected`);
    if (t === '(') {
      const v = or();
      if (next() !== ')') throw new ArithError(`${expr}: syntax error: missing \`)'`);
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if ((op === '++' || op === '--' || op === '+=' || op === '-=' || op === '=') && assign) {
        i++;
        const old = value(t);
        const nv = op === '++' ? old + 1 : op === '--' ? old - 1 : op === '=' ? or() : op === '+=' ? old + or() : old - or();
        assign(t, nv);
        return op === '++' || op === '--' ? old : nv;
      }
      return value(t);
    }
    throw new ArithError(`${expr}: syntax error: operand expected (error token is "${t}")`);
  };
  const power = (): number => {
    const b = primary();
    if (peek() === '**') {
      next();
      return b ** power();
    }
    return b;
  };
  const mul = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = next();
      const r = power();
      if ((op === '/' || op === '%') && r === 0) throw new ArithError(`${expr}: division by 0 (error token is "0")`);
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (peek() === '+' || peek() === '-') v = next() === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    for (;;) {
      const op = peek();
      if (op === '<' || op === '>' || op === '<=' || op === '>=') {
        next();
        const r = add();
        v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : v >= r);
      } else if (op === '==' || op === '!=') {
        next();
        const r = add();
        v = Number(op === '==' ? v === r : v !== r);
      } else return v;
    }
  };
  const and = (): number => {
    let v = cmp();
    while (peek() === '&&') {
      next();
      const r = cmp();
      v = Number(v !== 0 && r !== 0);
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = Number(v !== 0 || r !== 0);
    }
    return v;
  };
  if (tokens.length === 0) return 0;
  const result = or();
  if (i < tokens.length) throw new ArithError(`${expr}: syntax error in expression (error token is "${tokens.slice(i).join(' ')}")`);
  return result;
}
