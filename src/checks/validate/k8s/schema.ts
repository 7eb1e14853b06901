// Runs the official Kubernetes schema (kubernetes-models' precompiled validators) on an
// object and turns its errors into located diagnostics. The validators accept unknown
// fields, so a proxy records which keys the validator reads: the keys it never read are
// unknown, and the ones it read (present or not) are the valid names to suggest.

import { formatPath, fromJsonPointer } from '../path.ts';
import type { Reporter } from '../reporter.ts';
import { didYouMean } from '../suggest.ts';
import type { PathSegment } from '../types.ts';
import { isObj, podSpecPath, type KubeObject } from './objects.ts';
import { quantityHint } from './quantity.ts';
import type { AjvError, SchemaModule, ValidateFunction } from './schema-module.ts';

interface Access {
  /** Keys the validator looked up: the schema's properties for a typed object. */
  reads: Set<string>;
  /** The validator iterated the keys: a map (labels) whose keys are all allowed. */
  enumerated: boolean;
}

/**
 * What a validator reads at each path of an object ('[]' for list items, NUL between keys),
 * learnt through the proxy. The validators only test types, enums, formats and required
 * fields (schema-keywords.test.ts checks it), and none of these tests decides which field
 * is read next: what one object taught about a path holds for every object at that path,
 * so the rest are validated as they are, without the proxy. An object with a path not seen
 * yet, or whose aliases put one value at two paths, is tracked again. One run's worth.
 */
export type LearntReads = Map<ValidateFunction, Map<string, Access | null>>;

const loaded = new Map<() => Promise<SchemaModule>, ValidateFunction>();

export async function loadValidator(load: () => Promise<SchemaModule>): Promise<ValidateFunction> {
  const have = loaded.get(load);
  if (have) return have;
  const mod = await load();
  const fn = mod.validate as ValidateFunction;
  loaded.set(load, fn);
  return fn;
}

export function loadedValidator(load: () => Promise<SchemaModule>): ValidateFunction | undefined {
  return loaded.get(load);
}

function track(root: unknown): { proxy: unknown; access: WeakMap<object, Access> } {
  const access = new WeakMap<object, Access>();
  const proxies = new WeakMap<object, unknown>();
  const wrap = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const cached = proxies.get(v);
    if (cached) return cached;
    let rec = access.get(v);
    if (!rec) {
      rec = { reads: new Set(), enumerated: false };
      access.set(v, rec);
    }
    const r = rec;
    const p = new Proxy(v, {
      get(t, k) {
        if (typeof k === 'string') r.reads.add(k);
        return wrap(Reflect.get(t, k));
      },
      has(t, k) {
        if (typeof k === 'string') r.reads.add(k);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        r.enumerated = true;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, k) {
        if (typeof k === 'string') r.reads.add(k);
        return Reflect.getOwnPropertyDescriptor(t, k);
      },
    });
    proxies.set(v, p);
    return p;
  };
  return { proxy: wrap(root), access };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (true or false)',
  object: 'a mapping (key: value pairs)', array: 'a list', null: 'null',
};

const TYPE_ORDER = ['integer', 'number', 'string', 'boolean', 'object', 'array', 'null'];

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  return `the boolean ${String(v)}`;
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObj(cur) && Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
  }
  return cur;
}

function resourceName(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : '';
}

/** Explains a wrong type in terms of what was written: quotes, YAML 1.1 booleans, lists. */
function typeHint(obj: KubeObject, path: PathSegment[], value: unknown, expected: string[]): string {
  const source = obj.sourceOf(path);
  const field = formatPath(path);
  const leaf = path[path.length - 1];
  const key = typeof leaf === 'string' ? leaf : field;
  if (expected.includes('integer') && expected.includes('string')) {
    return `Write ${key} as a number (8080) or a name or percentage ("http", "25%").`;
  }
  if (typeof value === 'boolean' && expected.includes('string')) {
    return source && !/^(true|false)$/i.test(source)
      ? `Kubernetes reads an unquoted ${source} as a boolean (YAML 1.1). Quote it: ${key}: "${source}".`
      : `Quote it: ${key}: "${String(value)}".`;
  }
  if (typeof value === 'number' && expected.includes('string')) {
    return `Quote it: ${key}: "${source ?? String(value)}".`;
  }
  if (typeof value === 'string' && (expected.includes('integer') || expected.includes('number'))) {
    if (/^-?\d+(\.\d+)?$/.test(value.trim())) return `Remove the quotes: ${key}: ${value.trim()}.`;
  }
  if (typeof value === 'number' && expected.includes('integer') && !Number.isInteger(value)) {
    return 'Use a whole number.';
  }
  if (expected.includes('array') && !Array.isArray(value)) {
    return `Write it as a list: put each item on its own line under ${key}: starting with "- ".`;
  }
  if (expected.includes('object') && Array.isArray(value)) {
    return `Remove the "- " in front of the entries: ${key} takes key: value pairs, not a list.`;
  }
  if (expected.includes('object') && typeof value === 'string') {
    const colon = /^([\w./-]+):(\S.*)$/.exec(value);
    if (colon) return `Add a space after the colon: "${colon[1]}: ${colon[2]}". Without it YAML reads one string.`;
    return `Put the fields on indented lines under ${key}:.`;
  }
  if (value === null) return `Give ${key} a value, or remove the key.`;
  return `Write ${key} as ${joinOr(expected.map((t) => TYPE_NAMES[t] ?? t))}.`;
}

