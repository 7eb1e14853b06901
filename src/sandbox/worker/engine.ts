/**
 * The engine worker's logic (loaded by main.ts): owns the world, runs commands, completes
 * words and checks tasks. The page talks to it only through protocol.ts, so a runaway
 * command never freezes it.
 */
import { createLabWorld } from '../../checks/lab/lab-world.ts';
import { runLabChecks } from '../../checks/lab/runner.ts';
import type { Lab, TaskResult } from '../../checks/lab/types.ts';
import { complete, completionInsert } from '../../engine/shell/complete.ts';
import { completeness, Session } from '../../engine/shell/session.ts';
import type { World, WorldKind } from '../../engine/world.ts';
import { loadKind } from '../../engine/kinds/load.ts';
import { createWorld, joinDeferredInUse, restoreWorld } from '../../engine/worlds.ts';
import type { InitialWorldRef, ToWorker } from '../protocol.ts';
import { fetchInitialWorld } from './initial-world.ts';
import { packSnapshot, unpackSnapshot } from './packed-snapshot.ts';
import { afterCommand, emit, getMethod, post, registerMethods, state } from './state.ts';
import './files.ts';
import './views.ts';
import './webcontainer.ts';

let lastTick = performance.now();

/**
 * Command output, batched and flow-controlled: a loop that echoes thousands of lines would
 * otherwise flood the page, which then has no time left to send Ctrl-C. The page acks what
 * xterm has parsed; while too much is unacknowledged, the running command waits at its next
 * yield (see attachHost), so output goes no faster than the terminal can show it.
 */
const OUTPUT_WINDOW = 32 * 1024;
const output = {
  chunks: [] as { stream: 'stdout' | 'stderr'; data: string }[],
  scheduled: false,
  unacked: 0,
  waiters: [] as (() => void)[],
  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.unacked <= OUTPUT_WINDOW) this.release();
  },
  release(): void {
    for (const w of this.waiters.splice(0)) w();
  },
  /** Resolves once the page has caught up (or the command was interrupted). */
  async room(signal: { interrupted: boolean }): Promise<void> {
    while (this.unacked > OUTPUT_WINDOW && !signal.interrupted) await new Promise<void>((r) => this.waiters.push(r));
  },
  write(stream: 'stdout' | 'stderr', data: string): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last?.stream === stream) last.data += data;
    else this.chunks.push({ stream, data });
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.flush(), 16);
    }
  },
  flush(): void {
    this.scheduled = false;
    for (const c of this.chunks.splice(0)) {
      this.unacked += c.data.length;
      post({ type: 'output', ...c });
    }
  },
};

