// A small JSON parser that keeps line and column for every value and explains syntax
// errors in plain words (trailing comma, missing comma, single quotes, comments).

import { LIMITS } from '../../../engine/limits.ts';
import { Reporter } from '../reporter.ts';
import type { ParseResult, ParsedDocument, PathSegment, SourcePos, ValidateOptions } from '../types.ts';
import { FORBIDDEN_KEYS, setOwn } from '../yaml/guard.ts';
import { checkSize } from '../yaml/parse-yaml.ts';

type JsonNode =
  | { kind: 'object'; start: number; entries: { key: string; keyStart: number; value: JsonNode }[] }
  | { kind: 'array'; start: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; value: string | number | boolean | null; raw: string };

class Fail {
  constructor(readonly offset: number, readonly message: string, readonly hint: string) {}
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  pos(offset: number): SourcePos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

function show(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n' || ch === '\r') return 'a line break';
  return JSON.stringify(ch);
}

class Parser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly lines: LineIndex,
    private readonly onDuplicate: (key: string, at: number, first: number) => void,
    private readonly onForbidden: (key: string, at: number) => void,
  ) {}

  fail(offset: number, message: string, hint: string): never {
    throw new Fail(offset, message, hint);
  }

  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (s[this.i + 1] === '/' || s[this.i + 1] === '*')) {
        this.fail(this.i, 'JSON does not allow comments', 'Remove the comment. To document a task definition, use tags or a README beside it.');
      } else if (c === '\uFEFF' && this.i === 0) this.i++;
      else return;
    }
  }

  parseDocument(): JsonNode {
    this.skip();
    if (this.i >= this.s.length) this.fail(0, 'the file is empty', 'A JSON file must hold one value, usually an object in { }.');
    const node = this.value(0);
    this.skip();
    if (this.i < this.s.length) {
      this.fail(this.i, `unexpected ${show(this.s[this.i])} after the end of the JSON value`, 'A JSON file holds one value. Remove the extra text, or check for a } closed too early.');
    }
    return node;
  }

  value(depth: number): JsonNode {
    if (depth > LIMITS.yamlDepth) {
      this.fail(this.i, `the JSON nests deeper than ${LIMITS.yamlDepth} levels`, 'Flatten the structure; no task definition needs this much nesting.');
    }
    this.skip();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') {
      const start = this.i;
      const v = this.string();
      return { kind: 'scalar', start, value: v, raw: this.s.slice(start, this.i) };
    }
    if (c === "'") this.fail(this.i, 'strings must use double quotes, not single quotes', 'Replace the \' quotes with ".');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i, this.i + 64))?.[0];
    if (word !== undefined) {
      const start = this.i;
      if (word === 'true' || word === 'false' || word === 'null') {
        this.i += word.length;
        return { kind: 'scalar', start, value: word === 'null' ? null : word === 'true', raw: word };
      }
      const lower = word.toLowerCase();
      const hint = lower === 'true' || lower === 'false' || lower === 'null'
        ? `JSON literals are lowercase: write ${lower}.`
        : lower === 'none' || lower === 'undefined' || lower === 'nil'
          ? 'JSON has no such value; write null, or leave the key out.'
          : `Put text in double quotes: "${word}".`;
      this.fail(start, `unexpected word ${word}`, hint);
    }
    if (c === ',' ) this.fail(this.i, 'a value is missing before this ","', 'Remove the extra comma, or put the missing value before it.');
    if (c === '}' || c === ']') this.fail(this.i, `a value is missing before this ${show(c)}`, 'Remove the trailing comma or colon before it, or add the missing value.');
    this.fail(this.i, `unexpected ${show(c)} where a value should start`, 'A value is a "string", a number, true, false, null, an object { } or a list [ ].');
  }

  object(depth: number): JsonNode {
    const start = this.i;
    this.i++;
    const entries: { key: string; keyStart: number; value: JsonNode }[] = [];
    const seen = new Map<string, number>();
    this.skip();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', start, entries };
    }
    for (;;) {
      this.skip();
      const c = this.s[this.i];
      const keyStart = this.i;
      if (c === undefined) this.unclosed(start, '{', '}');
      if (c === "'") this.fail(this.i, 'property names must use double quotes, not single quotes', 'Replace the \' quotes with ".');
      if (c !== '"') {
        const word = /^[A-Za-z_$][\w$-]*/.exec(this.s.slice(this.i, this.i + 64))?.[0];
        if (word) this.fail(this.i, `property name ${word} is not in double quotes`, `Write "${word}": …`);
        this.fail(this.i, `expected a property name in double quotes, found ${show(c)}`, 'Each entry of an object is "name": value.');
      }
      const key = this.string();
      this.skip();
      if (this.s[this.i] !== ':') {
        this.fail(this.i, `missing ":" after property name "${key}"`, `Write "${key}": value.`);
      }
      this.i++;
      const value = this.value(depth + 1);
      if (FORBIDDEN_KEYS.has(key)) this.onForbidden(key, keyStart);
      else {
        const first = seen.get(key);
        if (first !== undefined) this.onDuplicate(key, keyStart, first);
        seen.set(key, keyStart);
        entries.push({ key, keyStart, value });
      }
      const afterValue = this.i;
      this.skip();
      const n = this.s[this.i];
      if (n === ',') {
        const comma = this.i;
        this.i++;
        this.skip();
        if (this.s[this.i] === '}') this.fail(comma, 'trailing comma before "}"', 'JSON does not allow a comma after the last entry; remove it.');
        continue;
      }
      if (n === '}') {
        this.i++;
        return { kind: 'object', start, entries };
      }
      if (n === undefined) this.unclosed(start, '{', '}');
      if (n === '"') {
        this.fail(afterValue, `missing "," after the value of "${key}"`, `Separate entries with commas: add one at the end of line ${this.lines.pos(afterValue).line}.`);
      }
      this.fail(this.i, `expected "," or "}" after the value of "${key}", found ${show(n)}`, 'Separate entries with commas and close the object with }.');
    }
  }

  array(depth: number): JsonNode {
    const start = this.i;
    this.i++;
    const items: JsonNode[] = [];
    this.skip();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', start, items };
    }
    for (;;) {
      if (this.i >= this.s.length) this.unclosed(start, '[', ']');
      items.push(this.value(depth + 1));
      const afterValue = this.i;
      this.skip();
      const n = this.s[this.i];
      if (n === ',') {
        const comma = this.i;
        this.i++;
        this.skip();
        if (this.s[this.i] === ']') this.fail(comma, 'trailing comma before "]"', 'JSON does not allow a comma after the last item; remove it.');
        continue;
      }
      if (n === ']') {
        this.i++;
        return { kind: 'array', start, items };
      }
      if (n === undefined) this.unclosed(start, '[', ']');
      if (n === '{' || n === '"' || n === '[') {
        this.fail(afterValue, 'missing "," between list items', `Separate items with commas: add one at the end of line ${this.lines.pos(afterValue).line}.`);
      }
      this.fail(this.i, `expected "," or "]" in a list, found ${show(n)}`, 'Separate items with commas and close the list with ].');
    }
  }

  unclosed(start: number, open: string, close: string): never {
    this.fail(start, `this ${open} is never closed`, `Add the closing ${close} at the end of the ${open === '{' ? 'object' : 'list'}, and check that the brackets inside it are balanced.`);
  }

  string(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const c = s[this.i];
      if (c === undefined) this.fail(start, 'this string is never closed', 'Add the closing ".');
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n' || c === '\r') this.fail(start, 'this string is not closed before the end of the line', 'Add the closing ", or write a line break inside a string as \\n.');
      if (c === '\\') {
        const e = s[this.i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && Object.prototype.hasOwnProperty.call(map, e)) {
          out += map[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
          continue;
        }
        this.fail(this.i, `invalid escape \\${e ?? ''} in a string`, 'In JSON a backslash starts an escape such as \\n or \\"; write a literal backslash as \\\\.');
      }
      if (c < ' ') this.fail(this.i, 'a control character (such as a tab) is inside a string', 'Write a tab as \\t.');
      out += c;
      this.i++;
    }
  }

  number(): JsonNode {
    const start = this.i;
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    const loose = /^[-+.\w]+/.exec(this.s.slice(this.i, this.i + 400))?.[0] ?? '';
    if (!m || (loose.length > m[0].length)) {
      this.fail(start, `invalid number ${loose}`, 'JSON numbers have no leading zeros, + signs, or units; quote it if it is text.');
    }
    this.i += m[0].length;
    return { kind: 'scalar', start, value: Number(m[0]), raw: m[0] };
  }
}

