// Parses a YAML stream the way Kubernetes reads it (YAML 1.1 scalars, merge keys, string
// keys) into plain data, keeping a map back to line and column for every value.

import {
  LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments,
  type Document, type Node as YamlNode, type Pair, type Scalar, type YAMLError,
} from 'yaml';
import { LIMITS } from '../../../engine/limits.ts';
import type { ValidateOptions, ParseResult, ParsedDocument, PathSegment, SourcePos } from '../types.ts';
import { Reporter } from '../reporter.ts';
import { FORBIDDEN_KEYS, formatBytes, utf8Length } from './guard.ts';
import { findLayoutProblem, unclosedAt } from './layout.ts';
import { describeScalar, meaningDifference, resolveKubernetes, type ScalarValue } from './scalars.ts';

export interface ParseYamlOptions extends ValidateOptions {
  /** Warn (YAML005) when a plain scalar reads differently under YAML 1.1 and 1.2. Default true. */
  warnYaml11?: boolean;
}

const STR = 'tag:yaml.org,2002:str';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const BOOL = 'tag:yaml.org,2002:bool';
const NULL = 'tag:yaml.org,2002:null';

/** The YAML006 refusal for an input of `bytes`, also used by the CLI before reading a file. */
export function reportTooLarge(reporter: Reporter, bytes: number, what = 'the file'): void {
  reporter.report(
    'YAML006',
    `${what} is ${formatBytes(bytes)}; the validator reads at most ${formatBytes(LIMITS.yamlBytes)}`,
    'Split the manifests into several smaller files.',
    { pos: { line: 1, column: 1 } },
  );
}

/** Refuses input before parsing when it is too big to read safely. */
export function checkSize(text: string, reporter: Reporter, what: string): boolean {
  const limit = LIMITS.yamlBytes;
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so most files need no count at all.
  if (text.length > limit || (text.length * 3 > limit && utf8Length(text, limit) > limit)) {
    // A lower bound is enough to refuse; counting every byte of 100 MB would take longer.
    reportTooLarge(reporter, text.length > limit ? text.length : utf8Length(text), what);
    return false;
  }
  return true;
}

interface BuildState {
  doc: Document.Parsed;
  lc: LineCounter;
  reporter: Reporter;
  warnYaml11: boolean;
  /** Anchors defined so far, in document order (a later `&a` replaces an earlier one). */
  anchors: Map<string, YamlNode>;
  /** What each alias node resolved to, so `locate` can follow it later. */
  aliasTargets: Map<YamlNode, YamlNode>;
  /** Built values of anchored nodes: aliases share them instead of copying. */
  built: Map<YamlNode, unknown>;
  /** Aliases expanded inside each anchored node, counting nested ones (bomb guard). */
  aliasWeight: Map<YamlNode, number>;
  expanded: number;
  refused: boolean;
  building: Set<YamlNode>;
}

