/**
 * API-server validation with the real error texts
 * (`The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: ...`).
 * It is synchronous because the API server answers within the kubectl command; the checks
 * module's schema validation (async, with line numbers) is what `hatchway validate` uses.
 */
import { matchSelector } from './labels.ts';
import type { KubeObject, LabelSelector, PodSpec } from './types.ts';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const SUBDOMAIN_MSG = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
const DNS1035_MSG = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`;

/** Go's %#v of a map[string]string, as field errors print label maps. */
export function goMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`).join(', ')}}`;
}

function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

export function validateName(kind: string, name: string): string | undefined {
  if (['Namespace'].includes(kind)) return LABEL.test(name) && name.length <= 63 ? undefined : `metadata.name: Invalid value: "${name}": ${LABEL_MSG}`;
  if (kind === 'Service') return DNS1035.test(name) && name.length <= 63 ? undefined : `metadata.name: Invalid value: "${name}": ${DNS1035_MSG}`;
  if (['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) return name && !/[/%]/.test(name) && name !== '.' && name !== '..' ? undefined : `metadata.name: Invalid value: "${name}": may not contain '/'`;
  return SUBDOMAIN.test(name) && name.length <= 253 ? undefined : `metadata.name: Invalid value: "${name}": ${SUBDOMAIN_MSG}`;
}

function validatePodSpec(spec: PodSpec | undefined, path: string, errs: string[], allowedRestart?: string[]): void {
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    errs.push(`${path}.containers: Required value`);
    return;
  }
  const names = new Set<string>();
  spec.containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) errs.push(`${p}.name: Required value`);
    else if (!LABEL.test(c.name)) errs.push(`${p}.name: Invalid value: "${c.name}": ${LABEL_MSG}`);
    else if (names.has(c.name)) errs.push(`${p}.name: Duplicate value: "${c.name}"`);
    names.add(c.name);
    if (!c.image) errs.push(`${p}.image: Required value`);
    (c.ports ?? []).forEach((port, j) => {
      const n = Number(port.containerPort);
      if (!(n >= 1 && n <= 65535)) errs.push(`${p}.ports[${j}].containerPort: ${port.containerPort === undefined ? 'Required value' : `Invalid value: ${goValue(port.containerPort)}: must be between 1 and 65535, inclusive`}`);
    });
    for (const kind of ['requests', 'limits'] as const) {
      for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([numkMGTPE]|[KMGTPE]i|[eE][+-]?\d+)?$/.test(String(v))) {
          errs.push(`${p}.resources.${kind}[${k}]: Invalid value: "${String(v)}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        }
      }
    }
  });
  if (allowedRestart && spec.restartPolicy && !allowedRestart.includes(spec.restartPolicy)) {
    errs.push(
      allowedRestart.length === 1
        ? `${path}.restartPolicy: Unsupported value: "${spec.restartPolicy}": supported values: "Always"`
        : `${path}.restartPolicy: Required value: valid values: "OnFailure", "Never"`,
    );
  } else if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    errs.push(`${path}.restartPolicy: Unsupported value: "${spec.restartPolicy}": supported values: "Always", "Never", "OnFailure"`);
  }
}

