/**
 * Lesson | lab layout controls. The divider sets the lab's width (pointer drag, or arrow
 * keys in 5% steps, Home/End for the limits) and remembers it; the narrow-screen switch
 * shows the lesson or the lab.
 */
const KEY = 'hatchway:split';
const MIN = 20;
const MAX = 80;

export function initSplit(): void {
  const layout = document.querySelector<HTMLElement>('[data-lesson-layout]');
  const divider = layout?.querySelector<HTMLElement>('[data-split-divider]');
  const text = layout?.querySelector<HTMLElement>('.lesson-text');
  if (!layout || !divider || !text) return;

  // Percent of the space shared by the text and the lab that the text takes.
  const set = (pct: number, remember = true) => {
    const v = Math.round(Math.min(MAX, Math.max(MIN, pct)));
    layout.style.setProperty('--text-share', `${v}fr`);
    layout.style.setProperty('--lab-share', `${100 - v}fr`);
    divider.setAttribute('aria-valuenow', String(v));
    divider.setAttribute('aria-valuetext', `Lesson ${v}%, lab ${100 - v}%`);
    if (remember) {
      try {
        localStorage.setItem(KEY, String(v));
      } catch {
        /* not remembered */
      }
    }
  };
  let saved = 50;
  try {
    saved = Number(localStorage.getItem(KEY)) || 50;
  } catch {
    /* default */
  }
  set(saved, false);

  divider.addEventListener('pointerdown', (e) => {
    divider.setPointerCapture(e.pointerId);
    const left = text.getBoundingClientRect().left;
    const right = layout.getBoundingClientRect().right;
    const move = (ev: PointerEvent) => set(((ev.clientX - left) / (right - left)) * 100);
    const up = () => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
  });
  divider.addEventListener('keydown', (e) => {
    const now = Number(divider.getAttribute('aria-valuenow'));
    const to = { ArrowLeft: now - 5, ArrowRight: now + 5, Home: MIN, End: MAX }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    set(to);
  });

  const buttons = [...layout.querySelectorAll<HTMLButtonElement>('[data-view-button]')];
  const view = (name: string) => {
    layout.dataset.view = name;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.viewButton === name));
  };
  for (const b of buttons) b.addEventListener('click', () => view(b.dataset.viewButton!));
  addEventListener('hatchway:show-lab', () => view('lab'));
}
