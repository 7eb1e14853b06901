/**
 * Shows progress wherever the page lists lessons: a mark per lesson in the sidebar and on
 * the overview, a bar per module, and "read to the end" for the lesson being read.
 * Markup comes from the build: `[data-lesson-ref]` items carry the lesson's href, lab and quiz ids.
 */
import { lessonDone, markRead, type LessonRef } from '../storage/progress.ts';
import { onProgressChange, readProgress, updateProgress } from './progress-store.ts';

function refOf(el: HTMLElement): LessonRef {
  return { href: el.dataset.href ?? '', lab: el.dataset.lab || undefined, quizzes: (el.dataset.quizzes ?? '').split(' ').filter(Boolean) };
}

export function renderProgress(): void {
  const p = readProgress();
  for (const el of document.querySelectorAll<HTMLElement>('[data-lesson-ref]')) {
    const done = lessonDone(p, refOf(el));
    el.dataset.done = String(done);
    const mark = el.querySelector<HTMLElement>('[data-mark]');
    if (mark) mark.textContent = done ? '(done)' : '';
  }
  for (const mod of document.querySelectorAll<HTMLElement>('[data-module-progress]')) {
    const items = [...mod.querySelectorAll<HTMLElement>('[data-lesson-ref]')];
    const done = items.filter((i) => i.dataset.done === 'true').length;
    const bar = mod.querySelector('progress');
    if (bar) {
      bar.max = Math.max(items.length, 1);
      bar.value = done;
    }
    const label = mod.querySelector<HTMLElement>('[data-progress-label]');
    if (label) label.textContent = items.length ? `${done} of ${items.length} lessons done` : '';
  }
}

/** Marks the current lesson read when its end (the pager) scrolls into view. */
function watchReadToEnd(): void {
  const article = document.querySelector<HTMLElement>('[data-lesson-page]');
  const end = document.querySelector('[data-lesson-end]');
  if (!article || !end || !('IntersectionObserver' in window)) return;
  const href = article.dataset.href!;
  const io = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    io.disconnect();
    updateProgress((p, now) => markRead(p, href, now));
  });
  io.observe(end);
}

export function initProgressMarks(): void {
  renderProgress();
  onProgressChange(renderProgress);
  watchReadToEnd();
}
