/** The Kubernetes domain: cluster state, the control loops that drive it, kubectl and `hatchway`. */
import { getProgram, registerPrograms } from '../shell/registry.ts';
import type { Program } from '../shell/types.ts';
import type { Domain } from '../world.ts';
import { setupCluster } from './cluster.ts';
import { hatchway } from './hatchway.ts';
import { kubectl } from './kubectl/index.ts';
import { podTool } from './pod-tool.ts';
import { KUBE_SYSTEMS } from './systems.ts';

/** A program of the image library, loaded when a container first runs it (the docker world registers the same ones up front). */
function imageProgram(name: string): Program {
  return {
    name,
    summary: `${name} (inside images)`,
    run: async (ctx) => (await import('../runtime/programs.ts')).IMAGE_PROGRAMS.find((p) => p.name === name)!.run(ctx),
  };
}

// Programs that exist only inside pods' root filesystems, never on the host's PATH.
registerPrograms([podTool, ...['busybox', 'apk', 'apt-get'].filter((n) => !getProgram(n)).map(imageProgram)]);

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
