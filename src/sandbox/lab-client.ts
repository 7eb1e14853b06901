/**
 * The page side of a lab: xterm in the page, the engine in a worker, and the task list,
 * Check and Reset wired to the DOM hooks that tests rely on (DESIGN.md, "Browser").
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { Lab, TaskResult } from '../checks/lab/types.ts';
import { LineEditor } from './line-editor.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface LabElements {
  root: HTMLElement;
  terminal: HTMLElement;
  check?: HTMLButtonElement | null;
  reset?: HTMLButtonElement | null;
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

export function bootLab(el: LabElements, lab: Lab | null, world: Lab['world']): void {
  const term = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 14,
    scrollback: 5000,
    screenReaderMode: matchMedia('(prefers-reduced-motion: reduce)').matches,
    theme: terminalTheme(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el.terminal);
  fit.fit();
  new ResizeObserver(() => {
    fit.fit();
    send({ type: 'resize', columns: term.cols });
  }).observe(el.terminal);

  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToWorker) => worker.postMessage(m);
  let nextId = 1;
  let source = '';
  const checkIds = new Set<number>();

  const editor = new LineEditor({
    write: (d) => term.write(d),
    columns: () => term.cols,
    submit: (line) => {
      source = source ? `${source}\n${line}` : line;
      send({ type: 'exec', id: nextId++, source });
    },
    complete: (line, cursor) => send({ type: 'complete', id: nextId++, line, cursor }),
    interrupt: () => send({ type: 'interrupt' }),
    clearScreen: () => term.clear(),
  });
  term.onData((d) => editor.input(d));

  const tasks = () => [...el.root.querySelectorAll<HTMLElement>('[data-testid="task"]')];
  const showResults = (results: TaskResult[], explicit: boolean) => {
    for (const r of results) {
      const node = tasks().find((t) => t.dataset.taskId === r.id);
      if (!node) continue;
      // Automatic re-checks only notice success; failures are shown when the learner asks.
      if (!explicit && r.status === 'failed') continue;
      node.dataset.status = r.status;
      const msg = node.querySelector<HTMLElement>('[data-role="message"]');
      if (msg) {
        msg.textContent = r.failure ? r.failure.message : 'Done.';
        const hint = node.querySelector<HTMLElement>('[data-role="failure-hint"]');
        if (hint) hint.textContent = r.failure?.hint ? `Hint: ${r.failure.hint}` : '';
      }
    }
  };

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    switch (m.type) {
      case 'ready':
        term.reset();
        if (m.notice) term.write(`\x1b[33m${m.notice}\x1b[0m\r\n`);
        editor.setHistory(m.history);
        source = '';
        editor.showPrompt(m.prompt);
        el.terminal.dataset.state = 'ready';
        break;
      case 'output':
        term.write(m.data.replace(/\r?\n/g, '\r\n'));
        break;
      case 'incomplete':
        editor.continueWith('> ');
        break;
      case 'done':
        source = '';
        editor.showPrompt(m.prompt);
        break;
      case 'completion':
        editor.completed(m.insert, m.candidates);
        break;
      case 'checks':
        showResults(m.results, m.id !== null && checkIds.delete(m.id));
        if (m.id !== null && el.check) el.check.disabled = false;
        break;
      case 'fatal':
        term.write(`\r\n\x1b[31mhatchway: the simulation hit an internal error (${m.message}). Your lab is still here; press Enter.\x1b[0m\r\n`);
        source = '';
        editor.showPrompt('$ ');
        break;
      case 'snapshot':
      case 'clock':
        break;
    }
  };

  el.check?.addEventListener('click', () => {
    const id = nextId++;
    checkIds.add(id);
    el.check!.disabled = true;
    send({ type: 'check', id });
  });
  el.reset?.addEventListener('click', () => {
    if (!confirm('Reset the lab? Your files, cluster and history in this lab will be lost.')) return;
    for (const t of tasks()) {
      t.dataset.status = 'pending';
      const msg = t.querySelector<HTMLElement>('[data-role="message"]');
      if (msg) msg.textContent = '';
    }
    el.terminal.dataset.state = 'loading';
    send({ type: 'reset' });
  });

  send({ type: 'init', lab, world, columns: term.cols });
  term.focus();
}
