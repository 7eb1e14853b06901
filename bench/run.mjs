// `npm run bench`: every performance figure of issue 8 in one table, written to
// bench/results.json. Each figure is the median of several runs; figures over budget are
// listed again at the end. Options: --quick (fewer runs),
// --only build,bytes,engine,cli,scale,browser (any of them, comma-separated).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { NODE_BUNDLE } from '../bin/bundle.mjs';
import { browserFigures } from './browser.mjs';
import { BYTE_BUDGETS, byteFigures } from './lib/script-graph.mjs';
import { figure, median } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.indexOf('--only');
const only = onlyArg > -1 ? new Set(argv[onlyArg + 1].split(',')) : undefined;
const want = (part) => !only || only.has(part);
const figures = [];
const log = (s) => process.stderr.write(`bench: ${s}\n`);

/**
 * Bundles a TypeScript bench as the CLI is bundled (bin/bundle.mjs), so it measures the code
 * that ships: under tsx, Node would load yaml's slower Node build instead.
 */
function bundled(file, dir) {
  const outfile = join(dir, file.replace(/\.ts$/, '.mjs'));
  buildSync({ ...NODE_BUNDLE, entryPoints: [`bench/engine/${file}`], outfile });
  return outfile;
}

/** Runs a TypeScript bench in its own Node process (fresh heap, GC exposed); returns its JSON line. */
function engineBench(file, args = [], timeoutMs = 120_000, { bundle = false } = {}) {
  const dir = bundle ? mkdtempSync(join(tmpdir(), 'hatchway-bench-')) : undefined;
  const script = dir ? [bundled(file, dir)] : ['--import', 'tsx', `bench/engine/${file}`];
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...script, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, ...(quick ? { BENCH_RUNS: '3' } : {}) },
  });
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (r.error?.code === 'ETIMEDOUT' || r.signal) throw new Error(`did not finish within ${timeoutMs / 1000} s`);
  if (r.status !== 0) {
    const lines = (r.stderr || r.stdout).split('\n').map((l) => l.trim());
    throw new Error(lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.filter(Boolean).pop() ?? `exit ${r.status}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Runs one measurement; if it fails, the figure is listed as not measured, with why. */
function attempt(what, unit, budget, fn) {
  log(what);
  try {
    fn();
  } catch (e) {
    figures.push(figure(what, null, unit, budget, `not measured: ${e.message}`));
  }
}

if (want('build')) {
  attempt('full site build (astro build)', 's', undefined, () => {
    const t0 = performance.now();
    const r = spawnSync('npx', ['astro', 'build'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(r.stderr.trim().split('\n').slice(-3).join(' | '));
    figures.push(figure('full site build (astro build)', (performance.now() - t0) / 1000, 's'));
  });
}

if (want('bytes')) {
  attempt('JS shipped (dist/)', 'KB gz', { max: BYTE_BUDGETS.labKb }, () => {
    if (!existsSync(`${root}/dist`)) throw new Error('dist/ is missing: run npm run build');
    const { lesson, lab } = byteFigures(`${root}/dist`);
    if (lesson) figures.push(figure(`JS shipped, page without a lab (largest: ${lesson.page})`, lesson.shippedGzip / 1024, 'KB gz', { max: BYTE_BUDGETS.lessonKb }));
    if (lab) {
      // The worker's entry imports the engine and the lab's world kind with import() (so they
      // load side by side), which this static count cannot follow: the bytes a lab really
      // loads before its prompt are measured per lab in tests/e2e/budgets.spec.ts.
      figures.push(figure(`JS shipped, lab page and worker entry, static imports (largest: ${lab.page})`, lab.shippedGzip / 1024, 'KB gz', undefined, `${lab.files.length} files; the engine and world kind the worker imports at start are counted per lab, before the prompt, by tests/e2e/budgets.spec.ts (≤ ${BYTE_BUDGETS.labKb} KB gz)`));
      figures.push(figure(`JS lazy (dynamic import) from ${lab.page}`, lab.lazyGzip / 1024, 'KB gz', undefined, 'loaded on demand, not at page load'));
    }
  });
}

if (want('engine')) {
  attempt('engine latency p95', 'ms', { max: 16 }, () => {
    const r = engineBench('latency.ts');
    for (const [cmd, { p95 }] of Object.entries(r.results)) {
      figures.push(figure(`engine latency p95: ${cmd}`, p95, 'ms', { max: 16 }, cmd.startsWith('kubectl') ? `${r.pods.running} pods (${r.mode})` : undefined));
    }
  });

  attempt('validation, 2,000-document file', 'docs/s', { min: 2000 }, () => {
    const r = engineBench('validate.ts', [], 120_000, { bundle: true });
    figures.push(figure('validation, 2,000-document file', r.docsPerSecond, 'docs/s', { min: 2000 }, `median ${r.medianMs.toFixed(0)} ms, ${r.diagnostics} diagnostics; bundled as the CLI ships it`));
  });

  attempt('validator workloads (src/checks/validate/bench.ts)', 'ms', undefined, () => {
    const r = engineBench('validator-workloads.ts', [], 300_000);
    for (const w of r.results) figures.push(figure(`validator: ${w.name}`, w.ms, 'ms', { max: w.budgetMs }, w.detail));
  });

}

if (want('cli')) {
  attempt('CLI: npx hatchway validate, 2,000-document file (wall)', 'ms', { max: 2000 }, () => {
    const r = engineBench('cli.ts', [], 600_000);
    figures.push(figure('CLI: npx hatchway validate, 2,000-document file (wall)', r.validate.npxMs, 'ms', { max: 2000 }, `${r.validate.findings} findings; ${r.validate.nodeMs.toFixed(0)} ms of it is node bin/hatchway.mjs (Node ${r.node}), the rest npx`));
    figures.push(figure('CLI: refuse a 100 MB file (wall)', r.huge.ms, 'ms', { max: 200 }, `node bin/hatchway.mjs: ${r.huge.output}`));
    figures.push(figure('CLI: refuse an alias bomb (wall)', r.bomb.ms, 'ms', { max: 200 }, `node bin/hatchway.mjs: ${r.bomb.output}`));
  });
}

if (want('scale')) {
  const scaleRuns = quick ? 1 : 3;
  const growth = [];
  let tooSlow;
  for (const pods of [100, 1000, 10_000]) {
    attempt(`scale: 1,000 nodes, ${pods.toLocaleString('en')} pods all Running (wall)`, 'ms', pods === 10_000 ? { max: 2000 } : undefined, () => {
      // A bigger run cannot be faster than a smaller one that already timed out.
      if (tooSlow) throw new Error(tooSlow);
      const runs = [];
      try {
        for (let i = 0; i < scaleRuns; i++) runs.push(engineBench('scale.ts', ['--nodes', '1000', '--pods', String(pods)], 180_000));
      } catch (e) {
        tooSlow = `the ${pods.toLocaleString('en')}-pod run already failed: ${e.message}`;
        throw e;
      }
      const bad = runs.find((r) => !r.ok);
      if (bad) throw new Error(`${bad.running}/${bad.pods} pods Running after ${bad.virtualMs / 1000} s of virtual time`);
      const wall = median(runs.map((r) => r.wallMs));
      growth.push({ pods, wall });
      const cpu = median(runs.map((r) => r.cpuMs));
      const note = `${runs[0].mode}; ${runs[0].virtualMs / 1000} s virtual; ${cpu.toFixed(0)} ms of CPU${runs[0].note ? `; ${runs[0].note}` : ''}`;
      figures.push(figure(`scale: 1,000 nodes, ${pods.toLocaleString('en')} pods all Running (wall)`, wall, 'ms', pods === 10_000 ? { max: 2000 } : undefined, note));
      if (pods === 10_000) {
        const evaluated = runs[0].nodesEvaluatedPerPod;
        figures.push(figure('scale: cost per pod per node evaluated', (wall * 1e6) / (pods * evaluated), 'ns', undefined, `wall time / (pods × ${evaluated} nodes the scheduler evaluates per pod); all the pod's work, not only scheduling`));
      }
    });
  }
  if (growth.length > 1) {
    const steps = growth.slice(1).map((g, i) => `×${(g.wall / growth[i].wall).toFixed(1)}`);
    figures.push(figure('scale: growth 100 → 1,000 → 10,000 pods', growth.map((g) => g.wall.toFixed(0)).join(' → '), 'ms', undefined, `per ×10 pods: ${steps.join(', ')}`));
  }

  attempt('memory: 100,000 pods held (heap after GC)', 'MB', { max: 1024 }, () => {
    if (tooSlow) throw new Error(tooSlow);
    const r = engineBench('scale.ts', ['--nodes', '1000', '--pods', '100000', '--hold'], 600_000);
    if (!r.ok) throw new Error(`only ${r.total} pods created`);
    figures.push(figure('memory: 100,000 pods held (heap after GC)', r.heapBytes / 2 ** 20, 'MB', { max: 1024 }, `${r.mode}; created in ${(r.wallMs / 1000).toFixed(1)} s wall`));
  });
}

