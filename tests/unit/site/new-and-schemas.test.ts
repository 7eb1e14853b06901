import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../bin/cli.ts';
import { LABS_DIR } from '../../../bin/lib/labs.ts';
import { lessonSchema } from '../../../src/lib/lesson-schema.ts';
import { lessonMdx } from '../../../bin/commands/new.ts';
import { schemaFiles, SCHEMA_DIR } from '../../../scripts/gen-schemas.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), readStdin: async () => '', readFile: async () => '', stdinIsTTY: false },
    get out() { return out; },
    get err() { return err; },
  };
}

// A unique name so a concurrent build or test never sees a half-made lab of someone else's.
const NAME = `demo-${process.pid}`;
afterEach(() => rmSync(join(LABS_DIR, NAME), { recursive: true, force: true }));

describe('hatchway new', () => {
  it('scaffolds a lab that passes `hatchway labs test` from the start', async () => {
    const made = capture();
    expect(await main(['new', 'lab', NAME], made.io)).toBe(0);
    expect(made.out).toBe(`created labs/${NAME}/lab.yaml\nnext: npx hatchway labs test ${NAME}   (add --watch to re-run on save)\n`);
    const tested = capture();
    const status = await main(['labs', 'test', NAME], tested.io);
    expect(tested.out).toBe(
      `✓ ${NAME}\n    ✓ fresh setup: greeting fails (LAB001)\n    ✓ solution: greeting passes\n    ✓ mistake "wrote something else": greeting fails with LAB004\n\n1 passed, 0 failed\n`,
    );
    expect(status).toBe(0);
  });

  it('refuses bad names and existing labs with a message that says what to do', async () => {
    const bad = capture();
    expect(await main(['new', 'lab', 'Bad_Name'], bad.io)).toBe(2);
    expect(bad.err).toBe('hatchway new: "Bad_Name" is not a valid name: use lower-case letters, digits and dashes, like "pod-basics"\n');
    const exists = capture();
    expect(await main(['new', 'lab', 'hello-pod'], exists.io)).toBe(1);
    expect(exists.err).toBe('hatchway new: labs/hello-pod already exists; pick another name or edit it\n');
  });

  it('scaffolds lesson frontmatter that the strict lesson schema accepts', () => {
    const text = lessonMdx('Pods and nodes', 3, 'hello-pod');
    const front = parse(text.split('---')[1]!);
    expect(lessonSchema.parse(front)).toEqual({ title: 'Pods and nodes', description: expect.any(String), order: 3, lab: 'hello-pod', draft: false });
  });
});

describe('JSON Schemas', () => {
  it('schemas/*.json are generated from the zod schemas and up to date (run `npm run schemas`)', () => {
    for (const [name, text] of Object.entries(schemaFiles())) {
      expect(existsSync(join(SCHEMA_DIR, name)), `schemas/${name} is missing`).toBe(true);
      expect(readFileSync(join(SCHEMA_DIR, name), 'utf8')).toBe(text);
    }
  });
});
