// Injected into bench pages before any page script (Playwright addInitScript). Records when
// the terminal becomes ready and, for each command line sent to the engine worker, when its
// Enter key went down, when it was sent, when its first output and its `done` came back,
// and when the automatic re-check after it finished (`checks`); and the saves so far. Times are the page's
// performance.now(), except `enter`: milliseconds since the epoch (performance.timeOrigin
// based), to compare with the worker's clock (see WORKER_PROBE in browser.mjs).
(() => {
  const probe = (window.__hatchwayProbe = { ready: null, commands: [], pending: null, last: null, done: 0, checked: 0, enter: null });
  // Saves the lab has written (persistence.ts counts them on its status element).
  probe.saves = () => Number(document.querySelector('[data-save-status]')?.dataset.saves ?? 0);
  addEventListener('keydown', (e) => e.key === 'Enter' && (probe.enter = performance.timeOrigin + e.timeStamp), { capture: true });
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const m = e.data;
        const t = performance.now();
        // The automatic re-check the worker runs after each command: the worker is idle again.
        if (m && m.type === 'checks' && m.id === null) {
          if (probe.last && probe.last.checked === undefined) probe.last.checked = t;
          probe.checked++;
        }
        if (!probe.pending) return;
        if (m && m.type === 'output' && probe.pending.output === undefined) probe.pending.output = t;
        if (m && m.type === 'done') {
          probe.pending.done = t;
          probe.commands.push(probe.pending);
          probe.last = probe.pending;
          probe.pending = null;
          probe.done++;
        }
      });
    }
    postMessage(m, ...rest) {
      if (m && m.type === 'exec') probe.pending = { source: m.source, enter: probe.enter, sent: performance.now() };
      return super.postMessage(m, ...rest);
    }
  };
  const seen = () => {
    const el = document.querySelector('[data-testid="terminal"][data-state="ready"]');
    if (el && probe.ready === null) probe.ready = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true });
})();
