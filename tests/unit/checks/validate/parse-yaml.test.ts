// parseYamlDocuments: Kubernetes' YAML 1.1 reading, positions, guarded keys, refusals.
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../../../src/checks/validate/index.ts';
import { resolveKubernetes, resolveYaml12 } from '../../../../src/checks/validate/yaml/scalars.ts';

describe('scalars', () => {
  it.each([
    ['yes', true, 'yes'], ['No', false, 'No'], ['on', true, 'on'], ['OFF', false, 'OFF'], ['y', true, 'y'], ['n', false, 'n'],
    ['true', true, true], ['False', false, false], ['~', null, null], ['null', null, null], ['', null, null],
    ['0644', 420, 644], ['0o17', 15, 15], ['0x1F', 31, 31], ['0X1F', 31, '0X1F'], ['1_000', 1000, '1_000'], ['0b101', 5, '0b101'],
    ['08', 8, 8], ['1e3', 1000, 1000], ['.5', 0.5, 0.5], ['-12', -12, -12], ['+7', 7, 7],
    ['1:20', '1:20', '1:20'], ['2001-12-14', '2001-12-14', '2001-12-14'], ['1.0', 1, 1], ['nginx:1.27', 'nginx:1.27', 'nginx:1.27'],
  ])('%j reads as %j in Kubernetes and %j in YAML 1.2', (source, k8s, y12) => {
    expect(resolveKubernetes(source)).toStrictEqual(k8s);
    expect(resolveYaml12(source)).toStrictEqual(y12);
  });
});

