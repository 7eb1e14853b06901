/** Checks <Quiz> answers in the browser and records correct ones in the lesson's progress. */
import { markQuiz } from '../storage/progress.ts';
import { readProgress, updateProgress } from './progress-store.ts';

type Spec = { kind: 'one' | 'many' | 'text'; answer: number | number[] | string | string[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function isCorrect(spec: Spec, chosen: string[], typed: string): boolean {
  if (spec.kind === 'text') return (Array.isArray(spec.answer) ? spec.answer : [spec.answer]).some((a) => norm(String(a)) === norm(typed));
  const want = (Array.isArray(spec.answer) ? spec.answer : [spec.answer]).map(String).sort();
  return want.join() === [...chosen].sort().join();
}

export function initQuizzes(): void {
  const href = location.pathname;
  const done = readProgress().lessons[href]?.quizzes ?? {};
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-quiz]:not([data-ready])')) {
    form.dataset.ready = '';
    const id = form.dataset.quizId!;
    const spec = JSON.parse(form.querySelector('[data-quiz-answer]')!.textContent!) as Spec;
    const result = form.querySelector<HTMLElement>('[data-quiz-result]')!;
    const explanation = form.querySelector<HTMLElement>('[data-quiz-explanation]');
    const solved = (text: string) => {
      form.dataset.status = 'correct';
      result.textContent = text;
      if (explanation) explanation.hidden = false;
    };
    if (done[id] !== undefined) solved('Answered correctly before.');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      const typed = form.querySelector<HTMLInputElement>('input[type="text"]')?.value ?? '';
      if (spec.kind !== 'text' ? chosen.length === 0 : !typed.trim()) {
        form.dataset.status = 'empty';
        result.textContent = 'Choose or type an answer first.';
        return;
      }
      if (isCorrect(spec, chosen, typed)) {
        solved('Correct.');
        updateProgress((p, now) => markQuiz(p, href, id, now));
      } else {
        form.dataset.status = 'wrong';
        result.textContent = 'Not quite. Read the section again and try once more.';
      }
    });
  }
}