function attachHost(w: World): void {
  w.terminalColumns = state.columns;
  w.host.yield = async () => {
    await new Promise((r) => setTimeout(r, 0));
    await output.room(w.signal);
  };
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

/** A lab's starting world: its prebuilt snapshot when there is one, else built from lab.yaml. */
async function freshWorld(lab: Lab | null, kind: WorldKind, ref: InitialWorldRef | undefined): Promise<World> {
  const initial = lab ? fetchInitialWorld(ref) : undefined;
  // Only the domains of this lab's world are fetched (the kube or aws engine are chunks of their own).
  await loadKind(lab?.world ?? kind);
  const initialText = await initial;
  if (initialText) {
    try {
      return restoreWorld(initialText);
    } catch {
      // Not this engine's snapshot after all: build the world below.
    }
  }
  return lab ? createLabWorld(lab) : createWorld({ kind });
}

/**
 * The starting world built on `preload`, while the page is still loading its terminal. `init`
 * uses it unless the learner has a saved world; it is used at most once (Reset builds anew).
 */
let preloaded: Promise<World> | undefined;

async function boot(snapshot?: string): Promise<{ restored: boolean; notice?: string }> {
  let notice: string | undefined;
  let world: World | undefined;
  const fresh = preloaded;
  preloaded = undefined;
  if (snapshot) {
    await loadKind(state.lab?.world ?? state.kind);
    try {
      world = restoreWorld(await unpackSnapshot(snapshot));
    } catch (e) {
      notice = `Your saved lab could not be restored (${e instanceof Error ? e.message : String(e)}), so it starts fresh.`;
    }
  }
  const restored = world !== undefined;
  world ??= await (fresh ?? freshWorld(state.lab, state.kind, state.initialWorld));
  attachHost(world);
  state.world = world;
  state.session = new Session(world);
  lastTick = performance.now();
  return { restored, notice };
}

async function checks(): Promise<TaskResult[]> {
  if (!state.lab || !state.world) return [];
  return runLabChecks(state.world, state.lab);
}

// The virtual clock follows wall time while the page is open.
setInterval(() => {
  const now = performance.now();
  if (state.world) {
    state.world.advance(now - lastTick);
    emit('clock', state.world.now);
  }
  lastTick = now;
}, 250);

registerMethods({
  /** Moves virtual time forward (the lab's fast-forward buttons, `hatchway sim advance`). */
  'clock.advance': (params: { ms: number }) => {
    state.world?.advance(params.ms);
    return state.world?.now ?? 0;
  },
  /** The world as the page stores it (packed-snapshot.ts); `init` takes it back. */
  'world.snapshot': () => (state.world ? packSnapshot(state.world.snapshot()) : undefined),
});

/** Takes over the worker's messages, starting with those that arrived while this module loaded. */
export function listen(early: MessageEvent<ToWorker>[]): void {
  self.onmessage = handle;
  for (const event of early) void handle(event);
}

async function handle(event: MessageEvent<ToWorker>): Promise<void> {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'preload':
        preloaded = freshWorld(msg.lab, msg.world, msg.initialWorld);
        // A failure here surfaces (as `fatal`) when `init` awaits the same promise.
        preloaded.catch(() => undefined);
        break;
      case 'init': {
        state.lab = msg.lab;
        state.kind = msg.world;
        state.columns = msg.columns;
        state.initialWorld = msg.initialWorld;
        const r = await boot(msg.snapshot);
        post({ type: 'ready', prompt: state.session!.prompt(), history: state.world!.state.history.slice(), ...r });
        break;
      }
      case 'reset': {
        await boot();
        post({ type: 'ready', prompt: state.session!.prompt(), history: [], restored: false });
        for (const hook of afterCommand) await hook();
        break;
      }
      case 'shown':
        // A restored world's deferred parts (an aws world's EKS cluster) load once the prompt is
        // on screen; a command that needs one first waits for it (worlds.ts, DeferredDomain).
        if (state.world) void joinDeferredInUse(state.world).catch(() => undefined);
        break;
      case 'resize':
        state.columns = msg.columns;
        if (state.world) state.world.terminalColumns = msg.columns;
        break;
      case 'interrupt':
        if (state.world && state.busy) state.world.signal.interrupted = true;
        output.release();
        break;
      case 'ack':
        output.ack(msg.bytes);
        break;
      case 'complete': {
        if (!state.session || state.busy) {
          post({ type: 'completion', id: msg.id, word: '', candidates: [], insert: '' });
          return;
        }
        const c = complete(state.session, msg.line, msg.cursor);
        post({ type: 'completion', id: msg.id, word: c.word, candidates: c.candidates, insert: completionInsert(c) });
        break;
      }
      case 'exec': {
        const { session } = state;
        if (!session) return;
        if (completeness(msg.source) === 'incomplete') {
          post({ type: 'incomplete', id: msg.id });
          return;
        }
        state.busy = true;
        let exitCode = 1;
        try {
          const r = await session.execute(msg.source, {
            stdout: { write: (data) => output.write('stdout', data) },
            stderr: { write: (data) => output.write('stderr', data) },
          });
          exitCode = r.exitCode;
        } finally {
          state.busy = false;
        }
        output.flush();
        post({ type: 'done', id: msg.id, exitCode, prompt: session.prompt() });
        for (const hook of afterCommand) await hook();
        post({ type: 'checks', id: null, results: await checks() });
        break;
      }
      case 'check':
        post({ type: 'checks', id: msg.id, results: await checks() });
        break;
      case 'request': {
        const method = getMethod(msg.method);
        if (!method) {
          post({ type: 'response', id: msg.id, error: `unknown method ${msg.method}` });
          return;
        }
        try {
          post({ type: 'response', id: msg.id, result: await method(msg.params as never) });
        } catch (e) {
          post({ type: 'response', id: msg.id, error: e instanceof Error ? e.message : String(e) });
        }
        break;
      }
    }
  } catch (e) {
    state.busy = false;
    output.flush();
    post({ type: 'fatal', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}
