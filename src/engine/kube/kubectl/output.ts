/** kubectl's output formats: yaml (go-yaml style), json, name, jsonpath, custom-columns. */
import { formatTable } from '../table.ts';

/** Deep copy with keys sorted, as kubectl prints unstructured objects. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|-?\.inf|-?\.Inf|\.nan|\.NaN)$/;
const NUMBERISH = /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0x[\da-fA-F_]+|0o?[0-7_]+|0b[01_]+|\d[\d_]*(:[0-5]?\d)+(\.\d*)?)$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/;

function scalar(s: string): string {
  if (s === '') return '""';
  if (YAML11_SPECIAL.test(s) || NUMBERISH.test(s) || TIMESTAMP.test(s)) return JSON.stringify(s);
  const plainOk = !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) && !/[\s]$/.test(s) && !/: |:$| #|[\t]/.test(s) && !/^(- |-$)/.test(s) && !/[\u0000-\u001f\u007f-\u009f]/.test(s);
  if (plainOk) return s;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function yamlKey(k: string): string {
  return scalar(k);
}

function emit(v: unknown, indent: string, out: string[], key: string | null, inList: boolean): void {
  const pre = key === null ? '' : `${key}:`;
  if (v === null || v === undefined) {
    out.push(`${indent}${pre}${pre ? ' ' : ''}null`);
    return;
  }
  if (typeof v === 'string') {
    if (v.includes('\n') && !/^\s/.test(v)) {
      const chomp = v.endsWith('\n') ? (v.endsWith('\n\n') ? '+' : '') : '-';
      const body = v.endsWith('\n') ? v.slice(0, -1) : v;
      out.push(`${indent}${pre}${pre ? ' ' : ''}|${chomp}`);
      for (const line of body.split('\n')) out.push(line ? `${indent}  ${line}` : '');
      return;
    }
    out.push(`${indent}${pre}${pre ? ' ' : ''}${scalar(v)}`);
    return;
  }
  if (typeof v !== 'object') {
    out.push(`${indent}${pre}${pre ? ' ' : ''}${String(v)}`);
    return;
  }
  if (Array.isArray(v)) {
    if (!v.length) {
      out.push(`${indent}${pre}${pre ? ' ' : ''}[]`);
      return;
    }
    if (pre) out.push(`${indent}${pre}`);
    for (const item of v) {
      const lines: string[] = [];
      emit(item, '', lines, null, true);
      out.push(`${indent}- ${lines[0] ?? ''}`);
      for (const l of lines.slice(1)) out.push(l ? `${indent}  ${l}` : l);
    }
    return;
  }
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (!keys.length) {
    out.push(`${indent}${pre}${pre ? ' ' : ''}{}`);
    return;
  }
  const inner = key === null ? indent : `${indent}  `;
  if (pre) out.push(`${indent}${pre}`);
  void inList;
  for (const k of keys) emit((v as Record<string, unknown>)[k], inner, out, yamlKey(k), false);
}

/** YAML as `kubectl -o yaml` prints it (sigs.k8s.io/yaml: sorted keys, unindented sequences). */
export function toYaml(v: unknown): string {
  const out: string[] = [];
  emit(sortKeys(v), '', out, null, false);
  return out.join('\n') + '\n';
}

/** JSON as `kubectl -o json` prints it (4-space indent). */
export function toJson(v: unknown, sorted = true): string {
  return JSON.stringify(sorted ? sortKeys(v) : v, null, 4) + '\n';
}

// ---- JSONPath (the subset kubectl users write)

type Node = { text: string } | { path: string } | { range: string; body: Node[] };

