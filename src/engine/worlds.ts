/**
 * World presets (DESIGN.md, "Worlds and labs"): which domains make up each kind, how a
 * fresh world is built, and how a snapshot comes back to life.
 */
import { hostDomain } from './kernel/host.ts';
import { installPrograms } from './kernel/host.ts';
import { kubeDomain, kubeRuntimeDomain } from './kube/domain.ts';
import { awsDomain } from './aws/domain.ts';
import { dockerDomain } from './runtime/domain.ts';
import { CORE_PROGRAMS } from './shell/commands/index.ts';
import { registerPrograms } from './shell/registry.ts';
import { emptyWorldState, parseSnapshot, World, type Domain, type WorldKind } from './world.ts';

const coreDomain: Domain = { name: 'core', programs: CORE_PROGRAMS };

export const DOMAINS: Record<WorldKind, readonly Domain[]> = {
  linux: [hostDomain, coreDomain],
  docker: [hostDomain, coreDomain, dockerDomain],
  kubernetes: [hostDomain, coreDomain, kubeDomain],
  aws: [hostDomain, coreDomain, dockerDomain, kubeRuntimeDomain, awsDomain],
};

for (const domains of Object.values(DOMAINS)) for (const d of domains) if (d.programs) registerPrograms(d.programs);

function attach(world: World): World {
  world.systems = DOMAINS[world.state.kind].flatMap((d) => d.systems?.(world) ?? []);
  return world;
}

export interface WorldOptions {
  kind: WorldKind;
  seed?: number;
}

export function createWorld({ kind, seed = 1 }: WorldOptions): World {
  const world = new World(emptyWorldState(kind, seed));
  for (const d of DOMAINS[kind]) {
    d.setup?.(world);
    if (d.programs) installPrograms(world, d.programs);
  }
  attach(world);
  world.reconcile();
  return world;
}

/** Rebuilds a world from `World.snapshot()`. Throws SnapshotError for data that is not a valid snapshot. */
export function restoreWorld(json: string): World {
  return attach(new World(parseSnapshot(json)));
}
