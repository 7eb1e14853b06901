/**
 * Progress from a lab: each task that passes is recorded, and the lab is done when all of
 * its tasks have passed. Progress is stored apart from world saves (lib/storage/progress.ts).
 */
import { labDone, markTask, updateLabDone } from '../../lib/storage/progress.ts';
import { onProgressChange, readProgress, updateProgress } from '../../lib/site/progress-store.ts';
import type { TaskResult } from '../../checks/lab/types.ts';
import type { LabFeature } from './index.ts';

export const progress: LabFeature = (c) => {
  const lab = c.lab;
  if (!lab) return;
  const taskIds = lab.tasks.map((t) => t.id);
  const badge = c.el.root.querySelector<HTMLElement>('[data-lab-done]');
  const show = () => {
    if (badge) badge.hidden = !labDone(readProgress(), lab.id);
  };
  show();
  onProgressChange(show);
  c.on('checks', (data) => {
    const { results } = data as { results: TaskResult[] };
    const passed = results.filter((r) => r.status === 'passed').map((r) => r.id);
    if (!passed.length) return;
    updateProgress((p, now) => {
      let changed = false;
      for (const t of passed) changed = markTask(p, lab.id, t, now) || changed;
      return updateLabDone(p, lab.id, taskIds, now) || changed;
    });
  });
};
