/** The `aws` world: an account with the aws CLI, eksctl, docker and kubectl, and no clusters yet. */
import { awsDomain } from '../aws/domain.ts';
import { eksDeferred } from '../aws/eks-deferred.ts';
import { dockerDomain } from '../runtime/domain.ts';
import { registerKind } from '../worlds.ts';
import { BASE } from './core.ts';

// EKS, with the Kubernetes engine, loads the first time eksctl, kubectl or `aws eks` runs.
registerKind('aws', [...BASE, dockerDomain, awsDomain], [eksDeferred]);
