/**
 * `hatchway check LAB_ID`: set up the lab, replay stdin's commands as the learner, let the
 * world settle (as a learner waits before pressing Check), then run the checks.
 */
import '../../src/engine/kinds/all.ts';
import { createLabWorld, typeCommands } from '../../src/checks/lab/lab-world.ts';
import { runLabChecks } from '../../src/checks/lab/runner.ts';
import { Session } from '../../src/engine/shell/session.ts';
import { parseCliArgs } from '../lib/args.ts';
import type { CliIO } from '../lib/io.ts';
import { LabLoadError, loadLab } from '../lib/labs.ts';
import { taskLines } from '../lib/report.ts';

export async function run(args: string[], io: CliIO): Promise<number> {
  const p = parseCliArgs(args, []);
  if ('error' in p || p.positional.length !== 1 || [...p.flags.keys()].some((k) => k !== 'json')) {
    io.err('Usage: hatchway check LAB_ID [--json] < commands.sh\n');
    return 2;
  }
  const id = p.positional[0]!;
  let lab;
  try {
    lab = loadLab(id);
  } catch (e) {
    if (e instanceof LabLoadError) {
      io.err(`hatchway check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const world = await createLabWorld(lab);
  const session = new Session(world);
  if (!io.stdinIsTTY) await typeCommands(session, await io.readStdin());
  world.settle();
  const results = await runLabChecks(world, lab);
  const passed = results.every((r) => r.status === 'passed');
  if (p.flags.has('json')) io.out(JSON.stringify({ lab: lab.id, passed, tasks: results }) + '\n');
  else io.out(`${lab.title} (${lab.id})\n${taskLines(results)}\n${passed ? 'All tasks passed.' : `${results.filter((r) => r.status === 'failed').length} of ${results.length} tasks not done yet.`}\n`);
  return passed ? 0 : 1;
}
