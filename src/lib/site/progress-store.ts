/**
 * The page's access to progress: every update reads the stored record afresh, applies a
 * change and writes it back, so two tabs never overwrite each other's completions.
 * Pages listen for `hatchway:progress` (this tab) and `storage` events (other tabs).
 */
import { browserKV } from '../storage/kv.ts';
import { emptyProgress, loadProgress, PROGRESS_KEY, saveProgress, type Progress } from '../storage/progress.ts';
import { showNotice } from './notices.ts';

export const PROGRESS_EVENT = 'hatchway:progress';

export function readProgress(): Progress {
  try {
    const { progress, notice } = loadProgress(browserKV());
    if (notice) showNotice(notice, 'warning', 'progress-load');
    return progress;
  } catch {
    return emptyProgress();
  }
}

/** Applies `change`; it returns true when it changed something worth saving. */
export function updateProgress(change: (p: Progress, now: number) => boolean): Progress {
  const p = readProgress();
  if (!change(p, Date.now())) return p;
  const r = saveProgress(browserKV(), p, Date.now());
  if (!r.ok) showNotice(`Your progress could not be saved: ${r.reason}. Export it from the course page to keep a copy.`, 'error', 'progress-save');
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return p;
}

export function onProgressChange(fn: () => void): void {
  window.addEventListener(PROGRESS_EVENT, fn);
  window.addEventListener('storage', (e) => {
    if (e.key === PROGRESS_KEY || e.key === null) fn();
  });
}
