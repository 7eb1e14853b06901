/** kubectl describe: the per-kind describers (pkg/describe/describe.go), laid out by tabwriter. */
import { humanDuration } from '../../clock.ts';
import { eventsFor } from '../events.ts';
import { formatMap, formatSelector } from '../labels.ts';
import { resolveFenceposts } from '../controllers/deployment.ts';
import { rt } from '../resources.ts';
import { dependents, getObject, listObjects, podsOnNode } from '../store.ts';
import { tabwrite } from '../table.ts';
import { decodeBase64 } from '../base64.ts';
import type { Container, KubeObject, PodSpec, Taint, Toleration } from '../types.ts';
import { allowed, err, flagBool, out, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { ageMs } from './printers.ts';
import { resolveTargets, selectObjects } from './resolve.ts';
import { milliCpu, bytes, formatCpu } from '../quantity.ts';

export const DESCRIBE_FLAGS: FlagSpec = { bools: ['all-namespaces', 'show-events', 'recursive'], values: ['selector', 'chunk-size'], multi: ['filename'], short: { l: 'selector', A: 'all-namespaces', f: 'filename', R: 'recursive' } };

/** `Sat, 21 Nov 2026 10:00:05 +0000` (RFC1123Z, as describe prints times). */
export function rfc1123(k: K, ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const d = new Date(Date.parse(ts));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  void k;
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${mons[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

class W {
  lines: string[] = [];
  line(indent: number, ...cells: string[]): void {
    this.lines.push('  '.repeat(indent) + cells.join('\t'));
  }
  /** Multi-line map (labels, annotations): first on the label line, the rest continued under it. */
  map(indent: number, label: string, m: Record<string, string> | undefined, sep = '='): void {
    // describe never shows kubectl apply's bookkeeping annotation.
    const keys = Object.keys(m ?? {}).filter((key) => key !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
    if (!keys.length) return this.line(indent, label, '<none>');
    keys.forEach((key, i) => this.line(indent, i === 0 ? label : '', `${key}${sep}${m![key]}`));
  }
  text(): string {
    return tabwrite(this.lines.join('\n') + '\n', 0, 2);
  }
}

function events(k: K, w: W, obj: KubeObject): void {
  const evs = eventsFor(k.c, obj);
  if (!evs.length) return w.line(0, 'Events:', '<none>');
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of evs) {
    const count = Number(e.count ?? 1);
    const last = humanDuration(ageMs(k.ctx.world, String(e.lastTimestamp)));
    const ageText = count > 1 ? `${last} (x${count} over ${humanDuration(ageMs(k.ctx.world, String(e.firstTimestamp)))})` : last;
    w.line(1, String(e.type), String(e.reason), ageText, String((e.source as { component?: string }).component ?? ''), String(e.message).trim());
  }
}

function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function containerBlock(k: K, w: W, ctr: Container, status: Record<string, unknown> | undefined, indent: number, template: boolean): void {
  w.line(indent, `${ctr.name}:`);
  const i = indent + 1;
  if (!template) w.line(i, 'Container ID:', String(status?.containerID ?? ''));
  w.line(i, 'Image:', ctr.image ?? '');
  if (!template) w.line(i, 'Image ID:', String(status?.imageID ?? ''));
  const ports = ctr.ports ?? [];
  w.line(i, 'Port:', ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>');
  w.line(i, 'Host Port:', ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>');
  if (ctr.command?.length) {
    w.line(i, 'Command:');
    for (const c of ctr.command) w.line(i + 1, c);
  }
  if (ctr.args?.length) {
    w.line(i, 'Args:');
    for (const a of ctr.args) w.line(i + 1, a);
  }
  if (!template) {
    const state = (status?.state ?? {}) as Record<string, Record<string, unknown>>;
    const stateBlock = (label: string, st: Record<string, Record<string, unknown>>) => {
      if (st.running) {
        w.line(i, label, 'Running');
        w.line(i + 1, 'Started:', rfc1123(k, String(st.running.startedAt)));
      } else if (st.waiting) {
        w.line(i, label, 'Waiting');
        w.line(i + 1, 'Reason:', String(st.waiting.reason ?? ''));
        if (st.waiting.message && label === 'State:' && /ErrImagePull|CreateContainerConfigError/.test(String(st.waiting.reason))) w.line(i + 1, 'Message:', String(st.waiting.message));
      } else if (st.terminated) {
        w.line(i, label, 'Terminated');
        w.line(i + 1, 'Reason:', String(st.terminated.reason ?? ''));
        if (st.terminated.message) w.line(i + 1, 'Message:', String(st.terminated.message));
        w.line(i + 1, 'Exit Code:', String(st.terminated.exitCode ?? 0));
        w.line(i + 1, 'Started:', rfc1123(k, String(st.terminated.startedAt)));
        w.line(i + 1, 'Finished:', rfc1123(k, String(st.terminated.finishedAt)));
      } else w.line(i, label, 'Waiting');
    };
    stateBlock('State:', state);
    const last = (status?.lastState ?? {}) as Record<string, Record<string, unknown>>;
    if (last.terminated) stateBlock('Last State:', last);
    w.line(i, 'Ready:', status?.ready ? 'True' : 'False');
    w.line(i, 'Restart Count:', String(status?.restartCount ?? 0));
  }
  for (const kind of ['limits', 'requests'] as const) {
    const r = ctr.resources?.[kind];
    if (r && Object.keys(r).length) {
      w.line(i, `${kind[0]!.toUpperCase()}${kind.slice(1)}:`);
      for (const key of Object.keys(r).sort()) w.line(i + 1, `${key}:`, String(r[key]));
    }
  }
  for (const [label, p] of [['Liveness:', ctr.livenessProbe], ['Readiness:', ctr.readinessProbe], ['Startup:', ctr.startupProbe]] as const) {
    if (!p) continue;
    const how = p.httpGet ? `http-get http://:${p.httpGet.port}${p.httpGet.path ?? ''}` : p.tcpSocket ? `tcp-socket :${p.tcpSocket.port}` : `exec [${(p.exec?.command ?? []).join(' ')}]`;
    w.line(i, label, `${how} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`);
  }
  const env = ctr.env ?? [];
  const envFrom = ctr.envFrom ?? [];
  if (envFrom.length) {
    w.line(i, 'Environment Variables from:');
    for (const e of envFrom) w.line(i + 1, e.configMapRef ? e.configMapRef.name : e.secretRef!.name, `${e.configMapRef ? 'ConfigMap' : 'Secret'}  Optional: false`);
  }
  if (!env.length) w.line(i, 'Environment:', '<none>');
  else {
    w.line(i, 'Environment:');
    for (const e of env) {
      if (e.value !== undefined) w.line(i + 1, `${e.name}:`, String(e.value));
      else if (e.valueFrom?.configMapKeyRef) w.line(i + 1, `${e.name}:`, `<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>  Optional: false`);
      else if (e.valueFrom?.secretKeyRef) w.line(i + 1, `${e.name}:`, `<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>  Optional: false`);
      else if (e.valueFrom?.fieldRef) w.line(i + 1, `${e.name}:`, ` (v1:${e.valueFrom.fieldRef.fieldPath})`);
      else w.line(i + 1, `${e.name}:`, '');
    }
  }
  const mounts = ctr.volumeMounts ?? [];
  if (!mounts.length) w.line(i, 'Mounts:', '<none>');
  else {
    w.line(i, 'Mounts:');
    for (const m of mounts) w.line(i + 1, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`);
  }
}

function volumes(w: W, spec: PodSpec, indent: number): void {
  const vols = spec.volumes ?? [];
  if (!vols.length) return w.line(indent, 'Volumes:', '<none>');
  w.line(indent, 'Volumes:');
  for (const v of vols) {
    w.line(indent + 1, `${v.name}:`);
    const i = indent + 2;
    const vv = v as unknown as Record<string, Record<string, unknown>>;
    if (v.configMap) {
      w.line(i, 'Type:', 'ConfigMap (a volume populated by a ConfigMap)');
      w.line(i, 'Name:', v.configMap.name);
      w.line(i, 'Optional:', 'false');
    } else if (v.secret) {
      w.line(i, 'Type:', 'Secret (a volume populated by a Secret)');
      w.line(i, 'SecretName:', v.secret.secretName);
      w.line(i, 'Optional:', 'false');
    } else if (v.emptyDir) {
      w.line(i, 'Type:', 'EmptyDir (a temporary directory that shares a pod\'s lifetime)');
      w.line(i, 'Medium:', '');
      w.line(i, 'SizeLimit:', '<unset>');
    } else if (vv.projected) {
      w.line(i, 'Type:', 'Projected (a volume that contains injected data from multiple sources)');
      w.line(i, 'TokenExpirationSeconds:', '3607');
      w.line(i, 'ConfigMapName:', 'kube-root-ca.crt');
      w.line(i, 'Optional:', 'false');
      w.line(i, 'DownwardAPI:', 'true');
    } else w.line(i, 'Type:', Object.keys(v).filter((x) => x !== 'name')[0] ?? '<unknown>');
  }
}

function describePod(k: K, pod: KubeObject): string {
  const w = new W();
  const spec = pod.spec as unknown as PodSpec & { priority?: number; priorityClassName?: string };
  const st = (pod.status ?? {}) as Record<string, unknown>;
  w.line(0, 'Name:', pod.metadata.name);
  w.line(0, 'Namespace:', pod.metadata.namespace ?? '');
  w.line(0, 'Priority:', String(spec.priority ?? 0));
  if (spec.priorityClassName) w.line(0, 'Priority Class Name:', spec.priorityClassName);
  w.line(0, 'Service Account:', spec.serviceAccountName ?? 'default');
  w.line(0, 'Node:', spec.nodeName ? `${spec.nodeName}/${String(st.hostIP ?? '')}` : '<none>');
  if (st.startTime) w.line(0, 'Start Time:', rfc1123(k, String(st.startTime)));
  w.map(0, 'Labels:', pod.metadata.labels);
  w.map(0, 'Annotations:', pod.metadata.annotations, ': ');
  if (pod.metadata.deletionTimestamp) {
    w.line(0, 'Status:', `Terminating (lasts ${humanDuration(ageMs(k.ctx.world, pod.metadata.deletionTimestamp))})`);
    w.line(0, 'Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else w.line(0, 'Status:', String(st.phase ?? 'Pending'));
  if (st.reason) w.line(0, 'Reason:', String(st.reason));
  w.line(0, 'IP:', String(st.podIP ?? ''));
  if (st.podIP) {
    w.line(0, 'IPs:');
    w.line(1, 'IP:', String(st.podIP));
  } else w.line(0, 'IPs:', '<none>');
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  const statuses = (st.containerStatuses ?? []) as Record<string, unknown>[];
  const initStatuses = (st.initContainerStatuses ?? []) as Record<string, unknown>[];
  if (spec.initContainers?.length) {
    w.line(0, 'Init Containers:');
    for (const c of spec.initContainers) containerBlock(k, w, c, initStatuses.find((s) => s.name === c.name), 1, false);
  }
  w.line(0, 'Containers:');
  for (const c of spec.containers) containerBlock(k, w, c, statuses.find((s) => s.name === c.name), 1, false);
  const conds = (st.conditions ?? []) as { type: string; status: string }[];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status');
    for (const c of conds) w.line(1, `${c.type} `, `${c.status} `);
  }
  volumes(w, spec, 0);
  w.line(0, 'QoS Class:', String(st.qosClass ?? 'BestEffort'));
  w.line(0, 'Node-Selectors:', formatMap(spec.nodeSelector));
  const tols = spec.tolerations ?? [];
  if (!tols.length) w.line(0, 'Tolerations:', '<none>');
  tols.forEach((t, i) => w.line(0, i === 0 ? 'Tolerations:' : '', tolerationText(t)));
  events(k, w, pod);
  return w.text();
}

function podTemplate(k: K, w: W, t: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpec } | undefined): void {
  w.line(0, 'Pod Template:');
  w.map(1, 'Labels:', t?.metadata?.labels);
  if (t?.metadata?.annotations) w.map(1, 'Annotations:', t.metadata.annotations, ': ');
  if (t?.spec?.serviceAccountName) w.line(1, 'Service Account:', t.spec.serviceAccountName);
  if (t?.spec?.initContainers?.length) {
    w.line(1, 'Init Containers:');
    for (const c of t.spec.initContainers) containerBlock(k, w, c, undefined, 1, true);
  }
  w.line(1, 'Containers:');
  for (const c of t?.spec?.containers ?? []) {
    const sub = new W();
    containerBlock(k, sub, c, undefined, 0, true);
    // The template's container names sit one space deeper (" nginx:") in kubectl's output.
    for (const line of sub.lines) w.lines.push(line.startsWith('  ') ? `  ${line}` : `   ${line}`);
  }
  volumes(w, t?.spec ?? { containers: [] }, 1);
  w.line(1, 'Node-Selectors:', formatMap(t?.spec?.nodeSelector));
  const tols = t?.spec?.tolerations ?? [];
  if (!tols.length) w.line(1, 'Tolerations:', '<none>');
  tols.forEach((x, i) => w.line(1, i === 0 ? 'Tolerations:' : '', tolerationText(x)));
}

function describeDeployment(k: K, d: KubeObject): string {
  const w = new W();
  const spec = d.spec as { replicas?: number; selector?: object; strategy?: { type?: string; rollingUpdate?: { maxSurge?: string | number; maxUnavailable?: string | number } }; minReadySeconds?: number; template?: { spec?: PodSpec } };
  const st = (d.status ?? {}) as Record<string, number>;
  w.line(0, 'Name:', d.metadata.name);
  w.line(0, 'Namespace:', d.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', rfc1123(k, d.metadata.creationTimestamp));
  w.map(0, 'Labels:', d.metadata.labels);
  w.map(0, 'Annotations:', d.metadata.annotations, ': ');
  w.line(0, 'Selector:', formatSelector(spec.selector));
  w.line(0, 'Replicas:', `${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`);
  w.line(0, 'StrategyType:', spec.strategy?.type ?? 'RollingUpdate');
  w.line(0, 'MinReadySeconds:', String(spec.minReadySeconds ?? 0));
  if (spec.strategy?.type !== 'Recreate') w.line(0, 'RollingUpdateStrategy:', `${spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%'} max unavailable, ${spec.strategy?.rollingUpdate?.maxSurge ?? '25%'} max surge`);
  podTemplate(k, w, spec.template as never);
  const conds = (d.status?.conditions ?? []) as { type: string; status: string; reason: string }[];
  if (conds.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'Reason');
    w.line(1, '----', '------', '------');
    for (const c of conds) w.line(1, c.type, c.status, c.reason);
  }
  const rss = dependents(k.c, d.metadata.uid, 'replicasets');
  const rev = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newest = rss.reduce<KubeObject | undefined>((a, b) => (!a || rev(b) > rev(a) ? b : a), undefined);
  const fmt = (rs: KubeObject) => `${rs.metadata.name} (${Number((rs.status as Record<string, number> | undefined)?.replicas ?? 0)}/${Number((rs.spec as { replicas?: number }).replicas ?? 0)} replicas created)`;
  const olds = rss.filter((rs) => rs !== newest && Number((rs.spec as { replicas?: number }).replicas ?? 0) > 0);
  w.line(0, 'OldReplicaSets:', olds.length ? olds.map(fmt).join(', ') : '<none>');
  w.line(0, 'NewReplicaSet:', newest ? fmt(newest) : '<none>');
  events(k, w, d);
  void resolveFenceposts;
  return w.text();
}

function describeService(k: K, s: KubeObject): string {
  const w = new W();
  const spec = s.spec as { type?: string; clusterIP?: string; clusterIPs?: string[]; selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: number | string; nodePort?: number; protocol?: string }[]; sessionAffinity?: string; ipFamilyPolicy?: string; ipFamilies?: string[]; externalTrafficPolicy?: string; internalTrafficPolicy?: string };
  w.line(0, 'Name:', s.metadata.name);
  w.line(0, 'Namespace:', s.metadata.namespace ?? '');
  w.map(0, 'Labels:', s.metadata.labels);
  w.map(0, 'Annotations:', s.metadata.annotations, ': ');
  w.line(0, 'Selector:', formatMap(spec.selector));
  w.line(0, 'Type:', spec.type ?? 'ClusterIP');
  w.line(0, 'IP Family Policy:', spec.ipFamilyPolicy ?? 'SingleStack');
  w.line(0, 'IP Families:', (spec.ipFamilies ?? ['IPv4']).join(','));
  w.line(0, 'IP:', spec.clusterIP ?? '');
  w.line(0, 'IPs:', (spec.clusterIPs ?? [spec.clusterIP ?? '']).join(','));
  const ingress = ((s.status?.loadBalancer as { ingress?: { hostname?: string; ip?: string }[] } | undefined)?.ingress ?? []);
  if (ingress.length) w.line(0, 'LoadBalancer Ingress:', ingress.map((i) => `${i.hostname ?? i.ip ?? ''}${i.hostname ? ' (Hostname)' : ''}`).join(', '));
  const ep = getObject(k.c, rt('endpoints'), s.metadata.namespace, s.metadata.name);
  for (const p of spec.ports ?? []) {
    w.line(0, 'Port:', `${p.name || '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`);
    w.line(0, 'TargetPort:', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, 'NodePort:', `${p.name || '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const addrs: string[] = [];
    for (const ss of (ep?.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[]) {
      const port = (ss.ports ?? []).find((x) => (x.name ?? '') === (p.name ?? '')) ?? ss.ports?.[0];
      for (const a of ss.addresses ?? []) addrs.push(`${a.ip}:${port?.port ?? ''}`);
    }
    w.line(0, 'Endpoints:', addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(','));
  }
  w.line(0, 'Session Affinity:', spec.sessionAffinity ?? 'None');
  if (spec.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', spec.externalTrafficPolicy);
  w.line(0, 'Internal Traffic Policy:', spec.internalTrafficPolicy ?? 'Cluster');
  events(k, w, s);
  return w.text();
}

function describeNode(k: K, n: KubeObject): string {
  const w = new W();
  const spec = (n.spec ?? {}) as { taints?: Taint[]; unschedulable?: boolean; podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  const st = (n.status ?? {}) as Record<string, unknown>;
  const roles = Object.keys(n.metadata.labels ?? {}).filter((l) => l.startsWith('node-role.kubernetes.io/')).map((l) => l.slice(24)).sort();
  w.line(0, 'Name:', n.metadata.name);
  w.line(0, 'Roles:', roles.join(',') || '<none>');
  w.map(0, 'Labels:', n.metadata.labels);
  w.map(0, 'Annotations:', n.metadata.annotations, ': ');
  w.line(0, 'CreationTimestamp:', rfc1123(k, n.metadata.creationTimestamp));
  const taints = spec.taints ?? [];
  if (!taints.length) w.line(0, 'Taints:', '<none>');
  taints.forEach((t, i) => w.line(0, i === 0 ? 'Taints:' : '', `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
  w.line(0, 'Unschedulable:', spec.unschedulable ? 'true' : 'false');
  w.line(0, 'Lease:');
  w.line(1, 'HolderIdentity:', n.metadata.name);
  w.line(1, 'AcquireTime:', '<unset>');
  w.line(1, 'RenewTime:', rfc1123(k, new Date(k.ctx.world.state.clock.epoch + k.c.s.machines[n.metadata.name]!.lastHeartbeat).toISOString()));
  w.line(0, 'Conditions:');
  w.line(1, 'Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message');
  w.line(1, '----', '------', '-----------------', '------------------', '------', '-------');
  for (const c of (st.conditions ?? []) as Record<string, string>[]) w.line(1, c.type!, c.status!, rfc1123(k, c.lastHeartbeatTime), rfc1123(k, c.lastTransitionTime), c.reason!, c.message!);
  w.line(0, 'Addresses:');
  for (const a of (st.addresses ?? []) as { type: string; address: string }[]) w.line(1, `${a.type}:`, a.address);
  for (const [label, key] of [['Capacity:', 'capacity'], ['Allocatable:', 'allocatable']] as const) {
    w.line(0, label);
    const m = (st[key] ?? {}) as Record<string, string>;
    for (const r of Object.keys(m).sort()) w.line(1, `${r}:`, m[r]!);
  }
  const info = (st.nodeInfo ?? {}) as Record<string, string>;
  w.line(0, 'System Info:');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']] as const) w.line(1, `${label}:`, info[key] ?? '');
  w.line(0, 'PodCIDR:', spec.podCIDR ?? '');
  w.line(0, 'PodCIDRs:', (spec.podCIDRs ?? []).join(','));
  if (spec.providerID) w.line(0, 'ProviderID:', spec.providerID);
  const pods = podsOnNode(k.c, n.metadata.name).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').sort((a, b) => ((a.metadata.namespace ?? '') + a.metadata.name < (b.metadata.namespace ?? '') + b.metadata.name ? -1 : 1));
  w.line(0, `Non-terminated Pods:`, `(${pods.length} in total)`);
  w.line(1, 'Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '------------', '----------', '---------------', '-------------', '---');
  const alloc = (st.allocatable ?? {}) as Record<string, string>;
  const acpu = milliCpu(alloc.cpu);
  const amem = bytes(alloc.memory);
  const tot = { rc: 0, lc: 0, rm: 0, lm: 0 };
  const pct = (v: number, a: number) => `${a ? Math.floor((v * 100) / a) : 0}%`;
  for (const p of pods) {
    let rc = 0;
    let lc = 0;
    let rm = 0;
    let lm = 0;
    for (const c of (p.spec as unknown as PodSpec).containers) {
      rc += milliCpu(c.resources?.requests?.cpu);
      lc += milliCpu(c.resources?.limits?.cpu);
      rm += bytes(c.resources?.requests?.memory);
      lm += bytes(c.resources?.limits?.memory);
    }
    tot.rc += rc;
    tot.lc += lc;
    tot.rm += rm;
    tot.lm += lm;
    const mem = (b: number) => (b === 0 ? '0 (0%)' : `${b % (1024 * 1024) === 0 ? `${b / 1024 / 1024}Mi` : String(b)} (${pct(b, amem)})`);
    w.line(1, p.metadata.namespace ?? '', p.metadata.name, `${rc ? formatCpu(rc) : '0'} (${pct(rc, acpu)})`, `${lc ? formatCpu(lc) : '0'} (${pct(lc, acpu)})`, mem(rm), mem(lm), humanDuration(ageMs(k.ctx.world, p.metadata.creationTimestamp)));
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource', 'Requests', 'Limits');
  w.line(1, '--------', '--------', '------');
  w.line(1, 'cpu', `${tot.rc ? formatCpu(tot.rc) : '0'} (${pct(tot.rc, acpu)})`, `${tot.lc ? formatCpu(tot.lc) : '0'} (${pct(tot.lc, acpu)})`);
  w.line(1, 'memory', `${tot.rm ? `${Math.round(tot.rm / 1024 / 1024)}Mi` : '0'} (${pct(tot.rm, amem)})`, `${tot.lm ? `${Math.round(tot.lm / 1024 / 1024)}Mi` : '0'} (${pct(tot.lm, amem)})`);
  w.line(1, 'ephemeral-storage', '0 (0%)', '0 (0%)');
  w.line(1, 'hugepages-1Gi', '0 (0%)', '0 (0%)');
  w.line(1, 'hugepages-2Mi', '0 (0%)', '0 (0%)');
  events(k, w, n);
  return w.text();
}

function describeGeneric(k: K, o: KubeObject): string {
  const w = new W();
  w.line(0, 'Name:', o.metadata.name);
  if (o.metadata.namespace) w.line(0, 'Namespace:', o.metadata.namespace);
  w.map(0, 'Labels:', o.metadata.labels);
  w.map(0, 'Annotations:', o.metadata.annotations, ': ');
  switch (o.kind) {
    case 'ReplicaSet': {
      const spec = o.spec as { replicas?: number; selector?: object; template?: unknown };
      const st = (o.status ?? {}) as Record<string, number>;
      w.line(0, 'Selector:', formatSelector(spec.selector));
      const owner = o.metadata.ownerReferences?.find((x) => x.controller);
      if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
      w.line(0, 'Replicas:', `${st.replicas ?? 0} current / ${spec.replicas ?? 1} desired`);
      const pods = dependents(k.c, o.metadata.uid, 'pods');
      const count = (ph: string) => pods.filter((p) => p.status?.phase === ph).length;
      w.line(0, 'Pods Status:', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
      podTemplate(k, w, spec.template as never);
      break;
    }
    case 'ConfigMap':
    case 'Secret': {
      w.lines.push('');
      if (o.kind === 'Secret') {
        w.line(0, 'Type:', String(o.type ?? 'Opaque'));
        w.lines.push('');
      }
      w.line(0, 'Data');
      w.line(0, '====');
      const data = (o.data ?? {}) as Record<string, string>;
      for (const key of Object.keys(data).sort()) {
        if (o.kind === 'Secret') w.line(0, `${key}:`, `${(decodeBase64(data[key]!) ?? '').length} bytes`);
        else {
          w.line(0, `${key}:`);
          w.line(0, '----');
          w.lines.push(data[key]!.replace(/\n$/, ''));
        }
      }
      if (o.kind === 'ConfigMap') {
        w.lines.push('');
        w.line(0, 'BinaryData');
        w.line(0, '====');
        w.lines.push('');
      }
      break;
    }
    case 'Namespace':
      w.line(0, 'Status:', String(o.status?.phase ?? 'Active'));
      w.lines.push('');
      w.line(0, 'No resource quota.');
      w.lines.push('');
      w.line(0, 'No LimitRange resource.');
      return w.text();
    case 'Job': {
      const spec = o.spec as { parallelism?: number; completions?: number; backoffLimit?: number; completionMode?: string; selector?: object; template?: unknown };
      const st = (o.status ?? {}) as Record<string, unknown>;
      w.line(0, 'Selector:', formatSelector(spec.selector));
      w.line(0, 'Parallelism:', String(spec.parallelism ?? 1));
      w.line(0, 'Completions:', String(spec.completions ?? 1));
      w.line(0, 'Completion Mode:', spec.completionMode ?? 'NonIndexed');
      w.line(0, 'Suspend:', 'false');
      w.line(0, 'Backoff Limit:', String(spec.backoffLimit ?? 6));
      if (st.startTime) w.line(0, 'Start Time:', rfc1123(k, String(st.startTime)));
      if (st.completionTime) w.line(0, 'Completed At:', rfc1123(k, String(st.completionTime)));
      w.line(0, 'Pods Statuses:', `${Number(st.active ?? 0)} Active (${Number(st.ready ?? 0)} Ready) / ${Number(st.succeeded ?? 0)} Succeeded / ${Number(st.failed ?? 0)} Failed`);
      podTemplate(k, w, spec.template as never);
      break;
    }
    case 'Role':
    case 'ClusterRole': {
      w.line(0, 'PolicyRule:');
      w.line(1, 'Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs');
      w.line(1, '---------', '-----------------', '--------------', '-----');
      for (const r of (o.rules ?? []) as { apiGroups?: string[]; resources?: string[]; verbs?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }[]) {
        for (const res of r.resources ?? ['']) {
          for (const g of r.apiGroups ?? ['']) w.line(1, res ? (g ? `${res}.${g}` : res) : '', r.nonResourceURLs?.length ? `[${r.nonResourceURLs.join(' ')}]` : '[]', `[${(r.resourceNames ?? []).join(' ')}]`, `[${(r.verbs ?? []).join(' ')}]`);
        }
      }
      return w.text();
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = o.roleRef as { kind: string; name: string };
      w.line(0, 'Role:');
      w.line(1, 'Kind:', ref.kind);
      w.line(1, 'Name:', ref.name);
      w.line(0, 'Subjects:');
      w.line(1, 'Kind', 'Name', 'Namespace');
      w.line(1, '----', '----', '---------');
      for (const s of (o.subjects ?? []) as { kind: string; name: string; namespace?: string }[]) w.line(1, s.kind, s.name, s.namespace ?? '');
      return w.text();
    }
    default:
      break;
  }
  events(k, w, o);
  return w.text();
}

export function describeObject(k: K, o: KubeObject): string {
  switch (o.kind) {
    case 'Pod':
      return describePod(k, o);
    case 'Deployment':
      return describeDeployment(k, o);
    case 'Service':
      return describeService(k, o);
    case 'Node':
      return describeNode(k, o);
    default:
      return describeGeneric(k, o);
  }
}

export function describe(k: K): number {
  const f = k.f;
  if (!f.positional.length) {
    err(k, 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    return 1;
  }
  const targets = resolveTargets(f.positional);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return 1;
  }
  const allNs = flagBool(f, 'all-namespaces');
  const texts: string[] = [];
  let status = 0;
  for (const t of targets) {
    if (t.names.length) {
      for (const n of t.names) {
        if (!allowed(k, 'get', t.type, k.ns, n)) {
          status = 1;
          continue;
        }
        const exact = getObject(k.c, t.type, k.ns, n);
        // describe also accepts a name prefix (kubectl describe pod web).
        const objs = exact ? [exact] : listObjects(k.c, t.type, t.type.namespaced ? k.ns : undefined).filter((o) => o.metadata.name.startsWith(n));
        if (!objs.length) {
          err(k, `Error from server (NotFound): ${t.type.group ? `${t.type.plural}.${t.type.group}` : t.type.plural} "${n}" not found\n`);
          status = 1;
        }
        for (const o of objs) texts.push(describeObject(k, o));
      }
    } else {
      if (!allowed(k, 'list', t.type, allNs ? undefined : k.ns)) return 1;
      const objs = selectObjects(k, t.type, allNs, f.flags.get('selector'));
      if ('error' in objs) {
        err(k, objs.error + '\n');
        return 1;
      }
      if (!objs.length) err(k, t.type.namespaced && !allNs ? `No resources found in ${k.ns} namespace.\n` : 'No resources found\n');
      for (const o of objs) texts.push(describeObject(k, o));
    }
  }
  out(k, texts.join('\n\n'));
  return status;
}
