// The code table is the contract with the docs page: every code the validator can emit is
// documented, every documented code is emitted somewhere, and codes are well formed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODES, CODE_INDEX } from '../../../../src/checks/validate/codes.ts';
import { codeDocHref, CODE_SEVERITY } from '../../../../src/checks/validate/index.ts';

const src = fileURLToPath(new URL('../../../../src/checks/validate/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('codes.ts') ? [p] : [];
  });
}

const CODE = /['"`]((?:YAML|JSON|FILE|K8S|ECS|EKS|DF)\d{3})['"`]/g;
const emitted = new Set(sources(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => m[1] ?? '')));

describe('diagnostic codes', () => {
  it('are unique and well formed', () => {
    expect(CODES.map((c) => c.code)).toEqual([...new Set(CODES.map((c) => c.code))]);
    for (const c of CODES) {
      expect(c.code).toMatch(/^(YAML|JSON|FILE|K8S|ECS|EKS|DF)\d{3}$/);
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.summary.endsWith('.')).toBe(true);
      expect(c.fix.endsWith('.')).toBe(true);
      expect(c.example.text.length).toBeGreaterThan(0);
    }
  });

  it('cover every code the validator emits', () => {
    expect([...emitted].filter((c) => !CODE_INDEX.has(c)).sort()).toEqual([]);
  });

  it('are each emitted somewhere', () => {
    expect(CODES.map((c) => c.code).filter((c) => !emitted.has(c))).toEqual([]);
  });

  it('have the same default severity in the run-time table', () => {
    expect(CODE_SEVERITY).toEqual(Object.fromEntries(CODES.map((c) => [c.code, c.severity])));
  });

  it('link to their anchor on the docs page', () => {
    expect(codeDocHref('K8S001')).toBe('/docs/diagnostics/#k8s001');
    expect(codeDocHref('DF009')).toBe('/docs/diagnostics/#df009');
  });
});
