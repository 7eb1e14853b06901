/** Label selectors: the structured form in specs and the string form of `kubectl -l`. */
import type { LabelSelector } from './types.ts';

type Labels = Record<string, string> | undefined;

export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : undefined;
  switch (r.op) {
    case 'In':
      return has && r.values.includes(v!);
    case 'NotIn':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function requirementsOf(sel: LabelSelector | undefined): Requirement[] {
  const out: Requirement[] = [];
  if (!sel) return out;
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) out.push({ key, op: 'In', values: [String(value)] });
  for (const e of sel.matchExpressions ?? []) out.push({ key: e.key, op: e.operator as Requirement['op'], values: e.values ?? [] });
  return out;
}

/** Whether labels meet every requirement (a parsed selector). */
export function matchAll(reqs: Requirement[], labels: Labels): boolean {
  for (let i = 0; i < reqs.length; i++) if (!matchRequirement(reqs[i]!, labels)) return false;
  return true;
}

/** metav1.LabelSelector semantics: an empty selector matches everything. */
export function matchSelector(sel: LabelSelector | undefined, labels: Labels): boolean {
  return matchAll(requirementsOf(sel), labels);
}

/** A Service/RC-style map selector: every pair must match; an empty map matches nothing here (callers decide). */
export function matchMap(sel: Record<string, string> | undefined, labels: Labels): boolean {
  if (!sel) return false;
  for (const k of Object.keys(sel)) if (labels?.[k] !== sel[k]) return false;
  return true;
}

/** Parses `app=web,tier!=db,env in (a,b),!legacy,gpu` as kubectl -l does. */
export function parseSelector(text: string): Requirement[] | { error: string } {
  const out: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      out.push({ key: m[1]!, op: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((s) => s.trim()).filter(Boolean) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(p))) {
      out.push({ key: m[1]!, op: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]!] });
    } else if ((m = /^!([\w./-]+)$/.exec(p))) out.push({ key: m[1]!, op: 'DoesNotExist', values: [] });
    else if ((m = /^([\w./-]+)$/.exec(p))) out.push({ key: m[1]!, op: 'Exists', values: [] });
    else return { error: `error: unable to parse requirement: found '${p.replace(/^[\w./-]+/, '').trim()[0] ?? p}', expected: ',' or 'end of string'` };
  }
  return out;
}

/** `app=web,tier=db` for wide output and describe; `<none>` when empty. */
export function formatMap(m: Record<string, string> | undefined, none = '<none>'): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : none;
}

/** How kubectl prints a metav1.LabelSelector in wide output: `app=web` or `app in (a,b)`. */
export function formatSelector(sel: LabelSelector | undefined): string {
  const reqs = requirementsOf(sel);
  if (!reqs.length) return '<none>';
  return reqs
    .map((r) => {
      if (r.op === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      if (r.op === 'In') return `${r.key} in (${r.values.join(',')})`;
      if (r.op === 'NotIn') return `${r.key} notin (${r.values.join(',')})`;
      if (r.op === 'Exists') return r.key;
      return `!${r.key}`;
    })
    .join(',');
}
