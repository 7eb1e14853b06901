/**
 * EKS as a deferred part of the aws world (worlds.ts DeferredDomain): eksctl, kubectl and
 * `aws eks` load the Kubernetes engine the first time one of them runs, so ECS and ECR labs,
 * and EKS labs before their cluster exists, start without it.
 */
import { useDeferred, type DeferredDomain } from '../worlds.ts';
import { registerDeferredService } from './cli/aws.ts';

export const eksDeferred: DeferredDomain = {
  name: 'eks',
  programs: [
    { name: 'eksctl', summary: 'The official CLI for Amazon EKS', path: '/usr/local/bin/eksctl' },
    { name: 'kubectl', summary: 'the Kubernetes command-line tool', path: '/usr/local/bin/kubectl' },
  ],
  load: () => import('./eks-domain.ts'),
  inUse: (state) => state.ext.kube !== undefined || Object.keys(state.ext.aws?.eks ?? {}).length > 0,
};

registerDeferredService('eks', (world) => useDeferred(world, eksDeferred));
