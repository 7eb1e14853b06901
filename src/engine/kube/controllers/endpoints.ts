/**
 * The Endpoints and EndpointSlice controllers: for each Service with a selector, the IPs
 * of the matching pods, ready ones as `addresses` and the rest as `notReadyAddresses`.
 * kube-proxy (network.ts) routes only to the ready ones.
 */
import { jsonEqual } from '../../util/json-equal.ts';
import { KUBE_ALPHANUMS, randomString } from '../../random.ts';
import { apiCreate } from '../api.ts';
import { matchMap } from '../labels.ts';
import { rt } from '../resources.ts';
import { dependents, enqueue, getObject, keyOf, listObjects, onChange, removeObject, updateObject, type Cluster } from '../store.ts';
import type { KubeObject, PodSpec } from '../types.ts';
import { controllerSystem, isReady, isTerminal, splitKey } from './util.ts';

const QUEUE = 'endpoints';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'services') enqueue(c, QUEUE, key);
  else if (plural === 'pods') {
    for (const s of listObjects(c, rt('services'), obj.metadata.namespace)) {
      const sel = (s.spec as { selector?: Record<string, string> }).selector;
      if (sel && matchMap(sel, obj.metadata.labels)) enqueue(c, QUEUE, keyOf(s));
    }
  }
});

interface SvcPort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

function targetPort(pod: KubeObject, p: SvcPort): number | undefined {
  const t = p.targetPort ?? p.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const ctr of (pod.spec as unknown as PodSpec).containers) for (const cp of ctr.ports ?? []) if (cp.name === t) return cp.containerPort;
  return undefined;
}

export function syncEndpoints(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const svc = getObject(c, rt('services'), ns, name);
  const epType = rt('endpoints');
  const sliceType = rt('endpointslices');
  const before = c.s.resourceVersion;
  const existing = getObject(c, epType, ns, name);
  if (!svc) {
    if (existing) removeObject(c, epType, existing);
    return c.s.resourceVersion !== before;
  }
  const spec = svc.spec as { selector?: Record<string, string>; ports?: SvcPort[]; publishNotReadyAddresses?: boolean };
  if (!spec.selector || !Object.keys(spec.selector).length) return false;
  const pods = listObjects(c, rt('pods'), ns).filter((p) => matchMap(spec.selector, p.metadata.labels) && p.status?.podIP && !isTerminal(p));
  // One subset per distinct port mapping (pods with the same resolved ports).
  const subsets = new Map<string, { addresses: unknown[]; notReadyAddresses: unknown[]; ports: unknown[] }>();
  const slices: { addresses: string[]; conditions: Record<string, boolean>; nodeName?: string; targetRef: unknown }[] = [];
  let slicePorts: unknown[] = [];
  const sortedPods = [...pods].sort((a, b) => ipNum(String(a.status!.podIP)) - ipNum(String(b.status!.podIP)));
  for (const pod of sortedPods) {
    const ports = (spec.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: targetPort(pod, p), protocol: p.protocol ?? 'TCP' })).filter((p) => p.port !== undefined);
    if (!ports.length) continue;
    const ready = isReady(pod) && !pod.metadata.deletionTimestamp;
    const addr = { ip: pod.status!.podIP, nodeName: (pod.spec as unknown as PodSpec).nodeName, targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid } };
    const k = JSON.stringify(ports);
    const ss = subsets.get(k) ?? { addresses: [], notReadyAddresses: [], ports };
    if (!pod.metadata.deletionTimestamp) (ready || spec.publishNotReadyAddresses ? ss.addresses : ss.notReadyAddresses).push(addr);
    subsets.set(k, ss);
    slicePorts = ports.map((p) => ({ name: (p as { name?: string }).name ?? '', port: p.port, protocol: p.protocol }));
    slices.push({ addresses: [String(pod.status!.podIP)], conditions: { ready, serving: isReady(pod), terminating: !!pod.metadata.deletionTimestamp }, nodeName: addr.nodeName, targetRef: addr.targetRef });
  }
  const subsetList = [...subsets.values()]
    .filter((s) => s.addresses.length || s.notReadyAddresses.length)
    .map((s) => ({ ...(s.addresses.length ? { addresses: s.addresses } : {}), ...(s.notReadyAddresses.length ? { notReadyAddresses: s.notReadyAddresses } : {}), ports: s.ports }));
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (!existing) {
    apiCreate(c, epType, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', ...(Object.keys(labels).length ? { labels } : {}) }, ...(subsetList.length ? { subsets: subsetList } : {}) });
  } else if (!jsonEqual(existing.subsets ?? [], subsetList)) {
    if (subsetList.length) existing.subsets = subsetList;
    else delete existing.subsets;
    updateObject(c, epType, existing);
  }
  // EndpointSlice: one per service here (the real controller splits at 100 endpoints).
  const sliceLabels = { ...labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': name };
  const mine = dependents(c, svc.metadata.uid, 'endpointslices')[0];
  const body = { addressType: 'IPv4', endpoints: slices.length ? slices : null, ports: slicePorts.length ? slicePorts : null };
  if (!mine) {
    apiCreate(c, sliceType, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-${randomString(c.world.state.random, 5, KUBE_ALPHANUMS)}`, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', labels: sliceLabels, ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name, uid: svc.metadata.uid }] },
      ...body,
    });
  } else if (!jsonEqual({ addressType: mine.addressType, endpoints: mine.endpoints, ports: mine.ports }, body)) {
    Object.assign(mine, body);
    updateObject(c, sliceType, mine);
  }
  return c.s.resourceVersion !== before;
}

function ipNum(ip: string): number {
  return ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);
}

export const endpointsController = controllerSystem('endpoint-controller', QUEUE, syncEndpoints);
