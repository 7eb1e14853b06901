// Validates the Kubernetes documents of a file set: apiVersion and kind, the official
// schema (loaded lazily per kind), field rules, then the rules across objects.

import type { Reporter } from '../reporter.ts';
import type { ParsedDocument } from '../types.ts';
import { resolveKind, type KindResolution } from './api-versions.ts';
import { checkFields } from './fields.ts';
import { guessKind } from './guess-kind.ts';
import { isObj, KubeObject, list } from './objects.ts';
import { checkSchema, loadValidator, loadedValidator, type LearntReads } from './schema.ts';
import type { SchemaModule, ValidateFunction } from './schema-module.ts';
import { checkSemantics } from './semantics.ts';

export interface KubeDoc {
  file: string;
  doc: ParsedDocument;
  reporter: Reporter;
}

interface Planned {
  obj: KubeObject;
  reporter: Reporter;
  resolution?: KindResolution;
  load?: () => Promise<SchemaModule>;
  /** Validate with this apiVersion instead (the replacement of a removed one). */
  schemaApiVersion?: string;
  /** Take part in cross-object rules. */
  semantic: boolean;
}

/** Thrown by the synchronous API when a kind's schema was not loaded first. */
export class SchemaNotLoadedError extends Error {
  override readonly name = 'SchemaNotLoadedError';
  constructor(readonly apiVersion: string, readonly kind: string) {
    super(`the schema for ${apiVersion} ${kind} is not loaded; call preloadValidators() first`);
  }
}

function collect(input: KubeDoc, out: Planned[]): void {
  const { doc, reporter, file } = input;
  const v = doc.value;
  if (!isObj(v)) {
    const what = Array.isArray(v) ? 'a list' : `the ${typeof v === 'string' ? 'text' : 'value'} ${JSON.stringify(v)}`;
    reporter.report('K8S005', `the document is ${what}, not a Kubernetes object`, 'A manifest is a mapping with apiVersion, kind, metadata and usually spec at the top level. Check that the first line is not indented.', { pos: doc.start });
    return;
  }
  if (v['apiVersion'] === 'v1' && v['kind'] === 'List') {
    list(v['items']).forEach((item, i) => {
      if (isObj(item)) out.push({ obj: new KubeObject(file, doc, ['items', i], item), reporter, semantic: true });
    });
    return;
  }
  out.push({ obj: new KubeObject(file, doc, [], v), reporter, semantic: true });
}

function plan(p: Planned): void {
  const { obj, reporter: r } = p;
  const apiVersion = obj.value['apiVersion'];
  const kind = obj.value['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
    const missing = [typeof apiVersion === 'string' && apiVersion ? '' : 'apiVersion', typeof kind === 'string' && kind ? '' : 'kind'].filter(Boolean);
    const guess = guessKind(obj.value);
    const wrongType = missing.filter((m) => obj.value[m] !== undefined && obj.value[m] !== null);
    r.report(
      'K8S005',
      wrongType.length > 0 ? `${wrongType.join(' and ')} must be a string` : `missing ${missing.map((m) => `"${m}"`).join(' and ')}`,
      guess ? `This looks like a ${guess.kind}: add apiVersion: ${guess.apiVersion} and kind: ${guess.kind} at the top.` : 'Every object starts with apiVersion and kind, for example apiVersion: v1 and kind: ConfigMap.',
      wrongType.length > 0 ? obj.at([wrongType[0] ?? 'kind']) : obj.at([]),
    );
    p.semantic = false;
    return;
  }
  const res = resolveKind(apiVersion, kind);
  p.resolution = res;
  switch (res.status) {
    case 'ok':
      p.load = res.load;
      return;
    case 'removed': {
      const { removal } = res;
      r.report(
        'K8S006',
        `no matches for kind "${kind}" in version "${apiVersion}": ${apiVersion} ${kind} was removed in Kubernetes ${removal.removedIn}${removal.replacement ? ` — use "${removal.replacement}"` : ''}`,
        removal.replacement ? `Change apiVersion to ${removal.replacement}. ${removal.note}` : removal.note,
        obj.at(['apiVersion']),
      );
      if (res.load && removal.replacement) {
        p.load = res.load;
        p.schemaApiVersion = removal.replacement;
      } else p.semantic = false;
      return;
    }
    case 'wrong-group': {
      const first = res.servedIn[0] ?? '';
      r.report(
        'K8S007',
        `no matches for kind "${kind}" in version "${apiVersion}" — ${kind} is in ${res.servedIn.map((s) => `"${s}"`).join(' and ')}`,
        `Change apiVersion to ${first}.`,
        obj.at(['apiVersion']),
      );
      p.semantic = false;
      return;
    }
    case 'unknown-kind': {
      const s = res.suggestion;
      r.report(
        'K8S007',
        `no matches for kind "${kind}" in version "${apiVersion}"${s ? ` — did you mean "${s}"?` : ''}`,
        s ? `Kinds are case-sensitive. Write kind: ${s}${res.suggestionVersion && res.suggestionVersion !== apiVersion ? ` with apiVersion: ${res.suggestionVersion}` : ''}.` : `Check the spelling of the kind; "kubectl api-resources" lists the kinds a cluster serves.`,
        obj.at(['kind']),
      );
      p.semantic = false;
      return;
    }
    case 'unknown-version':
      r.report(
        'K8S007',
        `unknown apiVersion "${apiVersion}"${res.suggestion ? ` — did you mean "${res.suggestion}"?` : ''}`,
        res.suggestion ? `Change apiVersion to ${res.suggestion}.` : `"kubectl api-versions" lists the versions a cluster serves; most objects use v1, apps/v1 or batch/v1.`,
        obj.at(['apiVersion']),
      );
      p.semantic = false;
      return;
    case 'custom':
      r.report(
        'K8S008',
        `no schema for ${kind} (${apiVersion}): it is a custom resource, so only its syntax and metadata were checked`,
        'The CustomResourceDefinition for it must be installed in the cluster before you apply this.',
        obj.at(['apiVersion']),
      );
      return;
  }
}

