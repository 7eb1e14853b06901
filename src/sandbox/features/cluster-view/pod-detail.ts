/**
 * The panel a click on a pod opens: where it runs and why (the scheduler's filter and score
 * results per node, the way `hatchway explain pod` reports them), and its events.
 */
import type { PodDetail } from './model.ts';

function text<K extends keyof HTMLElementTagNameMap>(tag: K, content: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = content;
  if (cls) e.className = cls;
  return e;
}

function table(caption: string, head: string[], rows: string[][], mark?: (row: string[]) => boolean): HTMLTableElement {
  const t = document.createElement('table');
  t.className = 'cv-table';
  t.append(text('caption', caption));
  const thead = document.createElement('thead');
  const tr = document.createElement('tr');
  for (const h of head) {
    const th = text('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  thead.append(tr);
  const tbody = document.createElement('tbody');
  for (const r of rows) {
    const row = document.createElement('tr');
    if (mark?.(r)) row.className = 'cv-chosen';
    for (const c of r) row.append(text('td', c));
    tbody.append(row);
  }
  t.append(thead, tbody);
  return t;
}

export function renderPodDetail(box: HTMLElement, d: PodDetail | null, close: () => void): void {
  box.replaceChildren();
  const head = document.createElement('div');
  head.className = 'cv-detail-head';
  const closeBtn = text('button', 'Close', 'cv-close');
  closeBtn.type = 'button';
  closeBtn.addEventListener('click', close);
  if (!d) {
    head.append(text('strong', 'This pod is gone.'), closeBtn);
    box.append(head);
    return;
  }
  const p = d.pod;
  head.append(text('strong', `Pod ${p.namespace}/${p.name}`), closeBtn);
  box.append(head);
  box.append(text('p', `${p.status}, ready ${p.ready}, ${p.restarts} restarts${p.node ? `, on ${p.node}` : ', not scheduled'}${p.ip ? `, IP ${p.ip}` : ''}${p.owner ? `, owned by ${p.owner}` : ''}.`));

  const why = d.explain;
  if (!why) {
    box.append(text('p', p.node ? 'The scheduler kept no record for this pod (it may name its node in spec.nodeName, or predate the record).' : 'The scheduler has not tried this pod yet.', 'cv-muted'));
  } else {
    const feasible = why.nodes.filter((n) => n.passed).length;
    const summary = why.selectedNode
      ? `The scheduler chose ${why.selectedNode}: ${feasible} of ${why.nodes.length} nodes passed the filters, and it scored highest.`
      : `No node fits: ${why.message ?? `${feasible} of ${why.nodes.length} nodes passed the filters.`}`;
    box.append(text('p', summary, 'cv-why'));
    if (why.summarized) box.append(text('p', 'Large cluster: only a sample of the nodes was recorded.', 'cv-muted'));
    box.append(
      table(
        'Scheduling, per node',
        ['Node', 'Filters', 'Score', 'Scores by plugin'],
        why.nodes.map((n) => [n.name, n.passed ? 'passed' : (n.failure ?? 'failed'), n.total === undefined ? '–' : String(n.total), n.scores.map((s) => `${s.plugin} ${s.score}`).join(', ')]),
        (r) => r[0] === why.selectedNode,
      ),
    );
  }
  if (d.events.length) {
    box.append(table('Events', ['Type', 'Reason', 'Message', 'Count'], d.events.map((e) => [e.type, e.reason, e.message, String(e.count)])));
  } else {
    box.append(text('p', 'No events.', 'cv-muted'));
  }
}
