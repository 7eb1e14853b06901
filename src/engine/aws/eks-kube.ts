/**
 * The bridge from EKS to the Kubernetes engine: every EKS cluster is a real cluster of the
 * kube engine (named by its ARN, as `aws eks update-kubeconfig` names it), with EKS-shaped
 * nodes for its managed node groups, a Fargate scheduler that gives each matching pod its
 * own `fargate-ip-…` node, and ELB hostnames for LoadBalancer Services.
 *
 * The EKS record in `aws.eks` is the source of truth; `syncKubeCluster` makes the kube side
 * match it after every eksctl change. Fargate placement is the one thing that happens later,
 * on the virtual clock, so it is a System.
 */
import { rfc3339 } from '../clock.ts';
import { clusterHooks, createCluster, type ClusterHooks } from '../kube/cluster.ts';
import { recordEvent } from '../kube/events.ts';
import { matchMap } from '../kube/labels.ts';
import { rt } from '../kube/resources.ts';
import { createObject, deleteObject, getCluster, getObject, kubeState, listObjects, onChange, podsOnNode, removeObject, updateObject, type Cluster } from '../kube/store.ts';
import type { KubeObject, PodSpec, Taint } from '../kube/types.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { System, World } from '../world.ts';
import { arn, uuidOf } from './ids.ts';
import { aws, type EksCluster, type FargateProfile, type NodeGroup } from './state.ts';
import { allocateEksIp, EKS_ZONE_COUNT, eksZoneOf, fargateSubnet, podSubnet } from './eks-vpc.ts';
import { privateDnsName } from './vpc.ts';

/** Seconds Fargate takes to provision capacity for a pod (real: about a minute). */
export const FARGATE_PROVISION_MS = 45_000;
export const FARGATE_SCHEDULER = 'fargate-scheduler';
const FARGATE_TAINT: Taint = { effect: 'NoSchedule', key: 'eks.amazonaws.com/compute-type', value: 'fargate' };
const PROFILE_ANNOTATION = 'eks.amazonaws.com/fargate-profile';
/** EKS's kubelet builds, by minor version (what `kubectl get nodes` shows under VERSION). */
const KUBELET: Record<string, string> = { '1.31': 'v1.31.13-eks-113cf36', '1.32': 'v1.32.9-eks-113cf36', '1.33': 'v1.33.5-eks-113cf36', '1.34': 'v1.34.1-eks-113cf36', '1.35': 'v1.35.0-eks-3cfe0ce', '1.36': 'v1.36.0-eks-3cfe0ce' };
const FARGATE_KUBELET: Record<string, string> = { '1.31': 'v1.31.13-eks-3025e55', '1.32': 'v1.32.9-eks-3025e55', '1.33': 'v1.33.5-eks-3025e55', '1.34': 'v1.34.1-eks-3025e55', '1.35': 'v1.35.0-eks-3025e55', '1.36': 'v1.36.0-eks-3025e55' };
const CAPACITY: Record<string, { cpu: number; memKi: number; pods: number }> = {
  't3.small': { cpu: 2, memKi: 1_942_036, pods: 11 },
  't3.medium': { cpu: 2, memKi: 3_919_212, pods: 17 },
  't3.large': { cpu: 2, memKi: 7_950_508, pods: 35 },
  'm5.large': { cpu: 2, memKi: 7_834_332, pods: 29 },
  'm5.xlarge': { cpu: 4, memKi: 15_919_028, pods: 58 },
  'c5.large': { cpu: 2, memKi: 3_785_524, pods: 29 },
};

export function kubeClusterName(c: EksCluster): string {
  return arn('eks', c.region, `cluster/${c.name}`);
}

export function kubeFor(world: World, c: EksCluster): Cluster | undefined {
  return getCluster(world, kubeClusterName(c));
}

