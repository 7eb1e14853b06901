/** kubectl exec, and the choice of pod and container that logs and attach share. */
import { whenShellExits } from '../../shell/session.ts';
import { runningView } from '../kubelet.ts';
import { findResource, rt } from '../resources.ts';
import { dependents, getObject } from '../store.ts';
import type { KubeObject, PodSpec } from '../types.ts';
import { notFoundError, runInContainer } from './attach.ts';
import { allowed, err, flagBool, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';

export const EXEC_FLAGS: FlagSpec = { bools: ['stdin', 'tty', 'quiet'], values: ['container', 'pod-running-timeout'], multi: ['filename'], short: { c: 'container', i: 'stdin', t: 'tty', q: 'quiet', f: 'filename' } };

/** `web`, `pod/web`, `deploy/web` → a pod (the first one for a workload, as kubectl picks it). */
export function podFor(k: K, ref: string, verbNote: string): KubeObject | undefined {
  if (!ref.includes('/')) {
    const pod = getObject(k.c, rt('pods'), k.ns, ref);
    if (!pod) err(k, `Error from server (NotFound): pods "${ref}" not found\n`);
    return pod;
  }
  const [tn, name] = ref.split('/') as [string, string];
  const type = findResource(tn);
  if (!type) {
    err(k, `error: the server doesn't have a resource type "${tn}"\n`);
    return undefined;
  }
  const obj = getObject(k.c, type, k.ns, name);
  if (!obj) {
    err(k, `Error from server (NotFound): ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}" not found\n`);
    return undefined;
  }
  if (type.kind === 'Pod') return obj;
  let pods: KubeObject[] = [];
  if (type.kind === 'Deployment') for (const rs of dependents(k.c, obj.metadata.uid, 'replicasets')) pods.push(...dependents(k.c, rs.metadata.uid, 'pods'));
  else pods = dependents(k.c, obj.metadata.uid, 'pods');
  pods = pods.filter((p) => !p.metadata.deletionTimestamp).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.name < b.metadata.name ? -1 : 1));
  if (!pods.length) {
    err(k, `error: timed out waiting for the condition\n`);
    return undefined;
  }
  // kubectl logs says which pod it picked; exec does not.
  if (pods.length > 1 && verbNote === 'logs') err(k, `Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n`);
  return pods[0];
}

export function pickContainer(k: K, pod: KubeObject, name: string | undefined): string | undefined {
  const ctrs = (pod.spec as unknown as PodSpec).containers.map((c) => c.name);
  const inits = ((pod.spec as unknown as PodSpec).initContainers ?? []).map((c) => c.name);
  if (name) {
    if (![...ctrs, ...inits].includes(name)) {
      err(k, `error: container ${name} is not valid for pod ${pod.metadata.name}\n`);
      return undefined;
    }
    return name;
  }
  if (ctrs.length > 1 && !k.f.flags.get('quiet')) err(k, `Defaulted container "${ctrs[0]}" out of: ${[...ctrs, ...inits.map((i) => `${i} (init)`)].join(', ')}\n`);
  return ctrs[0];
}

export function waitingReason(pod: KubeObject, name: string): string | undefined {
  const all = [...((pod.status?.containerStatuses ?? []) as { name: string; state?: { waiting?: { reason?: string } } }[]), ...((pod.status?.initContainerStatuses ?? []) as { name: string; state?: { waiting?: { reason?: string } } }[])];
  const cs = all.find((c) => c.name === name);
  return cs?.state?.waiting?.reason ?? (cs ? undefined : 'ContainerCreating');
}

export async function exec(k: K): Promise<number> {
  const f = k.f;
  const ref = f.positional[0];
  if (!ref) {
    err(k, 'error: you must specify at least one command for the container\n');
    return 1;
  }
  if (!f.sawDashDash) {
    if (f.positional.length > 1) {
      err(k, `error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n`);
      return 1;
    }
    err(k, 'error: you must specify at least one command for the container\n');
    return 1;
  }
  if (!f.rest.length) {
    err(k, 'error: you must specify at least one command for the container\n');
    return 1;
  }
  const pod = podFor(k, ref, 'exec');
  if (!pod) return 1;
  if (!allowed(k, 'create', rt('pods'), pod.metadata.namespace, pod.metadata.name, 'exec')) return 1;
  const name = pickContainer(k, pod, f.flags.get('container'));
  if (!name) return 1;
  const phase = String(pod.status?.phase ?? '');
  if (phase === 'Succeeded' || phase === 'Failed') {
    err(k, `error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
    return 1;
  }
  const v = runningView(k.c, pod, name);
  if (!v) {
    err(k, `error: unable to upgrade connection: container not found ("${name}")\n`);
    return 1;
  }
  // kubectl's terminal set-up: -t needs -i, and a terminal to be one.
  const stdin = flagBool(f, 'stdin');
  let tty = stdin && flagBool(f, 'tty');
  if (tty && !k.ctx.tty) {
    if (!flagBool(f, 'quiet')) err(k, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  const r = await runInContainer(k, v, f.rest, { stdin, tty, main: false });
  if ('notFound' in r) return notFoundError(k, r.notFound);
  if (r.opened !== undefined) {
    whenShellExits(k.ctx.world, r.opened, 'kubectl-exec', null);
    return 0;
  }
  if (r.code !== 0) err(k, `command terminated with exit code ${r.code}\n`);
  return r.code;
}
