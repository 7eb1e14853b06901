/**
 * The lab check runner: evaluates every task's checks against a world and reports, per
 * task, passed or the first failure (code, message, hint, location). It runs in the browser
 * worker, in `hatchway check` and in `hatchway labs test`.
 */
import type { World } from '../../engine/world.ts';
import { checkFile } from './checks/file.ts';
import { checkResource } from './checks/resource.ts';
import { matchText } from './checks/text.ts';
import { probe } from './lab-world.ts';
import { findCheckModule } from './modules/index.ts';
import type { Check, CheckFailure, Lab, Task, TaskResult } from './types.ts';

async function runCheck(world: World, check: Check, lab: Lab): Promise<CheckFailure | undefined> {
  if ('file' in check) return checkFile(world, check.file);
  if ('manifest' in check) {
    // Manifest checks bring the YAML parser and the validator: loaded only by labs that use them.
    const { checkManifest } = await import('./checks/manifest.ts');
    return checkManifest(world, check.manifest, lab.severity);
  }
  if ('resource' in check) return checkResource(world, check.resource);
  if ('command' in check) {
    const c = check.command;
    const r = await probe(world, c.run);
    if (c.exitCode !== undefined && r.exitCode !== c.exitCode) return { code: 'LAB030', message: `\`${c.run}\` exited with ${r.exitCode}, expected ${c.exitCode}${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''}` };
    const problem = c.stdout ? matchText(r.stdout, c.stdout) : undefined;
    return problem ? { code: 'LAB030', message: `\`${c.run}\` printed something else: ${problem}` } : undefined;
  }
  if ('history' in check) {
    const re = new RegExp(check.history.matches);
    return world.state.history.some((l) => re.test(l)) ? undefined : { code: 'LAB040', message: `no command you ran matches /${check.history.matches}/` };
  }
  const m = findCheckModule(check.module.name);
  if (!m) return { code: 'LAB050', message: `unknown check module "${check.module.name}"` };
  return m.run(world, check.module.args ?? {});
}

function override(failure: CheckFailure, check: Check): CheckFailure {
  const c = Object.values(check)[0] as { message?: string; hint?: string };
  return { ...failure, message: c.message ?? failure.message, hint: c.hint ?? failure.hint };
}

/** One task: passed, or the first failing check's finding. */
export async function runTaskChecks(world: World, lab: Lab, task: Task): Promise<TaskResult> {
  for (const check of task.checks) {
    const f = await runCheck(world, check, lab);
    if (f) return { id: task.id, title: task.title, status: 'failed', failure: override(f, check) };
  }
  return { id: task.id, title: task.title, status: 'passed' };
}

export async function runLabChecks(world: World, lab: Lab): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for (const task of lab.tasks) results.push(await runTaskChecks(world, lab, task));
  return results;
}
