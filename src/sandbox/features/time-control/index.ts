/**
 * Time control for labs with `timeControls: true`: the virtual clock, and buttons that
 * fast-forward it as `hatchway sim advance 1m` would (the worker's `clock.advance`), so a
 * learner can watch a 5-minute eviction or a back-off without waiting. Small enough to
 * ship with the page; it only draws once the lab asks for it.
 */
import type { LabFeature } from '../index.ts';
import { paneContainer } from '../editor/panes.ts';
import { formatClock, formatElapsed } from './format.ts';

const STEPS: { label: string; ms: number; id: string }[] = [
  { label: 'Fast-forward 1 minute', ms: 60_000, id: '1m' },
  { label: 'Fast-forward 5 minutes', ms: 300_000, id: '5m' },
];

export const timeControlFeature: LabFeature = (lab) => {
  if (!lab.lab?.timeControls) return;
  const bar = document.createElement('div');
  bar.className = 'lab-clock';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Virtual clock');
  const clock = document.createElement('time');
  clock.dataset.testid = 'clock';
  const elapsed = document.createElement('span');
  elapsed.className = 'lab-clock-elapsed';
  elapsed.dataset.testid = 'clock-elapsed';
  bar.append('Virtual time ', clock, ' ', elapsed);
  // The worker's clock counts ms from the world's epoch (a fixed date, so transcripts repeat).
  let epoch = 0;
  let busy = false;
  const show = (now: number) => {
    clock.dateTime = new Date(epoch + now).toISOString();
    clock.textContent = formatClock(epoch + now);
    elapsed.textContent = `(lab time ${formatElapsed(now)})`;
  };
  for (const step of STEPS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `+${step.id}`;
    b.title = step.label;
    // The visible text starts the accessible name (WCAG 2.5.3, label in name).
    b.setAttribute('aria-label', `+${step.id}: ${step.label.toLowerCase()}`);
    b.dataset.testid = `ff-${step.id}`;
    b.addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      try {
        show(await lab.request<number>('clock.advance', { ms: step.ms }));
        // Panes that draw the world refresh at once instead of on their next tick.
        lab.emit('clock.advanced', step.ms);
      } finally {
        busy = false;
      }
    });
    bar.append(' ', b);
  }
  lab.on('clock', (now) => show(Number(now)));
  lab.on('ready', async () => {
    const c = await lab.request<{ now: number; epoch: number }>('clock.info');
    epoch = c.epoch;
    show(c.now);
  });
  paneContainer(lab).prepend(bar);
};