if (want('browser')) {
  log('browser (headless chromium)');
  try {
    figures.push(...(await browserFigures({ runs: quick ? 3 : 7 })));
  } catch (e) {
    figures.push(figure('browser figures', null, '', undefined, `not measured: ${e.message.split('\n')[0]}`));
  }
}

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : v === null ? '—' : String(v));
const budgetText = (b) => (!b ? '' : 'max' in b ? `≤ ${b.max}` : `≥ ${b.min}`);
const rows = figures.map((f) => [f.name, fmt(f.value), f.unit, budgetText(f.budget), f.ok === null ? '' : f.ok ? 'ok' : 'OVER']);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['name', 'value', 'unit', 'budget', 'ok'], ...rows].map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`\nHatchway bench — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverage.join(' ')} (other work on the machine inflates the timings)\n`);
console.log(line(['name', 'value', 'unit', 'budget', 'ok']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
const notes = figures.filter((f) => f.note);
if (notes.length) {
  console.log('\nNotes:');
  for (const f of notes) console.log(`  ${f.name}: ${f.note}`);
}
const over = figures.filter((f) => f.ok === false);
console.log(over.length ? `\nOver budget or not measured (${over.length}):` : '\nAll figures within budget.');
for (const f of over) console.log(`  ${f.name}: ${fmt(f.value)} ${f.unit} (budget ${budgetText(f.budget)})${f.value === null ? ` — ${f.note}` : ''}`);
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), machine, quick, figures }, null, 2) + '\n');
console.log('\nWrote bench/results.json');