function eksOf(world: World, kubeName: string): EksCluster | undefined {
  const st = world.state.ext.aws;
  if (!st) return undefined;
  return Object.values(st.eks).find((c) => kubeClusterName(c) === kubeName);
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let r = 0; r < 4; r++) {
    for (const ch of s + r) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** `ip-192-168-12-34.ec2.internal` → `192.168.12.34`. */
function ipOf(nodeName: string): string {
  const m = /ip-(\d+)-(\d+)-(\d+)-(\d+)/.exec(nodeName);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : '192.168.0.10';
}

/** The LoadBalancer hostname the AWS cloud provider gives a Service (a Classic ELB). */
function elbHostname(world: World, c: Cluster, svc: KubeObject): string | undefined {
  const eks = eksOf(world, c.s.name);
  if (!eks) return undefined;
  const id = fnv(`${c.s.name}/${svc.metadata.namespace}/${svc.metadata.name}/${svc.metadata.uid}`);
  return `a${id.slice(0, 31)}-${parseInt(id.slice(20, 28), 16) % 2_000_000_000}.${eks.region}.elb.amazonaws.com`;
}

/** Every address the cluster's VPC has handed out and not got back: node and pod IPs. */
export function eksIpInUse(world: World, c: EksCluster): (ip: string) => boolean {
  const kc = kubeFor(world, c);
  const used = new Set<string>(c.nodegroups.flatMap((ng) => ng.nodes.map(ipOf)));
  if (kc) {
    for (const n of listObjects(kc, rt('nodes'))) used.add(ipOf(n.metadata.name));
    for (const p of listObjects(kc, rt('pods'))) if (p.status?.podIP) used.add(String(p.status.podIP));
    for (const r of Object.values(kc.s.runtime)) if (r.ip) used.add(r.ip);
  }
  return (ip) => used.has(ip);
}

/** The VPC CNI: a pod gets a secondary address in its node's subnet; a Fargate pod has its node's own address. */
function podIp(kc: Cluster, node: string): string | undefined {
  const c = eksOf(kc.world, kc.s.name);
  const obj = getObject(kc, rt('nodes'), undefined, node);
  if (!c || !obj) return undefined;
  const nodeIp = ipOf(node);
  if (obj.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate') return nodeIp;
  return allocateEksIp(c, podSubnet(nodeIp), eksIpInUse(kc.world, c));
}

/** The code-side hooks of an EKS cluster: ELB hostnames and VPC pod addresses. */
function eksHooks(): ClusterHooks {
  return { loadBalancerHostname: (svc, kc) => elbHostname(kc.world, kc, svc), podIp };
}

/** Registers the code-side hooks for every EKS cluster (at start and after a restore). */
export function registerEksHooks(world: World): void {
  const st = world.state.ext.aws;
  if (!st) return;
  for (const c of Object.values(st.eks)) clusterHooks.set(kubeClusterName(c), eksHooks());
}

interface NodeSpecIn {
  name: string;
  cluster: EksCluster;
  labels: Dict<string>;
  instanceType?: string;
  fargate?: boolean;
  at: number;
}

function nodeObject(world: World, o: NodeSpecIn): KubeObject {
  const ip = ipOf(o.name);
  const { az } = eksZoneOf(o.cluster, ip);
  const cap = o.fargate ? { cpu: 2, memKi: 4_037_572, pods: 1 } : CAPACITY[o.instanceType ?? 'm5.large'] ?? CAPACITY['m5.large']!;
  const id = fnv(o.name + o.cluster.name);
  const stamp = rfc3339(world.state.clock, o.at);
  const conditions = [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ].map((x) => ({ lastHeartbeatTime: stamp, lastTransitionTime: stamp, ...x }));
  const version = (o.fargate ? FARGATE_KUBELET : KUBELET)[o.cluster.version] ?? `v${o.cluster.version}.0-eks-113cf36`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: { ...o.labels },
      annotations: o.fargate
        ? { 'CSINode.Kubelet.Node.Enabled': 'true', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' }
        : { 'alpha.kubernetes.io/provided-node-ip': ip, 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      providerID: o.fargate ? `aws:///${az}/${id.slice(0, 10)}-${id.slice(10, 30)}/${o.name}` : `aws:///${az}/i-0${id.slice(0, 16)}`,
      ...(o.fargate ? { taints: [{ ...FARGATE_TAINT }] } : {}),
    },
    status: {
      addresses: [{ address: ip, type: 'InternalIP' }, { address: o.name, type: 'InternalDNS' }, { address: o.name, type: 'Hostname' }],
      allocatable: { cpu: o.fargate ? '2' : `${cap.cpu * 1000 - 70}m`, 'ephemeral-storage': '18242267924', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${cap.memKi - 560_000}Ki`, pods: String(cap.pods) },
      capacity: { cpu: String(cap.cpu), 'ephemeral-storage': '20893676Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${cap.memKi}Ki`, pods: String(cap.pods) },
      conditions,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuidOf(id),
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: o.fargate ? '5.10.240-238.959.amzn2.x86_64' : '6.1.150-174.273.amzn2023.x86_64',
        kubeProxyVersion: '',
        kubeletVersion: version,
        machineID: fnv(o.name).slice(0, 32),
        operatingSystem: 'linux',
        osImage: o.fargate ? 'Amazon Linux 2' : 'Amazon Linux 2023.8.20250915',
        systemUUID: `ec2${id.slice(3, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
      },
    },
  };
}

function addNode(kc: Cluster, node: KubeObject, at: number): void {
  const ix = Object.keys(kc.s.machines).length;
  kc.s.machines[node.metadata.name] = { running: true, lastHeartbeat: at, ipIndex: ix, nextHost: 0, images: [] };
  createObject(kc, rt('nodes'), node, at);
}

/** Removes a node the way a node group scale-in does: its pods are evicted, then the node goes. */
function dropNode(kc: Cluster, name: string): void {
  for (const pod of podsOnNode(kc, name)) deleteObject(kc, rt('pods'), pod, 0);
  const node = getObject(kc, rt('nodes'), undefined, name);
  if (node) removeObject(kc, rt('nodes'), node);
  delete kc.s.machines[name];
}

function managedLabels(c: EksCluster, ng: NodeGroup, name: string): Dict<string> {
  const ip = ipOf(name);
  const z = eksZoneOf(c, ip);
  return dict(
    Object.entries({
      'alpha.eksctl.io/cluster-name': c.name,
      'alpha.eksctl.io/nodegroup-name': ng.name,
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/instance-type': ng.instanceType,
      'beta.kubernetes.io/os': 'linux',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      'eks.amazonaws.com/nodegroup': ng.name,
      'eks.amazonaws.com/nodegroup-image': `ami-0${fnv(c.name + ng.name).slice(0, 16)}`,
      'failure-domain.beta.kubernetes.io/region': c.region,
      'failure-domain.beta.kubernetes.io/zone': z.az,
      'k8s.io/cloud-provider-aws': fnv(c.name).slice(0, 32),
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': ng.instanceType,
      'topology.k8s.aws/zone-id': z.azId,
      'topology.kubernetes.io/region': c.region,
      'topology.kubernetes.io/zone': z.az,
      ...ng.labels,
    }),
  );
}

function fargateLabels(c: EksCluster, name: string, profile: string): Dict<string> {
  const z = eksZoneOf(c, ipOf(name));
  // Fargate nodes carry no kubernetes.io/os label here: the simulated DaemonSet controller only
  // reads nodeSelector, and EKS keeps kube-proxy off Fargate with an affinity on this label set.
  return dict(
    Object.entries({
      'eks.amazonaws.com/compute-type': 'fargate',
      'eks.amazonaws.com/fargate-profile': profile,
      'failure-domain.beta.kubernetes.io/region': c.region,
      'failure-domain.beta.kubernetes.io/zone': z.az,
      'kubernetes.io/hostname': name,
      'topology.k8s.aws/zone-id': z.azId,
      'topology.kubernetes.io/region': c.region,
      'topology.kubernetes.io/zone': z.az,
    }),
  );
}

/** The Fargate profile a pod matches (namespace and, when given, every label), as EKS's webhook decides. */
export function matchingProfile(c: EksCluster, pod: KubeObject): FargateProfile | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  return c.fargateProfiles.find((p) => p.status === 'ACTIVE' && p.selectors.some((s) => s.namespace === ns && (!s.labels || !Object.keys(s.labels).length || matchMap({ ...s.labels }, labels))));
}

/** EKS's mutating webhook: a new pod that matches a profile is handed to fargate-scheduler. */
function claimForFargate(c: EksCluster, pod: KubeObject): boolean {
  const spec = pod.spec as unknown as PodSpec;
  if (spec.nodeName || pod.metadata.deletionTimestamp || (spec.schedulerName && spec.schedulerName !== 'default-scheduler')) return false;
  if (pod.status?.phase && pod.status.phase !== 'Pending') return false;
  const p = matchingProfile(c, pod);
  if (!p) return false;
  spec.schedulerName = FARGATE_SCHEDULER;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [PROFILE_ANNOTATION]: p.name };
  return true;
}

onChange((kc, plural, obj, kind) => {
  if (plural !== 'pods' || kind !== 'added') return;
  const c = eksOf(kc.world, kc.s.name);
  if (c && claimForFargate(c, obj)) fargateState(kc.world)[`${kc.s.name}|${obj.metadata.uid}`] = kc.world.now + FARGATE_PROVISION_MS;
});

/** Pods waiting for Fargate capacity: `cluster|pod uid` → when the capacity is there. */
function fargateState(world: World): Dict<number> {
  return (aws(world).fargatePending ??= dict());
}

function bindFargate(world: World, kc: Cluster, c: EksCluster, pod: KubeObject): void {
  const ip = allocateEksIp(c, fargateSubnet(c), eksIpInUse(world, c));
  const name = `fargate-${privateDnsName(c.region, ip)}`;
  const profile = pod.metadata.annotations?.[PROFILE_ANNOTATION] ?? c.fargateProfiles[0]?.name ?? 'fp-default';
  addNode(kc, nodeObject(world, { name, cluster: c, labels: fargateLabels(c, name, profile), fargate: true, at: world.now }), world.now);
  const spec = pod.spec as unknown as PodSpec;
  spec.nodeName = name;
  const status = (pod.status ??= {}) as Record<string, unknown>;
  status.conditions = [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(world.state.clock) }];
  updateObject(kc, rt('pods'), pod);
  recordEvent(kc, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${name}`, FARGATE_SCHEDULER);
}

/** Fargate: provisions a node per waiting pod when its time comes, and retires nodes whose pod is gone. */
export const fargateScheduler: System = {
  name: 'eks-fargate',
  nextWake(world) {
    const st = world.state.ext.aws;
    let best: number | undefined;
    for (const at of Object.values(st?.fargatePending ?? {})) if (best === undefined || at < best) best = at;
    if (st && Object.keys(st.eks).length && orphanFargateNodes(world).length) return world.now;
    return best;
  },
  tick(world) {
    let changed = false;
    const pending = fargateState(world);
    for (const key of Object.keys(pending).sort()) {
      if (pending[key]! > world.now) continue;
      delete pending[key];
      const [clusterName, uid] = key.split('|') as [string, string];
      const kc = getCluster(world, clusterName);
      const c = eksOf(world, clusterName);
      if (!kc || !c) continue;
      const pod = listObjects(kc, rt('pods')).find((p) => p.metadata.uid === uid);
      if (!pod || (pod.spec as unknown as PodSpec).nodeName || pod.metadata.deletionTimestamp) continue;
      bindFargate(world, kc, c, pod);
      changed = true;
    }
    for (const [kc, name] of orphanFargateNodes(world)) {
      dropNode(kc, name);
      changed = true;
    }
    return changed;
  },
};

function orphanFargateNodes(world: World): [Cluster, string][] {
  const out: [Cluster, string][] = [];
  const st = world.state.ext.aws;
  if (!st) return out;
  for (const c of Object.values(st.eks)) {
    const kc = kubeFor(world, c);
    if (!kc) continue;
    for (const n of listObjects(kc, rt('nodes'))) {
      if (n.metadata.labels?.['eks.amazonaws.com/compute-type'] !== 'fargate') continue;
      if (!podsOnNode(kc, n.metadata.name).length) out.push([kc, n.metadata.name]);
    }
  }
  return out;
}

/** Makes the kube engine's cluster match the EKS record: creates it, adds and removes nodes, claims pods for new profiles. */
export function syncKubeCluster(world: World, c: EksCluster): void {
  const name = kubeClusterName(c);
  let kc = getCluster(world, name);
  if (!kc) {
    // The control plane's ENIs sit in the cluster's private subnets.
    kc = createCluster(world, { name, nodes: [], flavor: 'managed', apiServerIp: allocateEksIp(c, EKS_ZONE_COUNT), ...eksHooks() });
    // EKS's kube-proxy stays off Fargate: it does not tolerate the Fargate taint.
    const ds = getObject(kc, rt('daemonsets'), 'kube-system', 'kube-proxy');
    if (ds) {
      const tpl = (ds.spec as { template: { spec: PodSpec } }).template.spec;
      tpl.tolerations = [{ effect: 'NoExecute', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }];
      updateObject(kc, rt('daemonsets'), ds, true);
    }
  }
  const want = new Map<string, { ng: NodeGroup }>();
  for (const ng of c.nodegroups) for (const n of ng.nodes) want.set(n, { ng });
  const have = listObjects(kc, rt('nodes')).filter((n) => n.metadata.labels?.['eks.amazonaws.com/compute-type'] !== 'fargate');
  for (const n of have) if (!want.has(n.metadata.name)) dropNode(kc, n.metadata.name);
  const haveNames = new Set(have.map((n) => n.metadata.name));
  for (const [n, { ng }] of want) {
    if (haveNames.has(n)) continue;
    addNode(kc, nodeObject(world, { name: n, cluster: c, labels: managedLabels(c, ng, n), instanceType: ng.instanceType, at: world.now }), world.now);
  }
  // A new profile also claims pods that were waiting (eksctl restarts CoreDNS for a kube-system profile).
  const pending = fargateState(world);
  for (const pod of listObjects(kc, rt('pods'))) {
    if (claimForFargate(c, pod)) {
      updateObject(kc, rt('pods'), pod);
      pending[`${name}|${pod.metadata.uid}`] = world.now + FARGATE_PROVISION_MS;
    }
  }
  world.reconcile();
}

/** Removes the kube cluster of a deleted EKS cluster, and every kubeconfig context that points at it. */
export function deleteKubeCluster(world: World, c: EksCluster): void {
  const name = kubeClusterName(c);
  const ks = kubeState(world);
  delete ks.clusters[name];
  clusterHooks.delete(name);
  ks.config.contexts = ks.config.contexts.filter((x) => x.cluster !== name);
  if (!ks.config.contexts.some((x) => x.name === ks.config.current)) ks.config.current = ks.config.contexts[0]?.name ?? '';
  const pending = fargateState(world);
  for (const k of Object.keys(pending)) if (k.startsWith(`${name}|`)) delete pending[k];
}

/** Adds (or replaces) a kubeconfig context for the cluster and makes it current, as update-kubeconfig does. */
export function addKubeContext(world: World, c: EksCluster, ctxName: string, user: string): void {
  const ks = kubeState(world);
  ks.config.contexts = ks.config.contexts.filter((x) => x.name !== ctxName);
  ks.config.contexts.push({ name: ctxName, cluster: kubeClusterName(c), user });
  ks.config.contexts.sort((a, b) => a.name.localeCompare(b.name));
  ks.config.current = ctxName;
}
