/**
 * The engine worker's entry, tiny on purpose. It asks for the engine (engine.ts) at once and,
 * as soon as the page names the lab (`preload`), for that world kind's code and the lab's
 * starting world too, so the browser fetches them side by side instead of one after the
 * other. Messages that arrive meanwhile are kept and handed to the engine when it has loaded.
 */
import { loadKind } from '../../engine/kinds/load.ts';
import type { FromWorker, ToWorker } from '../protocol.ts';
import { prefetchInitialWorld } from './initial-world.ts';

const early: MessageEvent<ToWorker>[] = [];
self.onmessage = (event: MessageEvent<ToWorker>) => {
  if (event.data.type === 'preload') {
    void loadKind(event.data.world).catch(() => undefined);
    if (event.data.lab) prefetchInitialWorld(event.data.initialWorld);
  }
  early.push(event);
};

import('./engine.ts').then(
  (engine) => engine.listen(early),
  (e: unknown) => {
    const fatal: FromWorker = { type: 'fatal', message: `the simulation could not be loaded (${e instanceof Error ? e.message : String(e)})` };
    (self as unknown as { postMessage(m: FromWorker): void }).postMessage(fatal);
  },
);
