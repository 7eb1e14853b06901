/**
 * The text alternatives: the cluster as a table (what a screen reader or a narrow screen
 * wants), and the Linux host as a process tree with namespaces and cgroups. Plain DOM,
 * rebuilt per update; every learner string goes in through textContent.
 */
import { processTree, type ClusterModel, type ProcessModel, type ProcessNode } from './model.ts';

function cell(tag: 'td' | 'th', content: string): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = content;
  if (tag === 'th') c.scope = 'col';
  return c;
}

export function clusterTable(model: ClusterModel): HTMLTableElement {
  const t = document.createElement('table');
  t.className = 'cv-table';
  t.dataset.testid = 'cluster-table';
  const cap = document.createElement('caption');
  cap.textContent = `Pods in cluster ${model.cluster}`;
  const head = document.createElement('tr');
  for (const h of ['Pod', 'Namespace', 'Node', 'Status', 'Ready', 'Restarts', 'Services']) head.append(cell('th', h));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  const services = new Map<string, string[]>();
  for (const s of model.services) for (const uid of s.endpoints) services.set(uid, [...(services.get(uid) ?? []), s.name]);
  for (const p of model.pods) {
    const tr = document.createElement('tr');
    for (const v of [p.name, p.namespace, p.node ?? '(not scheduled)', p.status, p.ready, String(p.restarts), (services.get(p.uid) ?? []).join(', ')]) tr.append(cell('td', v));
    tbody.append(tr);
  }
  t.append(cap, thead, tbody);
  return t;
}

function procLine(n: ProcessNode): HTMLElement {
  const li = document.createElement('li');
  li.setAttribute('role', 'treeitem');
  const p = n.proc;
  const label = document.createElement('span');
  label.className = 'cv-proc';
  label.tabIndex = 0;
  label.dataset.pid = String(p.pid);
  const ns = Object.entries(p.ns).map(([t, ino]) => `${t}:[${ino}]`);
  label.textContent = `${p.pid} ${p.comm} (${p.user})`;
  const meta = document.createElement('span');
  meta.className = 'cv-proc-meta';
  meta.textContent = ` cgroup ${p.cgroup}${ns.length ? ` · own ns ${ns.join(' ')}` : ''}`;
  if (ns.length) label.classList.add('cv-proc-ns');
  li.append(label, meta);
  li.setAttribute('aria-label', `Process ${p.pid} ${p.comm}, user ${p.user}, cgroup ${p.cgroup}${ns.length ? `, own namespaces ${ns.join(', ')}` : ''}`);
  if (n.children.length) {
    li.setAttribute('aria-expanded', 'true');
    const ul = document.createElement('ul');
    ul.setAttribute('role', 'group');
    for (const c of n.children) ul.append(procLine(c));
    li.append(ul);
  }
  return li;
}

export function processView(model: ProcessModel): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cv-procs';
  box.dataset.testid = 'process-tree';
  const tree = document.createElement('ul');
  tree.setAttribute('role', 'tree');
  tree.setAttribute('aria-label', 'Processes');
  for (const n of processTree(model.procs)) tree.append(procLine(n));
  box.append(tree);
  if (model.omitted) {
    const more = document.createElement('p');
    more.className = 'cv-muted';
    more.textContent = `${model.omitted} more processes not shown; use ps in the terminal.`;
    box.append(more);
  }
  const t = document.createElement('table');
  t.className = 'cv-table';
  const cap = document.createElement('caption');
  cap.textContent = 'cgroups (v2)';
  const head = document.createElement('tr');
  for (const h of ['cgroup', 'Processes', 'subtree_control', 'Limits']) head.append(cell('th', h));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const c of model.cgroups) {
    const tr = document.createElement('tr');
    for (const v of [c.path, String(c.procs), c.controllers.join(' '), c.limits.join(', ')]) tr.append(cell('td', v));
    tbody.append(tr);
  }
  t.append(cap, thead, tbody);
  box.append(t);
  return box;
}
