/** Loads a world kind's domains on demand, so a page ships only the simulation its lab uses. */
import type { WorldKind } from '../world.ts';
import { isKindLoaded } from '../worlds.ts';

const LOADERS: Record<WorldKind, () => Promise<unknown>> = {
  linux: () => import('./linux.ts'),
  docker: () => import('./docker.ts'),
  kubernetes: () => import('./kubernetes.ts'),
  aws: () => import('./aws.ts'),
};

export async function loadKind(kind: WorldKind): Promise<void> {
  if (!isKindLoaded(kind)) await LOADERS[kind]();
}
