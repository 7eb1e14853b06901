/**
 * Command latency in the engine, as the worker sees it: from the command line arriving to
 * the command's last output, for typical commands in a cluster with 100 pods. Prints one
 * JSON line: per command, the p95 and median of RUNS runs after a warm-up.
 */
import { advanceUntil, deploymentYaml, mustRun, newSession, podPhases, podsYaml, run, writeFile } from './kit.ts';

const RUNS = Number(process.env.BENCH_RUNS || 60);
const WARMUP = 5;
const COMMANDS = ['kubectl get pods', 'ls -la', 'cat /sys/fs/cgroup/cpu.stat'];

const session = newSession('kubernetes');
const world = session.world;
writeFile(session, 'deploy.yaml', deploymentYaml('web', 100));
const applied = await run(session, 'kubectl apply -f deploy.yaml');
let mode = 'Deployment';
if (applied.exitCode !== 0 || !advanceUntil(world, () => podPhases(world, 'web').total > 0, 30_000)) {
  mode = 'bare pods';
  writeFile(session, 'pods.yaml', podsYaml('web', 100));
  await mustRun(session, 'kubectl apply -f pods.yaml');
}
advanceUntil(world, () => podPhases(world, 'web').running >= 100);

const results: Record<string, { p95: number; median: number; lines: number }> = {};
for (const cmd of COMMANDS) {
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    const r = await mustRun(session, cmd);
    const dt = performance.now() - t0;
    if (i >= WARMUP) times.push(dt);
    lines = r.stdout.split('\n').length - 1;
  }
  times.sort((a, b) => a - b);
  results[cmd] = { p95: times[Math.ceil(0.95 * times.length) - 1]!, median: times[times.length >> 1]!, lines };
}
console.log(JSON.stringify({ mode, pods: podPhases(world, 'web'), results }));
