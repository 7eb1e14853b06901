/**
 * Building clusters: `createCluster` makes one (nodes, namespaces, system pods, RBAC
 * defaults, the kubernetes and kube-dns Services) that looks like a kubeadm cluster that
 * has been running for a while. The `kubernetes` world gets one with a control plane and
 * two workers; EKS creates its clusters through the same function.
 */
import { HEX, randomString } from '../random.ts';
import { dict } from '../util/dict.ts';
import type { System, World } from '../world.ts';
import { apiCreate } from './api.ts';
import { KUBE_SYSTEMS } from './systems.ts';
import { RESOURCE_TYPES, rt } from './resources.ts';
import { DEFAULT_CLUSTER_ROLES } from './rbac.ts';
import { createObject, emptyCluster, kubeState, type Cluster } from './store.ts';
import type { KubeObject, Taint } from './types.ts';
import { parseImage } from './images.ts';

export const KUBE_VERSION = 'v1.34.1';
const DAY = 86_400_000;

export interface NodeOptions {
  name: string;
  ip: string;
  controlPlane?: boolean;
  /** Cores and bytes of the machine (default 2 cores, 4 GiB). */
  cpu?: number;
  memoryBytes?: number;
  maxPods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
  /** For cloud nodes: `aws:///us-east-1a/i-0abc...` */
  providerID?: string;
  externalIP?: string;
  hostname?: string;
}

export interface ClusterOptions {
  name: string;
  nodes: NodeOptions[];
  /** How long ago the cluster was installed (ages of nodes and system pods). 0 = just now. */
  installedAgoMs?: number;
  /** kubeconfig context to add for it; the current context if `use` is true. */
  context?: { name: string; user: string; namespace?: string; use?: boolean };
  /**
   * `kubeadm`: static control-plane pods on the control-plane node (the `kubernetes` world).
   * `managed`: the control plane is hidden, as on EKS; only kube-proxy and coredns run on nodes.
   */
  flavor?: 'kubeadm' | 'managed';
  /** Where the `kubernetes` Service's endpoints point (a managed control plane's IP); default: the control-plane node. */
  apiServerIp?: string;
  /** The cloud's load balancer hostname for LoadBalancer Services, or undefined for `<pending>`. */
  loadBalancerHostname?: (svc: KubeObject, c: Cluster) => string | undefined;
  /** The address a new pod on `node` gets where the cloud's network assigns it (EKS's VPC CNI); default: from the node's pod CIDR. */
  podIp?: (c: Cluster, node: string) => string | undefined;
}

export type ClusterHooks = Pick<ClusterOptions, 'loadBalancerHostname' | 'podIp'>;

/** Per-cluster options that are code, not state (kept beside the world, re-registered by the caller after restore). */
export const clusterHooks = new Map<string, ClusterHooks>();

const SYSTEM_IMAGES = ['registry.k8s.io/etcd:3.6.4-0', 'registry.k8s.io/kube-apiserver:v1.34.1', 'registry.k8s.io/kube-controller-manager:v1.34.1', 'registry.k8s.io/kube-scheduler:v1.34.1', 'registry.k8s.io/kube-proxy:v1.34.1', 'registry.k8s.io/coredns/coredns:v1.12.1', 'registry.k8s.io/metrics-server/metrics-server:v0.8.0', 'registry.k8s.io/pause:3.10.1'];

