/**
 * Defaulting as the real API server does it (SetDefaults_* in pkg/apis/{core,apps,batch}/v1/defaults.go
 * plus the ServiceAccount and DefaultTolerationSeconds admission plugins), so `-o yaml`
 * shows what a real cluster stores.
 */
import { KUBE_ALPHANUMS, randomString } from '../random.ts';
import type { Cluster } from './store.ts';
import type { Container, KubeObject, PodSpec, Probe } from './types.ts';

type Obj = Record<string, unknown>;

function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at >= 0) return '@';
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : undefined;
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) (p.httpGet as Obj).scheme ??= 'HTTP';
}

function defaultContainer(c: Container): void {
  const tag = imageTag(c.image ?? '');
  c.imagePullPolicy ??= tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  (c as unknown as Obj).terminationMessagePath ??= '/dev/termination-log';
  (c as unknown as Obj).terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  // A limit with no request means request = limit.
  if (c.resources.limits) {
    c.resources.requests ??= {};
    for (const k of Object.keys(c.resources.limits)) c.resources.requests[k] ??= c.resources.limits[k]!;
  }
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  defaultProbe(c.readinessProbe);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.startupProbe);
}

/** Defaults shared by pods and pod templates. */
export function defaultPodSpec(spec: PodSpec, template: boolean): void {
  const s = spec as PodSpec & Obj;
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.securityContext ??= {};
  s.schedulerName ??= 'default-scheduler';
  for (const c of s.containers ?? []) defaultContainer(c);
  for (const c of s.initContainers ?? []) defaultContainer(c);
  for (const v of s.volumes ?? []) {
    if (v.configMap) (v.configMap as Obj).defaultMode ??= 420;
    if (v.secret) (v.secret as Obj).defaultMode ??= 420;
  }
  if (!template) {
    s.enableServiceLinks ??= true;
    s.preemptionPolicy ??= 'PreemptLowerPriority';
    s.priority ??= 0;
  }
}

/** Admission at pod creation: service account token volume and the 300 s NoExecute tolerations. */
export function admitPod(c: Cluster, pod: KubeObject): void {
  const spec = pod.spec as unknown as PodSpec & Obj;
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const vol = `kube-api-access-${randomString(c.world.state.random, 5, KUBE_ALPHANUMS)}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: vol,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    } as never,
  ];
  for (const ctr of [...(spec.initContainers ?? []), ...spec.containers]) {
    ctr.volumeMounts = [...(ctr.volumeMounts ?? []), { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true }];
  }
  const tol = spec.tolerations ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))) {
      tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tol;
  defaultPodSpec(spec, false);
  pod.status = { phase: 'Pending', qosClass: qosClass(spec) };
}

export function qosClass(spec: PodSpec): string {
  const ctrs = spec.containers ?? [];
  let any = false;
  let guaranteed = true;
  for (const c of ctrs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) if (lim[r] === undefined || String(req[r] ?? lim[r]) !== String(lim[r])) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function template(spec: Obj): void {
  const t = (spec.template ??= {}) as Obj;
  const meta = (t.metadata ??= {}) as Obj;
  meta.creationTimestamp ??= null;
  defaultPodSpec((t.spec ??= { containers: [] }) as PodSpec, true);
}

/** Defaults for every kind the simulation serves. Mutates `obj`. */
export function applyDefaults(obj: KubeObject): void {
  const spec = (obj.spec ?? {}) as Obj;
  switch (obj.kind) {
    case 'Deployment': {
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      const strat = (spec.strategy ??= {}) as Obj;
      strat.type ??= 'RollingUpdate';
      if (strat.type === 'RollingUpdate') {
        const ru = (strat.rollingUpdate ??= {}) as Obj;
        ru.maxSurge ??= '25%';
        ru.maxUnavailable ??= '25%';
      }
      template(spec);
      break;
    }
    case 'ReplicaSet':
      spec.replicas ??= 1;
      template(spec);
      break;
    case 'DaemonSet': {
      spec.revisionHistoryLimit ??= 10;
      const us = (spec.updateStrategy ??= {}) as Obj;
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        const ru = (us.rollingUpdate ??= {}) as Obj;
        ru.maxSurge ??= 0;
        ru.maxUnavailable ??= 1;
      }
      template(spec);
      break;
    }
    case 'Job':
      jobDefaults(spec);
      break;
    case 'CronJob': {
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const jt = (spec.jobTemplate ??= {}) as Obj;
      (jt.metadata ??= {}) as Obj;
      ((jt.metadata as Obj).creationTimestamp ??= null);
      jobDefaults((jt.spec ??= {}) as Obj, true);
      break;
    }
    case 'Service': {
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.internalTrafficPolicy ??= 'Cluster';
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
      if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
      for (const p of (spec.ports ?? []) as Obj[]) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      break;
    }
    case 'Pod':
      defaultPodSpec(spec as unknown as PodSpec, false);
      break;
    case 'Secret':
      obj.type ??= 'Opaque';
      break;
    case 'Namespace':
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      break;
  }
}

function jobDefaults(spec: Obj, inTemplate = false): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector = spec.manualSelector as boolean | undefined;
  if (spec.manualSelector === undefined) delete spec.manualSelector;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  void inTemplate;
  template(spec);
}
