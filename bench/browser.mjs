// Browser figures: time to a ready prompt (cold cache), command latency keypress → done
// through the real worker, and the lab page's memory after 1,000 commands. Headless Debian
// Chromium against dist/ served on 127.0.0.1 with the production headers.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { figure, median, percentile } from './lib/stats.mjs';
import { serveDist } from './lib/serve.mjs';

const PROBE = readFileSync(new URL('./lib/page-probe.js', import.meta.url), 'utf8');
const LAB = '/labs/hello-pod/';

async function newPage(browser, base) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Time to the ready prompt: `cold` in a fresh browser context (empty HTTP cache, no service
 * worker, no save), then `warm` in the same context once the first visit has settled, as a
 * learner coming back finds it (the HTTP cache, the service worker's precache and the lab's
 * save, which is restored).
 */
async function readyTimes(browser, base, runs) {
  const cold = [];
  const warm = [];
  const ready = async (page) => {
    await page.waitForFunction(() => window.__hatchwayProbe.ready !== null, null, { timeout: 20_000 });
    return page.evaluate(() => window.__hatchwayProbe.ready);
  };
  for (let i = 0; i < runs; i++) {
    const { context, page } = await newPage(browser, base);
    await page.goto(LAB);
    cold.push(await ready(page));
    await page.evaluate(() => navigator.serviceWorker?.ready);
    await page.waitForTimeout(500);
    await page.goto(LAB);
    warm.push(await ready(page));
    await context.close();
  }
  return { cold, warm };
}

/**
 * Types a command and presses Enter once its echo is painted (a learner's Enter comes tens of
 * milliseconds after the last character, not within the same frame), then waits until the
 * lab is idle again, as it is when a learner types the next command: the output, `done`,
 * the automatic re-check and the save after it.
 */
async function runCommand(page, line) {
  const before = await page.evaluate(() => ({ checked: window.__hatchwayProbe.checked, saves: window.__hatchwayProbe.saves() }));
  await page.keyboard.insertText(line);
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => window.__hatchwayProbe.checked > b.checked && window.__hatchwayProbe.saves() > b.saves, before, { timeout: 20_000, polling: 'raf' });
}

/**
 * Installed in the engine worker: the epoch time (performance.timeOrigin based, comparable
 * with the page's) at which each command's `done` was posted, i.e. its output is all out.
 */
const WORKER_PROBE = () => {
  const times = (self.__hatchwayDone = []);
  const post = self.postMessage.bind(self);
  self.postMessage = (m, ...rest) => {
    if (m && m.type === 'done') times.push(performance.timeOrigin + performance.now());
    return post(m, ...rest);
  };
};

async function commandLatency(page, runs) {
  const workers = page.workers();
  for (const w of workers) await w.evaluate(WORKER_PROBE);
  // 100 pods for `kubectl get pods`, as in the Node figure.
  const pods = Array.from({ length: 100 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27`).join('\n---\n');
  await page.evaluate(() => (window.__hatchwayProbe.commands = []));
  for (const line of `cat > pods.yaml <<'EOF'\n${pods}\nEOF`.split('\n')) {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(() => window.__hatchwayProbe.checked > 0, null, { timeout: 20_000 });
  await runCommand(page, 'kubectl apply -f pods.yaml');
  const out = {};
  for (const cmd of ['kubectl get pods', 'ls -la', 'cat /sys/fs/cgroup/cpu.stat']) {
    await page.evaluate(() => (window.__hatchwayProbe.commands = []));
    const workerDone = await Promise.all(workers.map((w) => w.evaluate(() => self.__hatchwayDone.length)));
    for (let i = 0; i < runs; i++) await runCommand(page, cmd);
    // The engine worker is the one that posted a `done` for each command.
    const posted = await Promise.all(workers.map((w, i) => w.evaluate((from) => self.__hatchwayDone.slice(from), workerDone[i])));
    const inWorker = posted.find((t) => t.length === runs);
    if (!inWorker) throw new Error(`no worker posted ${runs} \`done\` messages for ${cmd}`);
    const probed = await page.evaluate(() => window.__hatchwayProbe.commands.map((c) => ({ enter: c.enter, done: performance.timeOrigin + c.done, checked: c.checked - c.done })));
    // The first three warm up.
    const samples = probed.map((c, i) => ({ worker: inWorker[i] - c.enter, page: c.done - c.enter, checked: c.checked })).slice(3);
    out[cmd] = {
      worker: percentile(samples.map((s) => s.worker), 95),
      page: percentile(samples.map((s) => s.page), 95),
      check: median(samples.map((s) => s.checked)),
    };
  }
  return out;
}

async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function memoryAfterCommands(page, count) {
  let at100 = 0;
  for (let i = 1; i <= count; i++) {
    await runCommand(page, `echo "command ${i} of ${count}: the quick brown fox jumps over the lazy dog"`);
    if (i === 100) at100 = await heapMb(page);
  }
  return { at100, atEnd: await heapMb(page) };
}

export async function browserFigures({ runs = 7 } = {}) {
  const figures = [];
  const server = await serveDist(4391);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const { cold, warm } = await readyTimes(browser, server.url, runs);
    const runsNote = (times) => `runs: ${times.map((t) => t.toFixed(0)).join(', ')}`;
    figures.push(figure('time to ready prompt, /labs/hello-pod/ (median, cold cache)', median(cold), 'ms', { max: 300 }, runsNote(cold)));
    figures.push(figure('time to ready prompt, /labs/hello-pod/ (median, second visit)', median(warm), 'ms', undefined, `${runsNote(warm)}; HTTP cache, service worker and the lab's save in place`));

    const { context, page } = await newPage(browser, server.url);
    await page.goto(LAB);
    await page.waitForFunction(() => window.__hatchwayProbe.ready !== null, null, { timeout: 20_000 });
    await page.locator('.xterm-helper-textarea').focus();
    const lat = await commandLatency(page, 30);
    for (const [cmd, { worker, page: roundTrip, check }] of Object.entries(lat)) {
      figures.push(figure(`browser latency p95: ${cmd}`, worker, 'ms', { max: 16 }, 'Enter keydown on the page → the command\'s output all posted by the engine worker'));
      figures.push(figure(`browser round trip p95: ${cmd}`, roundTrip, 'ms', undefined, 'Enter keydown → `done` handled on the page (after the page has taken in the output)'));
      figures.push(figure(`browser: automatic re-check after ${cmd} (median)`, check, 'ms', undefined, 'worker busy after `done`: lab checks run after every command'));
    }
    const mem = await memoryAfterCommands(page, 1000);
    figures.push(figure('lab page JS heap after 1,000 commands', mem.atEnd, 'MB', { max: 64 }));
    figures.push(figure('lab page JS heap growth, commands 100 → 1,000', mem.atEnd - mem.at100, 'MB', { max: 16 }, 'scrollback and history are capped'));
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  return figures;
}
