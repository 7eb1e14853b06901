/**
 * Visible notices for things the learner should know but that must not block the page:
 * a saved lab that could not be restored, storage that is full, another tab's save.
 * Text only (textContent), so stored or learner-provided text is never markup.
 */
export type NoticeKind = 'info' | 'warning' | 'error';

function region(): HTMLElement {
  let el = document.querySelector<HTMLElement>('[data-notices]');
  if (!el) {
    el = document.createElement('div');
    el.className = 'notices';
    el.dataset.notices = '';
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    document.body.append(el);
  }
  return el;
}

export function showNotice(text: string, kind: NoticeKind = 'info', id?: string): void {
  const host = region();
  if (id) host.querySelector(`[data-notice-id="${CSS.escape(id)}"]`)?.remove();
  const note = document.createElement('div');
  note.className = `notice notice-${kind}`;
  note.dataset.testid = 'notice';
  if (id) note.dataset.noticeId = id;
  const p = document.createElement('p');
  p.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.setAttribute('aria-label', 'Dismiss notice');
  close.addEventListener('click', () => note.remove());
  note.append(p, close);
  host.append(note);
}
