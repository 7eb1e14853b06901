/**
 * Terminal accessibility: xterm's screen-reader mode, toggled by a visible button and
 * remembered; and a way out of the terminal for keyboard users, since Tab completes
 * commands there: Escape, then Tab (or Shift-Tab), moves focus on, as in code editors.
 */
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
  let escaped = false;
  c.term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown') return true;
    if (e.key === 'Tab' && escaped) return false; // let the browser move focus
    escaped = e.key === 'Escape';
    return true;
  });
  button.addEventListener('click', () => set(button.getAttribute('aria-pressed') !== 'true'));
};
