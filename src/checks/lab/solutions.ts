/**
 * A lab's solutions. Each task may carry its own, continuing from the previous tasks'; the
 * lab's solution is the one it names, or else the tasks' solutions joined in order.
 */
import type { Lab, Solution } from './types.ts';

/** The whole lab's solution: its own, or its tasks' joined (all their files, then all their commands). */
export function labSolution(lab: Lab): Solution {
  if (lab.solution) return lab.solution;
  const files: Record<string, string> = Object.create(null);
  const commands: string[] = [];
  for (const task of lab.tasks) {
    // The schema guarantees every task has one when the lab has none.
    const s = task.solution!;
    Object.assign(files, s.files);
    if (s.commands.trim()) commands.push(s.commands.replace(/\n*$/, '\n'));
  }
  return Object.keys(files).length ? { files, commands: commands.join('') } : { commands: commands.join('') };
}

/** Whether the lab's tasks carry solutions of their own (then they all do). */
export function hasTaskSolutions(lab: Lab): boolean {
  return lab.tasks.some((t) => t.solution);
}
