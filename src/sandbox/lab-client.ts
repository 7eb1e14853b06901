/**
 * The page side of a lab: xterm in the page, the engine in a worker, and the task list,
 * Check and Reset wired to the DOM hooks that tests rely on (DESIGN.md, "Browser").
 * Everything beyond the terminal and tasks is a feature (features/) that attaches to the
 * LabController's events and requests.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { Lab, TaskResult } from '../checks/lab/types.ts';
import { FEATURES, type SavedLab } from './features/index.ts';
import { watchdog } from './features/watchdog.ts';
import { LineEditor } from './line-editor.ts';
import { spawnEngine, takeEngine } from './engine-start.ts';
import type { FromWorker, InitialWorldRef, ToWorker } from './protocol.ts';

export interface LabElements {
  root: HTMLElement;
  terminal: HTMLElement;
  check?: HTMLButtonElement | null;
  reset?: HTMLButtonElement | null;
}

type Listener = (data: unknown) => void;

/** One running lab: the terminal, the worker, and the hooks features use. */
export class LabController {
  readonly term: Terminal;
  readonly editor: LineEditor;
  private worker: Worker;
  /** Set by restartWorker: shown once the new worker is ready, without clearing the screen. */
  private restartNotice: string | undefined;
  /** Set by start: the saved terminal text, shown if the engine restores the saved world. */
  private savedScrollback: string | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private source = '';
  private readonly explicitChecks = new Set<number>();

