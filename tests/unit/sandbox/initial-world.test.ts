/**
 * The prebuilt starting world of each lab (lib/initial-world.ts, served as /labs/<id>/world.json):
 * it must be exactly what createLabWorld builds, and restore to the same world, or the worker
 * would start learners somewhere else than the lab tests checked.
 */
import { describe, expect, it } from 'vitest';
import { labIds, loadLab } from '../../../bin/lib/labs.ts';
import { createLabWorld } from '../../../src/checks/lab/lab-world.ts';
import '../../../src/engine/kinds/all.ts';
import { restoreWorld } from '../../../src/engine/worlds.ts';
import { initialWorld, initialWorldUrl } from '../../../src/lib/initial-world.ts';
import { snapshotHash } from '../../../src/sandbox/snapshot-hash.ts';

describe('prebuilt initial worlds', () => {
  it.each(labIds())('%s: the snapshot is what createLabWorld builds and restores identically', async (id) => {
    const lab = loadLab(id);
    const w = await initialWorld(lab);
    expect(w).not.toBeNull();
    expect(w!.snapshot).toBe((await createLabWorld(lab)).snapshot());
    expect(w!.hash).toBe(snapshotHash(w!.snapshot));
    expect(restoreWorld(w!.snapshot).snapshot()).toBe(w!.snapshot);
  });

  it('names the file with its hash, under the site base', () => {
    expect(initialWorldUrl('/', 'hello-pod', 'abc')).toBe('/labs/hello-pod/world.json?v=abc');
    expect(initialWorldUrl('/course', 'hello-pod', 'abc')).toBe('/course/labs/hello-pod/world.json?v=abc');
  });

  it('tells different snapshots apart', () => {
    expect(snapshotHash('{"a":1}')).not.toBe(snapshotHash('{"a":2}'));
    expect(snapshotHash('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
