/**
 * The cluster diagram: nodes as boxes with their pods inside, coloured by status, and
 * Services linked to their endpoints. Elements are keyed (pods by uid, nodes by name) and
 * moved rather than rebuilt, so a pod that changes node can glide there (FLIP), a new pod
 * pops in, a deleted one fades, and a restart pulses. With reduced motion, nothing moves.
 */
import { diffCluster, groupByNode, type ClusterModel, type PodView, type ServiceView } from './model.ts';

const SVG = 'http://www.w3.org/2000/svg';
const UNSCHEDULED = '\u0000unscheduled';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class ClusterDiagram {
  readonly root = el('div', 'cv-diagram');
  private readonly services = el('ul', 'cv-services');
  private readonly nodesBox = el('div', 'cv-nodes');
  private readonly links = document.createElementNS(SVG, 'svg');
  private readonly nodeEls = new Map<string, { box: HTMLElement; status: HTMLElement; list: HTMLElement }>();
  private readonly podEls = new Map<string, HTMLButtonElement>();
  private model: ClusterModel | undefined;
  private highlighted: string | undefined;

  constructor(private readonly onPod: (uid: string) => void) {
    this.services.setAttribute('aria-label', 'Services');
    this.links.classList.add('cv-links');
    this.links.setAttribute('aria-hidden', 'true');
    this.root.append(this.services, this.nodesBox, this.links);
    // Lines follow the boxes when the pane is resized (a narrow screen wraps the nodes).
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.drawLinks()).observe(this.root);
  }

  update(next: ClusterModel): void {
    const prev = this.model;
    const diff = diffCluster(prev, next);
    const motion = !reducedMotion() && prev !== undefined;
    const first = new Map<string, DOMRect>();
    if (motion) for (const [uid, b] of this.podEls) first.set(uid, b.getBoundingClientRect());

    this.renderNodes(next);
    const removed = new Set(diff.removed.map((p) => p.uid));
    for (const uid of removed) this.removePod(uid, motion);

    if (motion) {
      const added = new Set(diff.added.map((p) => p.uid));
      for (const [uid, b] of this.podEls) {
        if (added.has(uid)) {
          b.animate([{ transform: 'scale(0.4)', opacity: 0 }, { transform: 'none', opacity: 1 }], { duration: 350, easing: 'ease-out' });
          continue;
        }
        const a = first.get(uid);
        if (!a) continue;
        const z = b.getBoundingClientRect();
        const dx = a.left - z.left;
        const dy = a.top - z.top;
        if (Math.abs(dx) + Math.abs(dy) > 1) b.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], { duration: 500, easing: 'cubic-bezier(.2,.7,.2,1)' });
      }
      for (const p of diff.restarted) this.podEls.get(p.uid)?.animate([{ boxShadow: '0 0 0 0 var(--cv-pulse)' }, { boxShadow: '0 0 0 8px transparent' }], { duration: 700 });
    }
    this.renderServices(next.services);
    this.model = next;
    this.drawLinks();
  }

  private renderNodes(model: ClusterModel): void {
    const groups = groupByNode(model);
    const keep = new Set<string>();
    const order: HTMLElement[] = [];
    for (const g of groups) {
      const key = g.node?.name ?? UNSCHEDULED;
      keep.add(key);
      let n = this.nodeEls.get(key);
      if (!n) {
        const box = el('section', 'cv-node');
        box.dataset.node = g.node?.name ?? '';
        box.dataset.testid = 'node';
        const head = el('header', 'cv-node-head');
        const name = el('strong', 'cv-node-name', g.node ? g.node.name : 'Not scheduled');
        const status = el('span', 'cv-node-status');
        head.append(name, status);
        const list = el('ul', 'cv-pods');
        box.append(head, list);
        n = { box, status, list };
        this.nodeEls.set(key, n);
      }
      const node = g.node;
      n.box.dataset.ready = node ? String(node.ready) : 'pending';
      n.box.dataset.cordoned = String(node?.status.includes('SchedulingDisabled') ?? false);
      const roles = node?.roles.length ? ` · ${node.roles.join(',')}` : '';
      n.status.textContent = node ? `${node.status}${roles}` : `${g.pods.length} waiting`;
      n.box.setAttribute('aria-label', node ? `Node ${node.name}, ${node.status}, ${g.pods.length} pods` : `${g.pods.length} pods not scheduled`);
      // Pods in order; appendChild moves an existing element, which is what keeps it keyed.
      for (const p of g.pods) n.list.append(this.podItem(p));
      order.push(n.box);
    }
    for (const [key, n] of this.nodeEls) if (!keep.has(key)) {
      n.box.remove();
      this.nodeEls.delete(key);
    }
    this.nodesBox.replaceChildren(...order);
  }

  private podItem(p: PodView): HTMLElement {
    let b = this.podEls.get(p.uid);
    if (!b) {
      b = el('button', 'cv-pod');
      b.type = 'button';
      b.dataset.testid = 'pod';
      b.dataset.uid = p.uid;
      b.append(el('span', 'cv-pod-name'), ' ', el('span', 'cv-pod-status'));
      const uid = p.uid;
      b.addEventListener('click', () => this.onPod(uid));
      this.podEls.set(p.uid, b);
    }
    b.dataset.node = p.node ?? '';
    b.dataset.tone = p.tone;
    b.dataset.name = p.name;
    const shownName = p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`;
    const shownStatus = p.restarts ? `${p.status} · ${p.restarts}↻` : p.status;
    (b.firstChild as HTMLElement).textContent = shownName;
    (b.lastChild as HTMLElement).textContent = shownStatus;
    // The visible text starts the accessible name (label in name); the rest adds what colour shows.
    b.setAttribute('aria-label', `${shownName} ${shownStatus}: pod ${p.node ? `on ${p.node}` : 'not scheduled'}, ready ${p.ready}, ${p.restarts} restarts`);
    const li = (b.parentElement?.tagName === 'LI' ? b.parentElement : el('li', 'cv-pod-item')) as HTMLElement;
    if (b.parentElement !== li) li.append(b);
    return li;
  }

  private removePod(uid: string, motion: boolean): void {
    const b = this.podEls.get(uid);
    this.podEls.delete(uid);
    const li = b?.parentElement;
    if (!b || !li) return;
    if (!motion || !li.isConnected) return li.remove();
    // Fade out where it stood; it no longer takes part in layout or focus.
    b.disabled = true;
    b.classList.add('cv-leaving');
    b.animate([{ opacity: 1, transform: 'none' }, { opacity: 0, transform: 'scale(0.6)' }], { duration: 350, easing: 'ease-in' }).finished.then(
      () => li.remove(),
      () => li.remove(),
    );
  }

  private renderServices(services: ServiceView[]): void {
    const items = services.map((s) => {
      const li = el('li', 'cv-svc-item');
      const b = el('button', 'cv-svc');
      b.type = 'button';
      b.dataset.uid = s.uid;
      b.dataset.testid = 'service';
      b.textContent = `${s.name} (${s.type}) → ${s.endpoints.length}`;
      b.setAttribute('aria-label', `Service ${s.name}, ${s.type}${s.clusterIP ? ` ${s.clusterIP}` : ''}, ${s.endpoints.length} endpoints`);
      b.setAttribute('aria-pressed', String(this.highlighted === s.uid));
      b.addEventListener('click', () => {
        this.highlighted = this.highlighted === s.uid ? undefined : s.uid;
        this.renderServices(this.model?.services ?? []);
        this.drawLinks();
      });
      li.append(b);
      return li;
    });
    this.services.replaceChildren(...items);
    this.services.hidden = items.length === 0;
  }

  /** Service → endpoint lines in an SVG over the diagram, from the boxes' current positions. */
  drawLinks(): void {
    const model = this.model;
    this.links.replaceChildren();
    if (!model || !this.root.isConnected) return;
    const base = this.root.getBoundingClientRect();
    this.links.setAttribute('width', String(base.width));
    this.links.setAttribute('height', String(base.height));
    for (const s of model.services) {
      const from = this.services.querySelector<HTMLElement>(`[data-uid="${CSS.escape(s.uid)}"]`)?.getBoundingClientRect();
      if (!from) continue;
      for (const uid of s.endpoints) {
        const to = this.podEls.get(uid)?.getBoundingClientRect();
        if (!to) continue;
        const line = document.createElementNS(SVG, 'line');
        line.setAttribute('x1', String(from.left + from.width / 2 - base.left));
        line.setAttribute('y1', String(from.bottom - base.top));
        line.setAttribute('x2', String(to.left + to.width / 2 - base.left));
        line.setAttribute('y2', String(to.top - base.top));
        line.setAttribute('class', this.highlighted === s.uid ? 'cv-link cv-link-on' : 'cv-link');
        this.links.append(line);
      }
    }
  }
}
