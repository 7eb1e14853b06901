/**
 * Fault injection: a program that throws a plain exception (a bug in the simulation) is
 * reported as that command's error, exit 1 and a message, and the world stays usable:
 * no leaked processes, later commands work, the snapshot still restores.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { installPrograms } from '../../../src/engine/kernel/host.ts';
import type { Program } from '../../../src/engine/shell/types.ts';
import type { Session } from '../../../src/engine/shell/session.ts';
import type { System } from '../../../src/engine/world.ts';
import { restoreWorld } from '../../../src/engine/worlds.ts';
import { newSession, runIn } from '../../helpers/run.ts';

/** Test-only programs: one that fails half-way through, one that corrupts its own input first. */
const FAULTS: Program[] = [
  {
    name: 'hatchway-fault',
    summary: 'test-only: throws after printing a line',
    run(ctx) {
      ctx.stdout.write('before the fault\n');
      throw new TypeError("Cannot read properties of undefined (reading 'spec')");
    },
  },
  {
    name: 'hatchway-fault-async',
    summary: 'test-only: throws after an await',
    async run(ctx) {
      await Promise.resolve();
      ctx.stdout.write('half\n');
      throw new RangeError('Maximum call stack size exceeded');
    },
  },
];

const BUG_NOTE = 'hatchway: this is a bug in the simulation; the world is still usable.\n';

function faultySession(): Session {
  const s = newSession('kubernetes');
  installPrograms(s.world, FAULTS);
  return s;
}

function processCount(s: Session): number {
  return Object.keys(s.world.state.procs.procs).length;
}

describe('crash recovery', () => {
  let s: Session;
  beforeAll(() => {
    s = faultySession();
  });

  it('reports an exception as the command’s error: exit 1, its output so far, and a message', async () => {
    const before = processCount(s);
    expect(await runIn(s, 'hatchway-fault')).toEqual({
      stdout: 'before the fault\n',
      stderr: `hatchway-fault: internal error: Cannot read properties of undefined (reading 'spec')\n${BUG_NOTE}`,
      exitCode: 1,
    });
    expect(processCount(s)).toBe(before);
    expect(await runIn(s, 'echo $?')).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
  });

  it('handles a fault after an await the same way', async () => {
    expect(await runIn(s, 'hatchway-fault-async')).toEqual({ stdout: 'half\n', stderr: `hatchway-fault-async: internal error: Maximum call stack size exceeded\n${BUG_NOTE}`, exitCode: 1 });
  });

  it('keeps a fault inside a pipeline, a substitution, a loop and a background job to that command', async () => {
    expect(await runIn(s, 'hatchway-fault | cat; echo after')).toEqual({
      stdout: 'before the fault\nafter\n',
      stderr: `hatchway-fault: internal error: Cannot read properties of undefined (reading 'spec')\n${BUG_NOTE}`,
      exitCode: 0,
    });
    expect(await runIn(s, 'x=$(hatchway-fault-async 2>/dev/null); echo "[$x]"')).toEqual({ stdout: '[half]\n', stderr: '', exitCode: 0 });
    const loop = await runIn(s, 'for i in 1 2 3; do hatchway-fault-async 2>/dev/null; done; echo looped');
    expect(loop).toEqual({ stdout: 'half\nhalf\nhalf\nlooped\n', stderr: '', exitCode: 0 });
    const bg = await runIn(s, 'hatchway-fault-async 2>/dev/null & wait; echo waited');
    expect(bg.stdout).toContain('waited');
  });

  it('leaves the world usable: commands, the cluster and snapshots still work', async () => {
    expect((await runIn(s, 'kubectl get nodes')).exitCode).toBe(0);
    expect(await runIn(s, 'mkdir -p after && ls -d after')).toEqual({ stdout: 'after\n', stderr: '', exitCode: 0 });
    const snap = s.world.snapshot();
    expect(restoreWorld(snap).snapshot()).toBe(snap);
  });

  // A bug in a controller (a System's tick) is reported after the command; the world stays usable.
  it('reports an exception in a controller without throwing out of the engine', async () => {
    const w = faultySession();
    let armed = true;
    const flaky: System = {
      name: 'flaky-controller',
      nextWake: (world) => (armed ? world.now : undefined),
      tick() {
        armed = false;
        throw new Error('controller bug');
      },
    };
    w.world.systems.push(flaky);
    const r = await runIn(w, 'echo hi');
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toBe('hatchway: internal error in the simulated flaky-controller: controller bug (a bug in the simulation; the world is still usable)\n');
    expect(await runIn(w, 'echo again')).toEqual({ stdout: 'again\n', stderr: '', exitCode: 0 });
  });
});
