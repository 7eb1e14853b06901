/**
 * Lab persistence: after every command (and every file the page writes) the world snapshot
 * and the terminal scrollback, colours included, are saved per lab, and a reload resumes
 * them. Damaged or oversized saves are discarded with a notice. Several tabs of one lab:
 * the last write wins, and the other tab is told.
 */
import { browserKV } from '../../lib/storage/kv.ts';
import { clearLabSave, labSaveKey, loadLabSave, readLabSave, storeLabSave } from '../../lib/storage/lab-saves.ts';
import { showNotice } from '../../lib/site/notices.ts';
import type { LabController } from '../lab-client.ts';
import type { LabFeature } from './index.ts';
import { ScrollbackRecorder } from './scrollback.ts';

/** The storage key of a lab: its id, or the page and world for a free <Terminal>. */
export function saveId(c: LabController): string {
  return c.lab ? c.lab.id : `free:${c.world}:${location.pathname}`;
}

const TAB_ID = Math.random().toString(36).slice(2);

export const persistence: LabFeature = (c) => {
  const kv = browserKV();
  const id = saveId(c);
  const status = c.el.root.querySelector<HTMLElement>('[data-save-status]');
  const loaded = loadLabSave(kv, id);
  if (loaded.notice) showNotice(loaded.notice, 'warning', `lab-load-${id}`);
  let first = true;

  // The saved scrollback itself is drawn by the LabController, above the prompt (see the return below).
  c.on('ready', (data) => {
    const m = data as { restored: boolean };
    if (first && loaded.save && !m.restored) {
      showNotice('Your saved lab could not be restored by the engine, so it starts fresh.', 'warning', `lab-load-${id}`);
    }
    first = false;
    // A restored world may already meet some tasks: show those (silently, failures stay hidden).
    if (m.restored) c.send({ type: 'check', id: 0 });
  });

  const recorder = new ScrollbackRecorder(c.term);
  let saving: Promise<void> | undefined;
  let again = false;
  // Bumped by Reset, so a save that started before it never writes the old world back.
  let generation = 0;
  let saves = 0;
  const save = async (): Promise<void> => {
    if (saving) {
      again = true;
      return saving;
    }
    saving = (async () => {
      do {
        again = false;
        const started = generation;
        const snapshot = await c.request<string | undefined>('world.snapshot').catch(() => undefined);
        if (!snapshot || started !== generation) return;
        // xterm parses what it is given asynchronously: let it take in the command's output first.
        await new Promise<void>((resolve) => c.term.write('', resolve));
        const r = storeLabSave(kv, id, { snapshot, scrollback: recorder.capture(), writer: TAB_ID }, Date.now());
        if (!r.ok) showNotice(r.notice, 'warning', `lab-save-${id}`);
        if (status) {
          status.textContent = r.ok ? 'Saved in this browser' : 'Not saved';
          status.dataset.saves = String(++saves);
        }
      } while (again);
    })().finally(() => (saving = undefined));
    return saving;
  };
  c.on('done', () => void save());
  // The editor and "Run in terminal" write files without a command; those are changes too.
  c.on('files.changed', () => void save());
  c.on('reset', () => {
    generation++;
    clearLabSave(kv, id);
    if (status) status.textContent = '';
  });

  let lastNotice = 0;
  addEventListener('storage', (e) => {
    if (e.key !== labSaveKey(id) || e.newValue === null) return;
    const other = readLabSave(e.newValue).save;
    if (!other || other.writer === TAB_ID || Date.now() - lastNotice < 10_000) return;
    lastNotice = Date.now();
    showNotice(
      'This lab is also open in another tab, which just saved its state. The last tab to run a command wins: your next command here replaces that save. Reload this tab to continue from the other tab instead.',
      'info',
      `lab-tabs-${id}`,
    );
  });

  return loaded.save ? { snapshot: loaded.save.snapshot, scrollback: loaded.save.scrollback } : undefined;
};
