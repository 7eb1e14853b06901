/**
 * The starting world of each lab, built once at build time: exactly the snapshot
 * `createLabWorld` produces (the engine is deterministic), served as /labs/<id>/world.json.
 * The worker restores it instead of building the world from scratch, which is several
 * times cheaper. The page names the snapshot's hash, so a stale or foreign file (another
 * build, a cache) is never restored: the worker then builds the world itself.
 */
import type { Lab } from '../checks/lab/types.ts';
import { snapshotHash } from '../sandbox/snapshot-hash.ts';

export interface InitialWorld {
  snapshot: string;
  hash: string;
}

const cache = new Map<string, Promise<InitialWorld | null>>();

async function build(lab: Lab): Promise<InitialWorld | null> {
  try {
    await import('../engine/kinds/all.ts');
    const { createLabWorld } = await import('../checks/lab/lab-world.ts');
    const snapshot = (await createLabWorld(lab)).snapshot();
    return { snapshot, hash: snapshotHash(snapshot) };
  } catch {
    // A lab whose setup fails at build still works: the worker builds it (and reports why).
    return null;
  }
}

export function initialWorld(lab: Lab): Promise<InitialWorld | null> {
  let p = cache.get(lab.id);
  if (!p) cache.set(lab.id, (p = build(lab)));
  return p;
}

/** Where the page finds a lab's starting world (the hash in the query keeps caches honest). */
export function initialWorldUrl(base: string, labId: string, hash: string): string {
  return `${base.replace(/\/?$/, '/')}labs/${labId}/world.json?v=${hash}`;
}
