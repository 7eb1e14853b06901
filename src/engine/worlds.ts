/**
 * World presets (DESIGN.md, "Worlds and labs"): which domains make up each kind, how a
 * fresh world is built, and how a snapshot comes back to life. Kinds register themselves
 * (kinds/*.ts), so a browser page loads only the domains its lab's world needs
 * (kinds/load.ts); Node entry points import kinds/all.ts.
 */
import { installPrograms } from './kernel/host.ts';
import { registerPrograms } from './shell/registry.ts';
import { emptyWorldState, parseSnapshot, World, type Domain, type WorldKind } from './world.ts';

const KINDS: Partial<Record<WorldKind, readonly Domain[]>> = {};

export function registerKind(kind: WorldKind, domains: readonly Domain[]): void {
  KINDS[kind] = domains;
  for (const d of domains) if (d.programs) registerPrograms(d.programs);
}

function domainsOf(kind: WorldKind): readonly Domain[] {
  const domains = KINDS[kind];
  if (!domains) throw new Error(`the "${kind}" world is not loaded: import src/engine/kinds/all.ts (Node) or await loadKind("${kind}") (browser) first`);
  return domains;
}

function attach(world: World): World {
  world.systems = domainsOf(world.state.kind).flatMap((d) => d.systems?.(world) ?? []);
  return world;
}

export interface WorldOptions {
  kind: WorldKind;
  seed?: number;
}

export function createWorld({ kind, seed = 1 }: WorldOptions): World {
  const domains = domainsOf(kind);
  const world = new World(emptyWorldState(kind, seed));
  for (const d of domains) {
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
