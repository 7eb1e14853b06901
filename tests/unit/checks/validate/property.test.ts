// Property tests: random and mutated input through the whole pipeline never throws, and
// every error it reports is located inside the file and carries a documented code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../../../src/checks/diagnostic.ts';
import { CODE_INDEX } from '../../../../src/checks/validate/codes.ts';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

const SEED = 20261122;
const root = fileURLToPath(new URL('../../../fixtures/manifests/valid/', import.meta.url));
function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}
const seeds = walk(root).map((p) => ({ path: p.slice(root.length), content: readFileSync(p, 'utf8') }));

/** Every diagnostic is documented; every error has a position inside the text. */
function wellFormed(text: string, ds: Diagnostic[]): boolean {
  const lines = text.split('\n').length;
  return ds.every((d) => {
    if (!CODE_INDEX.has(d.code) || (d.severity !== 'error' && d.severity !== 'warning') || d.message.length === 0) return false;
    if (d.severity === 'warning') return true;
    return d.line !== undefined && d.column !== undefined && d.line >= 1 && d.line <= lines + 1 && d.column >= 1;
  });
}

const yamlChar = fc.constantFrom(...'ab:- \n\t[]{}&*\'"#|>,?!%@`~0123456789yesonfalse\\'.split(''));
const yamlText = fc.array(yamlChar, { maxLength: 300 }).map((cs) => cs.join(''));

const mutation = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'indent', 'dedent', 'duplicate-line', 'swap-lines', 'tab'),
  at: fc.nat(),
  other: fc.nat(),
  ch: yamlChar,
});

function mutate(text: string, ms: { kind: string; at: number; other: number; ch: string }[]): string {
  let t = text;
  for (const m of ms) {
    const lines = t.split('\n');
    const i = lines.length ? m.at % lines.length : 0;
    const j = lines.length ? m.other % lines.length : 0;
    const pos = t.length ? m.at % t.length : 0;
    switch (m.kind) {
      case 'delete': t = t.slice(0, pos) + t.slice(pos + 1); break;
      case 'insert': t = t.slice(0, pos) + m.ch + t.slice(pos); break;
      case 'indent': lines[i] = ` ${lines[i] ?? ''}`; t = lines.join('\n'); break;
      case 'dedent': lines[i] = (lines[i] ?? '').replace(/^ /, ''); t = lines.join('\n'); break;
      case 'duplicate-line': lines.splice(i, 0, lines[i] ?? ''); t = lines.join('\n'); break;
      case 'swap-lines': [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? '']; t = lines.join('\n'); break;
      case 'tab': lines[i] = `\t${lines[i] ?? ''}`; t = lines.join('\n'); break;
    }
  }
  return t;
}

describe('the pipeline on random input', () => {
  it('never throws on random YAML-ish text', async () => {
    await fc.assert(fc.asyncProperty(yamlText, async (text) => {
      const ds = await validateFiles([{ path: 'random.yaml', content: text }]);
      expect(wellFormed(text, ds)).toBe(true);
    }), { seed: SEED, numRuns: 300 });
  });

  it('never throws on mutated valid manifests, ECS JSON and Dockerfiles', async () => {
    await fc.assert(fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (n, ms) => {
      const seed = seeds[n];
      if (!seed) return;
      const text = mutate(seed.content, ms);
      const ds = await validateFiles([{ path: seed.path, content: text }]);
      expect(wellFormed(text, ds)).toBe(true);
    }), { seed: SEED, numRuns: 400 });
  });

  it('never throws on arbitrary data under a Kubernetes header', async () => {
    const kinds = fc.constantFrom(['v1', 'Pod'], ['apps/v1', 'Deployment'], ['v1', 'Service'], ['batch/v1', 'CronJob'], ['v1', 'ConfigMap'], ['eksctl.io/v1alpha5', 'ClusterConfig']);
    const value = fc.anything({ maxDepth: 4, withNullPrototype: false, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false, withObjectString: false });
    await fc.assert(fc.asyncProperty(kinds, fc.dictionary(fc.constantFrom('metadata', 'spec', 'data', 'status', 'items', 'x'), value), async ([apiVersion, kind], body) => {
      const text = stringify({ apiVersion, kind, ...body });
      const ds = await validateFiles([{ path: 'any.yaml', content: text }]);
      expect(wellFormed(text, ds)).toBe(true);
    }), { seed: SEED, numRuns: 300 });
  });

  it('never throws on arbitrary JSON given as a task definition', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => {
      const text = JSON.stringify({ family: 'x', containerDefinitions: [v], cpu: v });
      const ds = await validateFiles([{ path: 'td.json', content: text }]);
      expect(wellFormed(text, ds)).toBe(true);
    }), { seed: SEED, numRuns: 300 });
  });

  it('never pollutes Object.prototype', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('__proto__', 'constructor', 'prototype'), yamlText, async (key, rest) => {
      const text = `${key}:\n  polluted: yes\n${rest}`;
      await validateFiles([{ path: 'p.yaml', content: text }, { path: 'p.json', content: `{"${key}": {"polluted": true}}` }]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }), { seed: SEED, numRuns: 100 });
  });
});
