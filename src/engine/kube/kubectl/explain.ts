/**
 * kubectl explain: renders the OpenAPI documentation of a kind or a field the way kubectl's
 * plaintext template does (header, FIELD, ENUM, DESCRIPTION, FIELDS, --recursive), word-wrapped
 * as go-wordwrap wraps it. The documentation itself (explain.generated.ts, about 300 KB) loads
 * on first use, so lab pages do not ship it up front.
 */
import { findResource } from '../resources.ts';
import { err, flagBool, out, type K } from './context.ts';

/** A field: its type (`string`, `integer`, `boolean`, `Object`, `#id`, `[]T`, `map[string]T`), description and enum. */
export interface ExplainField {
  t: string;
  d?: string;
  e?: string[];
}

/** A named type: description, primitive type (an alias such as Time), fields and the required ones. */
export interface ExplainType {
  d?: string;
  t?: string;
  f?: Record<string, ExplainField>;
  r?: string[];
}

export interface ExplainData {
  /** `group/version/Kind` → type id. */
  kinds: Record<string, string>;
  types: Record<string, ExplainType>;
}

export const EXPLAIN_FLAGS = { bools: ['recursive'], values: ['api-version', 'output'], short: { o: 'output' } };

export async function explain(k: K): Promise<number> {
  const path = k.f.positional[0];
  if (!path) {
    err(k, 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    return 1;
  }
  const output = k.f.flags.get('output') ?? 'plaintext';
  if (output !== 'plaintext') {
    err(k, output === 'plaintext-openapiv2' ? 'kubectl: explain --output=plaintext-openapiv2 is not available in this lab environment\n' : `error: unsupported output format: ${output}\n`);
    return 1;
  }
  // The longest prefix that names a resource (`deployments.apps.spec`), the rest is the field path.
  const parts = path.split('.');
  let split = parts.length;
  while (split > 1 && !findResource(parts.slice(0, split).join('.'))) split--;
  const t = findResource(parts.slice(0, split).join('.'));
  const fields = parts.slice(split);
  if (!t) {
    err(k, `error: the server doesn't have a resource type "${parts[0]}"\n`);
    return 1;
  }
  const data = (await import('./explain.generated.ts')).EXPLAIN;
  const id = data.kinds[`${t.group}/${t.version}/${t.kind}`]!;
  const body = new Renderer(data, flagBool(k.f, 'recursive')).output({ t: `#${id}` }, fields);
  if (body === '') {
    err(k, `error: field "${fields[fields.length - 1]}" does not exist\n`);
    return 1;
  }
  out(k, `${t.group ? `GROUP:      ${t.group}\n` : ''}KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n${body}\n`);
  return 0;
}

/** Each template of kubectl's plaintext.tmpl as a method; `history` holds the types on the current path (cycles stop there). */
class Renderer {
  constructor(
    private readonly data: ExplainData,
    private readonly recursive: boolean,
  ) {}

  private type(ref: string): ExplainType | undefined {
    return ref.startsWith('#') ? this.data.types[ref.slice(1)] : undefined;
  }

  /** Follows the field path; at its end, the description and the fields. Empty when a field does not exist. */
  output(schema: ExplainField, path: string[]): string {
    if (!path.length) {
      const fields = this.fieldList(schema.t, 1, new Set());
      return `DESCRIPTION:\n${indent(wrap(this.description(schema) || '<empty>', 76), 4)}\n${fields ? `FIELDS:\n${fields}` : ''}`;
    }
    const t = schema.t;
    const field = this.type(t)?.f?.[path[0]!];
    if (field) {
      const head = path.length === 1 ? `FIELD: ${path[0]} <${this.typeGuess(field.t)}>\n${field.e ? `ENUM:${field.e.map((v) => `\n    ${enumValue(v)}`).join('')}` : ''}\n\n` : '';
      const rest = this.output(field, path.slice(1));
      return rest === '' ? '' : head + rest;
    }
    // Through an array's items or a map's values to the object inside.
    const inner = elementOf(t);
    return inner === undefined ? '' : this.output({ t: inner }, path);
  }

  /** The field's own description, then those of the types it refers to (each followed by a newline). */
  private description(schema: ExplainField): string {
    let text = schema.d ? `${schema.d}\n` : '';
    for (let t: string | undefined = schema.t; t !== undefined; t = elementOf(t)) {
      const d = this.type(t)?.d;
      if (d) text += `${d}\n`;
    }
    return text;
  }

  private fieldList(t: string, level: number, history: Set<string>): string {
    const inner = elementOf(t);
    if (inner !== undefined) return this.fieldList(inner, level, history);
    const type = this.type(t);
    if (!type?.f || history.has(t)) return '';
    const seen = new Set(history).add(t);
    let text = '';
    for (const name of Object.keys(type.f).sort()) {
      const field = type.f[name]!;
      text += this.fieldDetail(name, field, type.r?.includes(name) ?? false, level);
      if (this.recursive) text += this.fieldList(field.t, level + 1, seen);
    }
    return text;
  }

  private fieldDetail(name: string, field: ExplainField, required: boolean, level: number): string {
    const pad = level * 2;
    const values = field.e ? [...field.e.slice(0, 4).map(enumValue), ...(field.e.length > 4 ? ['....'] : [])] : [];
    let text = `${' '.repeat(pad)}${name}\t<${this.typeGuess(field.t)}>${required ? ' -required-' : ''}${field.e ? `\n${' '.repeat(pad)}enum: ${values.join(', ')}` : ''}\n`;
    if (!this.recursive) text += `${indent(wrap(field.d ?? '<no description>', 78 - pad), pad + 2)}\n\n`;
    return text;
  }

  /** `string`, `[]Container`, `map[string]string`, `ObjectMeta`: a named type shows its name unless it is a primitive alias. */
  private typeGuess(t: string): string {
    if (t.startsWith('[]')) return `[]${this.typeGuess(t.slice(2))}`;
    if (t.startsWith('map[string]')) return `map[string]${this.typeGuess(t.slice(11))}`;
    if (t.startsWith('#')) return this.type(t)?.t ?? t.slice(t.lastIndexOf('/') + 1);
    return t;
  }
}

function elementOf(t: string): string | undefined {
  if (t.startsWith('[]')) return t.slice(2);
  if (t.startsWith('map[string]')) return t.slice(11);
  return undefined;
}

function enumValue(v: string): string {
  return v === '' ? '""' : v;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

/** github.com/mitchellh/go-wordwrap's WrapString: breaks at spaces past `lim`, keeps newlines, never splits a word. */
export function wrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (!word) {
        if (current + space.length <= lim) buf += space;
      } else buf += space + word;
      buf += ch;
      current = 0;
      word = '';
      space = '';
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (!space || word) {
        current += [...space].length + [...word].length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wl = [...word].length;
      if (current + [...space].length + wl > lim && wl < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word) {
    if (current + [...space].length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}
