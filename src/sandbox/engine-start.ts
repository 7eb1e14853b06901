/**
 * Starts each lab's engine worker as early as the page allows. This module is tiny and runs
 * from its own script before the terminal's code (xterm, about 90 KB gzip) has even loaded,
 * so the worker fetches the engine and builds the lab's starting world in parallel with the
 * page setting up its terminal. The LabController then takes the running worker over.
 */
import type { Lab } from '../checks/lab/types.ts';
import type { InitialWorldRef, ToWorker } from './protocol.ts';

/** What a lab root in the page declares: its lab (inert JSON), world kind and prebuilt world. */
export interface LabRootConfig {
  lab: Lab | null;
  world: Lab['world'];
  initialWorld?: InitialWorldRef;
}

export function labRootConfig(root: HTMLElement): LabRootConfig {
  const json = root.querySelector('[data-lab-json]')?.textContent;
  const lab = json ? (JSON.parse(json) as Lab) : null;
  const world = (lab?.world ?? root.dataset.world ?? 'linux') as Lab['world'];
  const { worldUrl, worldHash } = root.dataset;
  return { lab, world, initialWorld: worldUrl && worldHash ? { url: worldUrl, hash: worldHash } : undefined };
}

/**
 * A new engine worker, told at once which lab it will run (`preload`) so it can load that
 * world kind's code and build the starting world before the page sends `init`.
 */
export function spawnEngine(config: LabRootConfig): Worker {
  // The name only labels the worker in the browser's devtools.
  const worker = new Worker(new URL('./worker/main.ts', import.meta.url), { type: 'module', name: config.world });
  const preload: ToWorker = { type: 'preload', ...config };
  worker.postMessage(preload);
  return worker;
}

/** Roots whose engine was started here, even once handed over: each gets one early worker. */
const seen = new WeakSet<HTMLElement>();
const started = new WeakMap<HTMLElement, Worker>();

/** Spawns the engine of every lab root on the page that has none yet. */
export function startEngines(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lab-root]')) {
    if (seen.has(root)) continue;
    seen.add(root);
    started.set(root, spawnEngine(labRootConfig(root)));
  }
}

/** The worker startEngines spawned for this root, handed over once (then it belongs to the caller). */
export function takeEngine(root: HTMLElement): Worker | undefined {
  const worker = started.get(root);
  started.delete(root);
  return worker;
}
