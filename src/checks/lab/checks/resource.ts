/**
 * `resource` checks: objects in the Kubernetes cluster, by name or selector, with field values.
 * The Kubernetes engine is imported on demand, so labs of other worlds do not ship it.
 */
import type { KubeObject } from '../../../engine/kube/types.ts';
import type { World } from '../../../engine/world.ts';
import { fieldName, getField, parseFieldPath, sameValue, showValue } from '../path.ts';
import type { CheckFailure, ResourceCheck } from '../types.ts';

function mismatch(obj: KubeObject, expect: Record<string, unknown>): { path: string; actual: unknown; expected: unknown } | undefined {
  for (const [path, expected] of Object.entries(expect)) {
    const actual = getField(obj, parseFieldPath(path));
    if (!sameValue(actual, expected)) return { path, actual, expected };
  }
  return undefined;
}

export async function checkResource(world: World, c: ResourceCheck): Promise<CheckFailure | undefined> {
  if (!world.state.ext.kube) return { code: 'LAB020', message: 'there is no Kubernetes cluster in this world yet' };
  const [{ findResource }, { listObjects }] = await Promise.all([import('../../../engine/kube/resources.ts'), import('../../../engine/kube/store.ts')]);
  const type = findResource(c.kind);
  if (!type) return { code: 'LAB020', message: `unknown resource type "${c.kind}"` };
  const where = type.namespaced ? ` in namespace ${c.namespace}` : '';
  let objects = listObjects(world, type, type.namespaced ? c.namespace : undefined);
  if (c.name) objects = objects.filter((o) => o.metadata.name === c.name);
  if (c.selector) objects = objects.filter((o) => Object.entries(c.selector!).every(([k, v]) => o.metadata.labels?.[k] === v));
  const label = c.name ? `${type.singular} "${c.name}"` : `${type.plural}${c.selector ? ` with labels ${Object.entries(c.selector).map(([k, v]) => `${k}=${v}`).join(',')}` : ''}`;
  if (c.count === undefined) {
    if (objects.length === 0) return { code: 'LAB020', message: `${label} not found${where}` };
    for (const obj of objects) {
      const m = mismatch(obj, c.expect ?? {});
      if (m) {
        const field = fieldName(parseFieldPath(m.path));
        return { code: 'LAB021', message: `${type.singular} "${obj.metadata.name}": ${field} is ${showValue(m.actual)} — the task asks for ${String(m.expected)}` };
      }
    }
    return undefined;
  }
  const good = objects.filter((o) => !mismatch(o, c.expect ?? {}));
  if (good.length === c.count) return undefined;
  const cond = Object.entries(c.expect ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return { code: 'LAB022', message: `expected ${c.count} ${label}${cond ? ` with ${cond}` : ''}${where}, found ${good.length}` };
}
