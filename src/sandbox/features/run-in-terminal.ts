/**
 * "Run in terminal": shell code blocks in the page and <RunCommand> buttons type their
 * command into the page's first lab terminal, as if the learner had typed it.
 */
import { codeText, codeToolbar, SHELL_LANGUAGES } from '../../lib/site/code-blocks.ts';
import type { LabFeature } from './index.ts';

let claimed = false;

export const runInTerminal: LabFeature = (c) => {
  if (claimed) return;
  claimed = true;
  const run = (command: string) => {
    // On narrow screens the lab is a tab of its own: show it so the learner sees the result.
    dispatchEvent(new CustomEvent('hatchway:show-lab'));
    c.type(command);
  };
  for (const pre of document.querySelectorAll<HTMLElement>('pre.astro-code')) {
    if (!SHELL_LANGUAGES.has(pre.dataset.language ?? '') || c.el.root.contains(pre)) continue;
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'code-run';
    btn.dataset.testid = 'run-in-terminal';
    btn.textContent = 'Run';
    btn.setAttribute('aria-label', 'Run in the lab terminal');
    btn.addEventListener('click', () => run(codeText(pre)));
    codeToolbar(pre).prepend(btn);
  }
  for (const btn of document.querySelectorAll<HTMLButtonElement>('[data-run-command]')) {
    btn.disabled = false;
    btn.addEventListener('click', () => run(btn.dataset.runCommand ?? ''));
  }
};
