/**
 * The one shape every finding takes, from the manifest validator and from lab checks
 * alike (DESIGN.md, "Diagnostics"). Codes are stable and documented on /docs/diagnostics/.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable code such as `K8S001`; documented with an example and a fix. */
  code: string;
  severity: Severity;
  /** One sentence saying what is wrong, naming the field or value. */
  message: string;
  /** What to do about it, in plain language. */
  hint?: string;
  file?: string;
  /** 1-based line of the offending node, when there is a file. */
  line?: number;
  /** 1-based column of the offending node. */
  column?: number;
  /** JSON path in the document, for example `spec.template.spec.containers[0].image`. */
  path?: string;
}

/** `PATH:LINE:COL: error CODE message` and an indented hint, as `hatchway validate` prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
  const head = `${where}${d.severity} ${d.code} ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
