/** The `aws` world: an account with the aws CLI, eksctl, docker and kubectl, and no clusters yet. */
import { awsDomain } from '../aws/domain.ts';
import { kubeRuntimeDomain } from '../kube/domain.ts';
import { dockerDomain } from '../runtime/domain.ts';
import { registerKind } from '../worlds.ts';
import { BASE } from './core.ts';

registerKind('aws', [...BASE, dockerDomain, kubeRuntimeDomain, awsDomain]);
