/** The `kubernetes` world: a kubeadm-like cluster with kubectl configured. */
import { kubeDomain } from '../kube/domain.ts';
import { registerKind } from '../worlds.ts';
import { BASE } from './core.ts';

registerKind('kubernetes', [...BASE, kubeDomain]);
