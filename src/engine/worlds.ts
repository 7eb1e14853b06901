/**
 * World presets (DESIGN.md, "Worlds and labs"): which domains make up each kind, how a
 * fresh world is built, and how a snapshot comes back to life. Kinds register themselves
 * (kinds/*.ts), so a browser page loads only the domains its lab's world needs
 * (kinds/load.ts); Node entry points import kinds/all.ts.
 */
import { installPrograms } from './kernel/host.ts';
import { getProgram, registerPrograms } from './shell/registry.ts';
import type { Program } from './shell/types.ts';
import { emptyWorldState, parseSnapshot, World, type Domain, type WorldKind, type WorldState } from './world.ts';

/**
 * A part of a world kind that loads on first use: the aws world's EKS, which brings the whole
 * Kubernetes engine, while most aws labs never create a cluster. Until it loads, its programs
 * are on PATH as stubs that load it when run, and it has no systems; once its module has
 * loaded (and called provideDeferred), it is part of the kind like any other domain and joins
 * the worlds already running. Node entry points load every deferred part up front
 * (kinds/all.ts); a lab page loads it after its prompt is up.
 */
export interface DeferredDomain {
  name: string;
  /** Its programs as they appear on PATH before it loads (kept equal to the real ones by a test). */
  programs: readonly Omit<Program, 'run'>[];
  /** Imports the module that calls provideDeferred. */
  load(): Promise<unknown>;
  /** True when a world's state already uses it (joinDeferredInUse loads it at once). */
  inUse(state: WorldState): boolean;
}

const KINDS: Partial<Record<WorldKind, { domains: readonly Domain[]; deferred: readonly DeferredDomain[] }>> = {};
const provided = new Map<string, readonly Domain[]>();
/** The deferred parts whose systems already run in each world. */
const joined = new WeakMap<World, Set<string>>();

export function registerKind(kind: WorldKind, domains: readonly Domain[], deferred: readonly DeferredDomain[] = []): void {
  KINDS[kind] = { domains, deferred };
  for (const d of domainsOf(kind)) if (d.programs) registerPrograms(d.programs);
}

/** Called by a deferred part's module when it loads: its domains and real programs. */
export function provideDeferred(name: string, domains: readonly Domain[]): void {
  provided.set(name, domains);
  for (const d of domains) if (d.programs) registerPrograms(d.programs);
}

/** Loads a deferred part if it is not yet, and starts its systems in `world`. */
export async function useDeferred(world: World, part: DeferredDomain): Promise<void> {
  if (!provided.has(part.name)) await part.load();
  const seen = joined.get(world) ?? new Set<string>();
  if (seen.has(part.name)) return;
  seen.add(part.name);
  joined.set(world, seen);
  world.systems.push(...provided.get(part.name)!.flatMap((d) => d.systems?.(world) ?? []));
}

/** Before it loads, a deferred part is a domain of stubs: programs that load it, then run. */
function stubDomain(part: DeferredDomain): Domain {
  return {
    name: part.name,
    programs: part.programs.map((p) => ({
      ...p,
      run: async (ctx) => {
        await useDeferred(ctx.world, part);
        return getProgram(p.name)!.run(ctx);
      },
    })),
  };
}

function kindOf(kind: WorldKind): NonNullable<(typeof KINDS)[WorldKind]> {
  const k = KINDS[kind];
  if (!k) throw new Error(`the "${kind}" world is not loaded: import src/engine/kinds/all.ts (Node) or await loadKind("${kind}") (browser) first`);
  return k;
}

function domainsOf(kind: WorldKind): readonly Domain[] {
  const k = kindOf(kind);
  return [...k.domains, ...k.deferred.flatMap((part) => provided.get(part.name) ?? [stubDomain(part)])];
}

function attach(world: World): World {
  world.systems = domainsOf(world.state.kind).flatMap((d) => d.systems?.(world) ?? []);
  joined.set(world, new Set(kindOf(world.state.kind).deferred.filter((part) => provided.has(part.name)).map((part) => part.name)));
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

/**
 * Rebuilds a world from `World.snapshot()`. Throws SnapshotError for data that is not a valid
 * snapshot. A deferred part the snapshot uses but that is not loaded yet joins when it loads
 * (its programs load it; a browser host calls joinDeferredInUse right after the restore).
 */
export function restoreWorld(json: string): World {
  return attach(new World(parseSnapshot(json)));
}

/** Loads and joins the deferred parts `world` already uses (a restored world's cluster, say). */
export async function joinDeferredInUse(world: World): Promise<void> {
  await Promise.all(kindOf(world.state.kind).deferred.filter((part) => part.inUse(world.state)).map((part) => useDeferred(world, part)));
}
