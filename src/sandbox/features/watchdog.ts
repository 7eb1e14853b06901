/**
 * The worker watchdog. A command that ignores Ctrl-C, or a worker that stops answering
 * altogether (a synchronous loop in the engine), would leave the terminal dead. The
 * watchdog notices, terminates the worker, starts a new one from the last snapshot taken
 * after a command, and says so in the terminal. The page itself never blocks: the engine
 * only ever runs in the worker.
 */
import type { LabController } from '../lab-client.ts';
import type { FromWorker, ToWorker } from '../protocol.ts';

export interface WatchdogOptions {
  /** How long a running command may ignore Ctrl-C before the worker is restarted. */
  interruptGraceMs?: number;
  /** How long a busy worker may send nothing at all (it posts a clock tick every 250 ms). */
  silenceMs?: number;
}

export const WATCHDOG_DEFAULTS: Required<WatchdogOptions> = { interruptGraceMs: 2000, silenceMs: 10_000 };

export function restartNotice(reason: 'interrupt' | 'silence', restored: boolean): string {
  const what = reason === 'interrupt' ? 'did not stop after Ctrl-C' : 'stopped responding';
  const from = restored ? 'from the state after your last command' : 'from the lab’s starting state (no snapshot was taken yet)';
  return `hatchway: the command ${what}, so the simulation was restarted ${from}.`;
}

export function watchdog(c: LabController, options: WatchdogOptions = {}): () => void {
  const { interruptGraceMs, silenceMs } = { ...WATCHDOG_DEFAULTS, ...options };
  let busySince: number | undefined;
  let interruptedAt: number | undefined;
  let lastMessageAt = performance.now();
  let snapshot: string | undefined;
  const snapshotRequests = new Set<number>();

  const unsubscribe = [
    c.on('send', (data) => {
      const m = data as ToWorker;
      const now = performance.now();
      if (m.type === 'exec') {
        busySince = now;
        interruptedAt = undefined;
        lastMessageAt = now;
      } else if (m.type === 'interrupt' && busySince !== undefined) interruptedAt ??= now;
      else if (m.type === 'request' && m.method === 'world.snapshot') snapshotRequests.add(m.id);
      else if (m.type === 'init' || m.type === 'reset') {
        busySince = interruptedAt = undefined;
        if (m.type === 'reset') snapshot = undefined;
      }
    }),
    c.on('message', (data) => {
      const m = data as FromWorker;
      lastMessageAt = performance.now();
      if (m.type === 'done' || m.type === 'incomplete' || m.type === 'ready' || m.type === 'fatal') busySince = interruptedAt = undefined;
      if (m.type === 'response' && snapshotRequests.delete(m.id) && typeof m.result === 'string') snapshot = m.result;
    }),
    // Keep a snapshot from after every command (persistence may already have asked for one).
    c.on('done', () => {
      if (snapshotRequests.size === 0) void c.request('world.snapshot').catch(() => undefined);
    }),
  ];

  const timer = setInterval(() => {
    if (busySince === undefined) return;
    const now = performance.now();
    const ignored = interruptedAt !== undefined && now - interruptedAt >= interruptGraceMs;
    const silent = now - lastMessageAt >= silenceMs;
    if (!ignored && !silent) return;
    busySince = interruptedAt = undefined;
    snapshotRequests.clear();
    c.restartWorker(snapshot, restartNotice(ignored ? 'interrupt' : 'silence', snapshot !== undefined));
  }, 100);

  return () => {
    clearInterval(timer);
    for (const u of unsubscribe) u();
  };
}
