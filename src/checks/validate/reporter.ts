// Collects diagnostics for one file: applies per-lab severity overrides and fills in
// the file, position and JSON path so every rule only says what is wrong and what to do.

import type { Diagnostic, Severity } from '../diagnostic.ts';
import { CODE_SEVERITY } from './severity.ts';
import { formatPath } from './path.ts';
import type { PathSegment, SourcePos, ValidateOptions } from './types.ts';

export interface At {
  pos?: SourcePos | undefined;
  path?: readonly PathSegment[] | undefined;
}

/** The severity a code has by default, or as a lab overrides it (`off` drops it). */
export function severityFor(code: string, options: ValidateOptions | undefined): Severity | 'off' {
  const override = options?.severity?.[code];
  if (override) return override;
  const severity = Object.prototype.hasOwnProperty.call(CODE_SEVERITY, code) ? CODE_SEVERITY[code] : undefined;
  if (!severity) throw new Error(`diagnostic code ${code} is not in severity.ts`);
  return severity;
}

/** Builds a diagnostic with keys in a stable order and no undefined values. */
export function makeDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  hint: string | undefined,
  file: string | undefined,
  at: At | undefined,
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (hint) d.hint = hint;
  if (file !== undefined) d.file = file;
  if (at?.pos) {
    d.line = at.pos.line;
    d.column = at.pos.column;
  }
  if (at?.path && at.path.length > 0) d.path = formatPath(at.path);
  return d;
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string | undefined,
    readonly options: ValidateOptions | undefined,
  ) {}

  report(code: string, message: string, hint: string | undefined, at?: At): void {
    const severity = severityFor(code, this.options);
    if (severity === 'off') return;
    this.diagnostics.push(makeDiagnostic(code, severity, message, hint, this.file, at));
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
