/** The worker's state: the lab, its world and the terminal session. One per worker. */
import type { Lab } from '../../checks/lab/types.ts';
import type { Session } from '../../engine/shell/session.ts';
import type { World } from '../../engine/world.ts';
import type { FromWorker, InitialWorldRef } from '../protocol.ts';

export const state: {
  world?: World;
  session?: Session;
  lab: Lab | null;
  kind: Lab['world'];
  busy: boolean;
  columns: number;
  /** The lab's prebuilt starting world, if the page names one (also used by Reset). */
  initialWorld?: InitialWorldRef;
} = { lab: null, kind: 'linux', busy: false, columns: 80 };

export function post(m: FromWorker): void {
  (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);
}

/** Pushes a named event to the page (features subscribe with LabController.on). */
export function emit(name: string, data: unknown): void {
  post({ type: 'event', name, data });
}

export type Method = (params: never) => unknown | Promise<unknown>;

const methods = new Map<string, Method>();

/** Features register request handlers here (e.g. `files.read`, `view.cluster`). */
export function registerMethods(table: Record<string, Method>): void {
  for (const [name, fn] of Object.entries(table)) methods.set(name, fn);
}

export function getMethod(name: string): Method | undefined {
  return methods.get(name);
}

/** Hooks run after every command (a snapshot, a cluster-view update...). */
export const afterCommand: (() => void | Promise<void>)[] = [];
