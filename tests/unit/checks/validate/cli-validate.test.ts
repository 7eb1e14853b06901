// `hatchway validate`: output formats, exit codes, directory expansion and usage errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../bin/commands/validate.ts';

const fixtures = fileURLToPath(new URL('../../../fixtures/manifests/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hatchway-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const read: string[] = [];
  const code = await run(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    readFile: async (p) => {
      read.push(p);
      return readFileSync(p, 'utf8');
    },
  });
  return { code, out, err, read };
}

describe('hatchway validate', () => {
  it('prints PATH:LINE:COL: severity CODE message and a hint, and exits 1 on an error', async () => {
    const file = join(tmp, 'deploy.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\nimmutable: yes\nbinaryData:\n  b: 1\n');
    expect(await cli([file])).toEqual({
      code: 1,
      out: [
        `${file}:7:12: warning YAML005 value yes is read as the boolean true by Kubernetes (YAML 1.1) but as the string "yes" by YAML 1.2 tools`,
        '  hint: Quote it ("yes") if you mean text; write true if you mean a boolean.',
        `${file}:9:6: error K8S003 binaryData.b must be a string, not the integer 1`,
        '  hint: Quote it: b: "1".',
        '',
      ].join('\n'),
      err: '',
      read: [file],
    });
  });

  it('prints a JSON array with --format json', async () => {
    const file = join(fixtures, 'invalid/ecs/memory-string.json');
    const r = await cli(['--format', 'json', file]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([{
      code: 'ECS003', severity: 'error', file, line: 14, column: 17, path: 'containerDefinitions[0].memory',
      message: "Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class 'str'>, valid types: <class 'int'>",
      hint: 'Remove the quotes: "memory": 512.',
    }]);
  });

  it('expands directories and exits 0 when there are only warnings or nothing', async () => {
    const r = await cli([join(fixtures, 'valid/eksctl'), `--format=text`]);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    expect(r.read.length).toBe(15);
    expect(r.read.every((p) => p.endsWith('.yaml'))).toBe(true);
  });

  it('refuses a file over the size limit from its size, without reading it', async () => {
    const file = join(tmp, 'huge.yaml');
    writeFileSync(file, `a: ${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(await cli([file])).toEqual({
      code: 1,
      out: `${file}:1:1: error YAML006 the file is 3.0 MB; the validator reads at most 2.0 MB\n  hint: Split the manifests into several smaller files.\n`,
      err: '',
      read: [],
    });
  });

  it.each([
    [[], 'hatchway validate: no files given\nUsage: hatchway validate [--format text|json] PATH...\n'],
    [['--format', 'xml', 'a.yaml'], 'hatchway validate: --format must be text or json, not "xml"\nUsage: hatchway validate [--format text|json] PATH...\n'],
    [['--strict', 'a.yaml'], 'hatchway validate: unknown option --strict\nUsage: hatchway validate [--format text|json] PATH...\n'],
    [['/nonexistent/x.yaml'], 'hatchway validate: /nonexistent/x.yaml: no such file or directory\n'],
  ])('exits 2 on usage errors: %j', async (args, err) => {
    expect(await cli(args)).toEqual({ code: 2, out: '', err, read: [] });
  });

  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Usage: hatchway validate [--format text|json] PATH...');
  });
});
