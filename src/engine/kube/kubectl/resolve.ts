/** Turning `pods`, `pod web`, `pods,svc`, `deploy/web pod/x` into resource types and names, as kubectl's builder does. */
import { parseSelector, matchRequirement } from '../labels.ts';
import { findResource, rt } from '../resources.ts';
import { listObjects } from '../store.ts';
import type { KubeObject, ResourceType } from '../types.ts';
import type { K } from './context.ts';

export interface Target {
  type: ResourceType;
  names: string[];
}

const ALL = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'jobs', 'cronjobs'];

export function resolveTargets(args: string[]): Target[] | { error: string } {
  if (!args.length) return [];
  const out: Target[] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) return { error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const t = findResource(a.slice(0, slash));
      if (!t) return { error: `error: the server doesn't have a resource type "${a.slice(0, slash)}"` };
      const name = a.slice(slash + 1);
      const existing = out.find((x) => x.type === t);
      if (existing) existing.names.push(name);
      else out.push({ type: t, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  for (const tn of types!.split(',')) {
    if (tn === 'all') {
      for (const p of ALL) out.push({ type: rt(p), names });
      continue;
    }
    const t = findResource(tn);
    if (!t) return { error: `error: the server doesn't have a resource type "${tn}"` };
    out.push({ type: t, names });
  }
  return out;
}

/** Objects of a type matching -l and --field-selector in the namespace (or all). */
export function selectObjects(k: K, type: ResourceType, allNs: boolean, selector?: string, fieldSelector?: string): KubeObject[] | { error: string } {
  let objs = listObjects(k.c, type, allNs || !type.namespaced ? undefined : k.ns);
  if (selector) {
    const reqs = parseSelector(selector);
    if ('error' in reqs) return reqs;
    objs = objs.filter((o) => reqs.every((r) => matchRequirement(r, o.metadata.labels)));
  }
  if (fieldSelector) {
    for (const part of fieldSelector.split(',')) {
      const m = /^([\w.]+)(==|=|!=)(.*)$/.exec(part);
      if (!m) return { error: `error: invalid selector: '${fieldSelector}'; can't understand '${part}'` };
      const get = (o: KubeObject) => m[1]!.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), o);
      objs = objs.filter((o) => (String(get(o) ?? '') === m[3]) === (m[2] !== '!='));
    }
  }
  return objs;
}
