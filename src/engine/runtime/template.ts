/**
 * A subset of Go's text/template, enough for what learners pass to `docker inspect -f`
 * and `--format`: `{{.State.Pid}}`, `{{json .Config.Env}}`, `{{index .X "k"}}`,
 * `{{range .Mounts}}…{{end}}`, `{{if}}`, `{{upper}}`, `{{join .X ","}}` and literal text.
 */

type Value = unknown;

/** Go's default formatting: maps as `map[k:v]`, slices as `[a b]`, nil as `<no value>`. */
export function goString(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (typeof v === 'object') {
    return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goString((v as Record<string, Value>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

function field(v: Value, name: string): Value {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name)) return (v as Record<string, Value>)[name];
  return undefined;
}

/** Go's json.Marshal: HTML-significant characters escaped. */
export function goJson(v: Value): string {
  return JSON.stringify(v ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A failure while executing: Go reports where (`:line:col`) and at which node. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    message: string,
    readonly pos = -1,
    readonly node = '',
  ) {
    super(message);
  }
}

/** A failure while parsing: Go reports only the line. */
class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

interface Scope {
  dot: Value;
  /** The Go type of the top-level dot when it is a struct (docker's formatter contexts); a map otherwise. */
  dotType?: string;
  top: boolean;
}

function evalTerm(term: string, pos: number, scope: Scope): Value {
  if (term === '.') return scope.dot;
  if (/^"(.*)"$/.test(term)) return JSON.parse(term);
  if (/^-?\d+$/.test(term)) return Number(term);
  if (term.startsWith('.')) {
    let v = scope.dot;
    let at = pos;
    for (const part of term.slice(1).split('.')) {
      const struct = v === scope.dot && scope.top && scope.dotType;
      const next = field(v, part);
      if (next === undefined) {
        if (struct) throw new TemplateError(`can't evaluate field ${part} in type ${scope.dotType}`, at, term);
        if (v && typeof v === 'object' && !Array.isArray(v)) throw new TemplateError(`map has no entry for key "${part}"`, at, term);
        throw new TemplateError(`can't evaluate field ${part} in type ${typeName(v)}`, at, term);
      }
      v = next;
      at += part.length + 1;
    }
    return v;
  }
  throw new TemplateError(`function "${term}" not defined`, pos, term);
}

function typeName(v: Value): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (v === null || v === undefined) return 'interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  return typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : 'string';
}

/** Go's builtins and the functions docker adds (cli/templates). */
const FUNCTIONS = new Set(['and', 'call', 'eq', 'ge', 'gt', 'html', 'index', 'js', 'le', 'len', 'lt', 'ne', 'not', 'or', 'print', 'printf', 'println', 'slice', 'urlquery', 'json', 'join', 'lower', 'pad', 'split', 'table', 'title', 'truncate', 'upper']);

/** The words of an action with their offsets in the template. */
function splitArgs(expr: string, pos: number): { text: string; pos: number }[] {
  return [...expr.matchAll(/"(?:[^"\\]|\\.)*"|[^\s|]+/g)].map((m) => ({ text: m[0], pos: pos + m.index! }));
}

function stagesOf(expr: string, pos: number): { text: string; pos: number }[][] {
  const out: { text: string; pos: number }[][] = [];
  let offset = 0;
  for (const part of expr.split('|')) {
    out.push(splitArgs(part, pos + offset));
    offset += part.length + 1;
  }
  return out;
}

function evalPipeline(expr: string, pos: number, scope: Scope): Value {
  let value: Value;
  let hasValue = false;
  for (const [fn, ...rest] of stagesOf(expr, pos)) {
    const name = fn?.text ?? '.';
    const args = rest.map((a) => evalTerm(a.text, a.pos, scope));
    if (hasValue) args.push(value);
    switch (name) {
      case 'json':
        value = goJson(args[0]);
        break;
      case 'index': {
        let v = args[0];
        for (const k of args.slice(1)) v = Array.isArray(v) ? v[Number(k)] : field(v, String(k));
        value = v;
        break;
      }
      case 'upper':
        value = goString(args[0]).toUpperCase();
        break;
      case 'lower':
        value = goString(args[0]).toLowerCase();
        break;
      case 'title':
        value = goString(args[0]).replace(/\b\w/g, (c) => c.toUpperCase());
        break;
      case 'len':
        value = Array.isArray(args[0]) ? args[0].length : args[0] && typeof args[0] === 'object' ? Object.keys(args[0]).length : goString(args[0]).length;
        break;
      case 'join':
        value = Array.isArray(args[0]) ? args[0].map(goString).join(String(args[1] ?? '')) : goString(args[0]);
        break;
      case 'split':
        value = goString(args[0]).split(String(args[1] ?? ''));
        break;
      case 'println':
        value = args.map(goString).join(' ') + '\n';
        break;
      case 'print':
        value = args.map(goString).join('');
        break;
      case 'printf':
        value = goString(args[0]).replace(/%[sdv]/g, () => goString(args.splice(1, 1)[0]));
        break;
      case 'eq':
        value = args[0] === args[1];
        break;
      case 'ne':
        value = args[0] !== args[1];
        break;
      case 'not':
        value = !truthy(args[0]);
        break;
      case 'and':
        value = args.find((a) => !truthy(a)) ?? args[args.length - 1];
        break;
      case 'or':
        value = args.find(truthy) ?? args[args.length - 1];
        break;
      default:
        if (FUNCTIONS.has(name)) throw new TemplateError(`function "${name}" is not available in this lab environment`, fn!.pos, name);
        value = evalTerm(name, fn?.pos ?? pos, scope);
        if (rest.length) throw new TemplateError(`can't give argument to non-function ${name}`, fn!.pos, name);
    }
    hasValue = true;
  }
  return value;
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

type Action = { action: string; pos: number };
type Node = { text: string } | Action | { kw: 'range' | 'if' | 'with'; expr: string; pos: number; body: Node[]; else?: Node[] };

/** Parse-time checks Go makes: every function an action calls must exist. */
function checkFunctions(expr: string, pos: number): void {
  for (const [fn] of stagesOf(expr, pos)) {
    if (fn && !/^[.$"\d-]/.test(fn.text) && !FUNCTIONS.has(fn.text)) throw new TemplateParseError(`function "${fn.text}" not defined`);
  }
}

function parse(src: string): Node[] {
  const tokens: ({ text: string } | Action)[] = [];
  let last = 0;
  for (;;) {
    const open = src.indexOf('{{', last);
    if (open < 0) break;
    const close = src.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateParseError('unclosed action');
    if (open > last) tokens.push({ text: src.slice(last, open) });
    const raw = src.slice(open + 2, close);
    const lead = raw.length - raw.replace(/^-?\s*/, '').length;
    tokens.push({ action: raw.replace(/^-?\s*/, '').replace(/\s*-?$/, ''), pos: open + 2 + lead });
    last = close + 2;
  }
  if (last < src.length) tokens.push({ text: src.slice(last) });
  let i = 0;
  const block = (): { nodes: Node[]; end: 'end' | 'else' | 'eof' } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if ('text' in t) {
        nodes.push(t);
        continue;
      }
      const a = t.action;
      if (a === 'end') return { nodes, end: 'end' };
      if (a === 'else') return { nodes, end: 'else' };
      const kw = /^(range|if|with)\s+(.*)$/.exec(a);
      if (kw) {
        const expr = kw[2]!;
        const pos = t.pos + a.length - expr.length;
        checkFunctions(expr, pos);
        const body = block();
        let elseNodes: Node[] | undefined;
        if (body.end === 'else') {
          const e = block();
          elseNodes = e.nodes;
          if (e.end !== 'end') throw new TemplateParseError('unexpected EOF');
        } else if (body.end !== 'end') throw new TemplateParseError('unexpected EOF');
        nodes.push({ kw: kw[1] as 'range' | 'if' | 'with', expr, pos, body: body.nodes, else: elseNodes });
        continue;
      }
      checkFunctions(a, t.pos);
      nodes.push(t);
    }
    return { nodes, end: 'eof' };
  };
  const r = block();
  if (r.end !== 'eof') throw new TemplateParseError(`unexpected {{${r.end}}}`);
  return r.nodes;
}

function run(nodes: Node[], scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('action' in n) {
      const v = evalPipeline(n.action, n.pos, scope);
      out += typeof v === 'string' ? v : goString(v);
    } else if (n.kw === 'range') {
      const v = evalPipeline(n.expr, n.pos, scope);
      const items = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => (v as Record<string, Value>)[k]) : [];
      if (items.length === 0 && n.else) out += run(n.else, scope);
      for (const item of items) out += run(n.body, { dot: item, top: false });
    } else if (n.kw === 'if') {
      out += truthy(evalPipeline(n.expr, n.pos, scope)) ? run(n.body, scope) : n.else ? run(n.else, scope) : '';
    } else {
      const v = evalPipeline(n.expr, n.pos, scope);
      out += truthy(v) ? run(n.body, { dot: v, top: false }) : n.else ? run(n.else, scope) : '';
    }
  }
  return out;
}

export type TemplateResult = { ok: true; text: string } | { ok: false; phase: 'parse' | 'execute'; error: string };

/**
 * Renders a template against `dot`; errors carry Go's wording after `template: `, with the
 * line and column of the failing node for execution errors. `dotType` names the Go struct
 * type `dot` stands for (docker's formatter contexts); without it, `dot` is a map, as docker
 * inspect's raw JSON is.
 */
export function renderTemplate(src: string, dot: Value, dotType?: string): TemplateResult {
  let nodes: Node[];
  try {
    nodes = parse(src);
  } catch (e) {
    if (e instanceof TemplateParseError || e instanceof TemplateError) return { ok: false, phase: 'parse', error: `template: :${src.split('\n').length}: ${e.message}` };
    throw e;
  }
  try {
    return { ok: true, text: run(nodes, { dot, dotType, top: true }) };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const before = src.slice(0, Math.max(0, e.pos));
    const line = before.split('\n').length;
    const col = e.pos - (before.lastIndexOf('\n') + 1);
    return { ok: false, phase: 'execute', error: `template: :${line}:${col}: executing "" at <${e.node}>: ${e.message}` };
  }
}