function nodeObject(o: NodeOptions, index: number, c: Cluster): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': o.hostname ?? o.name,
    'kubernetes.io/os': 'linux',
    ...(o.labels ?? {}),
  };
  if (o.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const cpu = o.cpu ?? 2;
  const memKi = Math.round((o.memoryBytes ?? 4 * 1024 ** 3) / 1024);
  const taints = [...(o.taints ?? []), ...(o.controlPlane ? [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] : [])];
  const r = c.world.state.random;
  const hex = (n: number) => randomString(r, n, HEX);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], ...(o.providerID ? { providerID: o.providerID } : {}), ...(taints.length ? { taints } : {}) },
    status: {
      addresses: [{ address: o.ip, type: 'InternalIP' }, ...(o.externalIP ? [{ address: o.externalIP, type: 'ExternalIP' }] : []), { address: o.hostname ?? o.name, type: 'Hostname' }],
      allocatable: { cpu: String(cpu), 'ephemeral-storage': '18561225774', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi - 102400}Ki`, pods: String(o.maxPods ?? 110) },
      capacity: { cpu: String(cpu), 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: String(o.maxPods ?? 110) },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ].map((x) => ({ lastHeartbeatTime: '', lastTransitionTime: '', ...x })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: SYSTEM_IMAGES.map((img) => ({ names: [parseImage(img).full], sizeBytes: 20_000_000 })),
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
        containerRuntimeVersion: o.containerRuntime ?? 'containerd://1.7.28',
        kernelVersion: o.kernelVersion ?? '6.8.0-85-generic',
        kubeProxyVersion: '',
        kubeletVersion: KUBE_VERSION,
        machineID: hex(32),
        operatingSystem: 'linux',
        osImage: o.osImage ?? 'Ubuntu 24.04.3 LTS',
        systemUUID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      },
    },
  };
}

function create(c: Cluster, plural: string, obj: Omit<KubeObject, 'metadata'> & { metadata: Partial<KubeObject['metadata']> & { name: string } }, at: number): KubeObject {
  const full = { ...obj, metadata: { uid: '', resourceVersion: '', creationTimestamp: '', ...obj.metadata } } as KubeObject;
  const r = apiCreate(c, rt(plural), full, { at });
  if (!r.ok) throw new Error(`cluster setup: ${r.error.message}`);
  return r.obj;
}

function staticPod(c: Cluster, component: string, node: KubeObject, image: string, command: string[], at: number, cpu: string, mem?: string): void {
  const ip = (node.status!.addresses as { address: string }[])[0]!.address;
  create(
    c,
    'pods',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${component}-${node.metadata.name}`,
        namespace: 'kube-system',
        labels: { component, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.hash': randomString(c.world.state.random, 32, HEX), 'kubernetes.io/config.source': 'file', ...(component === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` } : component === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` } : {}) },
        ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }],
      },
      spec: {
        containers: [{ name: component, image, command, imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu, ...(mem ? { memory: mem } : {}) } } }],
        hostNetwork: true,
        nodeName: node.metadata.name,
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      },
    },
    at,
  );
}

/** Runs the cluster's control loops from `from` to `to` during set-up (before the world attaches its systems). */
function runSystems(world: World, systems: System[], to: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    let changed = true;
    for (let i = 0; i < 1000 && changed; i++) {
      changed = false;
      for (const s of systems) {
        const w = s.nextWake(world);
        if (w !== undefined && w <= world.now && s.tick(world)) changed = true;
      }
    }
    let next: number | undefined;
    for (const s of systems) {
      const w = s.nextWake(world);
      if (w !== undefined && (next === undefined || w < next)) next = w;
    }
    if (next === undefined || next > to) break;
    world.state.clock.now = Math.max(world.now, next);
  }
  world.state.clock.now = Math.max(world.now, to);
}

/**
 * Creates a cluster in the world's Kubernetes state and returns its handle. The cluster is
 * settled: nodes Ready, system pods Running, ages as if installed `installedAgoMs` ago.
 */
