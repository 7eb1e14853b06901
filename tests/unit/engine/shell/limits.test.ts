/** Every bound learner input can drive, and Ctrl-C, end with a clear message instead of a hang. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/engine/limits.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

describe('shell limits', () => {
  it('stops an endless loop at the loop limit', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'while true; do :; done');
    expect(r).toEqual({ stdout: '', stderr: `hatchway: loop stopped after ${LIMITS.loopIterations} iterations (the lab's limit, so the terminal stays responsive)\n`, exitCode: 1 });
  });

  it('stops runaway recursion at the function nesting limit', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'f() { f; }; f');
    expect(r.stderr).toBe(`bash: f: maximum function nesting level exceeded (${LIMITS.shellDepth})\n`);
  });

  it('stops exponential recursion at the step budget', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'f() { f; f; }; f');
    expect(r.stderr.split('\n').filter(Boolean).pop()).toBe(`hatchway: command stopped after ${LIMITS.commandSteps} steps (the lab's limit, so the terminal stays responsive)`);
    expect(r.exitCode).toBe(1);
  }, 60_000);

  it('rejects an over-long command line', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'echo ' + 'x'.repeat(LIMITS.commandLineChars));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`bash: command line too long (${LIMITS.commandLineChars + 5} characters; the limit is ${LIMITS.commandLineChars})\n`);
  });

  it('cuts output at the output limit', async () => {
    const s = newSession('linux');
    const r = await runIn(s, `seq 1 ${LIMITS.loopIterations * 10} | tr -d '\\n' > f; for i in $(seq 30); do cat f; done`);
    expect(r.stdout.length).toBe(LIMITS.outputBytes);
    expect(r.stderr).toBe(`\nhatchway: output truncated after 1 MiB\n`);
  });

  it('says so when a pipe fills up instead of feeding a silently shortened stream on', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'seq 1000000 | wc -l');
    // Whole lines that fit in 1 MiB: 1..9 (2 bytes each) ... 100000..165668 (7 bytes each), then a cut line.
    expect(r).toMatchObject({ stdout: '165668\n', stderr: 'hatchway: output truncated after 1 MiB\n', exitCode: 0 });
  });

  it('refuses a brace expansion past its word or character limit without building it', async () => {
    const s = newSession('linux');
    const refused = `hatchway: brace expansion stopped: it would make more than ${LIMITS.braceWords} words or ${LIMITS.braceChars} characters (the lab's limit, so the terminal stays responsive)\n`;
    const started = Date.now();
    for (const line of ['echo {1..100000000}; echo after', 'for i in {1..1000}{1..1000}; do :; done', `echo ${'x'.repeat(40)}{1..99999}`]) {
      expect(await runIn(s, line)).toEqual({ stdout: '', stderr: refused, exitCode: 1 });
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    // Just under the limit is fine.
    const r = await runIn(s, `echo {1..${LIMITS.braceWords}} | wc -w`);
    expect(r).toEqual({ stdout: `${LIMITS.braceWords}\n`, stderr: '', exitCode: 0 });
  });

  it('bounds a never-ending foreground workload in scripted use', async () => {
    const s = newSession('linux');
    const r = await runIn(s, 'stress --cpu 1');
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe(`hatchway: stress has no --timeout; stopped after ${LIMITS.foregroundWorkloadMs / 1000}s of virtual time in this scripted run (in the terminal, press Ctrl-C)\n`);
  });

  it('interrupts a loop and a workload with Ctrl-C', async () => {
    const s = newSession('linux');
    const world = s.world;
    let ticks = 0;
    world.host = {
      yield: async () => {
        if (++ticks === 5) world.signal.interrupted = true;
      },
      sleep: async (ms) => {
        world.advance(ms);
        if (++ticks > 3) world.signal.interrupted = true;
      },
    };
    const loop = await runIn(s, 'while true; do echo x > /dev/null; done; echo after');
    expect(loop.exitCode).toBe(130);
    expect(loop.stdout).toBe('');
    ticks = 0;
    const stress = await runIn(s, 'stress --cpu 1; echo after');
    expect(stress.exitCode).toBe(130);
    expect(stress.stdout).toMatch(/^stress: info: \[\d+\] dispatching hogs: 1 cpu, 0 io, 0 vm, 0 hdd\n$/);
    // The workers are gone after the interrupt.
    world.host = {};
    expect((await runIn(s, 'ps -C stress -o pid=')).stdout).toBe('');
    ticks = 0;
    world.host = { sleep: async (ms) => {
      world.advance(ms);
      if (++ticks > 2) world.signal.interrupted = true;
    } };
    const ping = await runIn(s, 'ping 127.0.0.1');
    expect(ping.exitCode).toBe(0);
    expect(ping.stdout).toContain('--- 127.0.0.1 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss');
  });
});
