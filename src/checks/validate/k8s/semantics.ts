// Rules that look at what the objects mean together, in the spirit of kube-linter and
// Polaris: selectors that select nothing, ports nobody listens on, references to missing
// ConfigMap keys, and the best practices a course teaches (requests, tags, probes, root).

import type { Reporter } from '../reporter.ts';
import type { PathSegment } from '../types.ts';
import { containersOf, isObj, list, podLabelsPath, podSpecPath, str, type ContainerRef, type KubeObject, type Obj } from './objects.ts';

/** Reporters by file, so a rule about one object reports into that object's file. */
export type ReporterFor = (obj: KubeObject) => Reporter;

const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const LONG_RUNNING = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

function fmtLabels(m: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(m);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

function labelsOf(obj: KubeObject): Obj {
  const path = podLabelsPath(obj.kind);
  const v = path ? obj.get(path) : undefined;
  return isObj(v) ? v : {};
}

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

function matches(labels: Obj, matchLabels: Obj, exprs: Requirement[]): boolean {
  for (const [k, v] of Object.entries(matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  for (const e of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const val = has ? String(labels[e.key]) : undefined;
    if (e.operator === 'In' && !(val !== undefined && e.values.includes(val))) return false;
    if (e.operator === 'NotIn' && val !== undefined && e.values.includes(val)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function requirements(v: unknown): Requirement[] {
  return list(v).filter(isObj).map((e) => ({
    key: str(e['key']) ?? '',
    operator: str(e['operator']) ?? '',
    values: list(e['values']).map(String),
  }));
}

function checkSelector(obj: KubeObject, r: Reporter): void {
  if (!SELECTOR_KINDS.has(obj.kind) && !(obj.kind === 'Job' && obj.get(['spec', 'manualSelector']) === true)) return;
  const selector = obj.get(['spec', 'selector']);
  // Without a template the schema already reports the missing field; nothing to compare.
  if (!isObj(selector) || !isObj(obj.get(['spec', 'template']))) return;
  const ml = isObj(selector['matchLabels']) ? selector['matchLabels'] : {};
  const exprs = requirements(selector['matchExpressions']);
  // A misspelt matchLabels is reported as an unknown field; do not call it empty as well.
  if (Object.keys(selector).length > 0 && selector['matchLabels'] === undefined && selector['matchExpressions'] === undefined) return;
  if (Object.keys(ml).length === 0 && exprs.length === 0) {
    r.report('K8S020', `spec.selector: Invalid value: empty selector is invalid for ${obj.kind.toLowerCase()}`, 'Add spec.selector.matchLabels with the labels of spec.template.metadata.labels.', obj.at(['spec', 'selector']));
    return;
  }
  const labels = labelsOf(obj);
  if (matches(labels, ml, exprs)) return;
  const missing = Object.entries(ml).filter(([k, v]) => labels[k] !== v);
  const detail = missing.length > 0
    ? `spec.selector.matchLabels has ${fmtLabels(Object.fromEntries(missing))}, but spec.template.metadata.labels has ${fmtLabels(labels)}`
    : `spec.selector.matchExpressions does not match spec.template.metadata.labels (${fmtLabels(labels)})`;
  const hasLabels = isObj(obj.get(['spec', 'template', 'metadata', 'labels']));
  r.report(
    'K8S020',
    `selector does not match template labels: ${detail}`,
    `Make the template labels include every selector label${missing.length ? ` (${fmtLabels(Object.fromEntries(missing))})` : ''}. The API server rejects a ${obj.kind} whose pods it would not manage.`,
    hasLabels ? obj.atKey(['spec', 'template', 'metadata', 'labels']) : obj.at(['spec', 'template', 'metadata']),
  );
}

function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return a.namespace === '' || b.namespace === '' || a.namespace === b.namespace;
}

interface PortInfo {
  numbers: Set<number>;
  names: Set<string>;
}

function portsOf(c: Obj): PortInfo {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const p of list(c['ports'])) {
    if (!isObj(p)) continue;
    if (typeof p['containerPort'] === 'number') numbers.add(p['containerPort']);
    const n = str(p['name']);
    if (n) names.add(n);
  }
  return { numbers, names };
}

interface Selection {
  workloads: KubeObject[];
  /** Container port numbers and names of the selected pods. */
  numbers: Set<number>;
  names: Set<string>;
}

/** Pod templates indexed by label, so matching N Services against N workloads stays linear. */
class WorkloadIndex {
  readonly byLabel = new Map<string, KubeObject[]>();
  readonly labels = new Map<KubeObject, Obj>();
  constructor(readonly all: KubeObject[]) {
    for (const w of all) {
      const labels = labelsOf(w);
      this.labels.set(w, labels);
      for (const [k, v] of Object.entries(labels)) {
        const key = `${k}\u0000${String(v)}`;
        const list = this.byLabel.get(key);
        if (list) list.push(w);
        else this.byLabel.set(key, [w]);
      }
    }
  }
  labelsOf(w: KubeObject): Obj {
    return this.labels.get(w) ?? {};
  }
  private readonly memo = new Map<string, Selection>();

  /** Workloads in the Service's namespace whose labels include the whole selector. */
  select(svc: KubeObject, selector: Obj): Selection {
    // Many Services with one selector (a copy-pasted file set) are matched once.
    const key = `${svc.namespace}\u0000${JSON.stringify(Object.entries(selector).sort())}`;
    const known = this.memo.get(key);
    if (known) return known;
    const workloads = this.compute(svc, selector);
    const ports = workloads.flatMap((w) => containersOf(w).filter((c) => c.list === 'containers')).map((c) => portsOf(c.container));
    const found: Selection = {
      workloads,
      numbers: new Set(ports.flatMap((p) => [...p.numbers])),
      names: new Set(ports.flatMap((p) => [...p.names])),
    };
    this.memo.set(key, found);
    return found;
  }

  private compute(svc: KubeObject, selector: Obj): KubeObject[] {
    let smallest: KubeObject[] | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = this.byLabel.get(`${k}\u0000${String(v)}`) ?? [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).filter((w) => sameNamespace(svc, w) && matches(this.labelsOf(w), selector, []));
  }
}

function checkService(svc: KubeObject, index: WorkloadIndex, r: Reporter): void {
  if (svc.get(['spec', 'type']) === 'ExternalName') return;
  const selector = svc.get(['spec', 'selector']);
  if (!isObj(selector) || Object.keys(selector).length === 0) return;
  const selection = index.select(svc, selector);
  const selected = selection.workloads;
  if (selected.length === 0) {
    // Nothing to compare against (only a Service in these files): no finding.
    const candidates = index.all.filter((w) => sameNamespace(svc, w));
    if (candidates.length === 0) return;
    let closest: KubeObject | undefined;
    let best = -1;
    for (const w of candidates) {
      const labels = index.labelsOf(w);
      const score = Object.entries(selector).filter(([k, v]) => labels[k] === v).length * 2
        + Object.keys(selector).filter((k) => Object.prototype.hasOwnProperty.call(labels, k)).length;
      if (score > best) {
        best = score;
        closest = w;
      }
    }
    const hint = closest
      ? `The closest is ${closest.label} (${closest.file}), whose pods have ${fmtLabels(index.labelsOf(closest))}. Make the selector match those labels exactly.`
      : 'Make the selector match the labels of the pods it should send traffic to.';
    r.report('K8S021', `Service "${svc.name}" selects no pods: no pod template in these files has ${fmtLabels(selector)}`, hint, svc.atKey(['spec', 'selector']));
    return;
  }
  const allNumbers = selection.numbers;
  const allNames = selection.names;
  list(svc.get(['spec', 'ports'])).forEach((p, i) => {
    if (!isObj(p)) return;
    const target = p['targetPort'] ?? p['port'];
    const path: PathSegment[] = ['spec', 'ports', i, p['targetPort'] !== undefined ? 'targetPort' : 'port'];
    const who = selected.map((w) => w.label).join(', ');
    if (typeof target === 'string' && !/^\d+$/.test(target)) {
      if (!allNames.has(target)) {
        r.report('K8S024', `Service "${svc.name}" targets the port named "${target}", but no container of ${who} has a port with that name`, allNames.size > 0 ? `The named ports are ${[...allNames].join(', ')}. Use one of them, or the port number.` : 'Name the container port (ports[].name), or use the port number.', svc.at(path));
      }
      return;
    }
    if (typeof target === 'number' && allNumbers.size > 0 && !allNumbers.has(target)) {
      r.report('K8S022', `Service "${svc.name}" sends traffic to port ${target}, but the containers of ${who} declare ${[...allNumbers].sort((a, b) => a - b).join(', ')}`, `Set targetPort to the port the container listens on${allNumbers.size === 1 ? ` (${[...allNumbers][0]})` : ''}.`, svc.at(path));
    }
  });
}

function checkProbes(obj: KubeObject, c: ContainerRef, r: Reporter): void {
  const { numbers, names } = portsOf(c.container);
  const cname = str(c.container['name']) ?? '';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
      const path = [...c.path, probe, handler, 'port'];
      const port = obj.get(path);
      if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) {
        r.report('K8S024', `${probe} of container "${cname}" uses the port named "${port}", which the container does not define`, names.size > 0 ? `The container's named ports are ${[...names].join(', ')}.` : `Add a port named "${port}" under ports, or use the port number.`, obj.at(path));
      } else if (typeof port === 'number' && numbers.size > 0 && !numbers.has(port)) {
        r.report('K8S023', `${probe} of container "${cname}" checks port ${port}, which the container does not declare (it declares ${[...numbers].sort((a, b) => a - b).join(', ')})`, 'Probe the port the process listens on, or declare the port under ports.', obj.at(path));
      }
    }
  }
}

const LATEST = /:latest$/;

/** Splits an image reference; a colon in the first component may be a registry port. */
function imageTag(image: string): { tag?: string; digest: boolean } {
  if (image.includes('@')) return { digest: true };
  const lastSlash = image.lastIndexOf('/');
  const name = image.slice(lastSlash + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? { tag: name.slice(colon + 1), digest: false } : { digest: false };
}

function checkContainer(obj: KubeObject, c: ContainerRef, r: Reporter, podRunAsUser: unknown, podRunAsNonRoot: unknown): void {
  const cname = str(c.container['name']) ?? '';
  const image = str(c.container['image']);
  if (image !== undefined && image !== '') {
    const t = imageTag(image);
    if (!t.digest && (t.tag === undefined || LATEST.test(image))) {
      r.report('K8S026', t.tag === undefined ? `image "${image}" of container "${cname}" has no tag, so it means :latest` : `image "${image}" of container "${cname}" uses the latest tag`, `Pin a version, for example "${image.replace(LATEST, '')}:<version>", so every node runs the same code and rollbacks work.`, obj.at([...c.path, 'image']));
    }
  }
  if (c.list === 'ephemeralContainers') return;
  const sc = isObj(c.container['securityContext']) ? c.container['securityContext'] : {};
  if (sc['privileged'] === true) {
    r.report('K8S027', `container "${cname}" is privileged`, 'A privileged container can take over the node. Remove privileged: true and add only the capabilities it needs (securityContext.capabilities.add).', obj.at([...c.path, 'securityContext', 'privileged']));
  }
  const runAsUser = sc['runAsUser'] ?? podRunAsUser;
  const runAsNonRoot = sc['runAsNonRoot'] ?? podRunAsNonRoot;
  if (runAsUser === 0) {
    const path = sc['runAsUser'] !== undefined ? [...c.path, 'securityContext', 'runAsUser'] : [...(podSpecPath(obj.kind) ?? []), 'securityContext', 'runAsUser'];
    r.report('K8S028', `container "${cname}" runs as root (runAsUser: 0)`, 'Run as an unprivileged user, for example runAsUser: 1000 with runAsNonRoot: true.', obj.at(path));
  } else if (runAsNonRoot === false) {
    const path = sc['runAsNonRoot'] !== undefined ? [...c.path, 'securityContext', 'runAsNonRoot'] : [...(podSpecPath(obj.kind) ?? []), 'securityContext', 'runAsNonRoot'];
    r.report('K8S028', `container "${cname}" may run as root (runAsNonRoot: false)`, 'Set runAsNonRoot: true so the kubelet refuses to start the container as root.', obj.at(path));
  }
  if (c.list !== 'containers') return;
  const res = c.container['resources'];
  const requests = isObj(res) && isObj(res['requests']) ? res['requests'] : {};
  const limits = isObj(res) && isObj(res['limits']) ? res['limits'] : {};
  const missing: string[] = [];
  if (requests['cpu'] === undefined && limits['cpu'] === undefined) missing.push('a cpu request');
  if (requests['memory'] === undefined && limits['memory'] === undefined) missing.push('a memory request');
  if (limits['memory'] === undefined) missing.push('a memory limit');
  if (missing.length > 0) {
    const names = missing.map((m) => m.replace(/^an? /, ''));
    const what = missing.length === 3 ? 'no resource requests or limits' : `no ${names.join(' and no ')}`;
    r.report('K8S025', `container "${cname}" has ${what}`, 'Set resources.requests.cpu and resources.requests.memory so the scheduler can place the pod, and resources.limits.memory so it cannot starve the node.', obj.at([...c.path, isObj(res) ? 'resources' : 'name']));
  }
  if (LONG_RUNNING.has(obj.kind) && list(c.container['ports']).length > 0 && c.container['readinessProbe'] === undefined) {
    r.report('K8S029', `container "${cname}" serves a port but has no readiness probe`, 'Add a readinessProbe (httpGet or tcpSocket on the port) so Services only send traffic once the container is ready.', obj.at([...c.path, 'name']));
  }
  const seenEnv = new Map<string, number>();
  list(c.container['env']).forEach((e, i) => {
    const n = isObj(e) ? str(e['name']) : undefined;
    if (n === undefined) return;
    const first = seenEnv.get(n);
    if (first !== undefined) {
      r.report('K8S030', `environment variable "${n}" is set twice in container "${cname}" (env[${first}] and env[${i}])`, 'Only the last definition takes effect. Delete the one you do not want.', obj.at([...c.path, 'env', i, 'name']));
    } else seenEnv.set(n, i);
  });
}

/** ConfigMaps and Secrets defined in the file set, by kind and name, with their keys. */
class DataIndex {
  private readonly byName = new Map<string, KubeObject[]>();
  constructor(all: KubeObject[]) {
    for (const o of all) {
      if (o.kind !== 'ConfigMap' && o.kind !== 'Secret') continue;
      const key = `${o.kind}/${o.name}`;
      const list = this.byName.get(key);
      if (list) list.push(o);
      else this.byName.set(key, [o]);
    }
  }
  find(kind: 'ConfigMap' | 'Secret', name: string, from: KubeObject): { obj: KubeObject; keys: Set<string> } | undefined {
    const obj = this.byName.get(`${kind}/${name}`)?.find((o) => sameNamespace(o, from));
    if (!obj) return undefined;
    const keys = new Set<string>();
    for (const field of kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData']) {
      const m = obj.get([field]);
      if (isObj(m)) for (const k of Object.keys(m)) keys.add(k);
    }
    return { obj, keys };
  }
}

function checkReference(
  obj: KubeObject, r: Reporter, index: DataIndex, kind: 'ConfigMap' | 'Secret',
  name: unknown, key: unknown, optional: unknown, path: PathSegment[], user: string,
): void {
  if (typeof name !== 'string' || optional === true) return;
  const found = index.find(kind, name, obj);
  if (!found) {
    r.report('K8S032', `${user} reads ${kind} "${name}", which none of these files define`, `Create the ${kind} before the pod starts (it fails with CreateContainerConfigError otherwise), add it to these files, or set optional: true.`, obj.at(path));
    return;
  }
  if (typeof key !== 'string' || found.keys.has(key)) return;
  const guess = [...found.keys].find((k) => k.toLowerCase() === key.toLowerCase());
  r.report(
    'K8S031',
    `${user} reads key "${key}" of ${kind} "${name}", which has no such key`,
    `${kind} "${name}" (${found.obj.file}) defines ${found.keys.size > 0 ? [...found.keys].join(', ') : 'no keys'}.${guess ? ` Did you mean "${guess}"? Keys are case-sensitive.` : ''}`,
    obj.at([...path.slice(0, -1), 'key']),
  );
}

function checkReferences(obj: KubeObject, r: Reporter, index: DataIndex): void {
  const spec = podSpecPath(obj.kind);
  if (!spec) return;
  for (const c of containersOf(obj)) {
    const cname = `container "${str(c.container['name']) ?? ''}"`;
    list(c.container['env']).forEach((e, i) => {
      if (!isObj(e) || !isObj(e['valueFrom'])) return;
      const vf = e['valueFrom'];
      for (const [refName, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = vf[refName];
        if (!isObj(ref)) continue;
        checkReference(obj, r, index, kind, ref['name'], ref['key'], ref['optional'], [...c.path, 'env', i, 'valueFrom', refName, 'name'], cname);
      }
    });
    list(c.container['envFrom']).forEach((e, i) => {
      if (!isObj(e)) return;
      for (const [refName, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = e[refName];
        if (!isObj(ref)) continue;
        checkReference(obj, r, index, kind, ref['name'], undefined, ref['optional'], [...c.path, 'envFrom', i, refName, 'name'], cname);
      }
    });
  }
  list(obj.get([...spec, 'volumes'])).forEach((v, i) => {
    if (!isObj(v)) return;
    const vname = `volume "${str(v['name']) ?? ''}"`;
    for (const [field, kind, nameField] of [['configMap', 'ConfigMap', 'name'], ['secret', 'Secret', 'secretName']] as const) {
      const src = v[field];
      if (!isObj(src)) continue;
      const base = [...spec, 'volumes', i, field];
      checkReference(obj, r, index, kind, src[nameField], undefined, src['optional'], [...base, nameField], vname);
      list(src['items']).forEach((it, j) => {
        if (isObj(it)) checkReference(obj, r, index, kind, src[nameField], it['key'], src['optional'], [...base, 'items', j, 'name'], vname);
      });
    }
  });
}

function checkDuplicates(all: KubeObject[], rf: ReporterFor): void {
  const seen = new Map<string, KubeObject>();
  for (const o of all) {
    if (!o.name || !o.kind) continue;
    const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
    const id = `${group}|${o.kind}|${o.namespace}|${o.name}`;
    const first = seen.get(id);
    if (first) {
      const where = first.file === o.file ? `line ${first.doc.start.line}` : `${first.file}:${first.doc.start.line}`;
      rf(o).report('K8S033', `${o.label} is defined twice (first at ${where})`, 'Applying both keeps only the last one. Rename one of them or delete the duplicate.', o.at(['metadata', 'name']));
    } else seen.set(id, o);
  }
}

/** Cross-object and best-practice rules over every object in the file set. */
export function checkSemantics(all: KubeObject[], rf: ReporterFor): void {
  const workloads = new WorkloadIndex(all.filter((o) => podSpecPath(o.kind) !== undefined && o.kind !== 'PodTemplate'));
  const index = new DataIndex(all);
  for (const obj of all) {
    const r = rf(obj);
    checkSelector(obj, r);
    if (obj.kind === 'Service') checkService(obj, workloads, r);
    const spec = podSpecPath(obj.kind);
    if (!spec) continue;
    const podSc = obj.get([...spec, 'securityContext']);
    const podRunAsUser = isObj(podSc) ? podSc['runAsUser'] : undefined;
    const podRunAsNonRoot = isObj(podSc) ? podSc['runAsNonRoot'] : undefined;
    for (const c of containersOf(obj)) {
      checkContainer(obj, c, r, podRunAsUser, podRunAsNonRoot);
      checkProbes(obj, c, r);
    }
    checkReferences(obj, r, index);
  }
  checkDuplicates(all, rf);
}
