/**
 * Help in a lab: each task's hints revealed one at a time, then its solution behind a
 * confirm; the lab's solution behind a confirm; "Run in terminal" for any solution. What
 * was revealed is stored per lab (lib/storage/lab-help.ts), shown again after a reload, and
 * forgotten by Reset.
 */
import { labSolution } from '../../checks/lab/solutions.ts';
import type { Lab, Solution } from '../../checks/lab/types.ts';
import { showNotice } from '../../lib/site/notices.ts';
import { browserKV } from '../../lib/storage/kv.ts';
import { clearLabHelp, emptyLabHelp, loadLabHelp, storeLabHelp, type LabHelp } from '../../lib/storage/lab-help.ts';
import type { LabController } from '../lab-client.ts';
import type { LabFeature } from './index.ts';

const CONFIRM = 'Show the solution? Try the hints first: working it out is how it sticks.';

/** A "Show the solution" button and the panel it opens (aria-controls). */
interface SolutionToggle {
  button: HTMLButtonElement;
  panel: HTMLElement;
}

interface TaskHelp {
  id: string;
  hints: HTMLElement[];
  next: HTMLButtonElement | null;
  solution: SolutionToggle | undefined;
}

function toggleIn(scope: HTMLElement): SolutionToggle | undefined {
  const button = scope.querySelector<HTMLButtonElement>('[data-solution-toggle]');
  const panel = button && document.getElementById(button.getAttribute('aria-controls') ?? '');
  return button && panel ? { button, panel } : undefined;
}

const isOpen = (t: SolutionToggle): boolean => t.button.getAttribute('aria-expanded') === 'true';

function showSolution(t: SolutionToggle, open: boolean): void {
  t.panel.hidden = !open;
  t.button.setAttribute('aria-expanded', String(open));
  t.button.textContent = open ? 'Hide the solution' : 'Show the solution';
}

/** Shows the first `shown` hints; once all are out, the hint button gives way to the solution. */
function showHints(t: TaskHelp, shown: number): void {
  t.hints.forEach((h, i) => (h.hidden = i >= shown));
  if (t.next) {
    t.next.hidden = shown >= t.hints.length;
    t.next.textContent = shown === 0 ? `Show a hint (1 of ${t.hints.length})` : `Show another hint (${shown + 1} of ${t.hints.length})`;
  }
  if (t.solution) t.solution.button.hidden = shown < t.hints.length;
}

/** Writes the solution's files through the worker (as the learner), then types its commands. */
async function runSolution(c: LabController, solution: Solution): Promise<void> {
  // The button may be far below the terminal: bring it into view (and its tab, on narrow screens).
  dispatchEvent(new CustomEvent('hatchway:show-lab'));
  c.el.terminal.scrollIntoView({ block: 'nearest' });
  try {
    for (const [path, content] of Object.entries(solution.files ?? {})) {
      await c.request('files.create', { path });
      await c.request('files.write', { path, content });
    }
  } catch (e) {
    showNotice(`The solution's files could not be written: ${e instanceof Error ? e.message : String(e)}`, 'warning', 'solution-files');
    return;
  }
  const commands = solution.commands.replace(/\n+$/, '');
  if (commands) c.type(commands);
  else c.term.focus();
}

function solutionOf(lab: Lab, task: string): Solution | undefined {
  return task ? lab.tasks.find((t) => t.id === task)?.solution : labSolution(lab);
}

export const help: LabFeature = (c) => {
  const lab = c.lab;
  if (!lab) return;
  const kv = browserKV();
  const loaded = loadLabHelp(kv, lab);
  if (loaded.notice) showNotice(loaded.notice, 'warning', `lab-help-${lab.id}`);
  let state: LabHelp = loaded.help;
  const save = () => {
    const r = storeLabHelp(kv, lab.id, state, Date.now());
    if (!r.ok) showNotice(`Which hints you opened could not be saved (${r.reason}); a reload will fold them again.`, 'warning', `lab-help-${lab.id}`);
  };

  const tasks: TaskHelp[] = c.tasks().map((node) => ({
    id: node.dataset.taskId ?? '',
    hints: [...node.querySelectorAll<HTMLElement>('[data-hint]')],
    next: node.querySelector<HTMLButtonElement>('[data-next-hint]'),
    solution: toggleIn(node),
  }));
  const box = c.el.root.querySelector<HTMLElement>('[data-lab-solution]');
  const whole = box ? toggleIn(box) : undefined;

  const render = () => {
    for (const t of tasks) {
      showHints(t, state.hints.get(t.id) ?? 0);
      if (t.solution) showSolution(t.solution, state.taskSolutions.has(t.id));
    }
    if (whole) showSolution(whole, state.labSolution);
  };
  render();

  for (const t of tasks) {
    t.next?.addEventListener('click', () => {
      const shown = Math.min((state.hints.get(t.id) ?? 0) + 1, t.hints.length);
      state.hints.set(t.id, shown);
      showHints(t, shown);
      save();
      // Move focus to the new hint so keyboard and screen-reader users hear it.
      const hint = t.hints[shown - 1]!;
      hint.tabIndex = -1;
      hint.focus();
    });
    const toggle = t.solution;
    toggle?.button.addEventListener('click', () => {
      const open = !isOpen(toggle);
      if (open && !confirm(CONFIRM)) return;
      if (open) state.taskSolutions.add(t.id);
      else state.taskSolutions.delete(t.id);
      showSolution(toggle, open);
      save();
    });
  }
  whole?.button.addEventListener('click', () => {
    const open = !isOpen(whole);
    if (open && !confirm(CONFIRM)) return;
    state.labSolution = open;
    showSolution(whole, open);
    save();
  });

  for (const button of c.el.root.querySelectorAll<HTMLButtonElement>('[data-run-solution]')) {
    const solution = solutionOf(lab, button.dataset.runSolution ?? '');
    if (!solution) continue;
    button.disabled = false;
    button.addEventListener('click', () => void runSolution(c, solution));
  }

  c.on('reset', () => {
    state = emptyLabHelp();
    clearLabHelp(kv, lab.id);
    render();
  });
};
