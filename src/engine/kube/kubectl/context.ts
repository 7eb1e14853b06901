/** What every kubectl subcommand works with: the cluster of the current context, namespace, user, output streams. */
import type { CommandContext } from '../../shell/types.ts';
import type { ApiError } from '../api.ts';
import { authorize, forbiddenMessage, userInfo, type UserInfo } from '../rbac.ts';
import { getCluster, kubeState, type Cluster } from '../store.ts';
import type { ResourceType } from '../types.ts';
import { flagBool, type Parsed } from './flags.ts';

export interface K {
  ctx: CommandContext;
  c: Cluster;
  ns: string;
  nsExplicit: boolean;
  user: UserInfo;
  /** Whether the user is the context's own (no --as): admin shortcuts are allowed. */
  f: Parsed;
  cmd: string;
}

export function out(k: K, s: string): void {
  k.ctx.stdout.write(s);
}

export function err(k: K, s: string): void {
  k.ctx.stderr.write(s);
}

export function apiError(k: K, e: ApiError, context?: string): void {
  err(k, `Error from server (${e.reason}): ${context ? `${context}: ` : ''}${e.message}\n`);
}

/** Checks RBAC for the request; prints the Forbidden error and returns false when denied. */
export function allowed(k: K, verb: string, type: ResourceType, namespace: string | undefined, name?: string, sub?: string, context?: string): boolean {
  const ns = type.namespaced ? namespace : undefined;
  if (authorize(k.c, k.user, verb, type.group, sub ? `${type.plural}/${sub}` : type.plural, ns, name)) return true;
  err(k, `Error from server (Forbidden): ${context ? `${context}: ` : ''}${forbiddenMessage(k.user, verb, type, ns, name, sub)}\n`);
  return false;
}

/** Applies global flags a subcommand parsed itself (`kubectl create role ... -n team-a --as dev`). */
export function applyGlobals(k: K, f: Parsed): void {
  const ns = f.flags.get('namespace');
  if (ns !== undefined) {
    k.ns = ns;
    k.nsExplicit = true;
  }
  const as = f.flags.get('as');
  if (as !== undefined) k.user = userInfo(as, f.multi.get('as-group') ?? []);
}

/** Builds the command context from global flags, or returns kubectl's error. */
export function makeK(ctx: CommandContext, f: Parsed, cmd: string): K | { error: string } {
  const ks = kubeState(ctx.world);
  const ctxName = f.flags.get('context') ?? ks.config.current;
  const kc = ks.config.contexts.find((x) => x.name === ctxName);
  if (!kc) {
    if (!ks.config.contexts.length) return { error: 'E1121 10:00:00.000000    1234 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?' };
    return { error: `error: context "${ctxName}" does not exist` };
  }
  const c = getCluster(ctx.world, kc.cluster);
  if (!c) return { error: `error: cluster "${kc.cluster}" was not found for context "${kc.name}"` };
  const as = f.flags.get('as');
  const nsFlag = f.flags.get('namespace');
  return {
    ctx,
    c,
    ns: nsFlag ?? kc.namespace ?? 'default',
    nsExplicit: nsFlag !== undefined,
    user: userInfo(as ?? kc.user, f.multi.get('as-group') ?? []),
    f,
    cmd,
  };
}

export { flagBool };
