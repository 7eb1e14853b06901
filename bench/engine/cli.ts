/**
 * The CLI's wall time from start to exit, as a user sees it: `npx hatchway validate` on a
 * 2,000-document file, and `hatchway validate` refusing a 100 MB file and an alias bomb
 * (through node: npx alone takes most of a second). The bundle is built first, as
 * `npm install` builds it. Prints one JSON line with the median of several runs of each.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle } from '../../bin/bundle.mjs';
import { aliasBomb, manifestStream } from '../../src/checks/validate/bench.ts';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const root = new URL('../..', import.meta.url).pathname;

/** Median wall time of RUNS runs, and what the last one printed. */
function wallMs(command: string, args: string[]): { ms: number; stdout: string } {
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
    stdout = r.stdout;
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1]!, stdout };
}

await buildBundle();
const dir = mkdtempSync(join(tmpdir(), 'hatchway-cli-bench-'));
try {
  const stream = join(dir, 'stream.yaml');
  writeFileSync(stream, manifestStream(2000));
  const huge = join(dir, 'huge.yaml');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 100 * 2 ** 20); // sparse: the CLI refuses it from its size
  closeSync(fd);
  const bomb = join(dir, 'bomb.yaml');
  writeFileSync(bomb, aliasBomb());
  const cli = (file: string) => wallMs(process.execPath, ['bin/hatchway.mjs', 'validate', file]);
  const npx = wallMs('npx', ['hatchway', 'validate', stream]);
  const direct = cli(stream);
  const refusedHuge = cli(huge);
  const refusedBomb = cli(bomb);
  const firstLine = (s: string) => s.split('\n')[0]?.replace(`${dir}/`, '') ?? '';
  console.log(JSON.stringify({
    node: process.version,
    validate: { npxMs: npx.ms, nodeMs: direct.ms, findings: npx.stdout.split('\n').filter((l) => /^\S.*: (error|warning) /.test(l)).length },
    huge: { ms: refusedHuge.ms, output: firstLine(refusedHuge.stdout) },
    bomb: { ms: refusedBomb.ms, output: firstLine(refusedBomb.stdout) },
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
