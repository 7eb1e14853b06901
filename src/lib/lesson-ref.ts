/** Data attributes that let the page's progress script find a lesson's lab and quizzes. */
import type { LessonInfo } from './course.ts';

export function lessonRefAttrs(l: Pick<LessonInfo, 'href' | 'lab' | 'quizzes'>): Record<string, string> {
  return { 'data-lesson-ref': '', 'data-href': l.href, 'data-lab': l.lab ?? '', 'data-quizzes': l.quizzes.join(' ') };
}
