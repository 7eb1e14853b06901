/**
 * Responses as the AWS CLI prints them: botocore's parser builds each structure in its
 * model's member order and leaves out members the model does not have, so the order of a
 * response follows the operation's output shape (shapes.generated.ts), not the order the
 * simulation built its objects in. Maps keep their own order.
 */
import { SHAPES } from './shapes.generated.ts';

type Member = readonly [name: string, structure: string | undefined];

const memberCache = new Map<string, readonly Member[]>();

function members(service: string, shape: string): readonly Member[] {
  const key = `${service}/${shape}`;
  let list = memberCache.get(key);
  if (!list) {
    const text = SHAPES[service]?.shapes[shape];
    if (text === undefined) throw new Error(`no output shape ${shape} for ${service}`);
    list = text ? text.split(' ').map((m) => m.split(':') as unknown as Member) : [];
    memberCache.set(key, list);
  }
  return list;
}

/** `run-task` → `RunTask`, the operation's name in the API and in error texts. */
export function apiOperationName(cli: string): string {
  return cli
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function order(service: string, shape: string, value: unknown, path: string, unknown: string[] | undefined): unknown {
  if (Array.isArray(value)) return value.map((v, i) => order(service, shape, v, `${path}[${i}]`, unknown));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const list = members(service, shape);
  for (const [name, structure] of list) {
    const v = Object.hasOwn(obj, name) ? obj[name] : undefined;
    if (v === undefined || v === null) continue;
    out[name] = structure ? order(service, structure, v, `${path}.${name}`, unknown) : v;
  }
  if (unknown) for (const k of Object.keys(obj)) if (!list.some(([n]) => n === k)) unknown.push(`${path}.${k}`);
  return out;
}

/**
 * Orders `result` by the output shape of `service`'s operation `op` (API name). Operations
 * without a model output (CLI customizations such as `get-login-password`) pass through.
 * `unknown`, when given, collects the paths of members the model does not have.
 */
export function orderResponse(service: string, op: string, result: Record<string, unknown>, unknown?: string[]): Record<string, unknown> {
  const shape = SHAPES[service]?.ops[op];
  return shape ? (order(service, shape, result, op, unknown) as Record<string, unknown>) : result;
}
