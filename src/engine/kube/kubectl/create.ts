/** kubectl create <kind>, run and expose: objects built the way kubectl's generators build them. */
import { parseDuration } from '../../clock.ts';
import { waitUntil } from '../../time.ts';
import * as sys from '../../kernel/syscalls.ts';
import { isSysError } from '../../kernel/errors.ts';
import { apiCreate } from '../api.ts';
import { encodeBase64 } from '../base64.ts';
import { containerLogs, runningView } from '../kubelet.ts';
import { findResource, qualifiedName, rt } from '../resources.ts';
import { getObject } from '../store.ts';
import type { KubeObject, ResourceType } from '../types.ts';
import { allowed, apiError, applyGlobals, err, flagBool, out, type K } from './context.ts';
import { parseFlags, type FlagSpec } from './flags.ts';
import { structOrder, toJson, toYaml } from './output.ts';
import { createFromFiles } from './apply.ts';
import { attachTo, sessionEnded, type SessionEnd } from './attach.ts';

const COMMON = { bools: ['save-config', 'allow-missing-template-keys', 'show-managed-fields'], values: ['output', 'dry-run', 'field-manager', 'validate', 'template'], short: { o: 'output' } };

const SUBFLAGS: Record<string, FlagSpec> = {
  deployment: { values: ['replicas', 'port'], multi: ['image'], short: { r: 'replicas' } },
  service: { values: ['node-port', 'external-name', 'clusterip'], multi: ['tcp'] },
  configmap: { bools: ['append-hash'], multi: ['from-literal', 'from-file', 'from-env-file'] },
  secret: { bools: ['append-hash'], values: ['type'], multi: ['from-literal', 'from-file', 'from-env-file'] },
  namespace: {},
  serviceaccount: {},
  role: { multi: ['verb', 'resource', 'resource-name'] },
  clusterrole: { multi: ['verb', 'resource', 'resource-name', 'non-resource-url', 'aggregation-rule'] },
  rolebinding: { values: ['role', 'clusterrole'], multi: ['user', 'group', 'serviceaccount'] },
  clusterrolebinding: { values: ['clusterrole'], multi: ['user', 'group', 'serviceaccount'] },
  job: { values: ['image', 'from'] },
  cronjob: { values: ['image', 'schedule', 'restart'] },
};

const ALIASES: Record<string, string> = { deploy: 'deployment', svc: 'service', cm: 'configmap', ns: 'namespace', sa: 'serviceaccount', cj: 'cronjob' };

function meta(name: string, labels?: Record<string, string>, ns?: string): Record<string, unknown> {
  return { name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) };
}

function containerName(image: string): string {
  const base = image.split('@')[0]!.split('/').pop()!.split(':')[0]!;
  return base.replace(/[^a-z0-9-]/g, '-');
}

