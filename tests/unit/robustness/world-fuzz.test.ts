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

/** Runs `before`, then checks snapshot → restore → snapshot is byte-identical. Returns the session and the snapshot. */
async function playAndRoundTrip(kind: WorldKind, before: Step[]): Promise<{ session: Session; snap: string }> {
  const session = new Session(createWorld({ kind, seed: 7 }));
  await play(session, before);
  const snap = session.world.snapshot();
  expect(restoreWorld(snap).snapshot()).toBe(snap);
  return { session, snap };
}

/** The same commands on the original and on a restored copy give the same transcript and state. */
async function sameAfterRestore(session: Session, snap: string, after: Step[]): Promise<void> {
  const copy = new Session(restoreWorld(snap));
  const a = await play(session, after);
  const b = await play(copy, after);
  expect(b).toEqual(a);
  expect(copy.world.snapshot()).toBe(session.world.snapshot());
}

const WORLDS: { kind: WorldKind; programs: ('kubectl' | 'docker' | 'aws')[] }[] = [
  { kind: 'kubernetes', programs: ['kubectl'] },
  { kind: 'docker', programs: ['docker'] },
  { kind: 'aws', programs: ['aws', 'kubectl'] },
];

describe.each(WORLDS)('fuzz: random commands in a $kind world', ({ kind, programs }) => {
  it('never throw out of the engine and snapshot to an identical state', async () => {
    const steps = stepsFor(programs);
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 12 }), async (before) => {
        await playAndRoundTrip(kind, before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 600_000);

  // Kubernetes: event names carry a sequence number, kept in ClusterState (`eventSeq`) so a
  // restored world names its events as the original would; event aggregation is derived from
  // the stored events, so a repeat after a restore still only counts up.
  it('behave the same after a restore as without it', async () => {
    const steps = stepsFor(programs);
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 10 }), fc.array(steps, { maxLength: 5 }), async (before, after) => {
        const { session, snap } = await playAndRoundTrip(kind, before);
        await sameAfterRestore(session, snap, after);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 600_000);
});

// PodGC (kube/controllers/pod-gc.ts) deletes the pods of a deleted node after its 40 s
// quarantine, and their ReplicaSets replace them.
it('fuzz: after random kubectl commands the cluster settles with every pod on a live node and every ReplicaSet at its replicas', async () => {
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
