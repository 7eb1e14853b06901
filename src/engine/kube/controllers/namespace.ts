/**
 * Namespace lifecycle: a new namespace gets its `default` ServiceAccount and the
 * `kube-root-ca.crt` ConfigMap; a deleted one empties out (pods get their grace period),
 * then disappears.
 */
import { rfc3339 } from '../../clock.ts';
import { apiCreate } from '../api.ts';
import { RESOURCE_TYPES, rt } from '../resources.ts';
import { deleteObject, enqueue, getObject, listObjects, onChange, removeObject, requeueAt, updateObject, type Cluster } from '../store.ts';
import { controllerSystem } from './util.ts';

const QUEUE = 'namespace';

onChange((c, plural, obj, kind, key) => {
  if (plural === 'namespaces') enqueue(c, QUEUE, key);
  else if (kind === 'deleted' && obj.metadata.namespace) {
    const ns = getObject(c, rt('namespaces'), undefined, obj.metadata.namespace);
    if (ns?.metadata.deletionTimestamp) enqueue(c, QUEUE, ns.metadata.name);
  }
});

export const CA_CRT = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIc2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\nBAMTCmt1YmVybmV0ZXMwHhcNMjYxMTA5MTAwMDAwWhcNMzYxMTA3MTAwNTAwWjAV\n-----END CERTIFICATE-----\n';

export function syncNamespace(c: Cluster, name: string): boolean {
  const nsType = rt('namespaces');
  const ns = getObject(c, nsType, undefined, name);
  if (!ns) return false;
  const before = c.s.resourceVersion;
  if (!ns.metadata.deletionTimestamp) {
    if (!getObject(c, rt('serviceaccounts'), name, 'default')) apiCreate(c, rt('serviceaccounts'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name, uid: '', resourceVersion: '', creationTimestamp: '' } });
    if (!getObject(c, rt('configmaps'), name, 'kube-root-ca.crt')) {
      apiCreate(c, rt('configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: name, uid: '', resourceVersion: '', creationTimestamp: '', annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': CA_CRT } });
    }
    return c.s.resourceVersion !== before;
  }
  if (ns.status?.phase !== 'Terminating') {
    const now = rfc3339(c.world.state.clock);
    ns.status = {
      conditions: [
        { lastTransitionTime: now, message: 'All resources successfully discovered', reason: 'ResourcesDiscovered', status: 'False', type: 'NamespaceDeletionDiscoveryFailure' },
        { lastTransitionTime: now, message: 'All legacy kube types successfully parsed', reason: 'ParsedGroupVersions', status: 'False', type: 'NamespaceDeletionGroupVersionParsingFailure' },
        { lastTransitionTime: now, message: 'All content successfully deleted, may be waiting on finalization', reason: 'ContentDeleted', status: 'False', type: 'NamespaceDeletionContentFailure' },
      ],
      phase: 'Terminating',
    };
    updateObject(c, nsType, ns);
  }
  let left = 0;
  for (const t of RESOURCE_TYPES) {
    if (!t.namespaced || t.kind === 'Event') continue;
    for (const o of listObjects(c, t, name)) {
      left++;
      if (!o.metadata.deletionTimestamp) deleteObject(c, t, o);
    }
  }
  if (left === 0) {
    for (const e of listObjects(c, rt('events'), name)) removeObject(c, rt('events'), e);
    removeObject(c, nsType, ns);
  } else requeueAt(c, QUEUE, name, c.world.now + 1000);
  return c.s.resourceVersion !== before;
}

export const namespaceController = controllerSystem('namespace-controller', QUEUE, syncNamespace);