/** Prints a generated object (dry run or -o) or creates it. */
function finish(k: K, type: ResourceType, obj: Record<string, unknown>): number {
  const mode = k.f.flags.get('dry-run');
  const output = k.f.flags.get('output');
  const name = String((obj.metadata as { name: string }).name);
  if (mode && mode !== 'none') {
    if (!['client', 'server', 'true'].includes(mode)) {
      err(k, `error: Invalid dry-run value (${mode}). Must be "none", "server", or "client".\n`);
      return 1;
    }
    if (output === 'yaml') out(k, toYaml(obj));
    else if (output === 'json') out(k, toJson(structOrder(obj), false));
    else if (output === 'name') out(k, `${qualifiedName(type)}/${name}\n`);
    else out(k, `${qualifiedName(type)}/${name} created (${mode === 'server' ? 'server dry run' : 'dry run'})\n`);
    return 0;
  }
  const ns = type.namespaced ? k.ns : undefined;
  if (!allowed(k, 'create', type, ns)) return 1;
  const m = obj.metadata as Record<string, unknown>;
  delete m.creationTimestamp;
  const r = apiCreate(k.c, type, { ...obj, metadata: { ...m, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' } } as unknown as KubeObject);
  if (!r.ok) {
    if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
    else apiError(k, r.error);
    return 1;
  }
  if (output === 'yaml') out(k, toYaml(r.obj));
  else if (output === 'json') out(k, toJson(r.obj));
  else if (output === 'name') out(k, `${qualifiedName(type)}/${name}\n`);
  else out(k, `${qualifiedName(type)}/${name} created\n`);
  return 0;
}

function literalPairs(k: K, list: string[]): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  for (const l of list) {
    const i = l.indexOf('=');
    if (i <= 0) {
      err(k, `error: invalid literal source ${l}, expected key=value\n`);
      return undefined;
    }
    data[l.slice(0, i)] = l.slice(i + 1);
  }
  return data;
}

function fileData(k: K, list: string[]): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  for (const spec of list) {
    const i = spec.indexOf('=');
    const [key, path] = i > 0 ? [spec.slice(0, i), spec.slice(i + 1)] : [spec.split('/').pop()!, spec];
    try {
      data[key] = sys.readFile(k.ctx.world, k.ctx.proc, path);
    } catch (e) {
      if (!isSysError(e)) throw e;
      err(k, `error: error reading ${path}: no such file or directory\n`);
      return undefined;
    }
  }
  return data;
}

function envFileData(k: K, list: string[]): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  for (const path of list) {
    let text: string;
    try {
      text = sys.readFile(k.ctx.world, k.ctx.proc, path);
    } catch (e) {
      if (!isSysError(e)) throw e;
      err(k, `error: open ${path}: no such file or directory\n`);
      return undefined;
    }
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const i = t.indexOf('=');
      if (i > 0) data[t.slice(0, i)] = t.slice(i + 1);
    }
  }
  return data;
}

