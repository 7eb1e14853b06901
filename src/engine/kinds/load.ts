/**
 * Loads a world kind's domains on demand, so a page ships only the simulation its lab uses.
 * Each kind module registers itself once (worlds.ts registerKind); loading it again is free.
 * This module imports nothing else, so the engine worker's tiny entry can start the fetch.
 */
import type { WorldKind } from '../world.ts';

const LOADERS: Record<WorldKind, () => Promise<unknown>> = {
  linux: () => import('./linux.ts'),
  docker: () => import('./docker.ts'),
  kubernetes: () => import('./kubernetes.ts'),
  aws: () => import('./aws.ts'),
};

export async function loadKind(kind: WorldKind): Promise<void> {
  await LOADERS[kind]();
}
