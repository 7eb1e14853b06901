/**
 * The lab's prebuilt starting world (lib/initial-world.ts), fetched as soon as the page names
 * it: the worker's entry starts the request on `preload`, while the engine's own code is
 * still loading, and the engine takes the same request over when it builds the world.
 */
import type { InitialWorldRef } from '../protocol.ts';
import { snapshotHash } from '../snapshot-hash.ts';

const requests = new Map<string, Promise<string | undefined>>();

async function load(ref: InitialWorldRef): Promise<string | undefined> {
  try {
    const res = await fetch(ref.url);
    if (!res.ok) return undefined;
    const text = await res.text();
    return snapshotHash(text) === ref.hash ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Starts fetching a lab's starting world; `fetchInitialWorld` picks the request up. */
export function prefetchInitialWorld(ref: InitialWorldRef | undefined): void {
  if (ref && !requests.has(ref.url)) requests.set(ref.url, load(ref));
}

/** The world's snapshot text if the page names one and it has the expected hash; otherwise undefined (the world is built instead). */
export function fetchInitialWorld(ref: InitialWorldRef | undefined): Promise<string | undefined> {
  if (!ref) return Promise.resolve(undefined);
  const early = requests.get(ref.url);
  // Taken once: a later Reset fetches again (from the HTTP cache) rather than keep the text alive.
  requests.delete(ref.url);
  return early ?? load(ref);
}
