/**
 * Base image layers are named by the release they stand for, not by their simulated files:
 * those hold a stub for each program the engine implements, so adding a program must not
 * change any digest a learner sees (pull and push output, image IDs, ECR digests).
 */
import { expect, it } from 'vitest';
import { registerPrograms } from '../../../../src/engine/shell/registry.ts';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

async function alpine() {
  const s = newSession('docker');
  await runAll(s, 'docker pull -q alpine:3.20');
  return {
    layers: (await runIn(s, "docker image inspect -f '{{json .RootFS.Layers}} {{.Id}}' alpine:3.20")).stdout,
    wget: (await runIn(s, 'docker run --rm alpine:3.20 ls /usr/bin/wget')).exitCode,
  };
}

it('keeps the alpine layer and image digests when a program is added to the simulation', async () => {
  const before = await alpine();
  expect(before).toEqual({ layers: '["sha256:7f6feb90e3dab13b8e8cc507a7f7b22d6ba5c5a8c51da081ede6d497ae6c78a8"] sha256:41f746404a7a4f007a67af6c6c769b012f28f592fd119cb017c8cf9c3303a43d\n', wget: 2 });
  // alpine's rootfs carries wget only when the engine implements it.
  registerPrograms([{ name: 'wget', summary: 'a stand-in for this test', run: () => 0 }]);
  const after = await alpine();
  expect(after.wget).toBe(0);
  expect(after.layers).toBe(before.layers);
});
