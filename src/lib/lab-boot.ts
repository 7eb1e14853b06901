/**
 * Starts every lab on the page (<Lab> and the free <Terminal>) once, and wires the parts of
 * a lab that need no engine: hints revealed one at a time and the solution behind a confirm.
 */
import type { Lab } from '../checks/lab/types.ts';
import { bootLab } from '../sandbox/lab-client.ts';

function wireHints(root: HTMLElement): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-hints]')) {
    const button = box.querySelector<HTMLButtonElement>('[data-next-hint]')!;
    const hints = [...box.querySelectorAll<HTMLElement>('[data-hint]')];
    button.addEventListener('click', () => {
      const next = hints.find((h) => h.hidden);
      if (!next) return;
      next.hidden = false;
      const shown = hints.filter((h) => !h.hidden).length;
      if (shown === hints.length) button.remove();
      else button.textContent = `Show another hint (${shown + 1} of ${hints.length})`;
      // Move focus to the new hint so keyboard and screen-reader users hear it.
      next.tabIndex = -1;
      next.focus();
    });
  }
}

function wireSolution(root: HTMLElement): void {
  const button = root.querySelector<HTMLButtonElement>('[data-show-solution]');
  const solution = root.querySelector<HTMLElement>('[data-solution]');
  if (!button || !solution) return;
  button.addEventListener('click', () => {
    if (solution.hidden && !confirm('Show the solution? Try the hints first: working it out is how it sticks.')) return;
    solution.hidden = !solution.hidden;
    button.setAttribute('aria-expanded', String(!solution.hidden));
    button.textContent = solution.hidden ? 'Show the solution' : 'Hide the solution';
  });
}

export function bootLabs(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lab-root]:not([data-booted])')) {
    root.dataset.booted = '';
    const json = root.querySelector('[data-lab-json]')?.textContent;
    const lab = json ? (JSON.parse(json) as Lab) : null;
    const world = (lab?.world ?? root.dataset.world ?? 'linux') as Lab['world'];
    wireHints(root);
    wireSolution(root);
    void bootLab(
      {
        root,
        terminal: root.querySelector<HTMLElement>('[data-testid="terminal"]')!,
        check: root.querySelector<HTMLButtonElement>('[data-testid="check"]'),
        reset: root.querySelector<HTMLButtonElement>('[data-testid="reset"]'),
      },
      lab,
      world,
      root.dataset.worldUrl && root.dataset.worldHash ? { url: root.dataset.worldUrl, hash: root.dataset.worldHash } : undefined,
    );
  }
}
