// Saved worlds are gzip-packed by the engine worker (issue 8, persistence safety): a lab with
// a hundred pods must fit in the browser's storage many times over, a save from before packing
// must still load, and a damaged or hostile one must fail with a reason, never hang or inflate
// without end.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import '../../../src/engine/kinds/all.ts';
import { LIMITS } from '../../../src/engine/limits.ts';
import { Session } from '../../../src/engine/shell/session.ts';
import { createWorld, restoreWorld } from '../../../src/engine/worlds.ts';
import { packSnapshot, unpackSnapshot } from '../../../src/sandbox/worker/packed-snapshot.ts';

const PREFIX = 'gzip+base64:';

async function clusterWithPods(pods: number) {
  const world = createWorld({ kind: 'kubernetes', seed: 3 });
  const session = new Session(world);
  const r = await session.execute(`kubectl create deployment web --image=nginx:1.27 --replicas=${pods}`, { stdout: { write() {} }, stderr: { write() {} } });
  expect(r.exitCode).toBe(0);
  world.advance(60_000);
  return world;
}

describe('packed world snapshots', () => {
  it('pack a cluster with 100 pods at least ten times smaller and restore it to the same world', async () => {
    const world = await clusterWithPods(100);
    const json = world.snapshot();
    const packed = await packSnapshot(json);
    expect(packed.startsWith(PREFIX)).toBe(true);
    expect(packed.length * 10).toBeLessThan(json.length);
    const back = await unpackSnapshot(packed);
    expect(back).toBe(json);
    expect(restoreWorld(back).snapshot()).toBe(json);
  });

  it('read a save from before packing (plain JSON) as it is', async () => {
    const json = createWorld({ kind: 'linux', seed: 1 }).snapshot();
    expect(await unpackSnapshot(json)).toBe(json);
  });

  it('say what is wrong with a damaged save', async () => {
    const packed = await packSnapshot(createWorld({ kind: 'linux', seed: 1 }).snapshot());
    await expect(unpackSnapshot(PREFIX + '%%%not base64%%%')).rejects.toThrow('the saved world is damaged: it is not valid base64');
    // Cut short, as a write interrupted by a full disk would leave it.
    const half = PREFIX.length + Math.floor((packed.length - PREFIX.length) / 8) * 4;
    await expect(unpackSnapshot(packed.slice(0, half))).rejects.toThrow('the saved world is damaged: it does not unpack');
    const bytes = Buffer.from(packed.slice(PREFIX.length), 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
    await expect(unpackSnapshot(PREFIX + bytes.toString('base64'))).rejects.toThrow('the saved world is damaged: it does not unpack');
  });

  it('stop unpacking a save that inflates past the limit', async () => {
    // About 100 KB that inflate to twice the limit.
    const bomb = PREFIX + gzipSync(Buffer.alloc(2 * LIMITS.snapshotChars, 0x20), { level: 9 }).toString('base64');
    expect(bomb.length).toBeLessThan(200_000);
    await expect(unpackSnapshot(bomb)).rejects.toThrow(`the saved world unpacks to more than ${LIMITS.snapshotChars / 1024 / 1024} MiB`);
  });
});