function checkName(p: Planned): void {
  const meta = p.obj.value['metadata'];
  if (!isObj(meta)) {
    if (meta === undefined) {
      p.reporter.report('K8S002', 'missing required field "metadata" in the object', 'Add metadata with at least a name.', p.obj.at([]));
    }
    return;
  }
  if (meta['name'] === undefined && meta['generateName'] === undefined) {
    p.reporter.report('K8S002', 'missing required field "name" in metadata', 'Every object needs metadata.name: lowercase letters, digits and "-".', p.obj.atKey(['metadata']));
  }
}

function runPlanned(planned: Planned[], validatorFor: (p: Planned) => ValidateFunction | undefined): void {
  const learnt: LearntReads = new Map();
  for (const p of planned) {
    if (p.resolution?.status === 'wrong-group' || p.resolution?.status === 'unknown-kind' || p.resolution?.status === 'unknown-version' || !p.semantic) continue;
    const fn = validatorFor(p);
    const misspelt = fn ? checkSchema(p.obj, fn, p.reporter, learnt, p.schemaApiVersion) : new Set<string>();
    if (!misspelt.has('|metadata')) checkName(p);
    checkFields(p.obj, p.reporter);
  }
  const byObj = new Map(planned.map((p) => [p.obj, p.reporter]));
  checkSemantics(planned.filter((p) => p.semantic).map((p) => p.obj), (o) => byObj.get(o) as Reporter);
}

function prepare(inputs: readonly KubeDoc[]): Planned[] {
  const planned: Planned[] = [];
  for (const input of inputs) collect(input, planned);
  for (const p of planned) plan(p);
  return planned;
}

/** Validates Kubernetes documents, loading each kind's schema on first use. */
export async function validateKubernetes(inputs: readonly KubeDoc[]): Promise<void> {
  const planned = prepare(inputs);
  const loaders = [...new Set(planned.map((p) => p.load).filter((l): l is () => Promise<SchemaModule> => l !== undefined))];
  await Promise.all(loaders.map((l) => loadValidator(l)));
  runPlanned(planned, (p) => (p.load ? loadedValidator(p.load) : undefined));
}

/** The same, synchronously; throws SchemaNotLoadedError if a kind's schema is not loaded. */
export function validateKubernetesSync(inputs: readonly KubeDoc[]): void {
  const planned = prepare(inputs);
  runPlanned(planned, (p) => {
    if (!p.load) return undefined;
    const fn = loadedValidator(p.load);
    if (!fn) throw new SchemaNotLoadedError(p.schemaApiVersion ?? p.obj.apiVersion, p.obj.kind);
    return fn;
  });
}

/** Loads the schemas for the given apiVersion/kind pairs, for the synchronous API. */
export async function preloadSchemas(kinds: readonly { apiVersion: string; kind: string }[]): Promise<void> {
  const loads: Promise<unknown>[] = [];
  for (const { apiVersion, kind } of kinds) {
    const r = resolveKind(apiVersion, kind);
    if ((r.status === 'ok' || r.status === 'removed') && r.load) loads.push(loadValidator(r.load));
  }
  await Promise.all(loads);
}
