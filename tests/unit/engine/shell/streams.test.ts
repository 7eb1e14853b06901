/**
 * Endless sources (yes, /dev/zero, /dev/urandom) and cut pipes: every case ends, says what the
 * simulation cut where the real command would have run on, and stays quiet where a real reader
 * would have stopped early (the writer getting SIGPIPE).
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/engine/limits.ts';
import { TRUNCATED_MESSAGE } from '../../../../src/engine/shell/output.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

const MiB = 1024 * 1024;
const stopped = (name: string, what: string) => `hatchway: ${name} stopped after ${what} (the lab's limit, so the terminal stays responsive)\n`;
const endlessRead = (name: string, path: string) => stopped(name, `reading ${LIMITS.endlessBytes >> 20} MiB of ${path}, which never ends`);

describe('endless sources', () => {
  it('cuts cat /dev/zero and yes at the output limit, with its message', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'cat /dev/zero')).toEqual({ stdout: '\0'.repeat(LIMITS.outputBytes), stderr: '\n' + TRUNCATED_MESSAGE, exitCode: 0 });
    expect(await runIn(s, 'yes')).toEqual({ stdout: 'y\n'.repeat(LIMITS.outputBytes / 2), stderr: TRUNCATED_MESSAGE, exitCode: 0 });
  });

  it('says so when an endless source ends nowhere visible', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'yes > /dev/null')).toEqual({ stdout: '', stderr: stopped('yes', `writing ${LIMITS.endlessBytes >> 20} MiB, as it never ends on its own`), exitCode: 0 });
    expect(await runIn(s, 'wc -c /dev/zero')).toEqual({ stdout: `${LIMITS.endlessBytes} /dev/zero\n`, stderr: endlessRead('wc', '/dev/zero'), exitCode: 0 });
    expect(await runIn(s, 'wc -c < /dev/zero')).toEqual({ stdout: `${LIMITS.endlessBytes}\n`, stderr: endlessRead('wc', '/dev/zero'), exitCode: 0 });
    expect(await runIn(s, 'cat /dev/zero > /dev/null')).toEqual({ stdout: '', stderr: endlessRead('cat', '/dev/zero'), exitCode: 0 });
  });

  it('stops a file at the file size limit', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'cat /dev/zero > f; echo $?; wc -c < f')).toEqual({ stdout: '1\n0\n', stderr: 'cat: write error: File too large\n', exitCode: 0 });
  });

  it('tells a reader of a cut pipe only when it reads to the cut', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'yes | wc -l')).toEqual({ stdout: `${LIMITS.outputBytes / 2}\n`, stderr: TRUNCATED_MESSAGE, exitCode: 0 });
    expect(await runIn(s, 'yes | head -c 4')).toEqual({ stdout: 'y\ny\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'yes | true')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'yes | while read l; do echo $l; break; done')).toEqual({ stdout: 'y\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'seq 1000000 | cat | head -1')).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
  });

  it('passes a stopped writer on to its pipe: only a reader that reads it all is told', async () => {
    const s = newSession('linux');
    const short = await runIn(s, 'tr -dc a-z < /dev/urandom | head -c 12');
    expect(short.stdout).toMatch(/^[a-z]{12}$/);
    expect(short.stderr).toBe('');
    const all = await runIn(s, 'tr -dc a-z < /dev/urandom | wc -c');
    expect(all.stderr).toBe(endlessRead('tr', '/dev/urandom'));
    expect(Number(all.stdout)).toBeGreaterThan(0);
  });

  it('draws /dev/urandom from the seeded random source', async () => {
    const read = async (seed: number) => (await runIn(newSession('linux', seed), 'head -c 24 /dev/urandom | base64')).stdout;
    const first = await read(1);
    expect(first).toMatch(/^[A-Za-z0-9+/]{32}\n$/);
    expect(await read(1)).toBe(first);
    expect(await read(2)).not.toBe(first);
  });

  it('keeps random bytes byte for byte through files and base64', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'head -c 1000 /dev/urandom > r; wc -c < r; base64 r > r.b64; base64 -d r.b64 > back; wc -c < back; [ "$(base64 back)" = "$(cat r.b64)" ] && echo same');
    expect(r).toEqual({ stdout: '1000\n1000\nsame\n', stderr: '', exitCode: 0 });
  });
});

describe('dd', () => {
  it('reports the modelled time and rate, and advances the virtual clock by it', async () => {
    const s = newSession('linux');
    const before = s.world.now;
    const r = await runIn(s, `dd if=/dev/zero of=f bs=1M count=2`);
    // 50 µs + 4 records × 0.5 µs + 2 MiB at 4 GB/s = 576.288 µs.
    expect(r).toEqual({ stdout: '', stderr: '2+0 records in\n2+0 records out\n2097152 bytes (2.1 MB, 2.0 MiB) copied, 0.000576288 s, 3.6 GB/s\n', exitCode: 0 });
    expect(s.world.now - before).toBe(1);
    expect(await runIn(s, 'dd if=/dev/zero of=f bs=1 count=5')).toMatchObject({ stderr: '5+0 records in\n5+0 records out\n5 bytes copied, 5.5001e-05 s, 90.9 kB/s\n' });
  });

  it('writes what fits when a file outgrows the file size limit', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'dd if=/dev/zero of=big bs=1M count=10; wc -c < big');
    expect(r).toEqual({
      stdout: `${4 * MiB}\n`,
      stderr: "dd: error writing 'big': File too large\n5+0 records in\n4+0 records out\n4194304 bytes (4.2 MB, 4.0 MiB) copied, 0.00110308 s, 3.8 GB/s\n",
      exitCode: 0,
    });
  });

  it('stops reading an endless input without count and says so', async () => {
    const s = newSession('linux');
    const blocks = Math.ceil(LIMITS.endlessBytes / 512);
    const r = await runIn(s, 'dd if=/dev/zero of=/dev/null status=noxfer');
    expect(r).toEqual({ stdout: '', stderr: `${blocks}+0 records in\n${blocks}+0 records out\n${endlessRead('dd', '/dev/zero')}`, exitCode: 0 });
  });
});
