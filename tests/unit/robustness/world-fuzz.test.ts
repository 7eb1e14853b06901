/**
 * Random sequences of kubectl, docker, aws and shell commands against fresh worlds
 * (fast-check, fixed seed). Properties: nothing throws out of the engine; a snapshot
 * restores to an identical world that then behaves exactly like the original; the
 * cluster and kernel invariants hold. `npm run fuzz` runs many more cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeLearnerFiles } from '../../../src/checks/lab/lab-world.ts';
import { Session } from '../../../src/engine/shell/session.ts';
import type { WorldKind } from '../../../src/engine/world.ts';
import { createWorld, restoreWorld } from '../../../src/engine/worlds.ts';
import { runIn, type Captured } from '../../helpers/run.ts';
import { stepsFor, type Step } from './fuzz/commands.ts';
import { cgroupsWithProcessesAndControllers, podsOnMissingNodes, replicaSetMismatches } from './fuzz/state.ts';

const RUNS = Number(process.env.HATCHWAY_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.HATCHWAY_FUZZ_SEED ?? 20261122);

async function play(session: Session, steps: Step[]): Promise<Captured[]> {
  const out: Captured[] = [];
  for (const step of steps) {
    if (step.files) writeLearnerFiles(session.world, step.files);
    out.push(await runIn(session, step.line)); // an exception here fails the property
    expect(cgroupsWithProcessesAndControllers(session.world)).toEqual([]);
  }
  return out;
}

const WORLDS: { kind: WorldKind; programs: ('kubectl' | 'docker' | 'aws')[] }[] = [
  { kind: 'kubernetes', programs: ['kubectl'] },
  { kind: 'docker', programs: ['docker'] },
  { kind: 'aws', programs: ['aws', 'kubectl'] },
];

describe.each(WORLDS)('fuzz: random commands in a $kind world', ({ kind, programs }) => {
  it('never throws, snapshots exactly, and behaves the same after a restore', async () => {
    const steps = stepsFor(programs);
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 10 }), fc.array(steps, { maxLength: 5 }), async (before, after) => {
        const session = new Session(createWorld({ kind, seed: 7 }));
        await play(session, before);

        const snap = session.world.snapshot();
        const restored = restoreWorld(snap);
        expect(restored.snapshot()).toBe(snap);

        // The same commands on the original and on the restored copy give the same transcript and state.
        const copy = new Session(restored);
        const a = await play(session, after);
        const b = await play(copy, after);
        expect(b).toEqual(a);
        expect(copy.world.snapshot()).toBe(session.world.snapshot());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 600_000);
});

// Fails at this commit: the cluster has no PodGC yet, so `kubectl delete node node01` leaves
// its pods bound to the missing node forever (shrunk counterexample: apply a Pod, delete its
// node, settle). The Kubernetes rewrite in progress adds the controllers; then make this `it`.
it.fails('fuzz: after random kubectl commands the cluster settles with every pod on a live node and every ReplicaSet at its replicas', async () => {
  const steps = stepsFor(['kubectl']);
  await fc.assert(
    fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 12 }), async (list) => {
      const session = new Session(createWorld({ kind: 'kubernetes', seed: 7 }));
      await play(session, list);
      session.world.settle();
      expect(podsOnMissingNodes(session.world)).toEqual([]);
      expect(replicaSetMismatches(session.world)).toEqual([]);
    }),
    { seed: SEED, numRuns: RUNS },
  );
}, 600_000);
