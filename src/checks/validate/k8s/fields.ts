// Field rules the OpenAPI schema cannot express but the API server enforces: name and
// label syntax, port ranges, quantity syntax, requests within limits, unique names in a
// pod, and volume mounts that name a volume.

import type { Reporter } from '../reporter.ts';
import type { PathSegment } from '../types.ts';
import {
  labelKeyProblem, labelValueProblem, nameProblem, nameRuleFor, portNameProblem, suggestLabelValue, suggestName,
} from './names.ts';
import { containersOf, get, isObj, list, podLabelsPath, podSpecPath, str, type KubeObject } from './objects.ts';
import { parseQuantity, suspiciousQuantity } from './quantity.ts';

function checkObjectName(obj: KubeObject, r: Reporter): void {
  const name = obj.get(['metadata', 'name']);
  if (typeof name !== 'string') return;
  const { rule, max } = nameRuleFor(obj.kind);
  const problem = nameProblem(name, rule, max);
  if (!problem) return;
  const suggestion = suggestName(name, rule);
  const what = rule === 'dns1035' ? 'Service names' : rule === 'label' ? `${obj.kind} names` : 'Names';
  const start = rule === 'dns1035' ? ' and start with a letter' : '';
  const tooLong = /^must be no more than (\d+)/.exec(problem);
  const hint = tooLong
    ? `Shorten it to at most ${tooLong[1]} characters${obj.kind === 'CronJob' ? ': Kubernetes adds a suffix to name each Job it creates' : ''}.`
    : suggestion ? `Try "${suggestion}". ${what} use lowercase letters, digits and "-"${start}.` : `${what} use lowercase letters, digits and "-"${start}.`;
  r.report('K8S009', `metadata.name: Invalid value: ${JSON.stringify(name)}: ${problem}`, hint, obj.at(['metadata', 'name']));
}

function checkLabelMap(obj: KubeObject, path: readonly PathSegment[], r: Reporter, values: boolean): void {
  const m = obj.get(path);
  if (!isObj(m)) return;
  const what = path[path.length - 1] === 'annotations' ? 'annotation' : 'label';
  for (const [k, v] of Object.entries(m)) {
    const keyProblem = labelKeyProblem(k);
    if (keyProblem) {
      r.report('K8S010', `invalid ${what} key ${JSON.stringify(k)} in ${pathText(path)}: ${keyProblem}`, `Keys are an optional prefix such as example.com/ and a name of letters, digits, "-", "_" and "."; no spaces.`, obj.atKey([...path, k]));
    }
    if (values && typeof v === 'string') {
      const valueProblem = labelValueProblem(v);
      if (valueProblem) {
        const s = suggestLabelValue(v);
        r.report('K8S010', `invalid ${what} value ${JSON.stringify(v)} for "${k}" in ${pathText(path)}: ${valueProblem}`, s ? `Try "${s}", or move free text to an annotation.` : 'Use letters, digits, "-", "_" and "." only, or move free text to an annotation.', obj.at([...path, k]));
      }
    }
  }
}

function pathText(path: readonly PathSegment[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
}

function checkPortNumber(obj: KubeObject, path: PathSegment[], r: Reporter, opts: { allowZero?: boolean; nodePort?: boolean } = {}): void {
  const v = obj.get(path);
  if (typeof v !== 'number' || !Number.isInteger(v)) return;
  if (opts.allowZero && v === 0) return;
  if (opts.nodePort) {
    if (v < 30000 || v > 32767) {
      r.report('K8S011', `${pathText(path)}: Invalid value: ${v}: provided port is not in the valid range. The range of valid ports is 30000-32767`, 'Pick a nodePort between 30000 and 32767, or leave it out and Kubernetes assigns one.', obj.at(path));
    }
    return;
  }
  if (v < 1 || v > 65535) {
    r.report('K8S011', `${pathText(path)}: Invalid value: ${v}: must be between 1 and 65535, inclusive`, 'Port numbers run from 1 to 65535.', obj.at(path));
  }
}

/** targetPort and probe ports: a number in range, or an IANA port name. */
function checkPortRef(obj: KubeObject, path: PathSegment[], r: Reporter): void {
  const v = obj.get(path);
  if (typeof v === 'number') {
    checkPortNumber(obj, path, r);
    return;
  }
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) {
      r.report('K8S011', `${pathText(path)}: Invalid value: ${JSON.stringify(v)}: a port number must not be quoted`, `Remove the quotes: ${v}. A quoted value is read as a port name.`, obj.at(path));
      return;
    }
    const problem = portNameProblem(v);
    if (problem) r.report('K8S011', `${pathText(path)}: Invalid value: ${JSON.stringify(v)}: ${problem}`, 'A named port is up to 15 lowercase letters, digits and "-" (for example http or metrics).', obj.at(path));
  }
}

