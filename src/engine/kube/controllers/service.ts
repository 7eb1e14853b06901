/**
 * The service controller (cloud-controller-manager's part): a LoadBalancer Service gets an
 * ingress hostname only where a cloud provides one (EKS). Elsewhere EXTERNAL-IP stays
 * `<pending>`, as on a kubeadm cluster without a cloud provider.
 */
import { clusterHooks } from '../cluster.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { enqueue, getObject, onChange, updateObject, type Cluster } from '../store.ts';
import { controllerSystem, splitKey } from './util.ts';

const QUEUE = 'service-lb';

onChange((c, plural, obj, kind, key) => {
  if (plural === 'services' && kind !== 'deleted' && (obj.spec as { type?: string }).type === 'LoadBalancer') enqueue(c, QUEUE, key);
});

export function syncService(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const svc = getObject(c, rt('services'), ns, name);
  if (!svc) return false;
  const hook = clusterHooks.get(c.s.name)?.loadBalancerHostname;
  if (!hook) return false;
  const lb = (svc.status?.loadBalancer ?? {}) as { ingress?: unknown[] };
  if (lb.ingress?.length) return false;
  const hostname = hook(svc, c);
  if (!hostname) return false;
  recordEvent(c, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
  svc.status = { loadBalancer: { ingress: [{ hostname }] } };
  updateObject(c, rt('services'), svc);
  recordEvent(c, svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
  return true;
}

export const serviceController = controllerSystem('service-controller', QUEUE, syncService);