function validateSelectorTemplate(spec: Record<string, unknown>, errs: string[], path = 'spec'): void {
  const sel = spec.selector as LabelSelector | undefined;
  const labels = ((spec.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels ?? {}) as Record<string, string>;
  if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
    errs.push(`${path}.selector: Required value`);
  } else if (!matchSelector(sel, labels)) {
    errs.push(`${path}.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
  }
}

/** Field errors for an object about to be created or updated; empty when valid. */
export function validateObject(obj: KubeObject): string[] {
  const errs: string[] = [];
  const nameErr = validateName(obj.kind, obj.metadata.name);
  if (nameErr) errs.push(nameErr);
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const nonNeg = (field: string) => {
    const v = spec[field];
    if (v !== undefined && !(typeof v === 'number' && v >= 0)) errs.push(`spec.${field}: Invalid value: ${goValue(v)}: must be greater than or equal to 0`);
  };
  switch (obj.kind) {
    case 'Pod':
      validatePodSpec(obj.spec as unknown as PodSpec, 'spec', errs);
      break;
    case 'Deployment':
    case 'ReplicaSet':
      nonNeg('replicas');
      validateSelectorTemplate(spec, errs);
      validatePodSpec((spec.template as { spec?: PodSpec } | undefined)?.spec, 'spec.template.spec', errs, ['Always']);
      break;
    case 'DaemonSet':
      validateSelectorTemplate(spec, errs);
      validatePodSpec((spec.template as { spec?: PodSpec } | undefined)?.spec, 'spec.template.spec', errs, ['Always']);
      break;
    case 'Job':
      nonNeg('completions');
      nonNeg('parallelism');
      nonNeg('backoffLimit');
      validatePodSpec((spec.template as { spec?: PodSpec } | undefined)?.spec, 'spec.template.spec', errs, ['OnFailure', 'Never']);
      break;
    case 'CronJob': {
      const schedule = spec.schedule;
      if (!schedule) errs.push('spec.schedule: Required value');
      else if (!parseCronOk(String(schedule))) errs.push(`spec.schedule: Invalid value: "${String(schedule)}": unparseable cron expression`);
      const jt = (spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec;
      validatePodSpec(jt, 'spec.jobTemplate.spec.template.spec', errs, ['OnFailure', 'Never']);
      break;
    }
    case 'Service': {
      const ports = spec.ports as { port?: unknown; nodePort?: unknown; name?: string }[] | undefined;
      const type = String(spec.type ?? 'ClusterIP');
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) errs.push(`spec.type: Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`);
      if (type !== 'ExternalName' && spec.clusterIP !== 'None' && (!ports || ports.length === 0)) errs.push('spec.ports: Required value');
      (ports ?? []).forEach((p, i) => {
        const n = Number(p.port);
        if (p.port === undefined) errs.push(`spec.ports[${i}].port: Required value`);
        else if (!(n >= 1 && n <= 65535)) errs.push(`spec.ports[${i}].port: Invalid value: ${goValue(p.port)}: must be between 1 and 65535, inclusive`);
        if (p.nodePort !== undefined && !(Number(p.nodePort) >= 30000 && Number(p.nodePort) <= 32767)) errs.push(`spec.ports[${i}].nodePort: Invalid value: ${goValue(p.nodePort)}: provided port is not in the valid range. The range of valid ports is 30000-32767`);
        if ((ports ?? []).length > 1 && !p.name) errs.push(`spec.ports[${i}].name: Required value`);
      });
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = obj.roleRef as { kind?: string; name?: string } | undefined;
      if (!ref?.name) errs.push('roleRef.name: Required value');
      if (ref?.kind && !['Role', 'ClusterRole'].includes(ref.kind)) errs.push(`roleRef.kind: Unsupported value: "${ref.kind}": supported values: "Role", "ClusterRole"`);
      if (obj.kind === 'ClusterRoleBinding' && ref?.kind === 'Role') errs.push(`roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"`);
      ((obj.subjects ?? []) as { kind?: string; name?: string; namespace?: string }[]).forEach((s, i) => {
        if (!s.name) errs.push(`subjects[${i}].name: Required value`);
        if (s.kind === 'ServiceAccount' && !s.namespace && obj.kind === 'ClusterRoleBinding') errs.push(`subjects[${i}].namespace: Required value`);
        if (s.kind && !['User', 'Group', 'ServiceAccount'].includes(s.kind)) errs.push(`subjects[${i}].kind: Unsupported value: "${s.kind}": supported values: "ServiceAccount", "User", "Group"`);
      });
      break;
    }
    case 'Role':
    case 'ClusterRole':
      ((obj.rules ?? []) as { verbs?: string[] }[]).forEach((r, i) => {
        if (!r.verbs?.length) errs.push(`rules[${i}].verbs: Required value: verbs must contain at least one value`);
      });
      break;
  }
  return errs;
}

/** `The Deployment "web" is invalid: ...`, with one or several causes, as kubectl prints it. */
export function invalidMessage(kind: string, name: string, errs: string[]): string {
  if (errs.length === 1) return `The ${kind} "${name}" is invalid: ${errs[0]}`;
  return `The ${kind} "${name}" is invalid: \n${errs.map((e) => `* ${e}`).join('\n')}`;
}

function parseCronOk(s: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(s)) return true;
  const f = s.trim().split(/\s+/);
  return f.length === 5 && f.every((x) => /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$|^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(x));
}
