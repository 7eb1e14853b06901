/**
 * The cluster view's entry: a pane in every lab (the cluster for Kubernetes and AWS labs,
 * the process tree for Linux and Docker ones), its code loaded when it comes on screen.
 */
import { loadWhenVisible, mountPane } from '../editor/panes.ts';
import type { LabFeature } from '../index.ts';

export const clusterViewFeature: LabFeature = (lab) => {
  const kind = lab.world === 'kubernetes' || lab.world === 'aws' ? 'cluster' : 'procs';
  const { section, body } = mountPane(lab, 'cluster', kind === 'cluster' ? 'Cluster' : 'Processes');
  loadWhenVisible(lab, section, async () => {
    const { ClusterView } = await import('./view.ts');
    await new ClusterView(lab, body, kind).start();
  });
};
