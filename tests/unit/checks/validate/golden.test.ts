// Golden files pin the exact wording of every diagnostic: one per code (its docs example)
// and the full output for the whole invalid fixture corpus. A changed word shows up here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import { CODES } from '../../../../src/checks/validate/codes.ts';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

const fixtures = fileURLToPath(new URL('../../../fixtures/manifests/invalid/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.expect') ? [] : [p];
  });
}

/** Codes whose docs example cannot be a real trigger, with the reason. */
const EXAMPLE_SKIPS: Record<string, string> = {
  YAML006: 'a file over the 2 MB limit does not fit on a docs page; covered in limits.test.ts',
  YAML010: 'a stream of 10,001 documents does not fit on a docs page; covered in limits.test.ts',
};

describe('every code', () => {
  it('has a docs example that produces it', async () => {
    const sections: string[] = [];
    const missing: string[] = [];
    for (const info of CODES) {
      if (EXAMPLE_SKIPS[info.code]) {
        sections.push(`## ${info.code} — skipped: ${EXAMPLE_SKIPS[info.code]}`);
        continue;
      }
      const diagnostics = await validateFiles([{ path: info.example.file, content: info.example.text }]);
      const own = diagnostics.filter((d) => d.code === info.code);
      if (own.length === 0) missing.push(info.code);
      sections.push(`## ${info.code} ${info.title}\n${own.map(formatDiagnostic).join('\n')}`);
    }
    expect(missing).toEqual([]);
    await expect(`${sections.join('\n\n')}\n`).toMatchFileSnapshot('./golden/codes.txt');
  });

  it('keeps the invalid corpus output word for word', async () => {
    const out: string[] = [];
    for (const file of walk(fixtures)) {
      const name = relative(fixtures, file);
      const diagnostics = await validateFiles([{ path: name, content: readFileSync(file, 'utf8') }]);
      out.push(diagnostics.map(formatDiagnostic).join('\n'));
    }
    await expect(`${out.join('\n\n')}\n`).toMatchFileSnapshot('./golden/invalid-corpus.txt');
  });
});
