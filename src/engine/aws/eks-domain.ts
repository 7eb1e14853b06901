/**
 * The aws world's EKS part, loaded on first use (eks-deferred.ts): the `aws eks` service,
 * eksctl, and the Kubernetes engine with kubectl for the clusters EKS runs.
 */
import { kubeRuntimeDomain } from '../kube/domain.ts';
import type { Domain } from '../world.ts';
import { provideDeferred } from '../worlds.ts';
import { registerService } from './cli/aws.ts';
import { eksService } from './eks.ts';
import { fargateScheduler, registerEksHooks } from './eks-kube.ts';
import { eksctl } from './eksctl.ts';

registerService(eksService);

const eksDomain: Domain = {
  name: 'eks',
  programs: [eksctl],
  systems: (world) => {
    // Cluster hooks are code, not state: register them again for a restored world.
    registerEksHooks(world);
    return [fargateScheduler];
  },
};

provideDeferred('eks', [kubeRuntimeDomain, eksDomain]);
