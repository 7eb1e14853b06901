/**
 * The event recorder's aggregation: a repeat of (object, reason, message) counts up the
 * event that is still stored, also when older events of the same reason were dropped past
 * the bound, and starts a new event once its own was dropped.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../../src/engine/worlds.ts';
import '../../../../src/engine/kinds/all.ts';
import { eventsFor, MAX_EVENTS, recordEvent } from '../../../../src/engine/kube/events.ts';
import { currentCluster } from '../../../../src/engine/kube/store.ts';
import type { KubeObject } from '../../../../src/engine/kube/types.ts';

function setup() {
  const world = createWorld({ kind: 'kubernetes', seed: 3 });
  const c = currentCluster(world)!;
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-uid', resourceVersion: '1', creationTimestamp: '' } } as KubeObject;
  const other = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'filler', namespace: 'default', uid: 'filler-uid', resourceVersion: '1', creationTimestamp: '' } } as KubeObject;
  return { world, c, owner, other };
}

const counts = (c: ReturnType<typeof setup>['c'], obj: KubeObject) => eventsFor(c, obj).map((e) => `${e.message} x${e.count}`);

describe('event aggregation', () => {
  it('counts up repeats of any message of a reason, and forgets dropped events', () => {
    const { c, owner, other } = setup();
    const create = (m: string) => recordEvent(c, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${m}`, 'replicaset-controller');
    let seq = 0;
    // Each about a pod of its own: the recorder combines and rate-limits events about one object (event-correlator.ts).
    const filler = () => {
      const pod = { ...other, metadata: { ...other.metadata, name: `filler-${seq}`, uid: `filler-${seq}` } };
      recordEvent(c, pod, 'Normal', 'Pulled', `image ${seq++}`, 'kubelet', 'node01');
    };
    create('a');
    for (let i = 0; i < 501; i++) filler();
    create('b');
    create('c');
    create('b');
    expect(counts(c, owner)).toEqual(['Created pod: a x1', 'Created pod: b x2', 'Created pod: c x1']);
    // Past the bound the oldest events are dropped, 501 or more at a time: `a` goes first, and 501 events later `b` and `c` are still there.
    while (counts(c, owner).length === 3) filler();
    expect(seq).toBeGreaterThan(MAX_EVENTS);
    expect(counts(c, owner)).toEqual(['Created pod: b x2', 'Created pod: c x1']);
    create('a');
    create('b');
    create('c');
    expect(counts(c, owner)).toEqual(['Created pod: b x3', 'Created pod: c x2', 'Created pod: a x1']);
  });
});

describe("the recorders' event correlation (client-go's EventCorrelator)", () => {
  it('combines events that differ only in their message once ten come within ten minutes, and starts over after ten quiet minutes', () => {
    const { world, c, owner } = setup();
    const create = (m: string) => recordEvent(c, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${m}`, 'replicaset-controller');
    for (let i = 1; i <= 15; i++) create(`web-${i}`);
    expect(counts(c, owner)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `Created pod: web-${i + 1} x1`),
      '(combined from similar events): Created pod: web-15 x6',
    ]);
    world.advance(10 * 60_000 + 1);
    create('web-16');
    expect(counts(c, owner).slice(-2)).toEqual(['(combined from similar events): Created pod: web-15 x6', 'Created pod: web-16 x1']);
  });

  it('lets a source write 25 events about an object, then one every five minutes, still counting the ones it held back', () => {
    const { world, c, owner } = setup();
    const backOff = () => recordEvent(c, owner, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet', 'node01');
    for (let i = 0; i < 30; i++) backOff();
    expect(counts(c, owner)).toEqual(['Back-off restarting failed container x25']);
    // Another source, or another object, has a budget of its own.
    recordEvent(c, owner, 'Normal', 'Killing', 'Stopping container', 'kubelet', 'node02');
    expect(counts(c, owner)).toEqual(['Back-off restarting failed container x25', 'Stopping container x1']);
    world.advance(5 * 60_000);
    backOff();
    expect(counts(c, owner)).toEqual(['Back-off restarting failed container x31', 'Stopping container x1']);
    backOff();
    expect(counts(c, owner)).toEqual(['Back-off restarting failed container x31', 'Stopping container x1']);
  });
});