function parseTemplate(t: string): Node[] | { error: string } {
  const nodes: Node[] = [];
  const stack: Node[][] = [nodes];
  const rangeStack: { range: string; body: Node[] }[] = [];
  let i = 0;
  while (i < t.length) {
    if (t[i] === '{') {
      let depth = 0;
      let j = i;
      let quote: string | null = null;
      for (; j < t.length; j++) {
        const ch = t[j]!;
        if (quote) {
          if (ch === '\\') j++;
          else if (ch === quote) quote = null;
          continue;
        }
        if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '{') depth++;
        else if (ch === '}' && --depth === 0) break;
      }
      if (j >= t.length) return { error: 'unclosed action' };
      const inner = t.slice(i + 1, j).trim();
      const cur = stack[stack.length - 1]!;
      if (inner.startsWith('range ')) {
        const r = { range: inner.slice(6).trim(), body: [] as Node[] };
        cur.push(r);
        rangeStack.push(r);
        stack.push(r.body);
      } else if (inner === 'end') {
        if (!rangeStack.length) return { error: 'not in range, nothing to end' };
        rangeStack.pop();
        stack.pop();
      } else if (/^".*"$|^'.*'$/s.test(inner)) {
        cur.push({ text: inner.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t') });
      } else cur.push({ path: inner });
      i = j + 1;
    } else {
      const j = t.indexOf('{', i);
      const end = j < 0 ? t.length : j;
      stack[stack.length - 1]!.push({ text: t.slice(i, end) });
      i = end;
    }
  }
  return nodes;
}

function splitPath(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '[') {
      if (depth === 0 && cur) {
        out.push(cur);
        cur = '';
      }
      depth++;
      cur += ch;
      if (depth === 1) continue;
    } else if (ch === ']') {
      depth--;
      cur += ch;
      if (depth === 0) {
        out.push(cur);
        cur = '';
      }
      continue;
    } else if (ch === '.' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function evalPath(root: unknown, current: unknown, path: string): unknown[] {
  let p = path.trim();
  let values: unknown[] = [p.startsWith('$') ? root : current];
  if (p.startsWith('$')) p = p.slice(1);
  if (p.startsWith('@')) p = p.slice(1);
  for (const seg of splitPath(p)) {
    const next: unknown[] = [];
    for (const v of values) {
      if (seg.startsWith('[')) {
        const inner = seg.slice(1, -1);
        if (!Array.isArray(v)) {
          if (inner === '*' && v && typeof v === 'object') next.push(...Object.values(v));
          continue;
        }
        if (inner === '*') next.push(...v);
        else if (/^-?\d+$/.test(inner)) {
          const n = Number(inner);
          const item = v[n < 0 ? v.length + n : n];
          if (item !== undefined) next.push(item);
        } else if (/^-?\d*:-?\d*$/.test(inner)) {
          const [a, b] = inner.split(':');
          next.push(...v.slice(a ? Number(a) : 0, b ? Number(b) : undefined));
        } else if (inner.startsWith('?(')) {
          const m = /^\?\(@\.([\w.]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))\)$/.exec(inner);
          if (!m) continue;
          const want = m[3] ?? m[4] ?? m[5] ?? '';
          for (const item of v) {
            const got = evalPath(root, item, `.${m[1]!}`)[0];
            if ((String(got) === want) === (m[2] === '==')) next.push(item);
          }
        } else {
          const k = inner.replace(/^['"]|['"]$/g, '');
          const x = (v as unknown as Record<string, unknown>)[k];
          if (x !== undefined) next.push(x);
        }
      } else if (seg === '*') {
        if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, seg)) {
        next.push((v as Record<string, unknown>)[seg]);
      }
    }
    values = next;
  }
  return values;
}

function show(v: unknown): string {
  if (v === null) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Runs a kubectl JSONPath template. Returns the text or kubectl's error. */
export function jsonPath(template: string, data: unknown): { out: string } | { error: string } {
  const t = template.includes('{') ? template : `{${template}}`;
  const nodes = parseTemplate(t);
  if ('error' in nodes) return { error: `error: error parsing jsonpath ${template}, ${nodes.error}` };
  let out = '';
  const run = (list: Node[], cur: unknown): string | undefined => {
    for (const n of list) {
      if ('text' in n) out += n.text;
      else if ('path' in n) {
        const vals = evalPath(data, cur, n.path);
        if (!vals.length && !n.path.includes('[')) {
          const last = splitPath(n.path.replace(/^[$@]/, '')).pop() ?? n.path;
          return `error: error executing jsonpath "${template}": Error executing template: ${last} is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n`;
        }
        out += vals.map(show).join(' ');
      } else {
        for (const item of evalPath(data, cur, n.range)) {
          const err = run(n.body, item);
          if (err) return err;
        }
      }
    }
    return undefined;
  };
  const err = run(nodes, data);
  return err ? { error: err } : { out };
}

/** `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` */
export function customColumns(spec: string, objects: unknown[]): { out: string } | { error: string } {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    return i < 0 ? undefined : { name: c.slice(0, i), path: c.slice(i + 1) };
  });
  if (cols.some((c) => !c)) return { error: 'error: custom-columns format specified but no custom columns given' };
  const rows = objects.map((o) =>
    cols.map((c) => {
      const p = c!.path.replace(/^\{|\}$/g, '');
      const v = evalPath(o, o, p.startsWith('.') ? p : `.${p}`);
      return v.length ? v.map(show).join(',') : '<none>';
    }),
  );
  return { out: formatTable(cols.map((c) => c!.name), rows) };
}

/**
 * Field order of the Go structs, for printing objects kubectl built itself (`--dry-run=client
 * -o json` marshals the typed object, not a sorted map). Unknown keys keep their order, last.
 */
const STRUCT_ORDER = [
  'kind', 'apiVersion', 'metadata', 'name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers',
  'immutable', 'data', 'stringData', 'binaryData', 'rules', 'subjects', 'roleRef', 'verbs', 'apiGroups', 'resources', 'resourceNames',
  'spec', 'replicas', 'parallelism', 'completions', 'schedule', 'selector', 'matchLabels', 'template', 'jobTemplate', 'strategy',
  'volumes', 'initContainers', 'containers', 'image', 'command', 'args', 'ports', 'containerPort', 'protocol', 'port', 'targetPort', 'nodePort', 'envFrom', 'env', 'value', 'resources', 'volumeMounts', 'imagePullPolicy', 'stdin', 'stdinOnce', 'tty',
  'restartPolicy', 'terminationGracePeriodSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'clusterIP', 'clusterIPs', 'type', 'externalName', 'status', 'loadBalancer',
];
const RANK = new Map(STRUCT_ORDER.map((k, i) => [k, i]));

export function structOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(structOrder);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    keys.sort((a, b) => (RANK.get(a) ?? 1000 + keys.indexOf(a)) - (RANK.get(b) ?? 1000 + keys.indexOf(b)));
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = structOrder((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
