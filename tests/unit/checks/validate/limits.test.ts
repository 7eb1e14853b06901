// The bounds from limits.ts, met with a clear message: a 100 MB file, 10,001 documents,
// an alias bomb. (Their timing is measured by the bench, not asserted here.)
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import { aliasBomb, benchValidator, manifestStream } from '../../../../src/checks/validate/bench.ts';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

describe('limits', () => {
  it('refuses a 100 MB file with its size and the limit', async () => {
    const ds = await validateFiles([{ path: 'huge.yaml', content: `a: ${'x'.repeat(100 * 1024 * 1024)}\n` }]);
    expect(ds.map(formatDiagnostic)).toEqual([
      'huge.yaml:1:1: error YAML006 the file is 100.0 MB; the validator reads at most 2.0 MB\n  hint: Split the manifests into several smaller files.',
    ]);
  });

  it('refuses a 100 MB JSON file and Dockerfile the same way', async () => {
    const big = `{"a": "${'x'.repeat(3 * 1024 * 1024)}"}`;
    const ds = await validateFiles([{ path: 'td.json', content: big }, { path: 'Dockerfile', content: `FROM x\n#${'x'.repeat(3 * 1024 * 1024)}` }]);
    expect(ds.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([
      'Dockerfile YAML006 the Dockerfile is 3.0 MB; the validator reads at most 2.0 MB',
      'td.json YAML006 the file is 3.0 MB; the validator reads at most 2.0 MB',
    ]);
  });

  it('refuses a stream of more than 10,000 documents', async () => {
    const ds = await validateFiles([{ path: 'many.yaml', content: 'a: 1\n---\n'.repeat(10_001) }]);
    expect(ds.map(formatDiagnostic)).toEqual([
      'many.yaml:1:1: error YAML010 the file holds at least 10001 documents; the validator reads at most 10000\n  hint: Split the stream into several files.',
    ]);
  });

  it('refuses the classic billion-laughs bomb', async () => {
    const ds = await validateFiles([{ path: 'bomb.yaml', content: aliasBomb() }]);
    expect(ds.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '4:8 YAML007 too many aliases: expanding *c takes this document past 100 alias expansions',
    ]);
  });

  it('builds the bench stream with the number of documents asked for, all valid', async () => {
    const stream = manifestStream(7);
    expect(stream.split('---\n').length).toBe(7);
    expect(await validateFiles([{ path: 's.yaml', content: stream }])).toEqual([]);
  });

  it('reports each bench workload with what it produced', async () => {
    let t = 0;
    const results = await benchValidator(() => (t += 1), 20);
    expect(results.map((r) => [r.name, r.ms, r.detail, r.budgetMs])).toEqual([
      ['validate 20 documents', 1, '0 diagnostics', 2000],
      ['refuse a 100 MB file', 1, 'the file is 100.0 MB; the validator reads at most 2.0 MB', 200],
      ['refuse an alias bomb', 1, 'too many aliases: expanding *c takes this document past 100 alias expansions', 200],
    ]);
  });
});
