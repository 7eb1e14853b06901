/**
 * A subset of Go's text/template, enough for what learners pass to `docker inspect -f`
 * and `--format`: `{{.State.Pid}}`, `{{json .Config.Env}}`, `{{index .X "k"}}`,
 * `{{range .Mounts}}…{{end}}`, `{{if}}`, `{{upper}}`, `{{join .X ","}}` and literal text.
 */

type Value = unknown;

interface Scope {
  dot: Value;
}

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

function evalTerm(term: string, scope: Scope): Value {
  const t = term.trim();
  if (t === '.') return scope.dot;
  if (/^"(.*)"$/.test(t)) return JSON.parse(t);
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t.startsWith('.')) {
    let v = scope.dot;
    for (const part of t.slice(1).split('.')) {
      if (v === undefined) throw new TemplateError(`can't evaluate field ${part}`);
      const next = field(v, part);
      if (next === undefined && !(v && typeof v === 'object' && part in (v as object))) throw new TemplateError(`can't evaluate field ${part} in type ${typeName(v)}`);
      v = next;
    }
    return v;
  }
  throw new TemplateError(`function "${t}" not defined`);
}

function typeName(v: Value): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (v && typeof v === 'object') return 'map[string]interface {}';
  return typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : 'string';
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

function splitArgs(expr: string): string[] {
  return expr.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

function evalPipeline(expr: string, scope: Scope): Value {
  const stages = expr.split('|').map((s) => s.trim());
  let value: Value;
  let hasValue = false;
  for (const stage of stages) {
    const [fn, ...rest] = splitArgs(stage);
    const args = rest.map((a) => evalTerm(a, scope));
    if (hasValue) args.push(value);
    switch (fn) {
      case 'json':
        value = JSON.stringify(args[0] ?? null);
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
      case 'len':
        value = Array.isArray(args[0]) ? args[0].length : args[0] && typeof args[0] === 'object' ? Object.keys(args[0]).length : goString(args[0]).length;
        break;
      case 'join':
        value = Array.isArray(args[0]) ? args[0].map(goString).join(String(args[1] ?? '')) : goString(args[0]);
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
      case 'not':
        value = !truthy(args[0]);
        break;
      default:
        value = evalTerm(fn ?? '.', scope);
        if (rest.length) throw new TemplateError(`can't give argument to non-function ${fn}`);
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

type Node = { text: string } | { action: string } | { range: string; body: Node[]; else?: Node[] } | { if: string; body: Node[]; else?: Node[] } | { with: string; body: Node[]; else?: Node[] };

function parse(src: string): Node[] {
  const tokens: ({ text: string } | { action: string })[] = [];
  const re = /\{\{-?\s*(.*?)\s*-?\}\}/gs;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > last) tokens.push({ text: src.slice(last, m.index) });
    tokens.push({ action: m[1]! });
    last = re.lastIndex;
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
        const body = block();
        let elseNodes: Node[] | undefined;
        if (body.end === 'else') {
          const e = block();
          elseNodes = e.nodes;
          if (e.end !== 'end') throw new TemplateError('unexpected EOF');
        } else if (body.end !== 'end') throw new TemplateError('unexpected EOF');
        const k = kw[1] as 'range' | 'if' | 'with';
        nodes.push({ [k]: kw[2]!, body: body.nodes, else: elseNodes } as Node);
        continue;
      }
      nodes.push({ action: a });
    }
    return { nodes, end: 'eof' };
  };
  const r = block();
  if (r.end !== 'eof') throw new TemplateError(`unexpected {{${r.end}}}`);
  return r.nodes;
}

function run(nodes: Node[], scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('action' in n) {
      const v = evalPipeline(n.action, scope);
      out += typeof v === 'string' ? v : goString(v);
    } else if ('range' in n) {
      const v = evalPipeline(n.range, scope);
      const items = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => (v as Record<string, Value>)[k]) : [];
      if (items.length === 0 && n.else) out += run(n.else, scope);
      for (const item of items) out += run(n.body, { dot: item });
    } else if ('if' in n) {
      out += truthy(evalPipeline(n.if, scope)) ? run(n.body, scope) : n.else ? run(n.else, scope) : '';
    } else {
      const v = evalPipeline(n.with, scope);
      out += truthy(v) ? run(n.body, { dot: v }) : n.else ? run(n.else, scope) : '';
    }
  }
  return out;
}

/** Renders a template against `dot`; errors carry Go's wording after `template: `. */
export function renderTemplate(src: string, dot: Value): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: run(parse(src), { dot }) };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: `template: :1:${src.indexOf('{{') + 3}: executing "" at <${src.slice(src.indexOf('{{') + 2, src.indexOf('}}')).trim()}>: ${e.message}` };
    throw e;
  }
}
