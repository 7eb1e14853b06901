/**
 * `runtime: webcontainer` labs: when the page can run a WebContainer, the terminal attaches
 * to it (real Node, a preview pane for served ports); otherwise, or when it fails to boot,
 * the lab keeps the built-in engine and says why. The WebContainer code and its ~API
 * package load only after the support check passes.
 */
import type { LabController } from '../../lab-client.ts';
import { checkSupport, currentEnv, fallbackNotice, type Unsupported } from '../../webcontainer/support.ts';
import type { LabPort } from '../../webcontainer/types.ts';
import { mountPane, paneContainer } from '../editor/panes.ts';
import type { LabFeature } from '../index.ts';

function notice(lab: LabController, reason: Unsupported, detail?: string): void {
  const p = document.createElement('p');
  p.className = 'lab-runtime-notice';
  p.setAttribute('role', 'status');
  p.dataset.testid = 'runtime-notice';
  p.dataset.reason = reason;
  p.textContent = fallbackNotice(reason, detail);
  paneContainer(lab).prepend(p);
}

function port(lab: LabController): LabPort {
  let preview: HTMLIFrameElement | undefined;
  return {
    request: (method, params) => lab.request(method, params),
    terminal: {
      write: (d) => lab.term.write(d),
      reset: () => lab.term.reset(),
      get cols() {
        return lab.term.cols;
      },
      get rows() {
        return lab.term.rows;
      },
      // LabController feeds xterm's keystrokes to its line editor; while the WebContainer owns
      // the terminal they go to its shell instead (a hook in LabController would be cleaner).
      takeInput: (handler) => {
        lab.editor.input = handler;
      },
    },
    preview: (p, url) => {
      if (!preview) {
        const { body } = mountPane(lab, 'preview', 'Preview');
        preview = document.createElement('iframe');
        preview.className = 'lab-preview';
        preview.dataset.testid = 'preview';
        body.replaceChildren(preview);
      }
      preview.title = `Preview of port ${p}`;
      preview.src = url;
    },
  };
}

export const webContainerFeature: LabFeature = (lab) => {
  if (lab.lab?.runtime !== 'webcontainer') return;
  const unsupported = checkSupport(currentEnv());
  if (unsupported) return notice(lab, unsupported);
  // Boot once the engine is ready, so the fallback is already usable while it loads.
  const off = lab.on('ready', () => {
    off();
    lab.term.write('\x1b[2mStarting the WebContainer…\x1b[0m\r\n');
    void import('../../webcontainer/boot.ts').then(async ({ bootWebContainer, BootError }) => {
      try {
        await bootWebContainer(port(lab), Object.entries(lab.lab?.files ?? {}).map(([path, content]) => ({ path, content })));
      } catch (e) {
        notice(lab, e instanceof BootError ? e.reason : 'boot-failed', e instanceof Error ? e.message : undefined);
      }
    });
  });
};
