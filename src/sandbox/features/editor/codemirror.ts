/**
 * CodeMirror 6 set up for lab files: YAML, JSON and Dockerfile modes picked by file name,
 * token classes styled for light and dark in editor.css, Ctrl-S to save, and a lint source
 * that asks the worker's validator about the unsaved buffer.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput, StreamLanguage, syntaxHighlighting, type LanguageSupport } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { linter, lintGutter, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import type { FileDiagnostic } from '../../worker/files.ts';

export interface EditorHooks {
  save(): void;
  changed(): void;
  validate(content: string): Promise<FileDiagnostic[]>;
}

export interface CodeEditor {
  view: EditorView;
  load(path: string, content: string): void;
  /** Replaces the text (a change from the terminal), keeping the cursor where it can. */
  replace(content: string): void;
  content(): string;
}

export type FileLanguage = 'yaml' | 'json' | 'dockerfile' | 'text';

export function languageOf(path: string): FileLanguage {
  const name = path.split('/').pop() ?? '';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.json$/i.test(name)) return 'json';
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) return 'dockerfile';
  return 'text';
}

function languageSupport(lang: FileLanguage): Extension {
  const table: Record<FileLanguage, () => Extension> = {
    yaml: () => yaml() as LanguageSupport,
    json: () => json() as LanguageSupport,
    dockerfile: () => StreamLanguage.define(dockerFile),
    text: () => [],
  };
  return table[lang]();
}

/** Maps a validator finding (1-based line and column) to a range covering the offending token. */
export function diagnosticRange(doc: Text, d: { line?: number; column?: number }): { from: number; to: number } {
  const lineNo = Math.min(Math.max(d.line ?? 1, 1), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max((d.column ?? 1) - 1, 0), line.to);
  let to = from;
  // The token runs to the next space or the end of the line, stopping before a key's colon.
  while (to < line.to && !/[\s:]/.test(doc.sliceString(to, to + 1))) to++;
  if (to === from) to = d.column === undefined ? line.to : Math.min(from + 1, doc.length);
  return { from, to: Math.max(to, from) };
}

/** The hover text: message, hint and a link to the code's documentation, built as text nodes. */
function renderDiagnostic(d: FileDiagnostic): Node {
  const box = document.createElement('div');
  box.className = 'ed-diag';
  const head = document.createElement('p');
  const code = document.createElement('strong');
  code.textContent = d.code;
  head.append(code, ` ${d.message}`);
  box.append(head);
  if (d.hint) {
    const hint = document.createElement('p');
    hint.className = 'ed-diag-hint';
    hint.textContent = `Hint: ${d.hint}`;
    box.append(hint);
  }
  const link = document.createElement('a');
  link.href = d.href;
  link.textContent = `About ${d.code}`;
  link.target = '_blank';
  link.rel = 'noopener';
  box.append(link);
  return box;
}

export function toLintDiagnostics(doc: Text, found: FileDiagnostic[]): LintDiagnostic[] {
  return found.map((d) => ({
    ...diagnosticRange(doc, d),
    severity: d.severity,
    source: d.code,
    message: `${d.code} ${d.message}${d.hint ? ` Hint: ${d.hint}` : ''}`,
    renderMessage: () => renderDiagnostic(d),
  }));
}

export function createEditor(parent: HTMLElement, hooks: EditorHooks): CodeEditor {
  const language = new Compartment();
  const editable = new Compartment();
  const base = (lang: FileLanguage, readOnly: boolean): Extension[] => [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    syntaxHighlighting(classHighlighter),
    EditorState.tabSize.of(2),
    keymap.of([{ key: 'Mod-s', run: () => (hooks.save(), true), preventDefault: true }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    language.of(languageSupport(lang)),
    editable.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    lintGutter(),
    linter(
      async (view) => {
        const content = view.state.doc.toString();
        const found = await hooks.validate(content);
        return toLintDiagnostics(view.state.doc, found);
      },
      { delay: 350 },
    ),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.changed();
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'File content' }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: base('text', true) }) });
  return {
    view,
    load(path, content) {
      view.setState(EditorState.create({ doc: content, extensions: base(languageOf(path), false) }));
    },
    replace(content) {
      const head = Math.min(view.state.selection.main.head, content.length);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: content }, selection: { anchor: head } });
    },
    content: () => view.state.doc.toString(),
  };
}
