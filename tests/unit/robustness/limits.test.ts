/**
 * Every bound in limits.ts that learner input can reach: hitting it gives a clear message
 * and a non-zero status, never a hang, and the world stays usable afterwards.
 */
import { describe, expect, it } from 'vitest';
import { writeLearnerFiles } from '../../../src/checks/lab/lab-world.ts';
import { spawn } from '../../../src/engine/kernel/process.ts';
import { LIMITS } from '../../../src/engine/limits.ts';
import { TRUNCATED_MESSAGE } from '../../../src/engine/shell/output.ts';
import type { Session } from '../../../src/engine/shell/session.ts';
import { newSession, runIn } from '../../helpers/run.ts';

const MiB = 1024 * 1024;

async function stillUsable(s: Session): Promise<void> {
  expect(await runIn(s, 'echo still-here')).toEqual({ stdout: 'still-here\n', stderr: '', exitCode: 0 });
}

/** Temporarily lowers a limit (the engine reads LIMITS at run time), so a test needs no 200,000 objects. */
async function withLimit<T>(name: keyof typeof LIMITS, value: number, fn: () => Promise<T>): Promise<T> {
  const limits = LIMITS as Record<string, number>;
  const saved = limits[name]!;
  limits[name] = value;
  try {
    return await fn();
  } finally {
    limits[name] = saved;
  }
}

describe('shell limits', () => {
  it('stops an endless loop after LIMITS.loopIterations with a message', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'while true; do :; done')).toEqual({
      stdout: '',
      stderr: `hatchway: loop stopped after ${LIMITS.loopIterations} iterations (the lab's limit, so the terminal stays responsive)\n`,
      exitCode: 1,
    });
    await stillUsable(s);
  });

  it('cuts a command’s output at LIMITS.outputBytes and says so once', async () => {
    const s = newSession('linux');
    const line = 'y'.repeat(199);
    const r = await runIn(s, `while true; do echo ${line}; done`);
    expect(r.stdout.length).toBe(LIMITS.outputBytes);
    expect(r.stderr).toBe(`\n${TRUNCATED_MESSAGE}hatchway: loop stopped after ${LIMITS.loopIterations} iterations (the lab's limit, so the terminal stays responsive)\n`);
    expect(TRUNCATED_MESSAGE).toBe('hatchway: output truncated after 1 MiB\n');
    await stillUsable(s);
  });

  it('refuses to nest command substitutions without bound', async () => {
    const s = newSession('linux');
    const deep = `${'$(echo '.repeat(LIMITS.shellDepth + 8)}hi${')'.repeat(LIMITS.shellDepth + 8)}`;
    const r = await runIn(s, `echo ${deep}`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/^bash: .*(nesting|too deep|maximum)/);
    await stillUsable(s);
  });

  it('stops endless recursion at the function nesting bound', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'f() { f; }; f')).toEqual({ stdout: '', stderr: `bash: f: maximum function nesting level exceeded (${LIMITS.shellDepth})\n`, exitCode: 1 });
    await stillUsable(s);
  });

  it('rejects a command line longer than LIMITS.commandLineChars', async () => {
    const s = newSession('linux');
    const r = await runIn(s, `echo ${'a'.repeat(LIMITS.commandLineChars + 1)}`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/too long/);
    await stillUsable(s);
  });
});

