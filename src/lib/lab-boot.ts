/** Starts every lab on the page (<Lab> and the free <Terminal>) once. */
import { labRootConfig } from '../sandbox/engine-start.ts';
import { bootLab } from '../sandbox/lab-client.ts';

export function bootLabs(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lab-root]:not([data-booted])')) {
    root.dataset.booted = '';
    const { lab, world, initialWorld } = labRootConfig(root);
    void bootLab(
      {
        root,
        terminal: root.querySelector<HTMLElement>('[data-testid="terminal"]')!,
        check: root.querySelector<HTMLButtonElement>('[data-testid="check"]'),
        reset: root.querySelector<HTMLButtonElement>('[data-testid="reset"]'),
      },
      lab,
      world,
      initialWorld,
    );
  }
}
