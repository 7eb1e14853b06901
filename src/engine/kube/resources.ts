/** The resource types the simulated API server serves, and name resolution as kubectl does it. */
import type { ResourceType } from './types.ts';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const r = (kind: string, plural: string, shortNames: string[], group: string, version: string, namespaced: boolean, verbs = ALL): ResourceType => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  group,
  version,
  namespaced,
  verbs,
});

/** In `kubectl api-resources` order (by group, then name). */
export const RESOURCE_TYPES: ResourceType[] = [
  r('ConfigMap', 'configmaps', ['cm'], '', 'v1', true),
  r('Endpoints', 'endpoints', ['ep'], '', 'v1', true),
  r('Event', 'events', ['ev'], '', 'v1', true),
  r('Namespace', 'namespaces', ['ns'], '', 'v1', false, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  r('Node', 'nodes', ['no'], '', 'v1', false),
  r('Pod', 'pods', ['po'], '', 'v1', true),
  r('Secret', 'secrets', [], '', 'v1', true),
  r('ServiceAccount', 'serviceaccounts', ['sa'], '', 'v1', true),
  r('Service', 'services', ['svc'], '', 'v1', true, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  r('DaemonSet', 'daemonsets', ['ds'], 'apps', 'v1', true),
  r('Deployment', 'deployments', ['deploy'], 'apps', 'v1', true),
  r('ReplicaSet', 'replicasets', ['rs'], 'apps', 'v1', true),
  r('CronJob', 'cronjobs', ['cj'], 'batch', 'v1', true),
  r('Job', 'jobs', [], 'batch', 'v1', true),
  r('EndpointSlice', 'endpointslices', [], 'discovery.k8s.io', 'v1', true),
  r('ClusterRoleBinding', 'clusterrolebindings', [], 'rbac.authorization.k8s.io', 'v1', false),
  r('ClusterRole', 'clusterroles', [], 'rbac.authorization.k8s.io', 'v1', false),
  r('RoleBinding', 'rolebindings', [], 'rbac.authorization.k8s.io', 'v1', true),
  r('Role', 'roles', [], 'rbac.authorization.k8s.io', 'v1', true),
];

const BY_PLURAL = new Map(RESOURCE_TYPES.map((t) => [t.plural, t]));

/** The type for a plural the engine itself names (never learner input); throws on a typo. */
export function rt(plural: string): ResourceType {
  const t = BY_PLURAL.get(plural);
  if (!t) throw new Error(`no resource type ${plural}`);
  return t;
}

/** Finds a resource type by what a learner types: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy.v1.apps`. */
export function findResource(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base, rest] = lower.split(/\.(.*)/s, 2) as [string, string | undefined];
  const group = rest?.replace(/^v1\./, '').replace(/^v1$/, '');
  return RESOURCE_TYPES.find(
    (t) => (t.plural === base || t.singular === base || t.shortNames.includes(base)) && (group === undefined || group === '' || t.group === group),
  );
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  return RESOURCE_TYPES.find((t) => t.kind === kind && t.group === group && t.version === version);
}

/** Any version of a kind, to tell "wrong version" from "unknown kind". */
export function resourceForKindAnyVersion(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `pod`, `deployment.apps`: how kubectl names a type in `pod/web created`. */
export function qualifiedName(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** `pods`, `deployments.apps`: how the API server names a type in errors about it. */
export function groupResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}