function pos(lc: LineCounter, offset: number): SourcePos {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function nodePos(st: BuildState, node: YamlNode | null | undefined): SourcePos | undefined {
  const r = node?.range;
  return r ? pos(st.lc, r[0]) : undefined;
}

/** Resolves a scalar as go-yaml v2 does, honouring explicit tags (`!!str 0644`). */
function scalarValue(st: BuildState, node: Scalar, path: readonly PathSegment[], atKey: boolean): ScalarValue {
  const tag = node.tag;
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  if (node.type !== 'PLAIN' && node.type !== undefined) {
    if (tag === INT || tag === FLOAT) return Number(source);
    return typeof node.value === 'string' ? node.value : source;
  }
  if (tag === STR || tag === '!') return source;
  if (tag === INT || tag === FLOAT) {
    const v = resolveKubernetes(source);
    return typeof v === 'number' ? v : Number(source);
  }
  if (tag === BOOL) return resolveKubernetes(source) === true;
  if (tag === NULL) return null;
  const value = resolveKubernetes(source);
  if (st.warnYaml11 && !tag) {
    const diff = meaningDifference(source, value);
    if (diff) reportMeaning(st, node, source, diff.kubernetes, diff.yaml12, path, atKey);
  }
  return value;
}

function reportMeaning(
  st: BuildState, node: Scalar, source: string, k8s: ScalarValue, y12: ScalarValue,
  path: readonly PathSegment[], atKey: boolean,
): void {
  let hint: string;
  if (typeof k8s === 'boolean') {
    hint = `Quote it ("${source}") if you mean text; write ${k8s} if you mean a boolean.`;
  } else if (typeof k8s === 'number' && /^[-+]?0[0-7]+$/.test(source)) {
    hint = `If you mean the file mode ${source}, write it as decimal ${k8s} (or quote it if you mean text); every tool reads that the same way.`;
  } else if (typeof k8s === 'number') {
    hint = `Write ${k8s} if you mean the number, or quote it ("${source}") if you mean text.`;
  } else {
    hint = `Quote it ("${source}") so every tool reads it the same way.`;
  }
  const where = atKey ? 'key' : 'value';
  st.reporter.report(
    'YAML005',
    `${where} ${source} is read as ${describeScalar(k8s)} by Kubernetes (YAML 1.1) but as ${describeScalar(y12)} by YAML 1.2 tools`,
    hint,
    { pos: nodePos(st, node), path },
  );
}

/** sigs.k8s.io/yaml turns every key into a JSON string: true → "true", 1 → "1". */
function keyString(v: ScalarValue): string {
  if (v === null) return 'null';
  return String(v);
}

function resolveAlias(st: BuildState, node: YamlNode): YamlNode | undefined {
  const known = st.aliasTargets.get(node);
  if (known) return known;
  if (!isAlias(node)) return node;
  const target = st.anchors.get(node.source);
  if (target) st.aliasTargets.set(node, target);
  return target;
}

/** Aliases one expansion of `node` performs, counting aliases inside aliased nodes. */
function weightOf(st: BuildState, node: YamlNode | null | undefined, depth = 0): number {
  if (!node || depth > LIMITS.yamlDepth) return 0;
  const cached = st.aliasWeight.get(node);
  if (cached !== undefined) return cached;
  let w = 0;
  if (isAlias(node)) {
    const t = st.aliasTargets.get(node) ?? st.anchors.get(node.source);
    w = 1 + (t && !st.building.has(t) ? weightOf(st, t, depth + 1) : 0);
  } else if (isMap(node)) {
    for (const p of node.items) w += weightOf(st, p.key as YamlNode, depth + 1) + weightOf(st, p.value as YamlNode, depth + 1);
  } else if (isSeq(node)) {
    for (const it of node.items) w += weightOf(st, it as YamlNode, depth + 1);
  }
  st.aliasWeight.set(node, w);
  return w;
}

function refuse(st: BuildState, code: string, message: string, hint: string, node: YamlNode | null | undefined, path: readonly PathSegment[]): void {
  if (st.refused) return;
  st.refused = true;
  st.reporter.report(code, message, hint, { pos: nodePos(st, node), path });
}

function build(st: BuildState, node: YamlNode | null | undefined, path: PathSegment[], depth: number): unknown {
  if (st.refused || node === null || node === undefined) return null;
  if (depth > LIMITS.yamlDepth) {
    refuse(st, 'YAML009', `the document nests deeper than ${LIMITS.yamlDepth} levels`, 'Flatten the structure; no manifest needs this much nesting.', node, path);
    return null;
  }
  if (isAlias(node)) {
    const target = resolveAlias(st, node);
    if (!target) {
      st.reporter.report('YAML011', `alias *${node.source} refers to no anchor defined before it`, `Define "&${node.source}" on a value earlier in this document, or write the value out.`, { pos: nodePos(st, node), path });
      return null;
    }
    if (st.building.has(target)) {
      st.reporter.report('YAML011', `alias *${node.source} refers to a value that contains it`, 'An alias cannot point at its own parent; write the value out instead.', { pos: nodePos(st, node), path });
      return null;
    }
    st.expanded += 1 + weightOf(st, target);
    if (st.expanded > LIMITS.yamlAliases) {
      refuse(st, 'YAML007', `too many aliases: expanding *${node.source} takes this document past ${LIMITS.yamlAliases} alias expansions`, 'Aliases that expand into more aliases can grow exponentially ("billion laughs"). Write the values out or use fewer nested aliases.', node, path);
      return null;
    }
    return st.built.get(target) ?? null;
  }
  // Registered before the children are built, so an alias inside its own anchor is caught.
  if (node.anchor) st.anchors.set(node.anchor, node);
  let value: unknown;
  if (isScalar(node)) {
    value = scalarValue(st, node, path, false);
  } else if (isMap(node)) {
    st.building.add(node);
    value = buildMap(st, node.items as Pair<YamlNode, YamlNode>[], path, depth);
    st.building.delete(node);
  } else if (isSeq(node)) {
    st.building.add(node);
    const arr: unknown[] = [];
    node.items.forEach((item, i) => {
      path.push(i);
      arr.push(build(st, item as YamlNode, path, depth + 1));
      path.pop();
    });
    st.building.delete(node);
    value = arr;
  } else {
    value = null;
  }
  if (node.anchor) st.built.set(node, value);
  return value;
}

function mapKey(st: BuildState, key: YamlNode | null, path: readonly PathSegment[]): string | undefined {
  if (key === null) return 'null';
  const k = isAlias(key) ? resolveAlias(st, key) : key;
  if (k && isScalar(k)) return keyString(scalarValue(st, k, path, true));
  st.reporter.report('YAML012', 'a list or mapping is used as a key', 'Kubernetes converts YAML to JSON, where keys are strings. Use a plain string as the key.', { pos: nodePos(st, key), path });
  return undefined;
}

function buildMap(st: BuildState, pairs: Pair<YamlNode, YamlNode>[], path: PathSegment[], depth: number): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const seenAt = new Map<string, YamlNode | null>();
  const merges: Pair<YamlNode, YamlNode>[] = [];
  let mergedObjects = false;
  for (const pair of pairs) {
    if (st.refused) break;
    const keyNode = pair.key ?? null;
    if (keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
      merges.push(pair);
      continue;
    }
    const key = mapKey(st, keyNode, path);
    if (key === undefined) continue;
    if (FORBIDDEN_KEYS.has(key)) {
      st.reporter.report('YAML008', `key "${key}" is not allowed`, `"${key}" can change how JavaScript objects behave, and no Kubernetes, ECS or eksctl field uses it. Rename the key.`, { pos: nodePos(st, keyNode), path: [...path, key] });
      continue;
    }
    if (seenAt.has(key)) {
      // After "two objects in one document", the other repeated keys say nothing new.
      if (mergedObjects) continue;
      const first = nodePos(st, seenAt.get(key));
      // A second apiVersion or kind at the top usually means a missing `---` between objects.
      const merged = path.length === 0 && (key === 'apiVersion' || key === 'kind');
      mergedObjects = merged;
      st.reporter.report(
        'YAML002',
        `duplicate key "${key}"${first ? ` (first defined on line ${first.line})` : ''}`,
        merged
          ? 'Two objects ended up in one document. Put a line with only --- before the second one.'
          : 'Kubernetes rejects a key that appears twice in one mapping. Delete one of them or merge their values.',
        { pos: nodePos(st, keyNode), path: [...path, key] },
      );
      continue;
    }
    seenAt.set(key, keyNode);
    path.push(key);
    // Plain assignment is safe: the keys that could reach the prototype were refused above.
    obj[key] = build(st, pair.value ?? null, path, depth + 1);
    path.pop();
  }
  // `<<: *base` merges: keys written in the mapping win, then earlier sources win.
  for (const pair of merges) {
    const v = pair.value ?? null;
    const sources = v && isSeq(v) ? (v.items as YamlNode[]) : [v];
    for (const src of sources) {
      path.push('<<');
      const merged = build(st, src, path, depth + 1);
      path.pop();
      if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
        st.reporter.report('YAML001', 'a merge key (<<) must point at a mapping', 'Write "<<: *anchor" where the anchor is on a mapping, or a list of such aliases.', { pos: nodePos(st, src), path });
        continue;
      }
      for (const [k, val] of Object.entries(merged)) {
        if (!seenAt.has(k)) {
          seenAt.set(k, null);
          obj[k] = val;
        }
      }
    }
  }
  return obj;
}

