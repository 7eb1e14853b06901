/**
 * A world: the whole simulated state (filesystem, processes, clusters, accounts) as one
 * JSON value, plus the code that advances it. Snapshot and restore are exact, which is
 * how a reload resumes a lab and how a crashed worker recovers.
 */
import { createClock, type ClockState } from './clock.ts';
import { createProcessTable, type ProcessTable } from './kernel/process.ts';
import { createFs, type FsState } from './kernel/vfs.ts';
import { LIMITS } from './limits.ts';
import { createRandom, type RandomState } from './random.ts';
import type { Program } from './shell/types.ts';
import { deepDict, dict, type Dict } from './util/dict.ts';

export const WORLD_KINDS = ['linux', 'docker', 'kubernetes', 'aws'] as const;
export type WorldKind = (typeof WORLD_KINDS)[number];

/**
 * State owned by domains other than the kernel (kube, docker, aws, cgroups). Each domain
 * adds its field by module augmentation, so the world needs no edit when a domain grows:
 * `declare module '../world.ts' { interface WorldExtensions { kube: KubeState } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorldExtensions {}

export interface ShellState {
  /** All shell variables; exported ones are also in the process env. */
  vars: Dict<string>;
  /** `$?` */
  status: number;
  /** Function definitions (their AST is JSON). */
  functions: Dict<unknown>;
  /** Positional parameters `$1...`. */
  positional: string[];
}

export interface WorldState {
  format: 'hatchway-world';
  version: 1;
  kind: WorldKind;
  seed: number;
  clock: ClockState;
  random: RandomState;
  fs: FsState;
  procs: ProcessTable;
  /** Hostname per UTS namespace inode. */
  hostnames: Dict<string>;
  /**
   * The terminal session: the stack of interactive shell pids, foreground last, and what a
   * program that opened one of them does when it exits (see shell/session.ts onShellExit).
   */
  session: { stack: number[]; exits?: Dict<{ handler: string; data: unknown }> };
  shells: Dict<ShellState>;
  history: string[];
  ext: Partial<WorldExtensions>;
}

/**
 * A part of the world that acts over time (a kubelet, a controller, the ECS scheduler).
 * Systems are code, not state: they read and write `world.state` and are re-attached on restore.
 */
export interface System {
  name: string;
  /** The earliest virtual time at which this system has work, or undefined when idle. */
  nextWake(world: World): number | undefined;
  /** Does whatever is due at `world.now`. Returns true if it changed anything. */
  tick(world: World): boolean;
}

/** What a domain contributes to a world kind: initial state and the systems that drive it. */
export interface Domain {
  name: string;
  /** Programs this domain puts on the host's PATH (kubectl, docker, aws...). */
  programs?: readonly Program[];
  setup?(world: World): void;
  systems?(world: World): System[];
}

/** Hooks the host gives the engine; absent in scripted use. */
export interface WorldHost {
  /** Lets the host's event loop run (so a Ctrl-C message can arrive). */
  yield?(): Promise<void>;
  /**
   * Interactive use: waits `ms` of wall time while the host keeps the clock in step.
   * Without it, waiting advances the virtual clock at once (scripted use).
   */
  sleep?(ms: number, signal: Signal): Promise<void>;
}

/** Interruption flag shared by the host (Ctrl-C) and the running command. */
export interface Signal {
  interrupted: boolean;
}

export class World {
  systems: System[] = [];
  host: WorldHost = {};
  /** Width of the learner's terminal, for programs that lay out columns (ls). */
  terminalColumns = 80;
  readonly signal: Signal = { interrupted: false };

  constructor(public state: WorldState) {}

  get now(): number {
    return this.state.clock.now;
  }

  /**
   * Faults raised by systems (bugs in a controller, say). A failing system is skipped for
   * that step instead of breaking the command or the clock; the session reports the faults.
   */
  faults: { system: string; message: string }[] = [];

  private wakeOf(s: System): number | undefined {
    try {
      return s.nextWake(this);
    } catch (e) {
      if (this.faults.length < 20) this.faults.push({ system: s.name, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }

  private tickSafely(s: System): boolean {
    try {
      return s.tick(this);
    } catch (e) {
      if (this.faults.length < 20) this.faults.push({ system: s.name, message: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  /** Runs every system that has work due now, until nothing changes (bounded). */
  reconcile(): void {
    for (let i = 0; i < LIMITS.settleSteps; i++) {
      let changed = false;
      for (const s of this.systems) {
        const wake = this.wakeOf(s);
        if (wake !== undefined && wake <= this.now && this.tickSafely(s)) changed = true;
      }
      if (!changed) return;
    }
  }

  /** Takes the faults recorded since the last call. */
  takeFaults(): { system: string; message: string }[] {
    const f = this.faults;
    this.faults = [];
    return f;
  }

  /** Earliest pending wake-up across systems. */
  nextWake(): number | undefined {
    let best: number | undefined;
    for (const s of this.systems) {
      const w = this.wakeOf(s);
      if (w !== undefined && (best === undefined || w < best)) best = w;
    }
    return best;
  }

  /** Moves virtual time forward by `ms`, running every event due on the way, in order. */
  advance(ms: number): void {
    // Virtual time is whole milliseconds, so timestamps and timers stay integers whatever a host feeds in.
    const target = this.now + Math.max(0, Math.round(ms));
    this.reconcile();
    for (let i = 0; i < LIMITS.settleSteps; i++) {
      const wake = this.nextWake();
      if (wake === undefined || wake > target) break;
      this.state.clock.now = Math.max(this.now, wake);
      this.reconcile();
    }
    this.state.clock.now = target;
    this.reconcile();
  }

  /**
   * Lets the world settle the way a learner waits before pressing Check: advance until no
   * system has pending work, up to LIMITS.settleMs of virtual time.
   */
  settle(): void {
    const limit = this.now + LIMITS.settleMs;
    this.reconcile();
    for (let i = 0; i < LIMITS.settleSteps; i++) {
      const wake = this.nextWake();
      if (wake === undefined || wake > limit) return;
      this.state.clock.now = Math.max(this.now, wake);
      this.reconcile();
    }
  }

  snapshot(): string {
    return JSON.stringify(this.state);
  }
}

export function emptyWorldState(kind: WorldKind, seed: number): WorldState {
  const clock = createClock();
  return {
    format: 'hatchway-world',
    version: 1,
    kind,
    seed,
    clock,
    random: createRandom(seed),
    fs: createFs(clock.now),
    procs: createProcessTable(),
    hostnames: dict(),
    session: { stack: [] },
    shells: dict(),
    history: [],
    ext: {},
  };
}

/** Parses and checks a snapshot; throws a typed error for anything that is not one. */
export function parseSnapshot(json: string): WorldState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new SnapshotError('the saved world is not valid JSON');
  }
  const s = value as Partial<WorldState> | null;
  if (!s || s.format !== 'hatchway-world') throw new SnapshotError('the saved data is not a Hatchway world');
  if (s.version !== 1) throw new SnapshotError(`the saved world has version ${String(s.version)}, this build reads version 1`);
  if (!WORLD_KINDS.includes(s.kind as WorldKind)) throw new SnapshotError(`unknown world kind "${String(s.kind)}"`);
  return deepDict(s as WorldState);
}

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}