function checkQuantities(obj: KubeObject, base: PathSegment[], r: Reporter, requestsAndLimits: boolean): void {
  const limits = obj.get([...base, 'limits']);
  const requests = obj.get([...base, 'requests']);
  for (const [groupName, group] of [['requests', requests], ['limits', limits]] as const) {
    if (!isObj(group)) continue;
    for (const [res, v] of Object.entries(group)) {
      const path = [...base, groupName, res];
      if (typeof v === 'string' && parseQuantity(v) === undefined) continue; // the schema reports it
      const n = parseQuantity(v);
      if (n !== undefined && n < 0) {
        r.report('K8S012', `${pathText(path)}: Invalid value: ${JSON.stringify(v)}: must be greater than or equal to 0`, 'Resource amounts cannot be negative.', obj.at(path));
        continue;
      }
      const s = suspiciousQuantity(v, res);
      if (s) r.report('K8S014', s.message, s.hint, obj.at(path));
    }
  }
  if (!requestsAndLimits || !isObj(requests) || !isObj(limits)) return;
  for (const [res, req] of Object.entries(requests)) {
    if (!Object.prototype.hasOwnProperty.call(limits, res)) continue;
    const q = parseQuantity(req);
    const l = parseQuantity(limits[res]);
    if (q !== undefined && l !== undefined && q > l) {
      r.report(
        'K8S015',
        `${pathText([...base, 'requests', res])}: Invalid value: ${JSON.stringify(String(req))}: must be less than or equal to ${res} limit of ${String(limits[res])}`,
        `A container cannot request more ${res} than its limit. Lower the request or raise the limit.`,
        obj.at([...base, 'requests', res]),
      );
    }
  }
}

function checkPodSpec(obj: KubeObject, spec: readonly PathSegment[], r: Reporter): void {
  const containers = containersOf(obj);
  const seenContainers = new Map<string, PathSegment[]>();
  const volumeNames = new Set<string>();
  const seenVolumes = new Set<string>();
  list(obj.get([...spec, 'volumes'])).forEach((v, i) => {
    const name = isObj(v) ? str(v['name']) : undefined;
    if (name === undefined) return;
    const path = [...spec, 'volumes', i, 'name'];
    const problem = nameProblem(name, 'label');
    if (problem) r.report('K8S009', `${pathText(path)}: Invalid value: ${JSON.stringify(name)}: ${problem}`, suggestName(name, 'label') ? `Try "${suggestName(name, 'label')}".` : 'Use lowercase letters, digits and "-".', obj.at(path));
    if (seenVolumes.has(name)) r.report('K8S016', `${pathText(path)}: Duplicate value: ${JSON.stringify(name)}`, 'Each volume needs its own name.', obj.at(path));
    seenVolumes.add(name);
    volumeNames.add(name);
  });
  // A StatefulSet's volumeClaimTemplates are volumes its pods can mount by name.
  if (obj.kind === 'StatefulSet') {
    for (const t of list(obj.get(['spec', 'volumeClaimTemplates']))) {
      const name = isObj(t) ? str(get(t, ['metadata', 'name'])) : undefined;
      if (name !== undefined) volumeNames.add(name);
    }
  }
  checkLabelMap(obj, [...spec, 'nodeSelector'], r, true);
  for (const { container, path } of containers) {
    const name = str(container['name']);
    if (name !== undefined) {
      const problem = nameProblem(name, 'label');
      if (problem) {
        const s = suggestName(name, 'label');
        r.report('K8S009', `${pathText([...path, 'name'])}: Invalid value: ${JSON.stringify(name)}: ${problem}`, s ? `Try "${s}". Container names use lowercase letters, digits and "-".` : 'Container names use lowercase letters, digits and "-".', obj.at([...path, 'name']));
      }
      const first = seenContainers.get(name);
      if (first) r.report('K8S016', `${pathText([...path, 'name'])}: Duplicate value: ${JSON.stringify(name)}`, `Another container (${pathText(first)}) already uses this name; give each container its own.`, obj.at([...path, 'name']));
      else seenContainers.set(name, path);
    }
    const portNames = new Set<string>();
    list(container['ports']).forEach((p, i) => {
      if (!isObj(p)) return;
      const pp = [...path, 'ports', i];
      checkPortNumber(obj, [...pp, 'containerPort'], r);
      checkPortNumber(obj, [...pp, 'hostPort'], r, { allowZero: true });
      const pn = str(p['name']);
      if (pn !== undefined) {
        const problem = portNameProblem(pn);
        if (problem) r.report('K8S011', `${pathText([...pp, 'name'])}: Invalid value: ${JSON.stringify(pn)}: ${problem}`, 'A port name is up to 15 lowercase letters, digits and "-" (for example http or metrics).', obj.at([...pp, 'name']));
        if (portNames.has(pn)) r.report('K8S016', `${pathText([...pp, 'name'])}: Duplicate value: ${JSON.stringify(pn)}`, 'Each port of a container needs its own name.', obj.at([...pp, 'name']));
        portNames.add(pn);
      }
    });
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      for (const handler of ['httpGet', 'tcpSocket']) checkPortRef(obj, [...path, probe, handler, 'port'], r);
      checkPortNumber(obj, [...path, probe, 'grpc', 'port'], r);
    }
    checkQuantities(obj, [...path, 'resources'], r, true);
    list(container['volumeMounts']).forEach((m, i) => {
      const mn = isObj(m) ? str(m['name']) : undefined;
      if (mn === undefined || volumeNames.has(mn)) return;
      const mp = [...path, 'volumeMounts', i, 'name'];
      const close = [...volumeNames].find((v) => v.toLowerCase() === mn.toLowerCase());
      r.report(
        'K8S017',
        `${pathText(mp)}: Not found: ${JSON.stringify(mn)}`,
        volumeNames.size === 0
          ? `The pod defines no volumes. Add one named "${mn}" under ${pathText([...spec, 'volumes'])}.`
          : `No volume is named "${mn}"; the pod's volumes are ${[...volumeNames].join(', ')}.${close ? ` Did you mean "${close}"?` : ''}`,
        obj.at(mp),
      );
    });
  }
}

