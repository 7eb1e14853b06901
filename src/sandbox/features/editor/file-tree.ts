/**
 * The editor's file list: the learner's home as an indented list of buttons (all folders
 * expanded; homes in labs are small), and a field to create a file. Names are shown as
 * text, never markup: a learner may well name a file `<img onerror=...>`.
 */
import type { TreeResult } from '../../worker/files.ts';

export interface TreeActions {
  open(path: string): void;
  create(name: string): void;
}

export function renderTree(nav: HTMLElement, tree: TreeResult, current: string | undefined, actions: TreeActions): void {
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.path;
  const list = document.createElement('ul');
  list.className = 'ed-files';
  if (tree.entries.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'ed-empty';
    empty.textContent = 'No files yet.';
    list.append(empty);
  }
  for (const e of tree.entries) {
    const li = document.createElement('li');
    li.style.setProperty('--depth', String(e.depth));
    const name = e.path.slice(e.path.lastIndexOf('/') + 1);
    if (e.type === 'dir') {
      li.className = 'ed-dir';
      li.textContent = `${name}/`;
    } else {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'ed-file';
      b.dataset.testid = 'file';
      b.dataset.path = e.path;
      b.textContent = name;
      b.title = e.path;
      if (e.path === current) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', () => actions.open(e.path));
      li.append(b);
    }
    list.append(li);
  }
  if (tree.truncated) {
    const more = document.createElement('li');
    more.className = 'ed-empty';
    more.textContent = 'More files than shown; use ls in the terminal.';
    list.append(more);
  }

  const form = document.createElement('form');
  form.className = 'ed-new';
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.name = 'name';
  input.placeholder = 'new-file.yaml';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.dataset.testid = 'new-file';
  label.append('New file ', input);
  const go = document.createElement('button');
  go.type = 'submit';
  go.textContent = 'Create';
  form.append(label, go);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = input.value.trim();
    if (name && !name.split('/').includes('..')) actions.create(name);
  });

  // Keep a half-typed new file name and the keyboard focus across refreshes.
  const old = nav.querySelector<HTMLInputElement>('input[name="name"]');
  const hadFocus = old !== null && document.activeElement === old;
  if (old) input.value = old.value;
  nav.replaceChildren(list, form);
  if (hadFocus) input.focus();
  else if (focused) nav.querySelector<HTMLElement>(`[data-path="${CSS.escape(focused)}"]`)?.focus();
}
