/**
 * Messages between the page and the engine worker. Small, typed and JSON-only, so the
 * engine stays in the worker and the page never blocks on it. Core messages drive the
 * terminal; features (editor, cluster view, persistence) use `request`/`response` with a
 * method name, and the worker pushes `event`s they can listen to.
 */
import type { Lab, TaskResult } from '../checks/lab/types.ts';

/** The lab's prebuilt starting world: where to fetch it and the hash it must have (lib/initial-world.ts). */
export interface InitialWorldRef {
  url: string;
  hash: string;
}

export type ToWorker =
  /** Sent as the worker is spawned: start loading this lab's engine and starting world now. */
  | { type: 'preload'; lab: Lab | null; world: Lab['world']; initialWorld?: InitialWorldRef }
  | { type: 'init'; lab: Lab | null; world: Lab['world']; snapshot?: string; columns: number; initialWorld?: InitialWorldRef }
  /** The page has drawn the prompt: background work (a restored world's deferred parts) may start. */
  | { type: 'shown' }
  | { type: 'exec'; id: number; source: string }
  | { type: 'interrupt' }
  /** The terminal has shown this many characters of output (flow control). */
  | { type: 'ack'; bytes: number }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'check'; id: number }
  | { type: 'reset' }
  | { type: 'resize'; columns: number }
  | { type: 'request'; id: number; method: string; params: unknown };

export type FromWorker =
  | { type: 'ready'; prompt: string; history: string[]; restored: boolean; notice?: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'incomplete'; id: number }
  | { type: 'done'; id: number; exitCode: number; prompt: string }
  | { type: 'completion'; id: number; word: string; candidates: string[]; insert: string }
  | { type: 'checks'; id: number | null; results: TaskResult[] }
  | { type: 'response'; id: number; result?: unknown; error?: string }
  | { type: 'event'; name: string; data: unknown }
  | { type: 'fatal'; message: string };
