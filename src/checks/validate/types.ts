// Shapes shared by every validator: parsed documents with source positions, options, inputs.
import type { Diagnostic, Severity } from '../diagnostic.ts';

/** One step of a path into a document: a map key or a sequence index. */
export type PathSegment = string | number;

/** 1-based line and column, as editors and `hatchway validate` print them. */
export interface SourcePos {
  line: number;
  column: number;
}

/**
 * One YAML or JSON document turned into plain data, with a way back to the source.
 * Lab manifest assertions use this to point at the line a learner must change.
 */
export interface ParsedDocument {
  /** Plain JSON-like data. Keys are own properties; `__proto__` never reaches an object. */
  value: unknown;
  /** 0-based position of the document in its stream. */
  index: number;
  /** Where the document's content starts. */
  start: SourcePos;
  /** Position of the value at `path`, or undefined when the path does not exist. */
  locate(path: readonly PathSegment[]): SourcePos | undefined;
  /** Position of the key that holds `path` (the value for sequence items and the root). */
  locateKey(path: readonly PathSegment[]): SourcePos | undefined;
  /** The text a scalar was written as (`yes`, `0644`), for hints that quote the learner. */
  sourceOf(path: readonly PathSegment[]): string | undefined;
  /** Some value sits at more than one path (a YAML alias). */
  readonly aliased: boolean;
}

export interface ParseResult {
  /** Documents that parsed cleanly. Empty documents (a stray `---`) are skipped. */
  docs: ParsedDocument[];
  /** Syntax errors, refused input and YAML 1.1/1.2 warnings. */
  diagnostics: Diagnostic[];
}

export type SeverityOverride = Severity | 'off';

export interface ValidateOptions {
  /** Per-code severity, for example `{ K8S025: 'off', K8S026: 'error' }` for a lab. */
  severity?: Readonly<Record<string, SeverityOverride>>;
}

export interface FileInput {
  path: string;
  content: string;
}

export type FileKind = 'kubernetes' | 'ecs-task-definition' | 'ecs-service' | 'eksctl' | 'dockerfile';
