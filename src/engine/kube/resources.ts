/** The resource types the simulated API server serves, and name resolution as kubectl does it. */
import type { ResourceType } from './types.ts';

const r = (kind: string, plural: string, shortNames: string[], group: string, version: string, namespaced: boolean): ResourceType => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  group,
  version,
  namespaced,
});

export const RESOURCE_TYPES: ResourceType[] = [
  r('Pod', 'pods', ['po'], '', 'v1', true),
  r('Node', 'nodes', ['no'], '', 'v1', false),
  r('Namespace', 'namespaces', ['ns'], '', 'v1', false),
];

/** Finds a resource type by what a learner types: `pods`, `pod`, `po`, `Pod`, `deployments.apps`. */
export function findResource(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base, group] = lower.split(/\.(.*)/s, 2) as [string, string | undefined];
  return RESOURCE_TYPES.find(
    (t) => (t.plural === base || t.singular === base || t.shortNames.includes(base)) && (group === undefined || t.group === group),
  );
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  return RESOURCE_TYPES.find((t) => t.kind === kind && t.group === group && t.version === version);
}

/** `pod`, `deployment.apps`: how kubectl names a type in `pod/web created`. */
export function qualifiedName(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}
