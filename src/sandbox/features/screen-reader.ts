/** The terminal's screen-reader mode (xterm's accessibility tree), toggled by a visible button and remembered. */
import type { LabFeature } from './index.ts';

const KEY = 'hatchway:screen-reader';

export const screenReader: LabFeature = (c) => {
  const button = c.el.root.querySelector<HTMLButtonElement>('[data-sr-toggle]');
  if (!button) return;
  const set = (on: boolean) => {
    c.term.options.screenReaderMode = on;
    button.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      /* not remembered in private mode */
    }
  };
  let initial = false;
  try {
    initial = localStorage.getItem(KEY) === '1';
  } catch {
    /* default off */
  }
  if (initial) set(true);
  button.addEventListener('click', () => set(button.getAttribute('aria-pressed') !== 'true'));
};
