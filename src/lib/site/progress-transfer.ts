/** Export and import of progress as a JSON file (the same checked format as the stored record). */
import { importProgress, mergeProgress, serializeProgress } from '../storage/progress.ts';
import { readProgress, updateProgress } from './progress-store.ts';

export function initProgressTransfer(): void {
  const status = document.querySelector<HTMLElement>('[data-transfer-status]');
  const say = (t: string) => status && (status.textContent = t);
  document.querySelector('[data-export-progress]')?.addEventListener('click', () => {
    const blob = new Blob([serializeProgress(readProgress(), Date.now())], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `hatchway-progress-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    say('Progress exported.');
  });
  const input = document.querySelector<HTMLInputElement>('[data-import-progress]');
  input?.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const r = importProgress(await file.text());
    input.value = '';
    if (!r.ok) return void say(`Not imported: ${r.reason}.`);
    updateProgress((p) => {
      const merged = mergeProgress(p, r.progress);
      p.labs = merged.labs;
      p.lessons = merged.lessons;
      return true;
    });
    say('Progress imported and merged with what was here.');
  });
}
