// The `hatchway` launcher runs the prebuilt bundle (bin/bundle.mjs): these tests build it,
// run the CLI with tsx blocked (tests/unit/cli/module-hook.mjs), and check that a stale
// bundle is refused.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, DIST, freshEntry } from '../../../bin/bundle.mjs';
import { aliasBomb } from '../../../src/checks/validate/bench.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const hook = fileURLToPath(new URL('./module-hook.mjs', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hatchway-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `node bin/hatchway.mjs ...args`; `modules` lists every module it loaded. */
function hatchway(args: string[], stdin = '') {
  const log = join(tmp, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', hook, 'bin/hatchway.mjs', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, HATCHWAY_MODULE_LOG: log },
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status, modules };
}

/** The bundle's chunks a run loaded that hold a world kind (esbuild marks each module's source path). */
function worldKindChunks(modules: string[]): string[] {
  return modules
    .filter((u) => u.startsWith('file:') && fileURLToPath(u).startsWith(DIST))
    .filter((u) => readFileSync(fileURLToPath(u), 'utf8').includes('// src/engine/kinds/'))
    .map((u) => basename(u));
}

beforeAll(async () => {
  await buildBundle();
}, 300_000);

describe('the hatchway launcher', () => {
  it('runs validate from the bundle, without loading the world kinds', () => {
    const manifest = 'tests/fixtures/manifests/invalid/kubernetes/kind-typo.yaml';
    const dockerfile = 'tests/fixtures/manifests/invalid/dockerfile/latest.Dockerfile';
    const r = hatchway(['validate', manifest, dockerfile]);
    expect({ ...r, modules: undefined }).toEqual({
      stdout: [
        `${dockerfile}:2:13: warning DF002 base image "python:latest" uses the latest tag`,
        '  hint: Pin a version instead of latest, for example FROM python:<version>.',
        `${manifest}:3:7: error K8S007 no matches for kind "Deployement" in version "apps/v1" — did you mean "Deployment"?`,
        '  hint: Kinds are case-sensitive. Write kind: Deployment.',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 1,
      modules: undefined,
    });
    expect(worldKindChunks(r.modules)).toEqual([]);
  });

  it('loads the world kinds for shell, which needs them', () => {
    const r = hatchway(['shell', '--world', 'linux'], 'echo hi\n');
    expect({ ...r, modules: undefined }).toEqual({ stdout: 'learner@hatchway:~$ echo hi\nhi\n', stderr: '', exitCode: 0, modules: undefined });
    expect(worldKindChunks(r.modules).length).toBeGreaterThan(0);
  });

  it('refuses a 100 MB file and an alias bomb', () => {
    const huge = join(tmp, 'huge.yaml');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024); // sparse: the size is all the check reads
    closeSync(fd);
    const bomb = join(tmp, 'bomb.yaml');
    writeFileSync(bomb, aliasBomb());
    expect({ ...hatchway(['validate', huge, bomb]), modules: undefined }).toEqual({
      stdout: [
        `${bomb}:4:8: error YAML007 too many aliases: expanding *c takes this document past 100 alias expansions`,
        '  hint: Aliases that expand into more aliases can grow exponentially ("billion laughs"). Write the values out or use fewer nested aliases.',
        `${huge}:1:1: error YAML006 the file is 100.0 MB; the validator reads at most 2.0 MB`,
        '  hint: Split the manifests into several smaller files.',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 1,
      modules: undefined,
    });
  });

  it('does not use a bundle built from files that changed since', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { entry: string; inputs: Record<string, [number, number]> };
    const copy = mkdtempSync(join(tmp, 'dist-'));
    symlinkSync(join(DIST, dirname(manifest.entry)), join(copy, dirname(manifest.entry)));
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    expect(freshEntry(copy)).toBe(join(copy, manifest.entry));
    const [file, [mtime, size]] = Object.entries(manifest.inputs).find(([f]) => f === 'src/checks/validate/index.ts')!;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, inputs: { ...manifest.inputs, [file]: [mtime, size + 1] } }));
    expect(freshEntry(copy)).toBeUndefined();
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, inputs: { ...manifest.inputs, [file]: [mtime - 1, size] } }));
    expect(freshEntry(copy)).toBeUndefined();
  });
});
