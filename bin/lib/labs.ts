/** Loading labs from labs/<id>/lab.yaml, validated by the lab schema with errors that name the file and field. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { labSchema } from '../../src/checks/lab/schema.ts';
import type { Lab } from '../../src/checks/lab/types.ts';
import { formatZodIssues } from '../../src/checks/lab/schema-errors.ts';

/** The nearest folder with a package.json: bin/ from the sources, bin/dist/<build>/ from the bundle. */
function repoRoot(dir: string): string {
  return existsSync(join(dir, 'package.json')) || dirname(dir) === dir ? dir : repoRoot(dirname(dir));
}

export const REPO_ROOT = repoRoot(import.meta.dirname);
export const LABS_DIR = join(REPO_ROOT, 'labs');

export class LabLoadError extends Error {
  override readonly name = 'LabLoadError';
}

export function labIds(): string[] {
  if (!existsSync(LABS_DIR)) return [];
  return readdirSync(LABS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(LABS_DIR, d.name, 'lab.yaml')))
    .map((d) => d.name)
    .sort();
}

export function loadLab(id: string): Lab {
  const file = join(LABS_DIR, id, 'lab.yaml');
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    const known = labIds();
    throw new LabLoadError(`unknown lab "${id}": ${shown} does not exist${known.length ? ` (labs: ${known.join(', ')})` : ''}`);
  }
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw new LabLoadError(`${shown}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = labSchema.safeParse(data);
  if (!r.success) throw new LabLoadError(formatZodIssues(shown, r.error.issues));
  if (r.data.id !== id) throw new LabLoadError(`${shown}: id is "${r.data.id}" but the folder is "${id}"; they must match`);
  return r.data;
}