/**
 * Validates one object and reports schema errors and unknown fields.
 * `schemaApiVersion` replaces apiVersion while validating (for removed versions).
 */
interface Unknown {
  path: PathSegment[];
  key: string;
  reads: Set<string>;
  known: Map<string, Set<string>>;
  guess?: string | undefined;
}

export function checkSchema(obj: KubeObject, fn: ValidateFunction, reporter: Reporter, learnt: LearntReads, schemaApiVersion?: string): Set<string> {
  const data = schemaApiVersion ? { ...obj.value, apiVersion: schemaApiVersion } : obj.value;
  let reads = learnt.get(fn);
  if (!reads) learnt.set(fn, (reads = new Map()));
  const known = reads;
  let ok = false;
  let unknown: Unknown[] | undefined;
  if (!obj.doc.aliased) {
    ok = fn(data);
    unknown = reportUnknownFields(obj, data, (_v, pattern) => known.get(pattern));
  }
  if (!unknown) {
    const { proxy, access } = track(data);
    ok = fn(proxy);
    // Through the proxy every path is known, so this walk always completes.
    unknown = reportUnknownFields(obj, data, (v, pattern) => {
      const rec = access.get(v) ?? null;
      if (!obj.doc.aliased) known.set(pattern, rec);
      return rec;
    }) as Unknown[];
  }
  const errors: AjvError[] = ok ? [] : [...(fn.errors ?? [])];
  // A misspelt required field shows up twice: as unknown and as missing. Say it once.
  const misspelt = new Set(unknown.filter((u) => u.guess).map((u) => `${formatPath(u.path)}|${u.guess}`));
  reportErrors(obj, data, errors, reporter, misspelt);
  reportUnknown(obj, unknown, reporter);
  return misspelt;
}

