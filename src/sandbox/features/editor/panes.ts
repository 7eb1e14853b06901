/**
 * Where the editor, cluster view and clock put their DOM, and when their heavy code loads.
 * Shared by those features and kept tiny: it is part of every lab page's first bundle.
 */
import type { LabController } from '../../lab-client.ts';

/** The lab's pane container (Lab.astro's `[data-lab-panes]`), or one made beside the terminal. */
export function paneContainer(lab: LabController): HTMLElement {
  const found = lab.el.root.querySelector<HTMLElement>('[data-lab-panes]');
  if (found) return found;
  const made = document.createElement('div');
  made.className = 'lab-panes';
  made.dataset.labPanes = '';
  lab.el.terminal.after(made);
  return made;
}

/** A titled, labelled pane section with a body that says it is loading until its code arrives. */
export function mountPane(lab: LabController, id: string, title: string): { section: HTMLElement; body: HTMLElement } {
  const section = document.createElement('section');
  section.className = `lab-pane lab-pane-${id}`;
  section.dataset.pane = id;
  // One level below the lab's own heading (h1 on a lab page, h2 inside a lesson).
  const labLevel = Number(lab.el.root.querySelector('h1, h2')?.tagName.slice(1) ?? 2);
  const heading = document.createElement(`h${Math.min(labLevel + 1, 6)}`);
  heading.className = 'lab-pane-title';
  heading.id = `${lab.el.root.dataset.lab ?? 'lab'}-${id}-title`;
  heading.textContent = title;
  section.setAttribute('aria-labelledby', heading.id);
  const body = document.createElement('div');
  body.className = 'lab-pane-body';
  body.textContent = `Loading ${title.toLowerCase()}…`;
  section.append(heading, body);
  paneContainer(lab).append(section);
  return { section, body };
}

/**
 * Runs `load` once the terminal is ready and the pane is on screen, so the editor or the
 * diagram never delays the first prompt, and a pane scrolled out of view costs nothing.
 */
export function loadWhenVisible(lab: LabController, el: HTMLElement, load: () => Promise<void>): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    load().catch((e: unknown) => {
      el.textContent = `This pane could not load (${e instanceof Error ? e.message : String(e)}). The terminal still works.`;
    });
  };
  const off = lab.on('ready', () => {
    off();
    if (typeof IntersectionObserver === 'undefined') return start();
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        start();
      }
    }, { rootMargin: '200px' });
    io.observe(el);
  });
}
