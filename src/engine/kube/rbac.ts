/**
 * RBAC authorization as the API server does it: a request (user, groups, verb, resource,
 * namespace) is allowed if any RoleBinding in the namespace or ClusterRoleBinding grants a
 * rule that covers it. Denials carry the exact Forbidden text.
 */
import { groupResource, rt } from './resources.ts';
import { getObject, listObjects, type Cluster } from './store.ts';
import type { KubeObject, ResourceType } from './types.ts';

export interface UserInfo {
  name: string;
  groups: string[];
}

/** Who a kubeconfig user or `--as` name is. */
export function userInfo(name: string, asGroups: string[] = []): UserInfo {
  if (name === 'kubernetes-admin') return { name, groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  if (sa) return { name, groups: [...asGroups, 'system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, 'system:authenticated'] };
  return { name, groups: [...asGroups, 'system:authenticated'] };
}

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RO = ['get', 'list', 'watch'];
const role = (name: string, rules: Rule[], labels: Record<string, string> = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
  rules,
});

/** The default user-facing ClusterRoles (aggregated forms flattened). */
export const DEFAULT_CLUSTER_ROLES = [
  role('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
  role('admin', [
    { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/exec', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events'], verbs: RW },
    { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets', 'daemonsets', 'statefulsets'], verbs: RW },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: RW },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: RO },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: RW },
    { apiGroups: [''], resources: ['namespaces'], verbs: RO },
  ], { 'kubernetes.io/bootstrapping': 'rbac-defaults' }),
  role('edit', [
    { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/exec', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events'], verbs: RW },
    { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets', 'daemonsets', 'statefulsets'], verbs: RW },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: RW },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: RO },
    { apiGroups: [''], resources: ['namespaces'], verbs: RO },
  ]),
  role('view', [
    { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'endpoints', 'configmaps', 'serviceaccounts', 'events', 'namespaces'], verbs: RO },
    { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'daemonsets', 'statefulsets'], verbs: RO },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: RO },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: RO },
  ]),
];

function ruleAllows(rule: Rule, verb: string, group: string, resource: string, name?: string): boolean {
  const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));
  if (!has(rule.verbs, verb)) return false;
  if (!has(rule.apiGroups, group)) return false;
  if (!has(rule.resources, resource)) return false;
  if (rule.resourceNames?.length && (!name || !rule.resourceNames.includes(name))) return false;
  return true;
}

function subjectMatches(subjects: { kind: string; name: string; namespace?: string }[] | undefined, user: UserInfo, bindingNs?: string): boolean {
  for (const s of subjects ?? []) {
    if (s.kind === 'User' && s.name === user.name) return true;
    if (s.kind === 'Group' && user.groups.includes(s.name)) return true;
    if (s.kind === 'ServiceAccount' && user.name === `system:serviceaccount:${s.namespace ?? bindingNs}:${s.name}`) return true;
  }
  return false;
}

function rulesOf(c: Cluster, binding: KubeObject): Rule[] {
  const ref = binding.roleRef as { kind: string; name: string };
  const r = ref.kind === 'ClusterRole' ? getObject(c, rt('clusterroles'), undefined, ref.name) : getObject(c, rt('roles'), binding.metadata.namespace, ref.name);
  return ((r?.rules ?? []) as Rule[]);
}

/** Whether `user` may `verb` `resource` (plural, maybe with /subresource) in `namespace`. */
export function authorize(c: Cluster, user: UserInfo, verb: string, group: string, resource: string, namespace: string | undefined, name?: string): boolean {
  if (user.groups.includes('system:masters')) return true;
  for (const b of listObjects(c, rt('clusterrolebindings'))) {
    if (subjectMatches(b.subjects as never, user) && rulesOf(c, b).some((r) => ruleAllows(r, verb, group, resource, name))) return true;
  }
  if (namespace) {
    for (const b of listObjects(c, rt('rolebindings'), namespace)) {
      if (subjectMatches(b.subjects as never, user, namespace) && rulesOf(c, b).some((r) => ruleAllows(r, verb, group, resource, name))) return true;
    }
  }
  return false;
}

/** The API server's Forbidden message for a denied request. */
export function forbiddenMessage(user: UserInfo, verb: string, type: ResourceType, namespace: string | undefined, name?: string, sub?: string): string {
  const res = sub ? `${type.plural}/${sub}` : type.plural;
  const what = name ? `${groupResource(type)} "${name}"` : groupResource(type);
  const where = type.namespaced && namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return `${what} is forbidden: User "${user.name}" cannot ${verb} resource "${res}" in API group "${type.group}" ${where}`;
}
