/**
 * `manifest` checks: the learner's file parses, validates, contains the document the task
 * asks for, and has the asked-for values. Every failure points at file:line:col.
 */
import { LEARNER } from '../../../engine/kernel/host.ts';
import * as sys from '../../../engine/kernel/syscalls.ts';
import type { World } from '../../../engine/world.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { parseYamlDocuments } from '../../validate/yaml/parse-yaml.ts';
import type { ParsedDocument } from '../../validate/types.ts';
import { labPath } from '../lab-world.ts';
import { fieldName, getField, parseFieldPath, sameValue, showValue, type Segment } from '../path.ts';
import type { CheckFailure, ManifestCheck } from '../types.ts';

/** Full validation, loaded on first use: in the browser it is a separate chunk with the official schemas. */
async function validate(files: { path: string; content: string }[], severity?: Record<string, 'error' | 'warning' | 'off'>): Promise<Diagnostic[]> {
  const { validateFiles } = await import('../../validate/index.ts');
  return validateFiles(files, { severity });
}

function at(file: string, pos: { line: number; column: number } | undefined): Pick<CheckFailure, 'file' | 'line' | 'column'> {
  return pos ? { file, line: pos.line, column: pos.column } : { file };
}

function prefix(f: Pick<CheckFailure, 'file' | 'line' | 'column'>): string {
  return f.line ? `${f.file}:${f.line}:${f.column} ` : `${f.file}: `;
}

/** The nearest position that exists along a path (the parent when the field is missing). */
function nearest(doc: ParsedDocument, path: readonly Segment[]): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const pos = n === path.length ? doc.locate(path) : doc.locateKey(path.slice(0, n));
    if (pos) return pos;
  }
  return doc.start;
}

export async function checkManifest(world: World, c: ManifestCheck, severity?: Record<string, 'error' | 'warning' | 'off'>): Promise<CheckFailure | undefined> {
  const file = c.file;
  const rootProc = world.state.procs.procs[1]!;
  let text: string;
  try {
    text = sys.readFile(world, { ...rootProc, cwd: LEARNER.home }, labPath(file));
  } catch {
    return { code: 'LAB001', message: `${file} does not exist yet`, file, hint: `Create it in your home directory, for example with \`cat > ${file} <<EOF\`.` };
  }
  const parsed = parseYamlDocuments(text, file);
  const diagnostics = c.valid ? await validate([{ path: file, content: text }], severity) : parsed.diagnostics;
  const error = c.valid ? diagnostics.find((d) => d.severity === 'error') : undefined;
  if (error) {
    const loc = { file, line: error.line, column: error.column };
    return { code: error.code, message: `${prefix(loc)}${error.message}`, hint: error.hint, ...loc };
  }
  const doc = parsed.docs.find((d) => {
    const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    return (!c.kind || v?.kind === c.kind) && (!c.name || v?.metadata?.name === c.name);
  });
  if (!doc) {
    const what = c.kind ? `a ${c.kind}${c.name ? ` named "${c.name}"` : ''}` : 'a document';
    return { code: 'LAB010', message: `${file} has no ${what}`, file, hint: c.kind ? `Check \`kind: ${c.kind}\`${c.name ? ` and \`metadata.name: ${c.name}\`` : ''}.` : undefined };
  }
  for (const [pathText, expected] of Object.entries(c.expect ?? {})) {
    const path = parseFieldPath(pathText);
    const actual = getField(doc.value, path);
    if (sameValue(actual, expected)) continue;
    const loc = at(file, actual === undefined ? nearest(doc, path) : doc.locate(path));
    const field = fieldName(path);
    const message = actual === undefined ? `${field} is not set — the task asks for ${String(expected)} at ${pathText}` : `${field} is ${showValue(actual)} — the task asks for ${String(expected)}`;
    return { code: 'LAB011', message: `${prefix(loc)}${message}`, ...loc };
  }
  return undefined;
}
