/**
 * The editor pane: a file tree of the learner's home and a CodeMirror 6 editor on the same
 * filesystem the terminal uses (through the worker's `files.*` methods). Diagnostics come
 * from the manifest validator as the learner types. Loaded lazily by ./index.ts.
 */
import type { LabController } from '../../lab-client.ts';
import type { FileDiagnostic, TreeResult } from '../../worker/files.ts';
import { createEditor, type CodeEditor } from './codemirror.ts';
import { renderTree } from './file-tree.ts';
import './editor.css';

export class EditorPane {
  private readonly tree = document.createElement('nav');
  private readonly status = document.createElement('p');
  private readonly notice = document.createElement('div');
  private readonly title = document.createElement('span');
  private readonly save = document.createElement('button');
  private readonly editor: CodeEditor;
  private path: string | undefined;
  /** The file's content as the filesystem last had it, to tell our edits from the terminal's. */
  private disk = '';
  private home = '/home/learner';
  private files: TreeResult['entries'] = [];
  private refreshing = false;
  private refreshAgain = false;

  constructor(
    private readonly lab: LabController,
    private readonly host: HTMLElement,
  ) {
    host.textContent = '';
    host.classList.add('ed');
    this.tree.className = 'ed-tree';
    this.tree.setAttribute('aria-label', 'Files');
    this.tree.dataset.testid = 'file-tree';

    const main = document.createElement('div');
    main.className = 'ed-main';
    const bar = document.createElement('div');
    bar.className = 'ed-bar';
    this.title.className = 'ed-title';
    this.title.dataset.testid = 'editor-file';
    this.save.type = 'button';
    this.save.textContent = 'Save';
    this.save.dataset.testid = 'editor-save';
    this.save.title = 'Save (Ctrl+S)';
    this.save.addEventListener('click', () => void this.write());
    this.status.className = 'ed-status';
    this.status.setAttribute('role', 'status');
    this.status.dataset.testid = 'editor-status';
    bar.append(this.title, this.save, this.status);
    this.notice.className = 'ed-notice';
    this.notice.hidden = true;
    const mount = document.createElement('div');
    mount.className = 'ed-code';
    mount.dataset.testid = 'editor';
    main.append(bar, this.notice, mount);
    host.append(this.tree, main);

    this.editor = createEditor(mount, {
      save: () => void this.write(),
      changed: () => this.showDirty(),
      validate: (content) => (this.path ? this.lab.request<FileDiagnostic[]>('files.validate', { path: this.path, content }) : Promise.resolve([])),
    });
    this.showDirty();
  }

  start(): void {
    // The terminal and the editor share one filesystem: after every command (and a reset, or a
    // save from another pane) the tree and the open file are read again.
    this.lab.on('done', () => void this.refresh());
    this.lab.on('ready', () => void this.refresh());
    this.lab.on('files.changed', () => void this.refresh());
    void this.refresh();
  }

  private get dirty(): boolean {
    return this.path !== undefined && this.editor.content() !== this.disk;
  }

  private showDirty(): void {
    this.save.disabled = this.path === undefined;
    this.title.textContent = this.path ? `${this.relative(this.path)}${this.dirty ? ' •' : ''}` : 'No file open';
    this.host.dataset.dirty = String(this.dirty);
  }

  private relative(path: string): string {
    return path.startsWith(this.home + '/') ? path.slice(this.home.length + 1) : path;
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  async refresh(): Promise<void> {
    // A change that arrives mid-refresh is not lost: one more pass runs after this one.
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    this.refreshAgain = false;
    try {
      const t = await this.lab.request<TreeResult>('files.tree');
      this.home = t.root;
      this.files = t.entries;
      renderTree(this.tree, t, this.path, {
        open: (p) => void this.open(p),
        create: (name) => void this.create(name),
      });
      if (this.path) await this.reloadFromDisk();
      else {
        const first = t.entries.find((e) => e.type === 'file' && /\.(ya?ml|json)$|Dockerfile$/i.test(e.path));
        if (first) await this.open(first.path);
      }
    } catch (e) {
      this.say(e instanceof Error ? e.message : String(e));
    } finally {
      this.refreshing = false;
    }
    if (this.refreshAgain) await this.refresh();
  }

  /** Picks up a change made in the terminal; unsaved edits are kept and the learner chooses. */
  private async reloadFromDisk(): Promise<void> {
    const path = this.path!;
    if (!this.files.some((f) => f.path === path)) {
      this.showNotice(`${this.relative(path)} no longer exists. Save to create it again.`);
      this.disk = '';
      this.showDirty();
      return;
    }
    let content: string;
    try {
      content = (await this.lab.request<{ content: string }>('files.read', { path })).content;
    } catch {
      return;
    }
    if (content === this.disk) return;
    if (!this.dirty) {
      this.disk = content;
      this.editor.replace(content);
      this.hideNotice();
      this.showDirty();
      return;
    }
    this.disk = content;
    this.showNotice(`${this.relative(path)} changed in the terminal.`, 'Load that version', () => {
      this.editor.replace(content);
      this.hideNotice();
      this.showDirty();
    });
    this.showDirty();
  }

  async open(path: string): Promise<void> {
    if (this.dirty && path !== this.path && !confirm(`Discard your unsaved changes to ${this.relative(this.path!)}?`)) return;
    try {
      const r = await this.lab.request<{ path: string; content: string }>('files.read', { path });
      this.path = r.path;
      this.disk = r.content;
      this.editor.load(r.path, r.content);
      this.hideNotice();
      this.say('');
      this.showDirty();
      for (const b of this.tree.querySelectorAll<HTMLElement>('[data-path]')) {
        if (b.dataset.path === path) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
    } catch (e) {
      this.say(e instanceof Error ? e.message : String(e));
    }
  }

  private async create(name: string): Promise<void> {
    const path = name.startsWith('/') ? name : `${this.home}/${name}`;
    if (this.files.some((f) => f.path === path)) return this.open(path);
    try {
      await this.lab.request('files.create', { path });
      await this.refresh();
      await this.open(path);
    } catch (e) {
      this.say(e instanceof Error ? e.message : String(e));
    }
  }

  async write(): Promise<void> {
    if (!this.path) return;
    const content = this.editor.content();
    try {
      await this.lab.request('files.write', { path: this.path, content });
      this.disk = content;
      this.hideNotice();
      this.say(`Saved ${this.relative(this.path)}.`);
    } catch (e) {
      this.say(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.showDirty();
  }

  private showNotice(text: string, action?: string, run?: () => void): void {
    this.notice.textContent = '';
    const p = document.createElement('span');
    p.textContent = text;
    this.notice.append(p);
    if (action && run) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = action;
      b.addEventListener('click', run);
      this.notice.append(' ', b);
    }
    this.notice.hidden = false;
  }

  private hideNotice(): void {
    this.notice.hidden = true;
    this.notice.textContent = '';
  }
}