describe('parseYamlDocuments', () => {
  it('reads values the way kubectl sends them to the API server', () => {
    const r = parseYamlDocuments('a: yes\nb: 0644\nc: "yes"\nd: !!str 0644\non: 1\ne: 1.50\nf: |\n  line\n', 'x.yaml');
    expect(r.docs.map((d) => d.value)).toEqual([{ a: true, b: 420, c: 'yes', d: '0644', true: 1, e: 1.5, f: 'line\n' }]);
    expect(r.diagnostics).toEqual([
      {
        code: 'YAML005', severity: 'warning', file: 'x.yaml', line: 1, column: 4, path: 'a',
        message: 'value yes is read as the boolean true by Kubernetes (YAML 1.1) but as the string "yes" by YAML 1.2 tools',
        hint: 'Quote it ("yes") if you mean text; write true if you mean a boolean.',
      },
      {
        code: 'YAML005', severity: 'warning', file: 'x.yaml', line: 2, column: 4, path: 'b',
        message: 'value 0644 is read as the number 420 by Kubernetes (YAML 1.1) but as the number 644 by YAML 1.2 tools',
        hint: 'If you mean the file mode 0644, write it as decimal 420 (or quote it if you mean text); every tool reads that the same way.',
      },
      {
        code: 'YAML005', severity: 'warning', file: 'x.yaml', line: 5, column: 1,
        message: 'key on is read as the boolean true by Kubernetes (YAML 1.1) but as the string "on" by YAML 1.2 tools',
        hint: 'Quote it ("on") if you mean text; write true if you mean a boolean.',
      },
    ]);
  });

  it('locates values, keys and sources through aliases and merge keys', () => {
    const text = 'base: &b\n  image: nginx:1.27\n  port: 80\nweb:\n  <<: *b\n  port: 8080\nlist:\n- one\n- two\n';
    const [doc] = parseYamlDocuments(text, 'x.yaml').docs;
    expect(doc?.value).toEqual({ base: { image: 'nginx:1.27', port: 80 }, web: { port: 8080, image: 'nginx:1.27' }, list: ['one', 'two'] });
    expect(doc?.locate(['web', 'port'])).toEqual({ line: 6, column: 9 });
    expect(doc?.locateKey(['web', 'port'])).toEqual({ line: 6, column: 3 });
    expect(doc?.locate(['web', 'image'])).toEqual({ line: 2, column: 10 });
    expect(doc?.locate(['list', 1])).toEqual({ line: 9, column: 3 });
    expect(doc?.locate(['list', 2])).toBeUndefined();
    expect(doc?.locate(['nope'])).toBeUndefined();
    expect(doc?.sourceOf(['base', 'port'])).toBe('80');
    expect(doc?.start).toEqual({ line: 1, column: 1 });
  });

  it('keeps each document with its index and skips empty ones', () => {
    const r = parseYamlDocuments('# only a comment\n---\na: 1\n---\n---\nb: [\n---\nc: 3\n', 'm.yaml');
    expect(r.docs.map((d) => [d.index, d.value, d.start])).toEqual([
      [0, { a: 1 }, { line: 3, column: 1 }],
      [3, { c: 3 }, { line: 8, column: 1 }],
    ]);
    expect(r.diagnostics).toEqual([{
      code: 'YAML001', severity: 'error', file: 'm.yaml', line: 6, column: 4,
      message: 'this [ is never closed',
      hint: 'Add the closing ], or remove the opening [. Text containing quotes can be wrapped in the other kind of quote.',
    }]);
  });

  it('skips a document that is empty or an empty null, and keeps an empty string', () => {
    const r = parseYamlDocuments('!!null\n---\n!!null ""\n---\n""\n---\n!!str\n---\n|\n', 'e.yaml');
    expect(r.docs.map((d) => [d.index, d.value])).toEqual([[2, ''], [3, ''], [4, '']]);
    expect(r.diagnostics).toEqual([]);
  });

  it('honours explicit tags on scalars and keys', () => {
    const r = parseYamlDocuments('a: !!int "5"\nb: !!bool "true"\nc: !!null x\nd: !!float "1.5"\ne: !!str 0644\n!!int "7": f\n', 't.yaml');
    expect(r.docs.map((d) => d.value)).toEqual([{ a: 5, b: 'true', c: null, d: 1.5, e: '0644', 7: 'f' }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('never lets __proto__ or constructor reach an object', () => {
    const r = parseYamlDocuments('a:\n  __proto__:\n    polluted: yes\n  constructor: x\n  ok: 1\n', 'p.yaml');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(r.docs).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([
      'YAML008 2:3 key "__proto__" is not allowed',
      'YAML008 4:3 key "constructor" is not allowed',
    ]);
  });

  it('builds plain objects whose keys are all own properties', () => {
    const [doc] = parseYamlDocuments('toString: 1\nhasOwnProperty: 2\n', 'k.yaml').docs;
    const v = doc?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['toString', 'hasOwnProperty']);
    expect(v['toString']).toBe(1);
  });

  it('refuses input over the size limit before parsing', () => {
    const r = parseYamlDocuments(`a: ${'x'.repeat(3 * 1024 * 1024)}\n`, 'big.yaml');
    expect(r).toEqual({
      docs: [],
      diagnostics: [{
        code: 'YAML006', severity: 'error', file: 'big.yaml', line: 1, column: 1,
        message: 'the file is 3.0 MB; the validator reads at most 2.0 MB',
        hint: 'Split the manifests into several smaller files.',
      }],
    });
  });

  it('counts multi-byte characters when measuring size', () => {
    const r = parseYamlDocuments(`a: ${'é'.repeat(1.5 * 1024 * 1024)}\n`, 'utf8.yaml');
    expect(r.diagnostics[0]?.message).toBe('the file is 3.0 MB; the validator reads at most 2.0 MB');
  });

  it('stops an alias bomb at the first expansion past the limit', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [n, p] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) bomb.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(', ')}]`);
    const r = parseYamlDocuments(`${bomb.join('\n')}\n`, 'bomb.yaml');
    expect(r.docs).toEqual([]);
    expect(r.diagnostics).toEqual([{
      code: 'YAML007', severity: 'error', file: 'bomb.yaml', line: 4, column: 8, path: 'd[0]',
      message: 'too many aliases: expanding *c takes this document past 100 alias expansions',
      hint: 'Aliases that expand into more aliases can grow exponentially ("billion laughs"). Write the values out or use fewer nested aliases.',
    }]);
  });

  it('allows a handful of ordinary aliases and shares their values', () => {
    const [doc] = parseYamlDocuments('base: &x {a: 1}\none: *x\ntwo: *x\n', 'a.yaml').docs;
    const v = doc?.value as Record<string, unknown>;
    expect(v['one']).toEqual({ a: 1 });
    expect(v['two']).toBe(v['one']);
  });

  it('reports an alias that refers to its own parent', () => {
    const r = parseYamlDocuments('a: &a\n  b: *a\n', 'r.yaml');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(['YAML011 2:6 alias *a refers to a value that contains it']);
  });

  it('refuses documents nested deeper than the limit', () => {
    const r = parseYamlDocuments(`${'['.repeat(80)}${']'.repeat(80)}\n`, 'deep.yaml');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(['YAML009 1:66 the document nests deeper than 64 levels']);
  });

  it('treats duplicate keys after YAML 1.1 conversion as duplicates', () => {
    const r = parseYamlDocuments('a:\n  "true": 1\n  on: 2\n', 'd.yaml');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([{
      code: 'YAML002', severity: 'error', file: 'd.yaml', line: 3, column: 3, path: 'a.true',
      message: 'duplicate key "true" (first defined on line 2)',
      hint: 'Kubernetes rejects a key that appears twice in one mapping. Delete one of them or merge their values.',
    }]);
  });

  it('can be told not to warn about YAML 1.1 values', () => {
    expect(parseYamlDocuments('a: yes\n', 'x.yaml', { warnYaml11: false }).diagnostics).toEqual([]);
  });

  it('applies severity overrides', () => {
    const r = parseYamlDocuments('a: yes\n', 'x.yaml', { severity: { YAML005: 'error' } });
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(parseYamlDocuments('a: yes\n', 'x.yaml', { severity: { YAML005: 'off' } }).diagnostics).toEqual([]);
  });
});