  constructor(
    readonly el: LabElements,
    readonly lab: Lab | null,
    readonly world: Lab['world'],
    readonly initialWorld?: InitialWorldRef,
  ) {
    // The worker first (usually already started by engine-start.ts): it fetches and starts
    // the engine while the terminal is being set up.
    this.worker = this.attach(takeEngine(el.root) ?? spawnEngine({ lab, world, initialWorld }));
    this.term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: terminalTheme(),
    });
    const fit = new FitAddon();
    this.term.loadAddon(fit);
    this.term.open(el.terminal);
    fit.fit();
    new ResizeObserver(() => {
      fit.fit();
      this.send({ type: 'resize', columns: this.term.cols });
    }).observe(el.terminal);

    this.editor = new LineEditor({
      write: (d) => this.term.write(d),
      columns: () => this.term.cols,
      submit: (line) => {
        // data-busy is a stable hook for tests and assistive tech: a command is running.
        this.el.terminal.dataset.busy = 'true';
        this.source = this.source ? `${this.source}\n${line}` : line;
        this.send({ type: 'exec', id: this.nextId++, source: this.source });
      },
      complete: (line, cursor) => this.send({ type: 'complete', id: this.nextId++, line, cursor }),
      interrupt: () => this.send({ type: 'interrupt' }),
      clearScreen: () => this.term.clear(),
    });
    this.term.onData((d) => this.editor.input(d));
  }

  private attach(worker: Worker): Worker {
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    return worker;
  }

  /**
   * Replaces a stuck worker with a new one started from `snapshot` (the watchdog's path,
   * features/watchdog.ts). Pending requests fail; the terminal keeps its text and shows `notice`.
   */
  restartWorker(snapshot: string | undefined, notice: string): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the engine worker was restarted'));
    this.pending.clear();
    this.restartNotice = notice;
    this.worker = this.attach(spawnEngine({ lab: this.lab, world: this.world, initialWorld: this.initialWorld }));
    this.start(snapshot);
  }

  send(m: ToWorker): void {
    this.emit('send', m);
    this.worker.postMessage(m);
  }

  /** Calls a worker method registered by a feature (see worker/state.ts registerMethods). */
  request<T>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ type: 'request', id, method, params });
    });
  }

  /** Subscribes to worker events (`clock`, `snapshot`...) and page events (`ready`, `done`, `checks`). */
  on(name: string, fn: Listener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  emit(name: string, data: unknown): void {
    for (const fn of this.listeners.get(name) ?? []) fn(data);
  }

  /** Types a command into the terminal as if the learner did (the "run in terminal" buttons). */
  type(command: string): void {
    this.term.focus();
    this.editor.input(command + '\r');
  }

  /** Starts the engine, from `snapshot` if given; `scrollback` is shown above the prompt if the engine restores it. */
  start(snapshot?: string, scrollback?: string): void {
    this.savedScrollback = scrollback;
    this.send({ type: 'init', lab: this.lab, world: this.world, snapshot, columns: this.term.cols, initialWorld: this.initialWorld });
    // Focus the terminal only where the lab is the page; beside a lesson, keyboard users start at the text.
    if (!this.el.root.closest('aside')) this.term.focus();
  }

  check(): void {
    const id = this.nextId++;
    this.explicitChecks.add(id);
    if (this.el.check) this.el.check.disabled = true;
    this.send({ type: 'check', id });
  }

  reset(): void {
    this.el.terminal.dataset.state = 'loading';
    for (const t of this.tasks()) {
      t.dataset.status = 'pending';
      for (const el of t.querySelectorAll<HTMLElement>('[data-role="message"], [data-role="failure-hint"]')) el.textContent = '';
    }
    this.send({ type: 'reset' });
    this.emit('reset', null);
  }

  tasks(): HTMLElement[] {
    return [...this.el.root.querySelectorAll<HTMLElement>('[data-testid="task"]')];
  }

  private showResults(results: TaskResult[], explicit: boolean): void {
    for (const r of results) {
      const node = this.tasks().find((t) => t.dataset.taskId === r.id);
      if (!node) continue;
      // Automatic re-checks only notice success; failures are shown when the learner asks.
      if (!explicit && r.status === 'failed') continue;
      node.dataset.status = r.status;
      const msg = node.querySelector<HTMLElement>('[data-role="message"]');
      if (msg) msg.textContent = r.failure ? r.failure.message : 'Done.';
      const hint = node.querySelector<HTMLElement>('[data-role="failure-hint"]');
      if (hint) hint.textContent = r.failure?.hint ? `Hint: ${r.failure.hint}` : '';
    }
  }

  private receive(m: FromWorker): void {
    this.emit('message', m);
    switch (m.type) {
      case 'ready':
        if (this.restartNotice) this.term.write(`\r\n\x1b[33m${this.restartNotice}\x1b[0m\r\n`);
        else this.term.reset();
        // The stored text was reduced to text and SGR sequences when it was read (lab-saves.ts).
        if (m.restored && this.savedScrollback) this.term.write(this.savedScrollback.replace(/\n/g, '\r\n') + '\x1b[0m\r\n');
        this.restartNotice = undefined;
        this.savedScrollback = undefined;
        if (m.notice) this.term.write(`\x1b[33m${m.notice}\x1b[0m\r\n`);
        this.editor.setHistory(m.history);
        this.source = '';
        this.editor.showPrompt(m.prompt);
        this.el.terminal.dataset.state = 'ready';
        this.send({ type: 'shown' });
        this.emit('ready', m);
        // For the page beyond this lab (site/offline.ts starts precaching once a lab is up).
        this.el.root.dispatchEvent(new CustomEvent('hatchway:lab-ready', { bubbles: true }));
        break;
      case 'output': {
        const bytes = m.data.length;
        this.term.write(m.data.replace(/\r?\n/g, '\r\n'), () => this.send({ type: 'ack', bytes }));
        break;
      }
      case 'incomplete':
        this.el.terminal.dataset.busy = 'false';
        this.editor.continueWith('> ');
        break;
      case 'done':
        this.el.terminal.dataset.busy = 'false';
        this.source = '';
        this.editor.showPrompt(m.prompt);
        this.emit('done', m);
        break;
      case 'completion':
        this.editor.completed(m.insert, m.candidates);
        break;
      case 'checks': {
        const explicit = m.id !== null && this.explicitChecks.delete(m.id);
        this.showResults(m.results, explicit);
        if (explicit && this.el.check) this.el.check.disabled = false;
        this.emit('checks', { results: m.results, explicit });
        break;
      }
      case 'response': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
        break;
      }
      case 'event':
        this.emit(m.name, m.data);
        break;
      case 'fatal':
        this.term.write(`\r\n\x1b[31mhatchway: the simulation hit an internal error (${m.message}). Your lab is still here.\x1b[0m\r\n`);
        this.source = '';
        this.editor.showPrompt('$ ');
        break;
    }
  }
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function terminalTheme() {
  return {
    background: cssVar('--term-bg', '#0f1419'),
    foreground: cssVar('--term-fg', '#e6e1cf'),
    cursor: cssVar('--term-cursor', '#f29718'),
    selectionBackground: cssVar('--term-selection', '#253340'),
  };
}

export async function bootLab(el: LabElements, lab: Lab | null, world: Lab['world'], initialWorld?: InitialWorldRef): Promise<LabController> {
  const c = new LabController(el, lab, world, initialWorld);
  el.check?.addEventListener('click', () => c.check());
  el.reset?.addEventListener('click', () => {
    if (confirm('Reset the lab? Your files, cluster and history in this lab will be lost.')) c.reset();
  });
  // Features may provide a saved lab to start from (persistence), so they attach first.
  let saved: SavedLab | undefined;
  for (const feature of FEATURES) saved = (await feature(c)) || saved;
  watchdog(c);
  c.start(saved?.snapshot, saved?.scrollback);
  return c;
}