describe('filesystem limits', () => {
  it('refuses to grow a file past LIMITS.fileBytes with "File too large"', async () => {
    const s = newSession('linux');
    writeLearnerFiles(s.world, { chunk: 'x'.repeat(MiB - 1) + '\n' });
    const appends = Math.ceil(LIMITS.fileBytes / MiB) + 1;
    const r = await runIn(s, `for i in ${Array.from({ length: appends }, (_, i) => i).join(' ')}; do cat chunk >> big; done`);
    expect(r.stderr).toBe('cat: write error: File too large\n');
    expect((await runIn(s, 'ls -l big')).stdout).toMatch(new RegExp(` ${LIMITS.fileBytes} `));
    await stillUsable(s);
  });

  it('refuses to fill the disk past LIMITS.totalFsBytes with "No space left on device"', async () => {
    const s = newSession('linux');
    writeLearnerFiles(s.world, { chunk: 'x'.repeat(MiB - 1) + '\n' });
    const files = LIMITS.totalFsBytes / MiB + 2;
    const r = await runIn(s, `for i in ${Array.from({ length: files }, (_, i) => i).join(' ')}; do cat chunk > f$i || break; done`);
    expect(r.stderr).toBe('cat: write error: No space left on device\n');
    expect(r.exitCode).toBe(0);
    // Deleting files frees the space again.
    await runIn(s, 'rm -f f*');
    expect(await runIn(s, 'cat chunk > again && echo written')).toEqual({ stdout: 'written\n', stderr: '', exitCode: 0 });
  });

  // A redirect holds what a file may hold (LIMITS.fileBytes), not the terminal's output limit.
  it('does not silently truncate output redirected to a file', async () => {
    const s = newSession('linux');
    writeLearnerFiles(s.world, { chunk: 'x'.repeat(MiB - 1) + '\n' });
    const r = await runIn(s, 'cat chunk chunk > two; ls -l two');
    const fullFile = r.stdout.includes(` ${2 * MiB} `);
    const explained = /truncated|File too large|limit/.test(r.stderr);
    expect(fullFile || explained).toBe(true);
  });
});

describe('process limit', () => {
  it('fails a fork past LIMITS.processes the way bash does, then recovers when processes exit', async () => {
    const s = newSession('linux');
    const procs = s.world.state.procs;
    const init = procs.procs[1]!;
    const fillers: number[] = [];
    while (Object.keys(procs.procs).length < LIMITS.processes) fillers.push(spawn(procs, init, { comm: 'sleep', argv: ['sleep', 'infinity'] }, s.world.now).pid);
    const r = await runIn(s, 'cat /etc/hostname');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bash: fork: retry: Resource temporarily unavailable\n'.repeat(4) + 'bash: fork: Resource temporarily unavailable\n',
    );
    expect(r.exitCode).toBe(254);
    for (const pid of fillers) delete procs.procs[pid];
    expect((await runIn(s, 'cat /etc/hostname')).exitCode).toBe(0);
  });
});

describe('Kubernetes and YAML limits (kubectl apply)', () => {
  const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n${extra}`;

  async function apply(files: Record<string, string>, file: string, limit?: [keyof typeof LIMITS, number]) {
    const s = newSession('kubernetes');
    writeLearnerFiles(s.world, files);
    const run = () => runIn(s, `kubectl apply -f ${file}`);
    const r = limit ? await withLimit(limit[0], limit[1], run) : await run();
    return { s, r };
  }

  it('refuses a manifest larger than LIMITS.yamlBytes', async () => {
    const { s, r } = await apply({ 'big.yaml': pod('big', `  x: "${'y'.repeat(LIMITS.yamlBytes)}"\n`) }, 'big.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: .*big\.yaml.*(larger|too large|exceeds).*\n$/);
    await stillUsable(s);
  });

  it('refuses a YAML alias bomb (LIMITS.yamlAliases)', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill(`*${'abcdefgh'[i - 1]}`).join(',')}]`);
    const { s, r } = await apply({ 'bomb.yaml': pod('bomb', levels.map((l) => `  ${l}\n`).join('')) }, 'bomb.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/alias/i);
    await stillUsable(s);
  });

  it('refuses a manifest nested deeper than LIMITS.yamlDepth', async () => {
    const depth = LIMITS.yamlDepth + 10;
    const { s, r } = await apply({ 'deep.yaml': pod('deep', `  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`) }, 'deep.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/deep|nest|depth/i);
    await stillUsable(s);
  });

  // The bound is per namespace and kind: the API server refuses the create (Forbidden) and
  // kubectl reports it like any server error; events past the bound are dropped.
  it('refuses objects past LIMITS.objectsPerKind with a message, not an exception', async () => {
    const { s, r } = await apply({ 'pods.yaml': [1, 2, 3, 4].map((i) => pod(`p${i}`)).join('---\n') }, 'pods.yaml', ['objectsPerKind', 3]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/pod\/p1 created/);
    expect(r.stderr).toMatch(/^(error|Error).*(limit|too many|quota|exceeded)/im);
    expect(r.stderr).not.toMatch(/internal error/);
    await stillUsable(s);
  });
});
