/**
 * The engine worker: owns the world, runs commands, completes words and checks tasks.
 * The page talks to it only through the messages in protocol.ts, so a runaway command
 * can never freeze the page.
 */
import { createLabWorld } from '../checks/lab/lab-world.ts';
import { runLabChecks } from '../checks/lab/runner.ts';
import type { Lab, TaskResult } from '../checks/lab/types.ts';
import { complete, completionInsert } from '../engine/shell/complete.ts';
import { Session, completeness } from '../engine/shell/session.ts';
import type { World } from '../engine/world.ts';
import { createWorld, restoreWorld } from '../engine/worlds.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

let world: World | undefined;
let session: Session | undefined;
let lab: Lab | null = null;
let worldKind: 'linux' | 'docker' | 'kubernetes' | 'aws' = 'linux';
let busy = false;
let columns = 80;
let lastTick = performance.now();

function attachHost(w: World): void {
  w.terminalColumns = columns;
  w.host.yield = () => new Promise((r) => setTimeout(r, 0));
  w.host.sleep = (ms, signal) =>
    new Promise((resolve) => {
      const start = performance.now();
      const timer = setInterval(() => {
        if (signal.interrupted || performance.now() - start >= ms) {
          clearInterval(timer);
          resolve();
        }
      }, 25);
    });
}

async function boot(snapshot?: string): Promise<{ restored: boolean; notice?: string }> {
  let notice: string | undefined;
  world = undefined;
  if (snapshot) {
    try {
      world = restoreWorld(snapshot);
    } catch (e) {
      notice = `Your saved lab could not be restored (${e instanceof Error ? e.message : String(e)}), so it starts fresh.`;
    }
  }
  const restored = world !== undefined;
  world ??= lab ? await createLabWorld(lab) : createWorld({ kind: worldKind });
  attachHost(world);
  session = new Session(world);
  lastTick = performance.now();
  return { restored, notice };
}

async function checks(): Promise<TaskResult[]> {
  if (!lab || !world) return [];
  return runLabChecks(world, lab);
}

// The virtual clock follows wall time while the page is open.
setInterval(() => {
  const now = performance.now();
  if (world) {
    world.advance(now - lastTick);
    post({ type: 'clock', now: world.now });
  }
  lastTick = now;
}, 250);

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'init': {
        lab = msg.lab;
        worldKind = msg.world;
        columns = msg.columns;
        const r = await boot(msg.snapshot);
        post({ type: 'ready', prompt: session!.prompt(), history: world!.state.history.slice(), ...r });
        break;
      }
      case 'reset': {
        await boot();
        post({ type: 'ready', prompt: session!.prompt(), history: [], restored: false });
        post({ type: 'snapshot', data: world!.snapshot() });
        break;
      }
      case 'resize':
        columns = msg.columns;
        if (world) world.terminalColumns = columns;
        break;
      case 'interrupt':
        if (world && busy) world.signal.interrupted = true;
        break;
      case 'advance':
        world?.advance(msg.ms);
        post({ type: 'clock', now: world?.now ?? 0 });
        break;
      case 'complete': {
        if (!session || busy) {
          post({ type: 'completion', id: msg.id, word: '', candidates: [], insert: '' });
          return;
        }
        const c = complete(session, msg.line, msg.cursor);
        post({ type: 'completion', id: msg.id, word: c.word, candidates: c.candidates, insert: completionInsert(c) });
        break;
      }
      case 'exec': {
        if (!session || !world) return;
        if (completeness(msg.source) === 'incomplete') {
          post({ type: 'incomplete', id: msg.id });
          return;
        }
        busy = true;
        let exitCode = 1;
        try {
          const r = await session.execute(msg.source, {
            stdout: { write: (data) => post({ type: 'output', stream: 'stdout', data }) },
            stderr: { write: (data) => post({ type: 'output', stream: 'stderr', data }) },
          });
          exitCode = r.exitCode;
        } finally {
          busy = false;
        }
        post({ type: 'done', id: msg.id, exitCode, prompt: session.prompt() });
        post({ type: 'snapshot', data: world.snapshot() });
        post({ type: 'checks', id: null, results: await checks() });
        break;
      }
      case 'check':
        post({ type: 'checks', id: msg.id, results: await checks() });
        break;
    }
  } catch (e) {
    busy = false;
    post({ type: 'fatal', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
};
