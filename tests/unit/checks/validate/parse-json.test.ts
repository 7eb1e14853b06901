// parseJsonDocument: positions for every value and plain-language syntax errors.
import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../../../src/checks/validate/index.ts';

function firstError(text: string): string {
  const d = parseJsonDocument(text, 't.json').diagnostics[0];
  return d ? `${d.code} ${d.line}:${d.column} ${d.message} | ${d.hint}` : 'none';
}

describe('parseJsonDocument', () => {
  it('parses values and locates them', () => {
    const r = parseJsonDocument('{\n  "a": [1, {"b": "c"}],\n  "d": null\n}\n', 't.json');
    expect(r.diagnostics).toEqual([]);
    const [doc] = r.docs;
    expect(doc?.value).toEqual({ a: [1, { b: 'c' }], d: null });
    expect(doc?.locate(['a', 1, 'b'])).toEqual({ line: 2, column: 18 });
    expect(doc?.locateKey(['a', 1, 'b'])).toEqual({ line: 2, column: 13 });
    expect(doc?.locateKey(['d'])).toEqual({ line: 3, column: 3 });
    expect(doc?.sourceOf(['a', 0])).toBe('1');
    expect(doc?.locate(['x'])).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 'JSON001 1:8 trailing comma before "}" | JSON does not allow a comma after the last entry; remove it.'],
    ['[1, 2,]', 'JSON001 1:6 trailing comma before "]" | JSON does not allow a comma after the last item; remove it.'],
    ['{"a": 1\n "b": 2}', 'JSON001 1:8 missing "," after the value of "a" | Separate entries with commas: add one at the end of line 1.'],
    ['[{"a": 1}\n {"a": 2}]', 'JSON001 1:10 missing "," between list items | Separate items with commas: add one at the end of line 1.'],
    ["{'a': 1}", 'JSON001 1:2 property names must use double quotes, not single quotes | Replace the \' quotes with ".'],
    ['{a: 1}', 'JSON001 1:2 property name a is not in double quotes | Write "a": …'],
    ['{"a": True}', 'JSON001 1:7 unexpected word True | JSON literals are lowercase: write true.'],
    ['{"a": None}', 'JSON001 1:7 unexpected word None | JSON has no such value; write null, or leave the key out.'],
    ['{"a": 01}', 'JSON001 1:7 invalid number 01 | JSON numbers have no leading zeros, + signs, or units; quote it if it is text.'],
    ['{"a": "x\ny"}', 'JSON001 1:7 this string is not closed before the end of the line | Add the closing ", or write a line break inside a string as \\n.'],
    ['{"a": "\\q"}', 'JSON001 1:8 invalid escape \\q in a string | In JSON a backslash starts an escape such as \\n or \\"; write a literal backslash as \\\\.'],
    ['{"a": 1} {"b": 2}', 'JSON001 1:10 unexpected "{" after the end of the JSON value | A JSON file holds one value. Remove the extra text, or check for a } closed too early.'],
    ['{"a": [1, 2}', 'JSON001 1:12 expected "," or "]" in a list, found "}" | Separate items with commas and close the list with ].'],
    ['{"a": {"b": 1}', 'JSON001 1:1 this { is never closed | Add the closing } at the end of the object, and check that the brackets inside it are balanced.'],
    ['  ', 'JSON001 1:1 the file is empty | A JSON file must hold one value, usually an object in { }.'],
    ['{"a" 1}', 'JSON001 1:6 missing ":" after property name "a" | Write "a": value.'],
    ['/* c */ {}', 'JSON001 1:1 JSON does not allow comments | Remove the comment. To document a task definition, use tags or a README beside it.'],
  ])('%j → %s', (text, expected) => {
    expect(firstError(text)).toBe(expected);
  });

  it('warns about duplicate keys and keeps the last, as the AWS CLI does', () => {
    const r = parseJsonDocument('{\n  "a": 1,\n  "a": 2\n}', 'd.json');
    expect(r.docs[0]?.value).toEqual({ a: 2 });
    expect(r.diagnostics).toEqual([{
      code: 'JSON002', severity: 'warning', file: 'd.json', line: 3, column: 3,
      message: 'duplicate key "a" (first defined on line 2); the last one wins',
      hint: 'Delete one of them so the file says what it means.',
    }]);
  });

  it('refuses __proto__ keys and never pollutes Object.prototype', () => {
    const r = parseJsonDocument('{"__proto__": {"polluted": true}}', 'p.json');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(r.docs).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(['YAML008 1:2 key "__proto__" is not allowed']);
  });

  it('refuses nesting past the depth limit without overflowing the stack', () => {
    const r = parseJsonDocument(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'deep.json');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(['JSON001 1:66 the JSON nests deeper than 64 levels']);
  });
});
