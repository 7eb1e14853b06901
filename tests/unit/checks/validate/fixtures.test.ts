// The fixture corpus: every valid manifest gives zero errors, and every invalid one gives
// exactly the diagnostics annotated in it (code, line, column), and no other error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

const root = fileURLToPath(new URL('../../../fixtures/manifests/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const validFiles = walk(join(root, 'valid'));
const invalidFiles = walk(join(root, 'invalid')).filter((f) => !f.endsWith('.expect'));

function expectationsOf(file: string, text: string): string[] {
  if (file.endsWith('.json')) return readFileSync(`${file}.expect`, 'utf8').trim().split('\n');
  return text.split('\n').filter((l) => l.startsWith('# expect: ')).map((l) => l.slice('# expect: '.length).trim());
}

describe('valid fixtures give no errors', () => {
  it('has at least 150 of them', () => {
    expect(validFiles.length).toBeGreaterThanOrEqual(150);
  });
  it.each(validFiles.map((f) => [relative(root, f), f]))('%s', async (name, file) => {
    const diagnostics = await validateFiles([{ path: name, content: readFileSync(file, 'utf8') }]);
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });
});

describe('invalid fixtures give their annotated diagnostics', () => {
  it('has at least 150 of them', () => {
    expect(invalidFiles.length).toBeGreaterThanOrEqual(150);
  });
  it.each(invalidFiles.map((f) => [relative(root, f), f]))('%s', async (name, file) => {
    const text = readFileSync(file, 'utf8');
    const expected = expectationsOf(file, text);
    expect(expected.length).toBeGreaterThan(0);
    const diagnostics = await validateFiles([{ path: name, content: text }]);
    const key = (d: { code: string; line?: number; column?: number }) => `${d.code} ${d.line ?? 0}:${d.column ?? 0}`;
    const got = diagnostics.map(key);
    const missing = expected.filter((e) => !got.includes(e));
    const unexpected = diagnostics.filter((d) => d.severity === 'error' && !expected.includes(key(d))).map(formatDiagnostic);
    expect({ missing, unexpected, all: missing.length || unexpected.length ? diagnostics.map(formatDiagnostic) : [] }).toEqual({ missing: [], unexpected: [], all: [] });
  });
});
