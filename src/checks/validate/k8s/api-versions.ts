// Which apiVersion/kind pairs a Kubernetes 1.34 cluster serves, which were removed (and
// what replaced them), and what a misspelt kind or apiVersion probably meant.

import { didYouMean } from '../suggest.ts';
import type { SchemaModule } from './schema-module.ts';
import { KINDS } from './kinds.generated.ts';

interface Removal {
  /** Kubernetes release that stopped serving it. */
  removedIn: string;
  /** apiVersion to use instead, or undefined when the kind itself is gone. */
  replacement?: string;
  /** What else changes when moving over. */
  note: string;
}

const APPS_NOTE = 'In apps/v1, spec.selector is required and must match spec.template.metadata.labels.';
const SAME = 'The fields are the same.';

/** apiVersion → kind (or `*`) → removal. Kinds still served under a group are not listed. */
const REMOVED: Readonly<Record<string, Readonly<Record<string, Removal>>>> = {
  'extensions/v1beta1': {
    Deployment: { removedIn: '1.16', replacement: 'apps/v1', note: APPS_NOTE },
    DaemonSet: { removedIn: '1.16', replacement: 'apps/v1', note: APPS_NOTE },
    ReplicaSet: { removedIn: '1.16', replacement: 'apps/v1', note: APPS_NOTE },
    NetworkPolicy: { removedIn: '1.16', replacement: 'networking.k8s.io/v1', note: SAME },
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'Backends changed: serviceName and servicePort became service.name and service.port.number (or .name), and every path needs a pathType.' },
    PodSecurityPolicy: { removedIn: '1.25', note: 'PodSecurityPolicy has no direct replacement; label the namespace for Pod Security Admission instead (pod-security.kubernetes.io/enforce: restricted).' },
  },
  'apps/v1beta1': { '*': { removedIn: '1.16', replacement: 'apps/v1', note: APPS_NOTE } },
  'apps/v1beta2': { '*': { removedIn: '1.16', replacement: 'apps/v1', note: APPS_NOTE } },
  'batch/v1beta1': { CronJob: { removedIn: '1.25', replacement: 'batch/v1', note: SAME } },
  'batch/v2alpha1': { CronJob: { removedIn: '1.21', replacement: 'batch/v1', note: SAME } },
  'networking.k8s.io/v1beta1': {
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'Backends changed: serviceName and servicePort became service.name and service.port.number (or .name), and every path needs a pathType.' },
    IngressClass: { removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: SAME },
  },
  'rbac.authorization.k8s.io/v1beta1': { '*': { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', note: SAME } },
  'rbac.authorization.k8s.io/v1alpha1': { '*': { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', note: SAME } },
  'policy/v1beta1': {
    PodDisruptionBudget: { removedIn: '1.25', replacement: 'policy/v1', note: 'In policy/v1 an empty selector selects every pod in the namespace.' },
    PodSecurityPolicy: { removedIn: '1.25', note: 'PodSecurityPolicy has no direct replacement; label the namespace for Pod Security Admission instead (pod-security.kubernetes.io/enforce: restricted).' },
  },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: { removedIn: '1.25', replacement: 'autoscaling/v2', note: 'Metric targets moved under target: (type, averageUtilization, averageValue).' } },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: { removedIn: '1.26', replacement: 'autoscaling/v2', note: SAME } },
  'apiextensions.k8s.io/v1beta1': { '*': { removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'In v1 every version needs a structural schema under versions[].schema.openAPIV3Schema.' } },
  'apiregistration.k8s.io/v1beta1': { '*': { removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', note: SAME } },
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: { removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', note: 'In v1, sideEffects and admissionReviewVersions are required.' },
    ValidatingWebhookConfiguration: { removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', note: 'In v1, sideEffects and admissionReviewVersions are required.' },
  },
  'authentication.k8s.io/v1beta1': { '*': { removedIn: '1.22', replacement: 'authentication.k8s.io/v1', note: SAME } },
  'authorization.k8s.io/v1beta1': { '*': { removedIn: '1.22', replacement: 'authorization.k8s.io/v1', note: SAME } },
  'certificates.k8s.io/v1beta1': { CertificateSigningRequest: { removedIn: '1.22', replacement: 'certificates.k8s.io/v1', note: 'In v1, spec.signerName is required.' } },
  'coordination.k8s.io/v1beta1': { Lease: { removedIn: '1.22', replacement: 'coordination.k8s.io/v1', note: SAME } },
  'discovery.k8s.io/v1beta1': { EndpointSlice: { removedIn: '1.25', replacement: 'discovery.k8s.io/v1', note: 'topology became nodeName and zone.' } },
  'events.k8s.io/v1beta1': { Event: { removedIn: '1.25', replacement: 'events.k8s.io/v1', note: SAME } },
  'flowcontrol.apiserver.k8s.io/v1beta1': { '*': { removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', note: SAME } },
  'flowcontrol.apiserver.k8s.io/v1beta2': { '*': { removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', note: SAME } },
  'flowcontrol.apiserver.k8s.io/v1beta3': { '*': { removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', note: SAME } },
  'node.k8s.io/v1beta1': { RuntimeClass: { removedIn: '1.25', replacement: 'node.k8s.io/v1', note: SAME } },
  'scheduling.k8s.io/v1beta1': { PriorityClass: { removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', note: SAME } },
  'scheduling.k8s.io/v1alpha1': { PriorityClass: { removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', note: SAME } },
  'storage.k8s.io/v1beta1': {
    StorageClass: { removedIn: '1.22', replacement: 'storage.k8s.io/v1', note: SAME },
    VolumeAttachment: { removedIn: '1.22', replacement: 'storage.k8s.io/v1', note: SAME },
    CSIDriver: { removedIn: '1.22', replacement: 'storage.k8s.io/v1', note: SAME },
    CSINode: { removedIn: '1.22', replacement: 'storage.k8s.io/v1', note: SAME },
    CSIStorageCapacity: { removedIn: '1.27', replacement: 'storage.k8s.io/v1', note: SAME },
  },
};

function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

export type KindResolution =
  | { status: 'ok'; apiVersion: string; kind: string; load: () => Promise<SchemaModule> }
  | { status: 'removed'; apiVersion: string; kind: string; removal: Removal; load?: () => Promise<SchemaModule> }
  | { status: 'wrong-group'; apiVersion: string; kind: string; servedIn: string[] }
  | { status: 'unknown-kind'; apiVersion: string; kind: string; suggestion?: string | undefined; suggestionVersion?: string | undefined }
  | { status: 'unknown-version'; apiVersion: string; kind: string; suggestion?: string | undefined }
  | { status: 'custom'; apiVersion: string; kind: string };

function removalOf(apiVersion: string, kind: string): Removal | undefined {
  const group = own(REMOVED, apiVersion);
  return group ? (own(group, kind) ?? own(group, '*')) : undefined;
}

/** apiVersions served today that hold `kind` (List kinds excluded unless asked for). */
function servedVersionsOf(kind: string): string[] {
  return Object.keys(KINDS).filter((v) => own(KINDS[v] ?? {}, kind) && !removalOf(v, kind));
}

/** Core groups and `*.k8s.io` groups belong to Kubernetes; anything else is a CRD. */
function isBuiltInGroup(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return !group.includes('.') || group.endsWith('.k8s.io') || group === 'k8s.io';
}

const ALL_KINDS = (): Set<string> => {
  const s = new Set<string>();
  for (const v of Object.keys(KINDS)) for (const k of Object.keys(KINDS[v] ?? {})) if (!removalOf(v, k)) s.add(k);
  return s;
};
let allKindsCache: Set<string> | undefined;

export function resolveKind(apiVersion: string, kind: string): KindResolution {
  const removal = removalOf(apiVersion, kind);
  if (removal) {
    const target = removal.replacement ? own(KINDS[removal.replacement] ?? {}, kind) : undefined;
    return target
      ? { status: 'removed', apiVersion, kind, removal, load: target }
      : { status: 'removed', apiVersion, kind, removal };
  }
  const versionKinds = own(KINDS, apiVersion);
  const load = versionKinds ? own(versionKinds, kind) : undefined;
  if (load) return { status: 'ok', apiVersion, kind, load };
  const servedIn = servedVersionsOf(kind);
  if (servedIn.length > 0) return { status: 'wrong-group', apiVersion, kind, servedIn };
  if (!isBuiltInGroup(apiVersion)) return { status: 'custom', apiVersion, kind };
  allKindsCache ??= ALL_KINDS();
  const suggestion = didYouMean(kind, versionKinds ? Object.keys(versionKinds) : allKindsCache) ?? didYouMean(kind, allKindsCache);
  if (!versionKinds) {
    const known = Object.keys(KINDS).filter((v) => !own(REMOVED, v));
    const vSuggestion = didYouMean(apiVersion, known);
    if (vSuggestion || !suggestion) return { status: 'unknown-version', apiVersion, kind, suggestion: vSuggestion };
  }
  const suggestionVersion = suggestion ? servedVersionsOf(suggestion)[0] : undefined;
  return { status: 'unknown-kind', apiVersion, kind, suggestion, suggestionVersion };
}

/** Served apiVersions, for docs and for messages that list them. */
export function servedApiVersions(): string[] {
  return Object.keys(KINDS).filter((v) => !own(REMOVED, v) || Object.keys(KINDS[v] ?? {}).some((k) => !removalOf(v, k)));
}