export function create(k: K, args: string[]): number | Promise<number> {
  const sub0 = args[0];
  if (!sub0 || sub0.startsWith('-')) {
    const f = parseFlags('kubectl create', args, { ...COMMON, multi: ['filename'], bools: [...COMMON.bools, 'recursive', 'edit', 'windows-line-endings'], values: [...COMMON.values, 'selector', 'raw'], short: { ...COMMON.short, f: 'filename', R: 'recursive', l: 'selector' } });
    if ('error' in f) {
      err(k, f.error + '\n');
      return 1;
    }
    k.f = { ...f, flags: new Map([...k.f.flags, ...f.flags]), multi: new Map([...k.f.multi, ...f.multi]) };
  applyGlobals(k, f);
    if (!f.multi.get('filename')?.length) {
      err(k, "error: must specify one of -f and -k\n");
      return 1;
    }
    return createFromFiles(k);
  }
  const sub = ALIASES[sub0] ?? sub0;
  let rest = args.slice(1);
  let kindArg = sub;
  if (sub === 'service' || sub === 'secret') {
    kindArg = `${sub} ${rest[0] ?? ''}`;
    rest = rest.slice(1);
  }
  const spec = SUBFLAGS[sub];
  if (!spec) {
    err(k, `error: unknown command "${sub0}" for "kubectl create"\n`);
    return 1;
  }
  const f = parseFlags(`kubectl create ${kindArg}`.trim(), rest, { bools: [...COMMON.bools, ...(spec.bools ?? [])], values: [...COMMON.values, ...(spec.values ?? [])], multi: spec.multi, short: { ...COMMON.short, ...(spec.short ?? {}) } });
  if ('error' in f) {
    err(k, f.error + '\n');
    return 1;
  }
  k.f = { ...f, flags: new Map([...k.f.flags, ...f.flags]), multi: new Map([...k.f.multi, ...f.multi]) };
  applyGlobals(k, f);
  const name = f.positional[0];
  const multi = (n: string) => (f.multi.get(n) ?? []).flatMap((x) => x.split(','));
  if (!name) {
    err(k, `error: exactly one NAME is required, got 0\nSee 'kubectl create ${kindArg} -h' for help and examples\n`);
    return 1;
  }
  switch (sub) {
    case 'deployment': {
      const images = f.multi.get('image') ?? [];
      if (!images.length) {
        err(k, 'error: required flag(s) "image" not set\n');
        return 1;
      }
      const replicas = Number(f.flags.get('replicas') ?? 1);
      const port = f.flags.get('port');
      const containers = images.map((image) => ({ image, name: containerName(image), ...(port ? { ports: [{ containerPort: Number(port) }] } : {}), resources: {} }));
      if (f.rest.length && containers[0]) Object.assign(containers[0], { command: f.rest });
      return finish(k, rt('deployments'), {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(name, { app: name }),
        spec: { replicas, selector: { matchLabels: { app: name } }, strategy: {}, template: { metadata: { creationTimestamp: null, labels: { app: name } }, spec: { containers } } },
        status: {},
      });
    }
    case 'service': {
      const type = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }[kindArg.split(' ')[1] ?? ''];
      if (!type) {
        err(k, `error: unknown command "${kindArg.split(' ')[1] ?? ''}" for "kubectl create service"\n`);
        return 1;
      }
      const ports = multi('tcp').map((t) => {
        const [p, tp] = t.split(':');
        return { name: `${p}-${tp ?? p}`, port: Number(p), protocol: 'TCP', targetPort: Number(tp ?? p), ...(type === 'NodePort' && f.flags.get('node-port') ? { nodePort: Number(f.flags.get('node-port')) } : {}) };
      });
      if (!ports.length && type !== 'ExternalName' && f.flags.get('clusterip') !== 'None') {
        err(k, 'error: at least one tcp port specifier must be provided\n');
        return 1;
      }
      return finish(k, rt('services'), { apiVersion: 'v1', kind: 'Service', metadata: meta(name, { app: name }), spec: { ...(f.flags.get('clusterip') ? { clusterIP: f.flags.get('clusterip') } : {}), ports, selector: { app: name }, type }, status: { loadBalancer: {} } });
    }
    case 'configmap':
    case 'secret': {
      if (sub === 'secret' && kindArg !== 'secret generic') {
        err(k, kindArg === 'secret ' ? 'error: exactly one NAME is required, got 0\n' : `error: 'kubectl create ${kindArg}' is not available in this lab environment; use 'kubectl create secret generic'\n`);
        return 1;
      }
      const lit = literalPairs(k, f.multi.get('from-literal') ?? []);
      const files = fileData(k, f.multi.get('from-file') ?? []);
      const env = envFileData(k, f.multi.get('from-env-file') ?? []);
      if (!lit || !files || !env) return 1;
      const data = { ...env, ...files, ...lit };
      if (sub === 'configmap') return finish(k, rt('configmaps'), { apiVersion: 'v1', ...(Object.keys(data).length ? { data } : {}), kind: 'ConfigMap', metadata: meta(name) });
      const enc = Object.fromEntries(Object.entries(data).map(([key, v]) => [key, encodeBase64(v)]));
      return finish(k, rt('secrets'), { apiVersion: 'v1', ...(Object.keys(enc).length ? { data: enc } : {}), kind: 'Secret', metadata: meta(name), ...(f.flags.get('type') ? { type: f.flags.get('type') } : {}) });
    }
    case 'namespace':
      return finish(k, rt('namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name), spec: {}, status: {} });
    case 'serviceaccount':
      return finish(k, rt('serviceaccounts'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) });
    case 'role':
    case 'clusterrole': {
      const verbs = multi('verb');
      const resources = multi('resource');
      if (!verbs.length) {
        err(k, 'error: at least one verb must be specified\n');
        return 1;
      }
      if (!resources.length && sub === 'role') {
        err(k, 'error: at least one resource must be specified\n');
        return 1;
      }
      const groups = new Map<string, string[]>();
      for (const r of resources) {
        const [base, ...g] = r.split('.');
        const t = findResource(base!);
        if (!t) {
          err(k, `error: resource "${r}" is not a valid resource on this cluster\n`);
          return 1;
        }
        const group = g.length ? g.join('.') : t.group;
        groups.set(group, [...(groups.get(group) ?? []), t.plural]);
      }
      const names = multi('resource-name');
      const rules = [...groups].map(([g, res]) => ({ apiGroups: [g], ...(names.length ? { resourceNames: names } : {}), resources: res, verbs }));
      return finish(k, rt(sub === 'role' ? 'roles' : 'clusterroles'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: sub === 'role' ? 'Role' : 'ClusterRole', metadata: meta(name), rules });
    }
    case 'rolebinding':
    case 'clusterrolebinding': {
      const role = f.flags.get('role');
      const cr = f.flags.get('clusterrole');
      if (!role && !cr) {
        err(k, 'error: exactly one of clusterrole or role must be specified\n');
        return 1;
      }
      const subjects = [
        ...multi('user').map((u) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u })),
        ...multi('group').map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
        ...multi('serviceaccount').map((s) => {
          const [ns, n] = s.split(':');
          return { kind: 'ServiceAccount', name: n ?? '', namespace: ns };
        }),
      ];
      return finish(k, rt(sub === 'rolebinding' ? 'rolebindings' : 'clusterrolebindings'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: sub === 'rolebinding' ? 'RoleBinding' : 'ClusterRoleBinding', metadata: meta(name), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role ? 'Role' : 'ClusterRole', name: role ?? cr }, ...(subjects.length ? { subjects } : {}) });
    }
    case 'job': {
      const from = f.flags.get('from');
      if (from) {
        const cjName = from.replace(/^(cronjob|cj|cronjobs)(\.batch)?\//, '');
        const cj = getObject(k.c, rt('cronjobs'), k.ns, cjName);
        if (!cj) {
          err(k, `Error from server (NotFound): cronjobs.batch "${cjName}" not found\n`);
          return 1;
        }
        const jt = cj.spec!.jobTemplate as { metadata?: Record<string, unknown>; spec: unknown };
        return finish(k, rt('jobs'), { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...meta(name), annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid }] }, spec: jt.spec, status: {} });
      }
      const image = f.flags.get('image');
      if (!image) {
        err(k, 'error: either --image or --from must be specified\n');
        return 1;
      }
      return finish(k, rt('jobs'), { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(name), spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ ...(f.rest.length ? { command: f.rest } : {}), image, name, resources: {} }], restartPolicy: 'Never' } } }, status: {} });
    }
    case 'cronjob': {
      const image = f.flags.get('image');
      const schedule = f.flags.get('schedule');
      if (!image) {
        err(k, 'error: required flag(s) "image", "schedule" not set\n'.replace(schedule ? ', "schedule"' : '', ''));
        return 1;
      }
      if (!schedule) {
        err(k, 'error: required flag(s) "schedule" not set\n');
        return 1;
      }
      return finish(k, rt('cronjobs'), {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta(name),
        spec: { jobTemplate: { metadata: { creationTimestamp: null, name }, spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ ...(f.rest.length ? { command: f.rest } : {}), image, name, resources: {} }], restartPolicy: f.flags.get('restart') ?? 'OnFailure' } } } }, schedule },
        status: {},
      });
    }
  }
  return 1;
}

