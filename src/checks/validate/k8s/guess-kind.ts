// Guesses what kind of Kubernetes object a document is when it forgot to say.

import { get } from './objects.ts';

/** Guesses the kind of a document that forgot to say, from its shape. */
export function guessKind(v: Record<string, unknown>): { apiVersion: string; kind: string } | undefined {
  if (get(v, ['spec', 'jobTemplate']) !== undefined) return { apiVersion: 'batch/v1', kind: 'CronJob' };
  if (get(v, ['spec', 'template']) !== undefined && get(v, ['spec', 'serviceName']) !== undefined) return { apiVersion: 'apps/v1', kind: 'StatefulSet' };
  if (get(v, ['spec', 'template']) !== undefined && get(v, ['spec', 'selector']) !== undefined) return { apiVersion: 'apps/v1', kind: 'Deployment' };
  if (get(v, ['spec', 'containers']) !== undefined) return { apiVersion: 'v1', kind: 'Pod' };
  if (get(v, ['spec', 'ports']) !== undefined) return { apiVersion: 'v1', kind: 'Service' };
  if (get(v, ['data']) !== undefined || get(v, ['stringData']) !== undefined) return { apiVersion: 'v1', kind: 'ConfigMap' };
  if (get(v, ['rules']) !== undefined) return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' };
  return undefined;
}

