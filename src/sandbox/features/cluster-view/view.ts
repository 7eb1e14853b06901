/**
 * The cluster view pane, loaded lazily: subscribes to the worker's view model, draws the
 * diagram (or the process tree for Linux labs), keeps the table alternative and a live
 * region of changes in step, and opens a pod's scheduling story on click.
 */
import type { LabController } from '../../lab-client.ts';
import { ClusterDiagram } from './cluster-diagram.ts';
import { describeDiff, diffCluster, type ClusterModel, type PodDetail, type ViewModel } from './model.ts';
import { renderPodDetail } from './pod-detail.ts';
import { clusterTable, processView } from './text-views.ts';
import './cluster-view.css';

export class ClusterView {
  private readonly summary = document.createElement('p');
  private readonly stage = document.createElement('div');
  private readonly live = document.createElement('div');
  private readonly detail = document.createElement('div');
  private readonly tableBox = document.createElement('details');
  private diagram: ClusterDiagram | undefined;
  private last: ClusterModel | undefined;
  private openPod: string | undefined;

  constructor(
    private readonly lab: LabController,
    private readonly host: HTMLElement,
    private readonly kind: 'cluster' | 'procs',
  ) {
    host.replaceChildren();
    host.classList.add('cv');
    host.dataset.testid = kind === 'cluster' ? 'cluster-view' : 'process-view';
    this.summary.className = 'cv-summary';
    this.live.className = 'cv-live';
    this.live.setAttribute('aria-live', 'polite');
    this.detail.className = 'cv-detail';
    this.detail.dataset.testid = 'pod-detail';
    this.detail.hidden = true;
    this.detail.setAttribute('role', 'region');
    this.detail.setAttribute('aria-label', 'Pod details');
    const summary = document.createElement('summary');
    summary.textContent = 'Table view';
    this.tableBox.append(summary);
    this.tableBox.className = 'cv-table-box';
    host.append(this.summary, this.stage, this.detail, this.live);
    if (kind === 'cluster') host.append(this.tableBox);
  }

  async start(): Promise<void> {
    this.lab.on('view.update', (m) => this.render(m as ViewModel));
    // After a reset the worker has a new world; ask again rather than wait for a change.
    this.lab.on('ready', () => void this.subscribe());
    this.lab.on('clock.advanced', () => void this.lab.request('view.refresh'));
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    this.render(await this.lab.request<ViewModel>('view.subscribe', { kind: this.kind }));
  }

  render(model: ViewModel): void {
    if (model.kind === 'empty') {
      this.diagram = undefined;
      this.last = undefined;
      this.summary.textContent = model.message;
      this.stage.replaceChildren();
      this.tableBox.hidden = true;
      return;
    }
    if (model.kind === 'procs') {
      this.summary.textContent = `${model.procs.length + model.omitted} processes, ${model.cgroups.length} cgroups. Processes in their own namespaces are marked.`;
      // Rebuilt each time; keep the keyboard focus on the same process.
      const focused = (document.activeElement as HTMLElement | null)?.dataset?.pid;
      this.stage.replaceChildren(processView(model));
      if (focused) this.stage.querySelector<HTMLElement>(`[data-pid="${CSS.escape(focused)}"]`)?.focus();
      return;
    }
    this.tableBox.hidden = false;
    if (!this.diagram) {
      this.diagram = new ClusterDiagram((uid) => void this.showPod(uid));
      this.stage.replaceChildren(this.diagram.root);
    }
    const changes = this.last ? describeDiff(diffCluster(this.last, model)) : [];
    this.diagram.update(model);
    this.last = model;
    const ready = model.nodes.filter((n) => n.ready).length;
    this.summary.textContent = `Cluster ${model.cluster}: ${model.nodes.length} nodes (${ready} ready), ${model.pods.length + model.omittedPods} pods, ${model.services.length} services.${model.omittedPods ? ` ${model.omittedPods} pods are not drawn.` : ''}${model.systemPods ? ` ${model.systemPods} kube-system pods hidden.` : ''}`;
    if (changes.length) this.live.textContent = changes.join(' ');
    const table = this.tableBox.querySelector('table');
    const fresh = clusterTable(model);
    if (table) table.replaceWith(fresh);
    else this.tableBox.append(fresh);
    if (this.openPod) void this.showPod(this.openPod, false);
  }

  private async showPod(uid: string, focus = true): Promise<void> {
    this.openPod = uid;
    const d = await this.lab.request<PodDetail | null>('view.pod', { uid });
    if (this.openPod !== uid) return;
    renderPodDetail(this.detail, d, () => {
      this.openPod = undefined;
      this.detail.hidden = true;
      this.host.querySelector<HTMLElement>(`[data-uid="${CSS.escape(uid)}"]`)?.focus();
    });
    this.detail.hidden = false;
    if (focus) this.detail.querySelector<HTMLElement>('button')?.focus();
  }
}
