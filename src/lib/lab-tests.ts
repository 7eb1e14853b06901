/**
 * The "lab tested" badge: at build time each lab's tests run once (the same `testLab` as
 * `hatchway labs test`: checks fail on the fresh setup, each task passes after its own
 * solution, the solution passes, every recorded mistake fails with its code). The page
 * shows the result it got, so the badge cannot lie.
 */
import { hasTaskSolutions } from '../checks/lab/solutions.ts';
import type { Lab } from '../checks/lab/types.ts';

export interface LabTestBadge {
  ok: boolean;
  /** One line for the badge's title, e.g. "3 checks passed at build". */
  summary: string;
}

const cache = new Map<string, Promise<LabTestBadge>>();

async function run(lab: Lab): Promise<LabTestBadge> {
  try {
    // At build time every world kind is available, as in the CLI.
    await import('../engine/kinds/all.ts');
    const { testLab } = await import('../../bin/commands/labs-test.ts');
    const r = await testLab(lab);
    const failed = r.lines.filter((l) => l.trimStart().startsWith('✗'));
    return r.ok
      ? { ok: true, summary: `hatchway labs test passed at build: ${r.lines.length} checks (fresh setup fails, ${hasTaskSolutions(lab) ? 'each task passes after its solution, ' : ''}solution passes, ${lab.mistakes.length} recorded mistakes fail as expected).` }
      : { ok: false, summary: `hatchway labs test failed at build: ${failed.map((l) => l.trim().replace(/^✗ /, '')).join('; ')}` };
  } catch (e) {
    return { ok: false, summary: `hatchway labs test could not run at build: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function labTestBadge(lab: Lab): Promise<LabTestBadge> {
  let p = cache.get(lab.id);
  if (!p) cache.set(lab.id, (p = run(lab)));
  return p;
}