/** Field rules for one object, whatever its kind. */
export function checkFields(obj: KubeObject, r: Reporter): void {
  checkObjectName(obj, r);
  checkLabelMap(obj, ['metadata', 'labels'], r, true);
  checkLabelMap(obj, ['metadata', 'annotations'], r, false);
  const ns = obj.get(['metadata', 'namespace']);
  if (typeof ns === 'string') {
    const problem = nameProblem(ns, 'label');
    if (problem) r.report('K8S009', `metadata.namespace: Invalid value: ${JSON.stringify(ns)}: ${problem}`, suggestName(ns, 'label') ? `Try "${suggestName(ns, 'label')}".` : 'Namespaces use lowercase letters, digits and "-".', obj.at(['metadata', 'namespace']));
  }
  const spec = podSpecPath(obj.kind);
  if (spec) {
    checkPodSpec(obj, spec, r);
    const labels = podLabelsPath(obj.kind);
    if (labels && obj.kind !== 'Pod') checkLabelMap(obj, labels, r, true);
    checkLabelMap(obj, ['spec', 'selector', 'matchLabels'], r, true);
  }
  if (obj.kind === 'Service') {
    checkLabelMap(obj, ['spec', 'selector'], r, true);
    const seen = new Set<string>();
    list(obj.get(['spec', 'ports'])).forEach((p, i) => {
      if (!isObj(p)) return;
      const pp: PathSegment[] = ['spec', 'ports', i];
      checkPortNumber(obj, [...pp, 'port'], r);
      checkPortRef(obj, [...pp, 'targetPort'], r);
      checkPortNumber(obj, [...pp, 'nodePort'], r, { nodePort: true, allowZero: true });
      const pn = str(p['name']);
      if (pn !== undefined) {
        const problem = nameProblem(pn, 'label');
        if (problem) r.report('K8S011', `${pathText([...pp, 'name'])}: Invalid value: ${JSON.stringify(pn)}: ${problem}`, 'Service port names use lowercase letters, digits and "-".', obj.at([...pp, 'name']));
        if (seen.has(pn)) r.report('K8S016', `${pathText([...pp, 'name'])}: Duplicate value: ${JSON.stringify(pn)}`, 'Each Service port needs its own name.', obj.at([...pp, 'name']));
        seen.add(pn);
      }
    });
  }
  if (obj.kind === 'PersistentVolumeClaim') checkQuantities(obj, ['spec', 'resources'], r, true);
}
