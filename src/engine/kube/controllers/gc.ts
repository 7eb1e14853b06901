/**
 * The garbage collector: when an owner is gone, its dependents (by ownerReferences) are
 * deleted too, the way `kubectl delete deployment` takes its ReplicaSets and pods along.
 */
import { rt } from '../resources.ts';
import { deleteObject, dependents, enqueue, getByUid, hasDependents, onChange, type Cluster } from '../store.ts';
import { RESOURCE_TYPES } from '../resources.ts';
import { controllerSystem } from './util.ts';

const QUEUE = 'garbage-collector';

onChange((c, _plural, obj, kind) => {
  // Only an owner with dependents gives the collector anything to do (events, most pods, have none).
  if (kind === 'deleted' && hasDependents(c, obj.metadata.uid)) enqueue(c, QUEUE, obj.metadata.uid);
});

export function collect(c: Cluster, ownerUid: string): boolean {
  if (getByUid(c, ownerUid)) return false;
  let changed = false;
  for (const dep of dependents(c, ownerUid)) {
    if (dep.metadata.deletionTimestamp) continue;
    // Only when no other owner is still there.
    if ((dep.metadata.ownerReferences ?? []).some((o) => o.uid !== ownerUid && getByUid(c, o.uid))) continue;
    const type = RESOURCE_TYPES.find((t) => t.kind === dep.kind) ?? rt('pods');
    deleteObject(c, type, dep);
    changed = true;
  }
  return changed;
}

export const garbageCollector = controllerSystem('garbage-collector', QUEUE, collect);