export const RUN_FLAGS: FlagSpec = {
  bools: ['rm', 'stdin', 'tty', 'command', 'expose', 'attach', 'quiet', 'privileged', 'leave-stdin-open', 'save-config'],
  values: ['image', 'port', 'labels', 'restart', 'output', 'dry-run', 'image-pull-policy', 'pod-running-timeout', 'serviceaccount', 'annotations', 'override-type', 'overrides'],
  multi: ['env'],
  short: { i: 'stdin', t: 'tty', l: 'labels', o: 'output', q: 'quiet' },
};

export async function run(k: K): Promise<number> {
  const f = k.f;
  const name = f.positional[0];
  if (!name) {
    err(k, "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    return 1;
  }
  const image = f.flags.get('image');
  if (!image) {
    err(k, 'error: required flag(s) "image" not set\n');
    return 1;
  }
  const labels: Record<string, string> = {};
  for (const l of (f.flags.get('labels') ?? `run=${name}`).split(',')) {
    const [key, v] = l.split('=');
    labels[key!] = v ?? '';
  }
  const restart = f.flags.get('restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    err(k, `error: invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never\n`);
    return 1;
  }
  const stdin = flagBool(f, 'stdin');
  const tty = flagBool(f, 'tty');
  if (tty && !stdin) {
    err(k, 'error: -i/--stdin is required for containers with -t/--tty=true\n');
    return 1;
  }
  // -i attaches unless --attach=false says otherwise.
  const attach = f.flags.has('attach') ? flagBool(f, 'attach') : stdin;
  if (flagBool(f, 'rm') && !attach) {
    err(k, 'error: --rm should only be used for attached containers\n');
    return 1;
  }
  const dryRun = f.flags.get('dry-run');
  if (attach && dryRun && dryRun !== 'none') {
    err(k, "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n");
    return 1;
  }
  const extra = [...f.positional.slice(1), ...f.rest];
  const ctr: Record<string, unknown> = {
    ...(extra.length && !flagBool(f, 'command') ? { args: extra } : {}),
    ...(extra.length && flagBool(f, 'command') ? { command: extra } : {}),
    ...((f.multi.get('env') ?? []).length ? { env: (f.multi.get('env') ?? []).map((e) => ({ name: e.split('=')[0], value: e.slice(e.indexOf('=') + 1) })) } : {}),
    image,
    ...(f.flags.get('image-pull-policy') ? { imagePullPolicy: f.flags.get('image-pull-policy') } : {}),
    name,
    ...(f.flags.get('port') ? { ports: [{ containerPort: Number(f.flags.get('port')) }] } : {}),
    resources: {},
    ...(stdin ? { stdin: true } : {}),
    ...(stdin && !flagBool(f, 'leave-stdin-open') ? { stdinOnce: true } : {}),
    ...(tty ? { tty: true } : {}),
  };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, labels), spec: { containers: [ctr], dnsPolicy: 'ClusterFirst', restartPolicy: restart }, status: {} };
  if (dryRun && dryRun !== 'none') return finish(k, rt('pods'), pod);
  if (!attach) return finish(k, rt('pods'), pod);
  if (!allowed(k, 'create', rt('pods'), k.ns)) return 1;
  const m = pod.metadata as Record<string, unknown>;
  delete m.creationTimestamp;
  const r = apiCreate(k.c, rt('pods'), { ...pod, metadata: { ...m, namespace: k.ns, uid: '', resourceVersion: '', creationTimestamp: '' } } as unknown as KubeObject);
  if (!r.ok) {
    if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
    else apiError(k, r.error);
    return 1;
  }
  return attachToNew(k, r.obj, { stdin, tty, restart });
}

