/** The Kubernetes domain: cluster state, the control loops that drive it, kubectl and `hatchway`. */
import type { Domain } from '../world.ts';
import { setupCluster } from './cluster.ts';
import { hatchway } from './hatchway.ts';
import { kubectl } from './kubectl/index.ts';
import { KUBE_SYSTEMS } from './systems.ts';

export const kubeDomain: Domain = {
  name: 'kube',
  programs: [kubectl, hatchway],
  setup: setupCluster,
  systems: () => KUBE_SYSTEMS,
};

/** For worlds (aws) whose clusters come later: the systems and kubectl, no cluster yet. */
export const kubeRuntimeDomain: Domain = {
  name: 'kube-runtime',
  programs: [kubectl],
  systems: () => KUBE_SYSTEMS,
};
