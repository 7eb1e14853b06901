// A Kubernetes object found in a file, with helpers to read its fields and point back at
// the source. Objects inside a `kind: List` carry the path of their item as a base.

import type { At } from '../reporter.ts';
import type { ParsedDocument, PathSegment } from '../types.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads a nested field; never walks into inherited properties. */
export function get(v: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = v;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isObj(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export class KubeObject {
  constructor(
    readonly file: string,
    readonly doc: ParsedDocument,
    /** Path of this object inside its document: [] or ['items', 3] for a List item. */
    readonly base: readonly PathSegment[],
    readonly value: Obj,
  ) {}

  get apiVersion(): string {
    return str(this.value['apiVersion']) ?? '';
  }

  get kind(): string {
    return str(this.value['kind']) ?? '';
  }

  get name(): string {
    return str(get(this.value, ['metadata', 'name'])) ?? '';
  }

  get namespace(): string {
    return str(get(this.value, ['metadata', 'namespace'])) ?? '';
  }

  /** `Deployment/web` or `Deployment/web in namespace shop`, for messages about other files. */
  get label(): string {
    return `${this.kind}/${this.name || '(unnamed)'}`;
  }

  get(path: readonly PathSegment[]): unknown {
    return get(this.value, path);
  }

  fullPath(path: readonly PathSegment[]): PathSegment[] {
    return [...this.base, ...path];
  }

  /** Where to point for a value: the value itself, else its nearest existing parent. */
  at(path: readonly PathSegment[]): At {
    const full = this.fullPath(path);
    for (let n = full.length; n >= 0; n--) {
      const pos = this.doc.locate(full.slice(0, n));
      if (pos) return { pos, path: full };
    }
    return { pos: this.doc.start, path: full };
  }

  /** Where to point for a key (an unknown field): the key itself. */
  atKey(path: readonly PathSegment[]): At {
    const full = this.fullPath(path);
    return { pos: this.doc.locateKey(full) ?? this.at(path).pos, path: full };
  }

  sourceOf(path: readonly PathSegment[]): string | undefined {
    return this.doc.sourceOf(this.fullPath(path));
  }
}

/** The kinds that carry a pod template, and where their pod spec sits. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function podSpecPath(kind: string): readonly PathSegment[] | undefined {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
}

/** Labels the pods get: the Pod's own labels, or the template's. */
export function podLabelsPath(kind: string): readonly PathSegment[] | undefined {
  const spec = podSpecPath(kind);
  if (!spec) return undefined;
  return [...spec.slice(0, -1), 'metadata', 'labels'];
}

export interface ContainerRef {
  container: Obj;
  /** Path of the container inside the object. */
  path: PathSegment[];
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  list: string;
}

export function containersOf(obj: KubeObject): ContainerRef[] {
  const spec = podSpecPath(obj.kind);
  if (!spec) return [];
  const out: ContainerRef[] = [];
  for (const listName of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(obj.get([...spec, listName])).forEach((c, i) => {
      if (isObj(c)) out.push({ container: c, path: [...spec, listName, i], list: listName });
    });
  }
  return out;
}
