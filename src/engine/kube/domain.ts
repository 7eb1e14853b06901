/** The Kubernetes domain: cluster state, the control loops that drive it, and kubectl. */
import type { Domain } from '../world.ts';
import { setupCluster } from './cluster.ts';
import { kubectl } from './kubectl.ts';
import { podLifecycle } from './pod-lifecycle.ts';

export const kubeDomain: Domain = {
  name: 'kube',
  programs: [kubectl],
  setup: setupCluster,
  systems: () => [podLifecycle],
};
