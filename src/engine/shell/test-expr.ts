/** `test` / `[` expressions: file tests, string and integer comparisons, !, -a, -o and parentheses. */
import type { Process } from '../kernel/process.ts';
import { hasPermission, type Resolved } from '../kernel/vfs.ts';

type Stat = (path: string) => Resolved | undefined;

/** Returns true/false, or an error message such as `x: integer expression expected`. */
export function evalTest(args: string[], lstat: Stat, proc: Process, stat: Stat): boolean | string {
  let i = 0;
  const unary = (op: string, v: string): boolean | string => {
    const f = op === '-L' || op === '-h' ? lstat(v) : stat(v);
    switch (op) {
      case '-e':
      case '-a':
        return !!f;
      case '-f':
        return f?.node.type === 'file';
      case '-d':
        return f?.node.type === 'dir';
      case '-L':
      case '-h':
        return f?.node.type === 'symlink';
      case '-s':
        return !!f && (f.node.data?.length ?? 0) > 0;
      case '-r':
        return !!f && hasPermission(f.node, proc, 4);
      case '-w':
        return !!f && hasPermission(f.node, proc, 2);
      case '-x':
        return !!f && hasPermission(f.node, proc, 1);
      case '-c':
        return f?.node.type === 'chardev';
      case '-z':
        return v.length === 0;
      case '-n':
        return v.length > 0;
    }
    return `${op}: unary operator expected`;
  };
  const int = (v: string): number | string => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : `${v}: integer expression expected`);
  const binary = (a: string, op: string, b: string): boolean | string => {
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
    }
    const x = int(a);
    if (typeof x === 'string') return x;
    const y = int(b);
    if (typeof y === 'string') return y;
    switch (op) {
      case '-eq':
        return x === y;
      case '-ne':
        return x !== y;
      case '-lt':
        return x < y;
      case '-le':
        return x <= y;
      case '-gt':
        return x > y;
      case '-ge':
        return x >= y;
    }
    return `${op}: binary operator expected`;
  };
  const BINOPS = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
  const primary = (): boolean | string => {
    const t = args[i];
    if (t === undefined) return false;
    if (t === '!') {
      i++;
      const r = primary();
      return typeof r === 'string' ? r : !r;
    }
    if (t === '(') {
      i++;
      const r = orExpr();
      if (args[i] !== ')') return "`)' expected";
      i++;
      return r;
    }
    if (args[i + 1] !== undefined && BINOPS.has(args[i + 1]!)) {
      const r = binary(t, args[i + 1]!, args[i + 2] ?? '');
      i += 3;
      return r;
    }
    if (/^-[a-zA-Z]$/.test(t) && args[i + 1] !== undefined) {
      i += 2;
      return unary(t, args[i - 1]!);
    }
    i++;
    return t.length > 0;
  };
  const andExpr = (): boolean | string => {
    let r = primary();
    while (args[i] === '-a') {
      i++;
      const s = primary();
      if (typeof r === 'string') return r;
      if (typeof s === 'string') return s;
      r = r && s;
    }
    return r;
  };
  const orExpr = (): boolean | string => {
    let r = andExpr();
    while (args[i] === '-o') {
      i++;
      const s = andExpr();
      if (typeof r === 'string') return r;
      if (typeof s === 'string') return s;
      r = r || s;
    }
    return r;
  };
  if (args.length === 0) return false;
  const r = orExpr();
  if (typeof r !== 'string' && i < args.length) return args.length > 3 ? 'too many arguments' : `${args[i]}: binary operator expected`;
  return r;
}
