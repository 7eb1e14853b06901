/**
 * Engine scale: a Deployment scaled to `--pods` on a cluster of `--nodes` workers, from
 * `kubectl apply` until every pod is Running in virtual time, measured in wall time.
 * With `--hold`, it only waits for the pods to exist and reports the heap that holds them.
 * Prints one JSON line. Usage: node --expose-gc --import tsx bench/engine/scale.ts --nodes 1000 --pods 10000
 */
import { advanceUntil, deploymentYaml, mustRun, podPhases, podsYaml, run, withNodes, writeFile } from './kit.ts';
import { Session } from '../../src/engine/shell/session.ts';
import '../../src/engine/kinds/all.ts';
import { createWorld } from '../../src/engine/worlds.ts';
import { numFeasibleNodesToFind } from '../../src/engine/kube/scheduler/framework.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? Number(process.argv[i + 1]) : def;
};
const nodes = arg('nodes', 1000);
const pods = arg('pods', 10_000);
const hold = process.argv.includes('--hold');
const gc = (globalThis as { gc?: () => void }).gc;

const base = createWorld({ kind: 'kubernetes', seed: 1 });
const world = withNodes(base, nodes);
const session = new Session(world);
await mustRun(session, 'true');
gc?.();
const heapBefore = process.memoryUsage().heapUsed;

let mode = 'Deployment';
let note: string | undefined;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
writeFile(session, 'deploy.yaml', deploymentYaml('scale', pods));
const applied = await run(session, 'kubectl apply -f deploy.yaml');
const created = applied.exitCode === 0 && advanceUntil(world, () => podPhases(world, 'scale').total > 0, 30_000);
if (!created) {
  // This engine build cannot run a Deployment yet: measure the same scheduling with bare pods.
  mode = 'bare pods';
  note = `Deployment not available (${(applied.stderr || 'no pods created').trim().split('\n')[0]}); bare pods applied in chunks of 5,000`;
  for (let i = 0; i < pods; i += 5000) {
    writeFile(session, 'pods.yaml', podsYaml(`p${i}`, Math.min(5000, pods - i), 'nginx:1.27', 'scale'));
    await mustRun(session, 'kubectl apply -f pods.yaml');
  }
}
const done = hold ? () => podPhases(world, 'scale').total >= pods : () => podPhases(world, 'scale').running >= pods;
const startVirtual = world.now;
const ok = advanceUntil(world, done);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const phases = podPhases(world, 'scale');
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    nodes,
    pods,
    mode,
    note,
    ok,
    wallMs,
    // CPU time of the same span (user + system): steadier than wall on a shared machine.
    cpuMs: (cpu.user + cpu.system) / 1000,
    // Nodes the scheduler filters and scores per pod: it stops once it has found this many
    // feasible ones (percentageOfNodesToScore), and every node here has room.
    nodesEvaluatedPerPod: numFeasibleNodesToFind(nodes),
    virtualMs: world.now - startVirtual,
    running: phases.running,
    total: phases.total,
    heapBytes: heapAfter,
    heapDeltaBytes: heapAfter - heapBefore,
  }),
);