/** Finds the node at `path`, following aliases and merge keys, for diagnostics. */
function findNode(
  st: BuildState, root: YamlNode | null, path: readonly PathSegment[],
): { node: YamlNode | null; key: YamlNode | null } | undefined {
  let node: YamlNode | null = root;
  let key: YamlNode | null = null;
  for (const seg of path) {
    if (node && isAlias(node)) node = resolveAlias(st, node) ?? null;
    if (!node) return undefined;
    if (isMap(node) && typeof seg === 'string') {
      const found = findPair(st, node.items as Pair<YamlNode, YamlNode>[], seg, 0);
      if (!found) return undefined;
      key = found.key ?? null;
      node = found.value ?? null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (item === undefined) return undefined;
      key = null;
      node = item;
    } else {
      return undefined;
    }
  }
  return { node, key };
}

function findPair(st: BuildState, pairs: Pair<YamlNode, YamlNode>[], seg: string, depth: number): Pair<YamlNode, YamlNode> | undefined {
  if (depth > LIMITS.yamlDepth) return undefined;
  const merges: YamlNode[] = [];
  for (const p of pairs) {
    const k = p.key ?? null;
    if (k && isScalar(k) && k.type === 'PLAIN' && k.source === '<<' && !k.tag) {
      const v = p.value ?? null;
      if (v) merges.push(...(isSeq(v) ? (v.items as YamlNode[]) : [v]));
      continue;
    }
    const kk = k && isAlias(k) ? resolveAlias(st, k) : k;
    if (kk === null || kk === undefined) {
      if (seg === 'null') return p;
      continue;
    }
    if (isScalar(kk) && keyString(quietValue(kk)) === seg) return p;
  }
  for (const m of merges) {
    const t = isAlias(m) ? resolveAlias(st, m) : m;
    if (t && isMap(t)) {
      const found = findPair(st, t.items as Pair<YamlNode, YamlNode>[], seg, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A key's value without reporting anything: locate() runs after warnings were made. */
function quietValue(node: Scalar): ScalarValue {
  if (node.type !== 'PLAIN' && node.type !== undefined) return typeof node.value === 'string' ? node.value : String(node.source);
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  if (node.tag === STR || node.tag === '!') return source;
  return resolveKubernetes(source);
}

const FRIENDLY: Partial<Record<YAMLError['code'], { code: string; hint: string }>> = {
  TAB_AS_INDENT: { code: 'YAML003', hint: 'YAML indents with spaces only. Replace the tab with spaces (two per level is usual).' },
  BAD_INDENT: { code: 'YAML004', hint: 'Keys of one mapping must start in the same column, and nested keys further right than their parent.' },
  BLOCK_AS_IMPLICIT_KEY: { code: 'YAML004', hint: 'Check the indentation of this line and the one above it; a value may need quotes if it contains ": ".' },
  MULTILINE_IMPLICIT_KEY: { code: 'YAML013', hint: 'A key and its colon must be on one line; check for a missing ":" or a missing space after ":".' },
  BAD_SCALAR_START: { code: 'YAML001', hint: 'Values that start with @, `, % or similar characters must be quoted.' },
};

/** Turns the yaml package's first error in a document into a plain-language diagnostic. */
function reportSyntax(
  reporter: Reporter, lines: readonly string[], lc: LineCounter, err: YAMLError, docFrom: number, docTo: number,
): void {
  const at = pos(lc, err.pos[0]);
  const end = pos(lc, Math.max(err.pos[0], err.pos[1] - 1));
  const layout = findLayoutProblem(lines, docFrom, docTo);
  if (layout && layout.line >= at.line - 1 && layout.line <= end.line + 1) {
    reporter.report(layout.code, layout.message, layout.hint, { pos: { line: layout.line, column: layout.column } });
    return;
  }
  const msg = err.message;
  if (/closing .?quote/.test(msg) || /must be sufficiently indented and end with a [\]}]/.test(msg) || /flow/i.test(msg)) {
    for (let n = docFrom; n <= Math.min(docTo, at.line); n++) {
      const c = unclosedAt(lines[n - 1] ?? '');
      if (c >= 0) {
        const ch = (lines[n - 1] ?? '')[c] ?? '';
        const closer = ch === '[' ? ']' : ch === '{' ? '}' : ch;
        reporter.report('YAML001', `this ${ch} is never closed`, `Add the closing ${closer}, or remove the opening ${ch}. Text containing quotes can be wrapped in the other kind of quote.`, { pos: { line: n, column: c + 1 } });
        return;
      }
    }
  }
  if (err.code === 'BAD_SCALAR_START') {
    const ch = /character (.)/.exec(msg)?.[1] ?? '';
    reporter.report('YAML001', `a plain value cannot start with ${ch}`, `Quote the value, for example "${ch}…".`, { pos: at });
    return;
  }
  const friendly = FRIENDLY[err.code];
  const text = msg.charAt(0).toLowerCase() + msg.slice(1).replace(/\.$/, '');
  reporter.report(friendly?.code ?? 'YAML001', text, friendly?.hint ?? 'Check the punctuation and indentation around this position.', { pos: at });
}

class YamlDocument implements ParsedDocument {
  readonly aliased: boolean;

  constructor(
    readonly value: unknown,
    readonly index: number,
    readonly start: SourcePos,
    private readonly st: BuildState,
  ) {
    this.aliased = st.expanded > 0;
  }

  locate(path: readonly PathSegment[]): SourcePos | undefined {
    const found = findNode(this.st, this.st.doc.contents as YamlNode | null, path);
    if (!found) return undefined;
    return nodePos(this.st, found.node) ?? nodePos(this.st, found.key) ?? this.start;
  }

  locateKey(path: readonly PathSegment[]): SourcePos | undefined {
    const found = findNode(this.st, this.st.doc.contents as YamlNode | null, path);
    if (!found) return undefined;
    return nodePos(this.st, found.key) ?? nodePos(this.st, found.node) ?? this.start;
  }

  sourceOf(path: readonly PathSegment[]): string | undefined {
    const found = findNode(this.st, this.st.doc.contents as YamlNode | null, path);
    const n = found?.node;
    if (!n || !isScalar(n)) return undefined;
    return typeof n.source === 'string' ? n.source : undefined;
  }
}

/**
 * Parses every document in a YAML stream. Documents with syntax errors are left out of
 * `docs` (their errors are in `diagnostics`), so callers never validate half a document.
 */
export function parseYamlDocuments(text: string, file?: string, options?: ParseYamlOptions): ParseResult {
  const reporter = new Reporter(file, options);
  if (!checkSize(text, reporter, 'the file')) return { docs: [], diagnostics: reporter.diagnostics };
  // `---` at the start of a line always starts a document (YAML forbids it inside scalars),
  // so counting them refuses a huge stream before paying to parse it.
  const markers = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (markers > LIMITS.yamlDocuments) {
    reporter.report('YAML010', `the file holds at least ${markers} documents; the validator reads at most ${LIMITS.yamlDocuments}`, 'Split the stream into several files.', { pos: { line: 1, column: 1 } });
    return { docs: [], diagnostics: reporter.diagnostics };
  }
  const lc = new LineCounter();
  // The failsafe schema leaves every scalar a string: scalarValue resolves plain scalars
  // from their source as Kubernetes does, so the core schema's resolution would be wasted.
  const parsed = parseAllDocuments(text, {
    lineCounter: lc, uniqueKeys: false, merge: false, schema: 'failsafe', strict: false, prettyErrors: false,
  });
  const all: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  if (all.length > LIMITS.yamlDocuments) {
    reporter.report('YAML010', `the file holds ${all.length} documents; the validator reads at most ${LIMITS.yamlDocuments}`, 'Split the stream into several files.', { pos: { line: 1, column: 1 } });
    return { docs: [], diagnostics: reporter.diagnostics };
  }
  const lines = text.split(/\r?\n/);
  const docs: ParsedDocument[] = [];
  all.forEach((doc, index) => {
    const from = pos(lc, doc.range[0]).line;
    const to = pos(lc, Math.max(doc.range[0], doc.range[2] - 1)).line;
    const errors = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (errors.length > 0) {
      const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
      reportSyntax(reporter, lines, lc, first, from, to);
      return;
    }
    const contents = doc.contents as YamlNode | null;
    // An empty document: nothing, or an empty scalar that means null (untagged and plain, or !!null).
    if (contents === null || (isScalar(contents) && contents.source === '' && (contents.tag === NULL || (!contents.tag && contents.type === 'PLAIN')))) return;
    const st: BuildState = {
      doc, lc, reporter, warnYaml11: options?.warnYaml11 ?? true,
      anchors: new Map(), aliasTargets: new Map(), built: new Map(), aliasWeight: new Map(),
      expanded: 0, refused: false, building: new Set(),
    };
    const before = reporter.diagnostics.length;
    const value = build(st, contents, [], 0);
    const failed = reporter.diagnostics.slice(before).some((d) => d.severity === 'error');
    if (failed) return;
    const start = nodePos(st, contents) ?? { line: from, column: 1 };
    docs.push(new YamlDocument(value, index, start, st));
  });
  return { docs, diagnostics: reporter.diagnostics };
}