/**
 * `kubectl run --attach`: waits for the pod to run (or to have finished already), then attaches;
 * with Never or OnFailure the pod's exit code becomes kubectl's, and --rm deletes it at the end.
 */
async function attachToNew(k: K, created: KubeObject, o: { stdin: boolean; tty: boolean; restart: string }): Promise<number> {
  const world = k.ctx.world;
  const name = created.metadata.name;
  const current = () => {
    const p = getObject(k.c, rt('pods'), k.ns, name);
    return p?.metadata.uid === created.metadata.uid ? p : undefined;
  };
  const completed = (p: KubeObject) => ['Succeeded', 'Failed'].includes(String(p.status?.phase));
  const ready = (p: KubeObject) => p.status?.phase === 'Running' && ((p.status.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === 'Ready' && c.status === 'True');
  const timeout = parseDuration(k.f.flags.get('pod-running-timeout') ?? '1m0s') ?? 60_000;
  await waitUntil(world, () => { const p = current(); return !p || completed(p) || ready(p); }, timeout);
  const pod = current();
  const end: SessionEnd = { cluster: k.c.s.name, namespace: k.ns, pod: name, uid: created.metadata.uid, container: name, mainShell: false, resume: false, waitExit: o.restart !== 'Always', rm: flagBool(k.f, 'rm') };
  const v = pod && runningView(k.c, pod, name);
  if (!pod || (!completed(pod) && !v)) {
    sessionEnded(world, { ...end, waitExit: false }, 0, k.ctx);
    err(k, 'error: timed out waiting for the condition\n');
    return 1;
  }
  if (!v) {
    // It finished before kubectl could attach: show what it printed.
    const lines = containerLogs(k.c, pod, name, false) ?? [];
    out(k, lines.map((l) => `${l}\n`).join(''));
    return sessionEnded(world, end, 0, k.ctx);
  }
  // What it printed before the attach connects, then the attach itself.
  const lines = containerLogs(k.c, pod, name, false) ?? [];
  out(k, lines.map((l) => `${l}\n`).join(''));
  return attachTo(k, pod, v, { stdin: o.stdin, tty: o.tty, rm: end.rm, waitExit: end.waitExit, restart: o.restart });
}

export const EXPOSE_FLAGS: FlagSpec = { bools: ['save-config'], values: ['port', 'target-port', 'type', 'name', 'selector', 'protocol', 'output', 'dry-run', 'labels', 'cluster-ip', 'external-ip', 'load-balancer-ip', 'session-affinity', 'override-type', 'overrides'], multi: ['filename'], short: { o: 'output', l: 'labels', f: 'filename' } };

export function expose(k: K): number {
  const f = k.f;
  const [a, b] = f.positional;
  if (!a) {
    err(k, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    return 1;
  }
  const [tn, name] = a.includes('/') ? (a.split('/') as [string, string]) : [a, b];
  const type = findResource(tn);
  if (!type) {
    err(k, `error: the server doesn't have a resource type "${tn}"\n`);
    return 1;
  }
  if (!name) {
    err(k, 'error: resource(s) were provided, but no name was specified\n');
    return 1;
  }
  if (!['Pod', 'Service', 'ReplicaSet', 'Deployment'].includes(type.kind)) {
    err(k, `error: cannot expose a ${type.kind}.${type.group || ''}\n`.replace('.\n', '\n'));
    return 1;
  }
  const obj = getObject(k.c, type, k.ns, name);
  if (!obj) {
    err(k, `Error from server (NotFound): ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}" not found\n`);
    return 1;
  }
  let selector: Record<string, string> | undefined;
  let ports: { containerPort: number; name?: string; protocol?: string }[] = [];
  const podSpec = type.kind === 'Pod' ? obj.spec : (obj.spec as { template?: { spec?: Record<string, unknown> } }).template?.spec;
  for (const c of ((podSpec?.containers ?? []) as { ports?: { containerPort: number; name?: string; protocol?: string }[] }[])) ports.push(...(c.ports ?? []));
  if (type.kind === 'Pod') selector = obj.metadata.labels;
  else if (type.kind === 'Service') {
    selector = (obj.spec as { selector?: Record<string, string> }).selector;
    ports = ((obj.spec as { ports?: { port: number }[] }).ports ?? []).map((p) => ({ containerPort: p.port }));
  } else {
    const sel = (obj.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } }).selector;
    if (sel?.matchExpressions?.length) {
      err(k, "error: couldn't convert expressions - \"" + JSON.stringify(sel.matchExpressions) + '" to map-based selector format\n');
      return 1;
    }
    selector = sel?.matchLabels;
  }
  if (f.flags.get('selector')) selector = Object.fromEntries(f.flags.get('selector')!.split(',').map((p) => p.split('=') as [string, string]));
  const portFlag = f.flags.get('port');
  const target = f.flags.get('target-port');
  const protocol = f.flags.get('protocol') ?? 'TCP';
  let svcPorts: Record<string, unknown>[];
  if (portFlag) svcPorts = portFlag.split(',').map((p, i, all) => ({ ...(all.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(p), protocol, targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : Number(p) }));
  else if (ports.length) svcPorts = ports.map((p, i) => ({ ...(ports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}), port: p.containerPort, protocol: p.protocol ?? protocol, targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : p.containerPort }));
  else {
    err(k, "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
    return 1;
  }
  const svcName = f.flags.get('name') ?? name;
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: meta(svcName, obj.metadata.labels), spec: { ports: svcPorts, selector, ...(f.flags.get('type') ? { type: f.flags.get('type') } : {}) }, status: { loadBalancer: {} } };
  const mode = f.flags.get('dry-run');
  if (mode && mode !== 'none') return finish(k, rt('services'), svc);
  if (!allowed(k, 'create', rt('services'), k.ns)) return 1;
  const m = svc.metadata as Record<string, unknown>;
  delete m.creationTimestamp;
  const r = apiCreate(k.c, rt('services'), { ...svc, metadata: { ...m, namespace: k.ns, uid: '', resourceVersion: '', creationTimestamp: '' } } as unknown as KubeObject);
  if (!r.ok) {
    if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
    else apiError(k, r.error);
    return 1;
  }
  const output = f.flags.get('output');
  if (output === 'yaml') out(k, toYaml(r.obj));
  else if (output === 'json') out(k, toJson(r.obj));
  else out(k, `service/${svcName} exposed\n`);
  return 0;
}
