// Client-side parameter validation as botocore does it before any request leaves the AWS
// CLI: missing required, unknown and wrongly typed parameters, and minimum lengths.
// Messages are botocore's, word for word; hints add what a learner should change.

import { didYouMean } from '../suggest.ts';
import type { PathSegment } from '../types.ts';
import { pyStr, pyType } from './python-format.ts';
import type { Shape } from './shape.ts';
import { SHAPES } from './shapes.generated.ts';

export interface ParamIssue {
  code: 'ECS001' | 'ECS002' | 'ECS003' | 'ECS019';
  /** The line botocore prints under "Parameter validation failed:". */
  message: string;
  hint: string;
  path: PathSegment[];
  /** Point at the key rather than the value (unknown parameters). */
  atKey: boolean;
}

const VALID_TYPES: Readonly<Record<string, string>> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  double: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  float: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
};

/** Output-only fields of describe-task-definition that people paste back into input. */
const DESCRIBE_ONLY = new Set(['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt']);

function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeOk(v: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    // Python's bool is an int, so botocore accepts true where an integer belongs.
    case 'integer': case 'long': return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'boolean';
    case 'boolean': return typeof v === 'boolean';
    case 'double': case 'float': return typeof v === 'number' || typeof v === 'boolean';
    case 'structure': case 'map': return isDict(v);
    case 'list': return Array.isArray(v);
    default: return true;
  }
}