function toValue(node: JsonNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'array') return node.items.map(toValue);
  const obj: Record<string, unknown> = {};
  for (const e of node.entries) setOwn(obj, e.key, toValue(e.value));
  return obj;
}

function find(root: JsonNode, path: readonly PathSegment[]): { node: JsonNode; keyStart?: number } | undefined {
  let node: JsonNode = root;
  let keyStart: number | undefined;
  for (const seg of path) {
    if (node.kind === 'object' && typeof seg === 'string') {
      let hit: { key: string; keyStart: number; value: JsonNode } | undefined;
      for (const e of node.entries) if (e.key === seg) hit = e;
      if (!hit) return undefined;
      node = hit.value;
      keyStart = hit.keyStart;
    } else if (node.kind === 'array' && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) return undefined;
      node = item;
      keyStart = undefined;
    } else return undefined;
  }
  return keyStart === undefined ? { node } : { node, keyStart };
}

class JsonDocument implements ParsedDocument {
  readonly aliased = false;

  readonly index = 0;
  readonly value: unknown;
  readonly start: SourcePos;
  constructor(private readonly root: JsonNode, private readonly lines: LineIndex) {
    this.value = toValue(root);
    this.start = lines.pos(root.start);
  }
  locate(path: readonly PathSegment[]): SourcePos | undefined {
    const f = find(this.root, path);
    return f ? this.lines.pos(f.node.start) : undefined;
  }
  locateKey(path: readonly PathSegment[]): SourcePos | undefined {
    const f = find(this.root, path);
    return f ? this.lines.pos(f.keyStart ?? f.node.start) : undefined;
  }
  sourceOf(path: readonly PathSegment[]): string | undefined {
    const f = find(this.root, path);
    return f?.node.kind === 'scalar' ? f.node.raw : undefined;
  }
}

