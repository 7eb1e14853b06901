/** kubectl's table printers for each resource (columns per pkg/printers/internalversion/printers.go). */
import { humanDuration } from '../../clock.ts';
import type { World } from '../../world.ts';
import { formatMap, formatSelector } from '../labels.ts';
import type { KubeObject, LabelSelector, PodSpec } from '../types.ts';

export function ageMs(world: World, ts: string | undefined): number {
  if (!ts) return 0;
  return world.now - (Date.parse(ts) - world.state.clock.epoch);
}

export function age(world: World, obj: KubeObject): string {
  return humanDuration(ageMs(world, obj.metadata.creationTimestamp));
}

interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number }; running?: unknown };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** The STATUS column (printPod): phase or reason, init progress, container reasons, Terminating. */
export function podStatus(pod: KubeObject): string {
  const status = (pod.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; conditions?: { type: string; status: string }[] };
  let reason = status.reason ?? status.phase ?? 'Pending';
  const spec = pod.spec as unknown as PodSpec;
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i]!;
    if (cs.state?.terminated && cs.state.terminated.exitCode === 0) continue;
    if (cs.state?.terminated) reason = cs.state.terminated.reason ? `Init:${cs.state.terminated.reason}` : `Init:ExitCode:${cs.state.terminated.exitCode}`;
    else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing') reason = `Init:${cs.state.waiting.reason}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

export function podReady(pod: KubeObject): string {
  const cs = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  const total = ((pod.spec as unknown as PodSpec).containers ?? []).length;
  return `${cs.filter((c) => c.ready).length}/${total}`;
}

export function podRestarts(world: World, pod: KubeObject): string {
  const cs = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  let n = 0;
  let last: string | undefined;
  for (const c of cs) {
    n += c.restartCount;
    const f = c.lastState?.terminated?.finishedAt;
    if (f && (!last || f > last)) last = f;
  }
  return n && last ? `${n} (${humanDuration(ageMs(world, last))} ago)` : String(n);
}

export interface Printer {
  header: string[];
  wide: string[];
  row(world: World, obj: KubeObject): string[];
  wideRow(world: World, obj: KubeObject): string[];
}

const containersImages = (t: { spec?: PodSpec } | undefined) => {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
};
const tpl = (o: KubeObject) => (o.spec as { template?: { spec?: PodSpec } }).template;
const num = (o: KubeObject, f: string) => Number((o.status as Record<string, number> | undefined)?.[f] ?? 0);
const workloadWide = (o: KubeObject) => [...containersImages(tpl(o)), formatSelector((o.spec as { selector?: LabelSelector }).selector)];