function reportErrors(obj: KubeObject, data: unknown, errors: AjvError[], reporter: Reporter, misspelt: Set<string>): void {
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    if (e.keyword === 'required') {
      const parent = fromJsonPointer(e.instancePath, data);
      const missing = String(e.params['missingProperty'] ?? '');
      if (misspelt.has(`${formatPath(parent)}|${missing}`)) continue;
      const where = parent.length === 0 ? 'the object' : formatPath(parent);
      reporter.report(
        'K8S002',
        `missing required field "${missing}" in ${where}`,
        requiredHint(obj.kind, parent, missing),
        parent.length === 0 ? { pos: obj.at([]).pos, path: obj.fullPath([missing]) } : { pos: obj.atKey(parent).pos, path: obj.fullPath([...parent, missing]) },
      );
      continue;
    }
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  for (const [pointer, errs] of byPath) {
    const path = fromJsonPointer(pointer, data);
    if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) continue;
    const value = valueAt(data, path);
    const field = formatPath(path);
    const at = obj.at(path);
    const formats = errs.filter((e) => e.keyword === 'format').map((e) => String(e.params['format']));
    const types = errs.filter((e) => e.keyword === 'type').map((e) => String(e.params['type']));
    if (formats.includes('quantity') && typeof value === 'string') {
      reporter.report('K8S012', `invalid quantity ${JSON.stringify(value)} for ${field}`, quantityHint(value, resourceName(path)), at);
      continue;
    }
    if (types.length > 0 && (types.length > 1 || errs.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf') || formats.length === 0)) {
      const expected = [...new Set(types)].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
      const names = formats.includes('quantity') || (expected.includes('number') && expected.includes('string'))
        ? ['a quantity (a number, or a string such as 500m or 128Mi)']
        : expected.map((t) => TYPE_NAMES[t] ?? t);
      reporter.report('K8S003', `${field} must be ${joinOr(names)}, not ${typeOf(value)}`, typeHint(obj, path, value, expected), at);
      continue;
    }
    const enumErr = errs.find((e) => e.keyword === 'enum');
    if (enumErr) {
      const allowed = (enumErr.params['allowedValues'] as unknown[] | undefined)?.map(String) ?? [];
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      reporter.report(
        'K8S004',
        `${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
        guess ? `Did you mean "${guess}"? Values are case-sensitive.` : 'Values are case-sensitive.',
        at,
      );
      continue;
    }
    if (formats.includes('byte')) {
      const isSecretData = path[0] === 'data' && obj.kind === 'Secret';
      reporter.report(
        'K8S013',
        isSecretData ? `Secret data value for "${String(path[1])}" is not base64` : `${field} must be base64-encoded`,
        isSecretData ? 'Put plain text under stringData instead of data, or encode it: echo -n \'value\' | base64.' : 'Encode it: echo -n \'value\' | base64.',
        at,
      );
      continue;
    }
    if (formats.includes('int32') || formats.includes('int64')) {
      reporter.report('K8S013', `${field} is out of range: ${String(value)} does not fit in a ${formats.includes('int32') ? '32' : '64'}-bit integer`, 'Use a smaller number.', at);
      continue;
    }
    const first = errs[0];
    if (!first || first.keyword === 'oneOf' || first.keyword === 'anyOf') {
      reporter.report('K8S003', `${field} has the wrong shape: ${typeOf(value)}`, 'Check the field\'s type with kubectl explain.', at);
      continue;
    }
    const detail = Object.entries(first.params).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
    reporter.report('K8S013', `${field} is invalid (${first.keyword}${detail ? `: ${detail}` : ''})`, `Check the value of ${field}.`, at);
  }
}

function requiredHint(kind: string, parent: readonly PathSegment[], missing: string): string {
  const where = formatPath(parent);
  if (missing === 'selector' && where === 'spec') {
    return 'Add spec.selector.matchLabels with the same labels as spec.template.metadata.labels.';
  }
  if (missing === 'containers') return 'Add a containers list with at least one container (name and image).';
  if (missing === 'name' && /containers\[\d+\]$/.test(where)) return 'Give the container a name: lowercase letters, digits and "-".';
  if (missing === 'template') return `A ${kind} needs spec.template: the pod it creates (metadata.labels and spec.containers).`;
  if (missing === 'port' && /ports\[\d+\]$/.test(where)) return 'Each Service port needs "port": the number clients connect to.';
  if (missing === 'containerPort') return 'Each container port needs "containerPort": the number the process listens on.';
  if (missing === 'roleRef') return 'Add roleRef: the Role or ClusterRole to grant, for example {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}.';
  if (missing === 'subjects' || missing === 'kind' && /subjects\[\d+\]$/.test(where)) return 'Each subject needs kind (User, Group or ServiceAccount) and name.';
  if (missing === 'schedule') return 'Add a cron schedule, for example schedule: "*/5 * * * *".';
  if (missing === 'jobTemplate') return 'A CronJob needs spec.jobTemplate: the Job it creates on each run.';
  return `Add "${missing}" under ${parent.length === 0 ? 'the top level' : where}.`;
}

/**
 * Finds where a misplaced key belongs: another object in the document that accepts it.
 * The nearest enclosing object wins (a key indented one level too far), then one nested
 * inside (a key not indented enough), then the shallowest elsewhere.
 */
function homeOf(key: string, here: readonly PathSegment[], known: Map<string, Set<string>>): string | undefined {
  const hereStr = formatPath(here);
  const isAncestor = (p: string) => p === '' || hereStr.startsWith(`${p}.`) || hereStr.startsWith(`${p}[`);
  const isDescendant = (p: string) => hereStr === '' || p.startsWith(`${hereStr}.`) || p.startsWith(`${hereStr}[`);
  const rank = (p: string): [number, number] => (isAncestor(p) ? [0, -p.length] : isDescendant(p) ? [1, p.length] : [2, p.length]);
  let best: string | undefined;
  for (const [p, reads] of known) {
    if (p === hereStr || !reads.has(key)) continue;
    if (best === undefined) {
      best = p;
      continue;
    }
    const [a1, a2] = rank(p);
    const [b1, b2] = rank(best);
    if (a1 < b1 || (a1 === b1 && a2 < b2)) best = p;
  }
  return best;
}

/**
 * kubernetes-models drops properties named `description` and `x-kubernetes-*` when it
 * compiles the schemas (they read as JSON Schema keywords), so its validators never look
 * at them. These are the places the Kubernetes API really has them.
 */
function schemaGap(kind: string, path: readonly PathSegment[], key: string): boolean {
  if (kind === 'CustomResourceDefinition') return key === 'description' || key.startsWith('x-kubernetes-');
  return kind === 'PriorityClass' && path.length === 0 && key === 'description';
}

/** What the validator read in the object `v` at `pattern`; undefined when that is not known. */
type ReadsAt = (v: object, pattern: string) => Access | null | undefined;

/** The fields the validator never read, or undefined if `readsAt` did not know a path. */
function reportUnknownFields(obj: KubeObject, data: unknown, readsAt: ReadsAt): Unknown[] | undefined {
  const known = new Map<string, Set<string>>();
  const unknown: Unknown[] = [];
  let missed = false;
  const walk = (v: unknown, path: PathSegment[], pattern: string, depth: number): void => {
    if (missed || v === null || typeof v !== 'object' || depth > 64) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i], `${pattern}[]`, depth + 1));
      return;
    }
    const rec = readsAt(v, pattern);
    if (rec === undefined) {
      missed = true;
      return;
    }
    // Never looked at: free-form data (annotations' values, RawExtension) or a wrong type.
    if (!rec || rec.enumerated || rec.reads.size === 0) return;
    known.set(formatPath(path), rec.reads);
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      if (!rec.reads.has(key)) {
        if (!schemaGap(obj.kind, path, key)) unknown.push({ path, key, reads: rec.reads, known });
      } else if (child !== null && typeof child === 'object') walk(child, [...path, key], `${pattern}\u0000${key}`, depth + 1);
    }
  };
  walk(data, [], '', 0);
  if (missed) return undefined;
  for (const u of unknown) {
    const fields = [...u.reads].filter((k) => k !== 'status' || u.path.length > 0).sort();
    u.guess = didYouMean(u.key, fields);
  }
  return unknown;
}

/** Fields that old API versions had and tutorials still use, with what replaced them. */
const RENAMED: Readonly<Record<string, { kinds: readonly string[]; hint: string }>> = {
  serviceName: { kinds: ['Ingress'], hint: 'networking.k8s.io/v1 backends name the Service as service: {name: web, port: {number: 80}}; serviceName and servicePort are from the removed v1beta1 API.' },
  servicePort: { kinds: ['Ingress'], hint: 'networking.k8s.io/v1 backends name the port as service.port.number (or service.port.name); servicePort is from the removed v1beta1 API.' },
};

/** Common pod-spec and container fields, for a misplaced key when no example is in the file. */
const POD_SPEC_FIELDS = new Set(['containers', 'initContainers', 'volumes', 'restartPolicy', 'nodeSelector', 'serviceAccountName', 'securityContext', 'tolerations', 'affinity', 'hostNetwork', 'imagePullSecrets', 'terminationGracePeriodSeconds', 'dnsPolicy', 'nodeName']);
const CONTAINER_FIELDS = new Set(['image', 'ports', 'env', 'envFrom', 'command', 'args', 'resources', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe', 'imagePullPolicy', 'workingDir']);

function conventionalHome(obj: KubeObject, key: string): string | undefined {
  const spec = podSpecPath(obj.kind);
  if (!spec) return undefined;
  if (POD_SPEC_FIELDS.has(key)) return formatPath(spec);
  if (CONTAINER_FIELDS.has(key)) return `a container under ${formatPath([...spec, 'containers'])}`;
  return undefined;
}

function reportUnknown(obj: KubeObject, unknown: Unknown[], reporter: Reporter): void {
  for (const u of unknown) {
    const where = u.path.length === 0 ? 'the top level' : formatPath(u.path);
    const fields = [...u.reads].filter((k) => k !== 'status' || u.path.length > 0).sort();
    const guess = u.guess;
    const home = guess ? undefined : (homeOf(u.key, u.path, u.known) ?? conventionalHome(obj, u.key));
    const message = `unknown field "${u.key}" in ${where}${guess ? ` — did you mean "${guess}"?` : ''}`;
    let hint: string;
    const renamed = RENAMED[u.key];
    if (renamed && renamed.kinds.includes(obj.kind)) hint = renamed.hint;
    else if (guess) hint = guess.toLowerCase() === u.key.toLowerCase() ? `Field names are case-sensitive: write "${guess}".` : `Rename it to "${guess}".`;
    else if (home !== undefined) hint = `"${u.key}" belongs in ${home === '' ? 'the top level' : home}, not in ${where}; check its indentation.`;
    else if (fields.length <= 12) hint = `Valid fields here: ${fields.join(', ')}.`;
    else hint = `Check the spelling and indentation; "kubectl explain ${obj.kind.toLowerCase()}${u.path.length ? `.${u.path.filter((s) => typeof s === 'string').join('.')}` : ''}" lists the fields.`;
    reporter.report('K8S001', message, hint, obj.atKey([...u.path, u.key]));
  }
}
