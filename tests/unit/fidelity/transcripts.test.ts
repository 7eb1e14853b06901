/**
 * Fidelity transcripts: each YAML file under tests/fixtures/transcripts/ holds commands
 * and the whole stdout, stderr and exit code that the real tool printed (recorded on a
 * real system, with ages and random names normalized). Every case runs in a fresh world.
 *
 * File format:
 *   world: linux | docker | kubernetes | aws
 *   source: where the expected outputs were recorded
 *   normalize: [ [regex, replacement], ... ]   # optional, applied to actual and expected
 *   cases:
 *     - name: ls of a missing file
 *       setup: |            # optional; run first, must succeed, output ignored
 *         mkdir -p /tmp/x
 *       run: ls /nope        # one command line (heredocs allowed)
 *       stdout: ""
 *       stderr: |
 *         ls: cannot access '/nope': No such file or directory
 *       exit: 2
 *       skip: reason          # optional, with the reason the case cannot pass yet
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WorldKind } from '../../../src/engine/world.ts';
import { newSession, runAll, runIn } from '../../helpers/run.ts';

interface Case {
  name: string;
  setup?: string;
  run: string;
  stdout?: string;
  stderr?: string;
  exit?: number;
  skip?: string;
  seed?: number;
}

interface TranscriptFile {
  world: WorldKind;
  source?: string;
  normalize?: [string, string][];
  cases: Case[];
}

const root = join(import.meta.dirname, '../../fixtures/transcripts');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.yaml') ? [p] : [];
  });
}

for (const file of files(root)) {
  const spec = parse(readFileSync(file, 'utf8')) as TranscriptFile;
  const rules = (spec.normalize ?? []).map(([re, to]) => [new RegExp(re, 'g'), to] as const);
  const norm = (s: string) => rules.reduce((acc, [re, to]) => acc.replace(re, to), s);
  describe(relative(root, file), () => {
    for (const c of spec.cases) {
      const test = c.skip ? it.skip : it;
      test(c.name, async () => {
        const session = newSession(spec.world, c.seed ?? 1);
        if (c.setup) await runAll(session, c.setup);
        const r = await runIn(session, c.run.replace(/\n$/, ''));
        expect({ stdout: norm(r.stdout), stderr: norm(r.stderr), exit: r.exitCode }).toEqual({
          stdout: norm(c.stdout ?? ''),
          stderr: norm(c.stderr ?? ''),
          exit: c.exit ?? 0,
        });
      });
    }
  });
}
