// Real-world manifests from ../shared/corpus (the EKS Workshop sample application): people
// applied these to real clusters, so the validator must report no errors on them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const present = existsSync(corpus);

function manifests(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return manifests(p);
    return /\.(ya?ml|json)$/i.test(name) || /^(Dockerfile|Containerfile)/.test(name) ? [p] : [];
  });
}

if (!present) {
  describe('shared corpus of real manifests', () => {
    it.skip(`skipped: ${corpus} is absent (it lives beside the repo in ../shared/corpus)`, () => {});
  });
} else describe('shared corpus of real manifests', () => {
  const sets = readdirSync(corpus).filter((d) => statSync(join(corpus, d)).isDirectory()).sort();

  it('is not empty', () => {
    expect(sets.flatMap((s) => manifests(join(corpus, s))).length).toBeGreaterThan(0);
  });

  // Each folder is one application, applied together, so it is validated as one file set.
  it.each(sets)('%s has no errors', async (set) => {
    const files = manifests(join(corpus, set)).map((p) => ({ path: relative(corpus, p), content: readFileSync(p, 'utf8') }));
    const diagnostics = await validateFiles(files);
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });

  it.each(sets)('%s also has no errors file by file', async (set) => {
    for (const p of manifests(join(corpus, set))) {
      const diagnostics = await validateFiles([{ path: relative(corpus, p), content: readFileSync(p, 'utf8') }]);
      expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    }
  });
});
