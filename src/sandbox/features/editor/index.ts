/**
 * The editor feature's entry: a pane in every lab, and CodeMirror (editor-pane.ts) loaded
 * only when the pane is on screen after the terminal is ready.
 */
import type { LabFeature } from '../index.ts';
import { loadWhenVisible, mountPane } from './panes.ts';

export const editorFeature: LabFeature = (lab) => {
  const { section, body } = mountPane(lab, 'editor', 'Editor');
  section.dataset.testid = 'editor-pane';
  loadWhenVisible(lab, section, async () => {
    const { EditorPane } = await import('./editor-pane.ts');
    new EditorPane(lab, body).start();
  });
};