function display(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function typeHint(v: unknown, type: string, name: string): string {
  const leaf = name.split('.').pop() ?? name;
  if (type === 'string' && (typeof v === 'number' || typeof v === 'boolean')) return `Quote the value: "${leaf}": "${pyStr(v).toLowerCase() === 'true' || pyStr(v).toLowerCase() === 'false' ? String(v) : pyStr(v)}".`;
  if ((type === 'integer' || type === 'long') && typeof v === 'string' && /^-?\d+$/.test(v.trim())) return `Remove the quotes: "${leaf}": ${v.trim()}.`;
  if (type === 'boolean' && typeof v === 'string' && /^(true|false)$/i.test(v)) return `Write ${v.toLowerCase()} without quotes.`;
  if (type === 'list' && !Array.isArray(v)) return `Wrap the value in [ ]: "${leaf}" takes a list.`;
  if ((type === 'structure' || type === 'map') && Array.isArray(v)) return `"${leaf}" takes an object { }, not a list.`;
  return `"${leaf}" takes ${type === 'structure' || type === 'map' ? 'an object' : type === 'list' ? 'a list' : `a ${type === 'long' ? 'integer' : type}`}.`;
}

function unknownHint(key: string, valid: string[], path: readonly PathSegment[]): string {
  if (path.length === 0 && key === 'taskDefinition') {
    return 'This looks like describe-task-definition output. Register the object inside "taskDefinition", without taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt and registeredBy.';
  }
  if (path.length === 0 && DESCRIBE_ONLY.has(key)) return `"${key}" is returned by describe-task-definition but cannot be sent back; remove it.`;
  const guess = didYouMean(key, valid);
  if (guess) return `Did you mean "${guess}"? Parameter names are case-sensitive.`;
  return 'Remove it, or check the spelling against the list above.';
}

function requiredHint(name: string): string {
  switch (name) {
    case 'family': return 'Add "family": the name shared by every revision of this task definition, for example "web".';
    case 'containerDefinitions': return 'Add "containerDefinitions": a list with at least one container ({"name": ..., "image": ...}).';
    case 'serviceName': return 'Add "serviceName": the name of the service.';
    case 'subnets': return 'Add "subnets": a list of 1 to 16 subnet IDs, for example ["subnet-0abc1234"].';
    default: return `Add "${name}".`;
  }
}

/** Validates `params` against an operation's input shape; issues come in botocore order. */
export function validateParams(params: unknown, shapeName: string): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const visit = (v: unknown, shape: Shape, path: PathSegment[], depth: number): void => {
    if (depth > 64 || shape.document) return;
    const name = display(path);
    if (!typeOk(v, shape.type)) {
      const valid = VALID_TYPES[shape.type];
      if (valid) {
        issues.push({
          code: 'ECS003',
          message: `Invalid type for parameter ${name || 'input'}, value: ${pyStr(v)}, type: ${pyType(v)}, valid types: ${valid}`,
          hint: typeHint(v, shape.type, name),
          path, atKey: false,
        });
      }
      return;
    }
    if (shape.type === 'structure' && isDict(v)) {
      const members = shape.members ?? {};
      for (const req of shape.required ?? []) {
        if (!Object.prototype.hasOwnProperty.call(v, req)) {
          issues.push({ code: 'ECS002', message: `Missing required parameter in ${name || 'input'}: "${req}"`, hint: requiredHint(req), path, atKey: true });
        }
      }
      const valid = Object.keys(members);
      const known: string[] = [];
      for (const k of Object.keys(v)) {
        if (Object.prototype.hasOwnProperty.call(members, k)) known.push(k);
        else {
          issues.push({
            code: 'ECS001',
            message: `Unknown parameter in ${name || 'input'}: "${k}", must be one of: ${valid.join(', ')}`,
            hint: unknownHint(k, valid, path),
            path: [...path, k], atKey: true,
          });
        }
      }
      for (const k of known) {
        const child = SHAPES[members[k] ?? ''];
        if (child) visit(v[k], child, [...path, k], depth + 1);
      }
      return;
    }
    if (shape.type === 'list' && Array.isArray(v)) {
      if (shape.min !== undefined && v.length < shape.min) {
        issues.push({ code: 'ECS019', message: `Invalid length for parameter ${name}, value: ${v.length}, valid min length: ${shape.min}`, hint: `Give at least ${shape.min} item(s).`, path, atKey: false });
      }
      const member = SHAPES[shape.member ?? ''];
      if (member) v.forEach((item, i) => visit(item, member, [...path, i], depth + 1));
      return;
    }
    if (shape.type === 'map' && isDict(v)) {
      const value = SHAPES[shape.value ?? ''];
      if (value) for (const [k, x] of Object.entries(v)) visit(x, value, [...path, k], depth + 1);
      return;
    }
    if (shape.type === 'string' && typeof v === 'string' && shape.min !== undefined && v.length < shape.min) {
      issues.push({ code: 'ECS019', message: `Invalid length for parameter ${name}, value: ${v.length}, valid min length: ${shape.min}`, hint: `Give "${name.split('.').pop() ?? name}" at least ${shape.min} character(s).`, path, atKey: false });
    }
    if ((shape.type === 'integer' || shape.type === 'long') && typeof v === 'number' && shape.min !== undefined && v < shape.min) {
      issues.push({ code: 'ECS019', message: `Invalid value for parameter ${name}, value: ${v}, valid min value: ${shape.min}`, hint: `Use a value of at least ${shape.min}.`, path, atKey: false });
    }
  };
  const root = SHAPES[shapeName];
  if (root) visit(params, root, [], 0);
  return issues;
}

/** Every string value whose shape is an enum but whose value is not one of it. */
export function enumIssues(params: unknown, shapeName: string): { path: PathSegment[]; value: string; allowed: readonly string[] }[] {
  const out: { path: PathSegment[]; value: string; allowed: readonly string[] }[] = [];
  const visit = (v: unknown, shape: Shape | undefined, path: PathSegment[], depth: number): void => {
    if (!shape || depth > 64) return;
    if (shape.enum && typeof v === 'string' && !shape.enum.includes(v)) out.push({ path, value: v, allowed: shape.enum });
    if (shape.type === 'structure' && isDict(v)) {
      for (const [k, x] of Object.entries(v)) {
        const m = shape.members?.[k];
        if (m && Object.prototype.hasOwnProperty.call(shape.members ?? {}, k)) visit(x, SHAPES[m], [...path, k], depth + 1);
      }
    } else if (shape.type === 'list' && Array.isArray(v)) {
      v.forEach((x, i) => visit(x, SHAPES[shape.member ?? ''], [...path, i], depth + 1));
    } else if (shape.type === 'map' && isDict(v)) {
      for (const [k, x] of Object.entries(v)) visit(x, SHAPES[shape.value ?? ''], [...path, k], depth + 1);
    }
  };
  visit(params, SHAPES[shapeName], [], 0);
  return out;
}