export function createCluster(world: World, opts: ClusterOptions): Cluster {
  const k = kubeState(world);
  if (k.clusters[opts.name]) throw new Error(`cluster ${opts.name} already exists`);
  const realNow = world.now;
  const ago = opts.installedAgoMs ?? 0;
  const start = realNow - ago;
  const s = (k.clusters[opts.name] = emptyCluster(opts.name, start));
  const c: Cluster = { world, s };
  if (opts.loadBalancerHostname || opts.podIp) clusterHooks.set(opts.name, { loadBalancerHostname: opts.loadBalancerHostname, podIp: opts.podIp });
  // Install time: everything below is created in the past and then run forward to now.
  world.state.clock.now = start;
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) create(c, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, start);
  const nodes: KubeObject[] = [];
  opts.nodes.forEach((n, i) => {
    s.machines[n.name] = { running: true, lastHeartbeat: start, ipIndex: i, nextHost: 0, images: SYSTEM_IMAGES.map((img) => parseImage(img).full) };
    const obj = nodeObject(n, i, c);
    const stamp = new Date(world.state.clock.epoch + start + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const cond of obj.status!.conditions as Record<string, string>[]) cond.lastHeartbeatTime = cond.lastTransitionTime = stamp;
    nodes.push(createObject(c, rt('nodes'), obj, start + i * 60_000));
  });
  for (const role of DEFAULT_CLUSTER_ROLES) create(c, 'clusterroles', role, start);
  create(c, 'clusterrolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }] }, start);
  create(c, 'clusterrolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'kubeadm:cluster-admins' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }] }, start);
  const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0];
  // A managed control plane (EKS) answers on its own IPs, and may start with no nodes at all.
  const cpIp = opts.apiServerIp ?? (cp?.status!.addresses as { address: string }[])[0]!.address;
  const kubeSvc = create(c, 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } }, start);
  s.serviceIps['10.96.0.1'] = 1;
  create(c, 'endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets: [{ addresses: [{ ip: cpIp }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] }, start);
  create(c, 'endpointslices', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } }, addressType: 'IPv4', endpoints: [{ addresses: [cpIp], conditions: { ready: true } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }, start);
  void kubeSvc;
  if ((opts.flavor ?? 'kubeadm') === 'kubeadm' && cp) {
    const at = start;
    staticPod(c, 'etcd', cp, 'registry.k8s.io/etcd:3.6.4-0', ['etcd', `--advertise-client-urls=https://${cpIp}:2379`, '--data-dir=/var/lib/etcd'], at, '100m', '100Mi');
    staticPod(c, 'kube-apiserver', cp, 'registry.k8s.io/kube-apiserver:v1.34.1', ['kube-apiserver', `--advertise-address=${cpIp}`, '--service-cluster-ip-range=10.96.0.0/12'], at, '250m');
    staticPod(c, 'kube-controller-manager', cp, 'registry.k8s.io/kube-controller-manager:v1.34.1', ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16'], at, '200m');
    staticPod(c, 'kube-scheduler', cp, 'registry.k8s.io/kube-scheduler:v1.34.1', ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf'], at, '100m');
  }
  const critical = { priority: 2000000000, priorityClassName: 'system-cluster-critical' };
  create(c, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } }, start);
  create(c, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } }, start);
  create(c, 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n' } }, start);
  create(c, 'daemonsets', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' }, annotations: { 'deprecated.daemonset.template.generation': '1' } }, spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { metadata: { labels: { 'k8s-app': 'kube-proxy' } }, spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.34.1', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }], hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-node-critical', serviceAccountName: 'kube-proxy', tolerations: [{ operator: 'Exists' }] } } } }, start);
  create(c, 'deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, spec: { replicas: 2, selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, strategy: { rollingUpdate: { maxUnavailable: 1 } }, template: { metadata: { labels: { 'k8s-app': 'kube-dns' } }, spec: { ...critical, containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.1', args: ['-conf', '/etc/coredns/Corefile'], ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }], resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } } }], dnsPolicy: 'Default', nodeSelector: { 'kubernetes.io/os': 'linux' }, serviceAccountName: 'coredns', tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } } } }, start);
  create(c, 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } }, spec: { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }], selector: { 'k8s-app': 'kube-dns' } } }, start);
  s.serviceIps['10.96.0.10'] = 1;
  create(c, 'deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'metrics-server', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } }, spec: { replicas: 1, selector: { matchLabels: { 'k8s-app': 'metrics-server' } }, template: { metadata: { labels: { 'k8s-app': 'metrics-server' } }, spec: { ...critical, containers: [{ name: 'metrics-server', image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0', args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-insecure-tls'], ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '200Mi' } } }], tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } } } }, start);
  // Run the controllers from install time to now, so system pods are Running with their real ages.
  runSystems(world, KUBE_SYSTEMS, start + 5 * 60_000);
  world.state.clock.now = realNow;
  runSystems(world, KUBE_SYSTEMS, realNow);
  if (opts.context) {
    k.config.contexts = k.config.contexts.filter((x) => x.name !== opts.context!.name);
    k.config.contexts.push({ name: opts.context.name, cluster: opts.name, user: opts.context.user, ...(opts.context.namespace ? { namespace: opts.context.namespace } : {}) });
    k.config.contexts.sort((a, b) => a.name.localeCompare(b.name));
    if (opts.context.use || !k.config.current) k.config.current = opts.context.name;
  }
  void RESOURCE_TYPES;
  void dict;
  return c;
}

/** The `kubernetes` world: a kubeadm cluster, 17 days old, with controlplane, node01 and node02. */
export function setupCluster(world: World): void {
  createCluster(world, {
    name: 'kubernetes',
    installedAgoMs: 17 * DAY + 3 * 3_600_000,
    nodes: [
      { name: 'controlplane', ip: '172.30.1.2', controlPlane: true },
      { name: 'node01', ip: '172.30.2.2' },
      { name: 'node02', ip: '172.30.2.3' },
    ],
    context: { name: 'kubernetes-admin@kubernetes', user: 'kubernetes-admin', use: true },
  });
}
