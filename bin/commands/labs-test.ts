/**
 * `hatchway labs test [ID...]`: labs are tested like code. For each lab, every task fails on
 * the fresh setup; when tasks have solutions, each task passes right after its own solution
 * (applied in order, in one world); the lab's solution passes every task; and each recorded
 * mistake fails the tasks it names with the expected code (and message, when given).
 */
import '../../src/engine/kinds/all.ts';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { createLabWorld, typeCommands, writeLearnerFiles } from '../../src/checks/lab/lab-world.ts';
import { runLabChecks, runTaskChecks } from '../../src/checks/lab/runner.ts';
import { hasTaskSolutions, labSolution } from '../../src/checks/lab/solutions.ts';
import type { Lab, Solution, TaskResult } from '../../src/checks/lab/types.ts';
import { Session } from '../../src/engine/shell/session.ts';
import type { World } from '../../src/engine/world.ts';
import { parseCliArgs } from '../lib/args.ts';
import type { CliIO } from '../lib/io.ts';
import { LABS_DIR, LabLoadError, labIds, loadLab } from '../lib/labs.ts';
import { failureText } from '../lib/report.ts';

export interface LabTestOutcome {
  id: string;
  ok: boolean;
  lines: string[];
}

async function apply(world: World, session: Session, solution: Pick<Solution, 'files' | 'commands'>): Promise<void> {
  if (solution.files) writeLearnerFiles(world, solution.files);
  await typeCommands(session, solution.commands);
  // The learner waits for the world to settle before pressing Check.
  world.settle();
}

async function attempt(lab: Lab, solution: Pick<Solution, 'files' | 'commands'>): Promise<TaskResult[]> {
  const world = await createLabWorld(lab);
  await apply(world, new Session(world), solution);
  return runLabChecks(world, lab);
}

/** The tasks' own solutions, in order, in one world: each task is checked right after its solution. */
async function stepByStep(lab: Lab): Promise<TaskResult[]> {
  const world = await createLabWorld(lab);
  const session = new Session(world);
  const results: TaskResult[] = [];
  for (const task of lab.tasks) {
    await apply(world, session, task.solution!);
    results.push(await runTaskChecks(world, lab, task));
  }
  return results;
}

export async function testLab(lab: Lab): Promise<LabTestOutcome> {
  const lines: string[] = [];
  let ok = true;
  const fail = (s: string) => {
    ok = false;
    lines.push(`    ✗ ${s}`);
  };
  const pass = (s: string) => lines.push(`    ✓ ${s}`);

  const fresh = await attempt(lab, { commands: '' });
  for (const r of fresh) {
    if (r.status === 'failed') pass(`fresh setup: ${r.id} fails (${r.failure!.code})`);
    else fail(`fresh setup: ${r.id} passes before the learner does anything`);
  }
  if (hasTaskSolutions(lab)) {
    for (const r of await stepByStep(lab)) {
      if (r.status === 'passed') pass(`task solution: ${r.id} passes after its solution`);
      else fail(`task solution: ${r.id} fails after its solution: ${failureText(r.failure!)}`);
    }
  }
  const solved = await attempt(lab, labSolution(lab));
  for (const r of solved) {
    if (r.status === 'passed') pass(`solution: ${r.id} passes`);
    else fail(`solution: ${r.id} fails: ${failureText(r.failure!)}`);
  }
  for (const m of lab.mistakes) {
    const results = await attempt(lab, m);
    for (const [taskId, want] of Object.entries(m.expect)) {
      const code = typeof want === 'string' ? want : want.code;
      const message = typeof want === 'string' ? undefined : want.message;
      const r = results.find((t) => t.id === taskId);
      if (!r) fail(`mistake "${m.name}": no task "${taskId}" in this lab`);
      else if (r.status === 'passed') fail(`mistake "${m.name}": ${taskId} passes, expected ${code}`);
      else if (r.failure!.code !== code) fail(`mistake "${m.name}": ${taskId} fails with ${r.failure!.code}, expected ${code}: ${r.failure!.message}`);
      else if (message !== undefined && !r.failure!.message.includes(message)) fail(`mistake "${m.name}": ${taskId} message is "${r.failure!.message}", expected it to contain "${message}"`);
      else pass(`mistake "${m.name}": ${taskId} fails with ${code}`);
    }
  }
  return { id: lab.id, ok, lines };
}

async function testAll(ids: string[], io: CliIO): Promise<number> {
  let failed = 0;
  for (const id of ids) {
    let lab: Lab;
    try {
      lab = loadLab(id);
    } catch (e) {
      if (!(e instanceof LabLoadError)) throw e;
      io.out(`✗ ${id}\n    ${e.message}\n`);
      failed++;
      continue;
    }
    const outcome = await testLab(lab);
    if (!outcome.ok) failed++;
    io.out(`${outcome.ok ? '✓' : '✗'} ${id}\n${outcome.lines.join('\n')}\n`);
  }
  io.out(`\n${ids.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  const p = parseCliArgs(rest, []);
  if (sub !== 'test' || 'error' in p || [...p.flags.keys()].some((k) => k !== 'watch')) {
    io.err('Usage: hatchway labs test [ID...] [--watch]\n');
    return 2;
  }
  const ids = p.positional.length ? p.positional : labIds();
  if (ids.length === 0) {
    io.err('hatchway labs test: no labs found under labs/\n');
    return 1;
  }
  const status = await testAll(ids, io);
  if (!p.flags.has('watch')) return status;
  io.out(`Watching ${ids.map((id) => join('labs', id)).join(', ')} for changes (Ctrl-C to stop)...\n`);
  let timer: NodeJS.Timeout | undefined;
  for (const id of ids) {
    watch(join(LABS_DIR, id), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void testAll(ids, io), 200);
    });
  }
  return new Promise<number>(() => {});
}