/** Parses one JSON document (as for `--cli-input-json`) with positions for every value. */
export function parseJsonDocument(text: string, file?: string, options?: ValidateOptions): ParseResult {
  const reporter = new Reporter(file, options);
  if (!checkSize(text, reporter, 'the file')) return { docs: [], diagnostics: reporter.diagnostics };
  const lines = new LineIndex(text);
  let forbidden = false;
  const parser = new Parser(
    text,
    lines,
    (key, at, first) => reporter.report('JSON002', `duplicate key "${key}" (first defined on line ${lines.pos(first).line}); the last one wins`, 'Delete one of them so the file says what it means.', { pos: lines.pos(at) }),
    (key, at) => {
      forbidden = true;
      reporter.report('YAML008', `key "${key}" is not allowed`, `"${key}" can change how JavaScript objects behave, and no Kubernetes, ECS or eksctl field uses it. Rename the key.`, { pos: lines.pos(at) });
    },
  );
  try {
    const root = parser.parseDocument();
    if (forbidden) return { docs: [], diagnostics: reporter.diagnostics };
    return { docs: [new JsonDocument(root, lines)], diagnostics: reporter.diagnostics };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    reporter.report('JSON001', e.message, e.hint, { pos: lines.pos(e.offset) });
    return { docs: [], diagnostics: reporter.diagnostics };
  }
}