function servicePorts(svc: KubeObject): string {
  const ports = ((svc.spec as { ports?: { port: number; nodePort?: number; protocol?: string }[] }).ports ?? []);
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIp(svc: KubeObject): string {
  const spec = svc.spec as { type?: string; externalIPs?: string[]; externalName?: string };
  const ingress = ((svc.status?.loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
  switch (spec.type) {
    case 'LoadBalancer': {
      const all = [...ingress, ...(spec.externalIPs ?? [])];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    default:
      return spec.externalIPs?.length ? spec.externalIPs.join(',') : '<none>';
  }
}

function endpointsText(ep: KubeObject): string {
  const list: string[] = [];
  for (const ss of (ep.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { port: number }[] }[]) {
    for (const a of ss.addresses ?? []) {
      if (ss.ports?.length) for (const p of ss.ports) list.push(`${a.ip}:${p.port}`);
      else list.push(a.ip);
    }
  }
  if (!list.length) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

function jobStatus(job: KubeObject): string {
  const has = (t: string) => ((job.status?.conditions ?? []) as { type: string; status: string }[]).some((x) => x.type === t && x.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function bindingSubjects(b: KubeObject): string[] {
  const subs = (b.subjects ?? []) as { kind: string; name: string; namespace?: string }[];
  const pick = (k: string, f: (s: { name: string; namespace?: string }) => string) => subs.filter((s) => s.kind === k).map(f).join(', ');
  return [pick('User', (s) => s.name), pick('Group', (s) => s.name), pick('ServiceAccount', (s) => `${s.namespace ?? ''}/${s.name}`)];
}

export const PRINTERS: Record<string, Printer> = {
  Pod: {
    header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (w, pod) => [pod.metadata.name, podReady(pod), podStatus(pod), podRestarts(w, pod), age(w, pod)],
    wideRow: (_w, pod) => [String(pod.status?.podIP ?? '<none>'), String((pod.spec as unknown as PodSpec).nodeName ?? '<none>'), '<none>', '<none>'],
  },
  Node: {
    header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row(w, node) {
      const conds = (node.status?.conditions ?? []) as { type: string; status: string }[];
      const ready = conds.find((c) => c.type === 'Ready');
      let status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
      if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(node.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .sort();
      const info = node.status?.nodeInfo as { kubeletVersion: string };
      return [node.metadata.name, status, roles.join(',') || '<none>', age(w, node), info.kubeletVersion];
    },
    wideRow(_w, node) {
      const addrs = (node.status?.addresses ?? []) as { type: string; address: string }[];
      const info = node.status?.nodeInfo as { osImage: string; kernelVersion: string; containerRuntimeVersion: string };
      return [addrs.find((a) => a.type === 'InternalIP')?.address ?? '<none>', addrs.find((a) => a.type === 'ExternalIP')?.address ?? '<none>', info.osImage, info.kernelVersion, info.containerRuntimeVersion];
    },
  },
  Namespace: { header: ['NAME', 'STATUS', 'AGE'], wide: [], row: (w, ns) => [ns.metadata.name, String(ns.status?.phase ?? 'Active'), age(w, ns)], wideRow: () => [] },
  Deployment: {
    header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (w, d) => [d.metadata.name, `${num(d, 'readyReplicas')}/${Number((d.spec as { replicas?: number }).replicas ?? 1)}`, String(num(d, 'updatedReplicas')), String(num(d, 'availableReplicas')), age(w, d)],
    wideRow: (_w, d) => workloadWide(d),
  },
  ReplicaSet: {
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (w, rs) => [rs.metadata.name, String((rs.spec as { replicas?: number }).replicas ?? 1), String(num(rs, 'replicas')), String(num(rs, 'readyReplicas')), age(w, rs)],
    wideRow: (_w, rs) => workloadWide(rs),
  },
  DaemonSet: {
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (w, ds) => [ds.metadata.name, String(num(ds, 'desiredNumberScheduled')), String(num(ds, 'currentNumberScheduled')), String(num(ds, 'numberReady')), String(num(ds, 'updatedNumberScheduled')), String(num(ds, 'numberAvailable')), formatMap(tpl(ds)?.spec?.nodeSelector), age(w, ds)],
    wideRow: (_w, ds) => workloadWide(ds),
  },
  Job: {
    header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(w, job) {
      const spec = job.spec as { completions?: number; parallelism?: number };
      const completions = spec.completions !== undefined ? `${num(job, 'succeeded')}/${spec.completions}` : `${num(job, 'succeeded')}/1 of ${spec.parallelism ?? 1}`;
      const start = job.status?.startTime as string | undefined;
      const end = job.status?.completionTime as string | undefined;
      const duration = !start ? '' : humanDuration(end ? Date.parse(end) - Date.parse(start) : ageMs(w, start));
      return [job.metadata.name, jobStatus(job), completions, duration, age(w, job)];
    },
    wideRow: (_w, j) => workloadWide(j),
  },
  CronJob: {
    header: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(w, cj) {
      const spec = cj.spec as { schedule: string; timeZone?: string; suspend?: boolean };
      const last = cj.status?.lastScheduleTime as string | undefined;
      return [cj.metadata.name, spec.schedule, spec.timeZone ?? '<none>', spec.suspend ? 'True' : 'False', String(((cj.status?.active ?? []) as unknown[]).length), last ? humanDuration(ageMs(w, last)) : '<none>', age(w, cj)];
    },
    wideRow: (_w, cj) => [...containersImages((cj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } }).jobTemplate?.spec?.template), '<none>'],
  },
  Service: {
    header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (w, s) => [s.metadata.name, String((s.spec as { type?: string }).type ?? 'ClusterIP'), String((s.spec as { clusterIP?: string }).clusterIP ?? '<none>'), externalIp(s), servicePorts(s), age(w, s)],
    wideRow: (_w, s) => [formatMap((s.spec as { selector?: Record<string, string> }).selector)],
  },
  Endpoints: { header: ['NAME', 'ENDPOINTS', 'AGE'], wide: [], row: (w, e) => [e.metadata.name, endpointsText(e), age(w, e)], wideRow: () => [] },
  EndpointSlice: {
    header: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    wide: [],
    row(w, e) {
      const ports = ((e.ports ?? []) as { port: number }[]).map((p) => String(p.port));
      const eps = ((e.endpoints ?? []) as { addresses: string[] }[]).flatMap((x) => x.addresses);
      return [e.metadata.name, String(e.addressType ?? 'IPv4'), ports.length ? ports.join(',') : '<unset>', eps.length ? (eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',')) : '<unset>', age(w, e)];
    },
    wideRow: () => [],
  },
  ConfigMap: { header: ['NAME', 'DATA', 'AGE'], wide: [], row: (w, cm) => [cm.metadata.name, String(Object.keys((cm.data ?? {}) as object).length + Object.keys((cm.binaryData ?? {}) as object).length), age(w, cm)], wideRow: () => [] },
  Secret: { header: ['NAME', 'TYPE', 'DATA', 'AGE'], wide: [], row: (w, s) => [s.metadata.name, String(s.type ?? 'Opaque'), String(Object.keys((s.data ?? {}) as object).length), age(w, s)], wideRow: () => [] },
  ServiceAccount: { header: ['NAME', 'SECRETS', 'AGE'], wide: [], row: (w, sa) => [sa.metadata.name, String(((sa.secrets ?? []) as unknown[]).length), age(w, sa)], wideRow: () => [] },
  Role: { header: ['NAME', 'CREATED AT'], wide: [], row: (_w, r) => [r.metadata.name, r.metadata.creationTimestamp], wideRow: () => [] },
  ClusterRole: { header: ['NAME', 'CREATED AT'], wide: [], row: (_w, r) => [r.metadata.name, r.metadata.creationTimestamp], wideRow: () => [] },
  RoleBinding: {
    header: ['NAME', 'ROLE', 'AGE'],
    wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    row: (w, b) => [b.metadata.name, `${(b.roleRef as { kind: string }).kind}/${(b.roleRef as { name: string }).name}`, age(w, b)],
    wideRow: (_w, b) => bindingSubjects(b),
  },
  ClusterRoleBinding: {
    header: ['NAME', 'ROLE', 'AGE'],
    wide: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    row: (w, b) => [b.metadata.name, `${(b.roleRef as { kind: string }).kind}/${(b.roleRef as { name: string }).name}`, age(w, b)],
    wideRow: (_w, b) => bindingSubjects(b),
  },
  Event: {
    header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    wide: ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'],
    row(w, e) {
      const inv = e.involvedObject as { kind: string; name: string };
      const count = Number(e.count ?? 1);
      const last = humanDuration(ageMs(w, String(e.lastTimestamp)));
      const lastSeen = count > 1 ? `${last} (x${count} over ${humanDuration(ageMs(w, String(e.firstTimestamp)))})` : last;
      return [lastSeen, String(e.type), String(e.reason), `${inv.kind.toLowerCase()}/${inv.name}`, String(e.message)];
    },
    wideRow(w, e) {
      const src = e.source as { component?: string; host?: string };
      return ['', [src.component, src.host].filter(Boolean).join(', '), humanDuration(ageMs(w, String(e.firstTimestamp))), String(e.count ?? 1), e.metadata.name];
    },
  },
};
