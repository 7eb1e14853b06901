/** kubectl cordon, uncordon, drain, taint and top. */
import { waitUntil } from '../../time.ts';
import { parseDuration } from '../../clock.ts';
import { rt } from '../resources.ts';
import { deleteObject, getObject, listObjects, podsOnNode, updateObject } from '../store.ts';
import { tabwrite } from '../table.ts';
import type { KubeObject, PodSpec, Taint } from '../types.ts';
import { allowed, err, flagBool, out, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { parseSelector, matchRequirement } from '../labels.ts';
import { bytes, milliCpu } from '../quantity.ts';

export const DRAIN_FLAGS: FlagSpec = { bools: ['ignore-daemonsets', 'delete-emptydir-data', 'delete-local-data', 'force', 'disable-eviction', 'dry-run'], values: ['grace-period', 'timeout', 'pod-selector', 'selector', 'skip-wait-for-delete-timeout', 'chunk-size'], short: { l: 'selector' } };
export const TAINT_FLAGS: FlagSpec = { bools: ['overwrite', 'all'], values: ['selector', 'output', 'dry-run', 'validate'], short: { l: 'selector', o: 'output' } };
export const TOP_FLAGS: FlagSpec = { bools: ['all-namespaces', 'containers', 'no-headers', 'use-protocol-buffers', 'show-capacity', 'sum'], values: ['selector', 'sort-by', 'field-selector'], short: { A: 'all-namespaces', l: 'selector' } };

function nodesArg(k: K): KubeObject[] | undefined {
  const names = k.f.positional;
  const sel = k.f.flags.get('selector');
  if (!names.length && !sel) {
    err(k, "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
    return undefined;
  }
  const out: KubeObject[] = [];
  if (sel) {
    const reqs = parseSelector(sel);
    if ('error' in reqs) {
      err(k, reqs.error + '\n');
      return undefined;
    }
    out.push(...listObjects(k.c, rt('nodes')).filter((n) => reqs.every((r) => matchRequirement(r, n.metadata.labels))));
  }
  for (const n of names.map((x) => x.replace(/^(node|nodes|no)\//, ''))) {
    const node = getObject(k.c, rt('nodes'), undefined, n);
    if (!node) {
      err(k, `Error from server (NotFound): nodes "${n}" not found\n`);
      return undefined;
    }
    out.push(node);
  }
  return out;
}

export function cordon(k: K, on: boolean): number {
  const nodes = nodesArg(k);
  if (!nodes) return 1;
  for (const node of nodes) {
    if (!allowed(k, 'patch', rt('nodes'), undefined, node.metadata.name)) return 1;
    const spec = (node.spec ??= {}) as { unschedulable?: boolean };
    if (!!spec.unschedulable === on) {
      out(k, `node/${node.metadata.name} already ${on ? 'cordoned' : 'uncordoned'}\n`);
      continue;
    }
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    updateObject(k.c, rt('nodes'), node);
    out(k, `node/${node.metadata.name} ${on ? 'cordoned' : 'uncordoned'}\n`);
  }
  return 0;
}

export async function drain(k: K): Promise<number> {
  const nodes = nodesArg(k);
  if (!nodes) return 1;
  let status = 0;
  for (const node of nodes) {
    const name = node.metadata.name;
    const spec = (node.spec ??= {}) as { unschedulable?: boolean };
    if (!spec.unschedulable) {
      spec.unschedulable = true;
      updateObject(k.c, rt('nodes'), node);
      out(k, `node/${name} cordoned\n`);
    } else out(k, `node/${name} already cordoned\n`);
    const pods = podsOnNode(k.c, name)
      .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    const daemon = pods.filter((p) => p.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'DaemonSet'));
    const mirror = pods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.source'] === 'file');
    const bare = pods.filter((p) => !p.metadata.ownerReferences?.some((o) => o.controller) && !mirror.includes(p));
    const withLocal = pods.filter((p) => ((p.spec as unknown as PodSpec).volumes ?? []).some((v) => v.emptyDir) && !daemon.includes(p));
    const problems: string[] = [];
    const ids = (l: KubeObject[]) => l.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
    if (bare.length && !flagBool(k.f, 'force')) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${ids(bare)}`);
    if (daemon.length && !flagBool(k.f, 'ignore-daemonsets')) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ids(daemon)}`);
    if (withLocal.length && !flagBool(k.f, 'delete-emptydir-data') && !flagBool(k.f, 'delete-local-data')) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${ids(withLocal)}`);
    if (problems.length) {
      err(k, `error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.join('\n')}\n`);
      status = 1;
      continue;
    }
    const warnings: string[] = [];
    if (bare.length) warnings.push(`deleting Pods that declare no controller: ${ids(bare)}`);
    if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${ids(daemon)}`);
    if (warnings.length) err(k, `Warning: ${warnings.join('; ')}\n`);
    const evict = pods.filter((p) => !daemon.includes(p) && !mirror.includes(p));
    for (const p of evict) out(k, `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
    const grace = k.f.flags.get('grace-period');
    for (const p of evict) deleteObject(k.c, rt('pods'), p, grace !== undefined && Number(grace) >= 0 ? Number(grace) : undefined);
    const timeout = parseDuration(k.f.flags.get('timeout') ?? '0') || 60 * 60_000;
    const gone = new Set<string>();
    await waitUntil(
      k.ctx.world,
      () => {
        for (const p of evict) {
          if (gone.has(p.metadata.uid)) continue;
          const cur = getObject(k.c, rt('pods'), p.metadata.namespace, p.metadata.name);
          if (!cur || cur.metadata.uid !== p.metadata.uid) {
            gone.add(p.metadata.uid);
            out(k, `pod/${p.metadata.name} evicted\n`);
          }
        }
        return gone.size === evict.length;
      },
      timeout,
    );
    if (gone.size < evict.length) {
      err(k, `error: unable to drain node "${name}" due to error: global timeout reached: ${k.f.flags.get('timeout')}, continuing command...\n`);
      status = 1;
      continue;
    }
    out(k, `node/${name} drained\n`);
  }
  return status;
}

export function taint(k: K): number {
  const [kind, ...rest] = k.f.positional;
  if (!kind || !/^(node|nodes|no)(\/.*)?$/.test(kind)) {
    err(k, kind ? `error: invalid resource type ${kind}, only node types are supported\n` : "error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n");
    return 1;
  }
  const names = kind.includes('/') ? [kind.split('/')[1]!] : [];
  const specs: string[] = [];
  for (const r of rest) (r.includes('=') || r.includes(':') || r.endsWith('-') ? specs : names).push(r);
  if (!specs.length) {
    err(k, "error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n");
    return 1;
  }
  const nodes = flagBool(k.f, 'all') ? listObjects(k.c, rt('nodes')) : names.map((n) => getObject(k.c, rt('nodes'), undefined, n) ?? ({ missing: n } as unknown as KubeObject));
  let status = 0;
  for (const node of nodes) {
    const missing = (node as unknown as { missing?: string }).missing;
    if (missing) {
      err(k, `Error from server (NotFound): nodes "${missing}" not found\n`);
      status = 1;
      continue;
    }
    const spec = (node.spec ??= {}) as { taints?: Taint[] };
    let taints = [...(spec.taints ?? [])];
    let removed = false;
    let added = false;
    for (const s of specs) {
      if (s.endsWith('-')) {
        const body = s.slice(0, -1);
        const [kv, effect] = body.split(':') as [string, string | undefined];
        const key = kv.split('=')[0]!;
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
        if (taints.length === before) {
          err(k, `error: taint "${body}" not found\n`);
          return 1;
        }
        removed = true;
        continue;
      }
      const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(s);
      if (!m) {
        err(k, /:[^:]+$/.test(s) ? `error: invalid taint effect: ${s.split(':').pop()}, unsupported taint effect\n` : `error: invalid taint spec: ${s}, unknown taint effect\n`);
        return 1;
      }
      const existing = taints.find((t) => t.key === m[1] && t.effect === m[3]);
      if (existing && !flagBool(k.f, 'overwrite')) {
        err(k, `error: node ${node.metadata.name} already has ${m[1]} taint(s) with same effect(s) and --overwrite is false\n`);
        return 1;
      }
      taints = taints.filter((t) => !(t.key === m[1] && t.effect === m[3]));
      taints.push({ effect: m[3]!, key: m[1]!, ...(m[2] ? { value: m[2] } : {}), ...(m[3] === 'NoExecute' ? { timeAdded: new Date(k.ctx.world.state.clock.epoch + k.ctx.world.now).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}) });
      added = true;
    }
    if (!allowed(k, 'patch', rt('nodes'), undefined, node.metadata.name)) return 1;
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    updateObject(k.c, rt('nodes'), node);
    out(k, `node/${node.metadata.name} ${added && !removed ? 'tainted' : removed && !added ? 'untainted' : 'modified'}\n`);
  }
  return status;
}

/** What metrics-server would report for a pod: its containers' working sets and CPU. */
function podUsage(k: K, pod: KubeObject): { cpu: number; mem: number; perContainer: { name: string; cpu: number; mem: number }[] } {
  const pr = k.c.s.runtime[pod.metadata.uid];
  const per = (pr?.containers ?? []).filter((c) => !c.init && c.state === 'running').map((c) => ({ name: c.name, cpu: c.cpu ?? 1, mem: c.memory ?? 2 * 1024 * 1024 }));
  return { cpu: per.reduce((n, c) => n + c.cpu, 0), mem: per.reduce((n, c) => n + c.mem, 0), perContainer: per };
}

function topTable(rows: string[][], headers: boolean): string {
  const all = headers ? rows : rows.slice(1);
  return tabwrite(all.map((r) => r.map((c) => `${c}\t`).join('')).join('\n') + '\n', 6, 3);
}

export function top(k: K, args: string[]): number {
  const [what, ...names] = args;
  const headers = !flagBool(k.f, 'no-headers');
  const mi = (b: number) => `${Math.round(b / 1024 / 1024)}Mi`;
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const nodes = names.length ? names.map((n) => getObject(k.c, rt('nodes'), undefined, n)) : listObjects(k.c, rt('nodes'));
    if (nodes.some((n) => !n)) {
      err(k, `Error from server (NotFound): nodes "${names.find((n) => !getObject(k.c, rt('nodes'), undefined, n))}" not found\n`);
      return 1;
    }
    const rows = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const n of nodes as KubeObject[]) {
      const running = k.c.s.machines[n.metadata.name]?.running !== false;
      const alloc = (n.status?.allocatable ?? {}) as Record<string, string>;
      // The OS and kubelet take their share before any pod does.
      let cpu = n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 60 : 25;
      let mem = (n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 520 : 380) * 1024 * 1024;
      for (const p of podsOnNode(k.c, n.metadata.name)) {
        const u = podUsage(k, p);
        cpu += u.cpu;
        mem += u.mem;
      }
      if (!running) rows.push([n.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
      else rows.push([n.metadata.name, `${cpu}m`, `${Math.floor((cpu * 100) / Math.max(1, milliCpu(alloc.cpu)))}%`, mi(mem), `${Math.floor((mem * 100) / Math.max(1, bytes(alloc.memory)))}%`]);
    }
    out(k, topTable(rows, headers));
    return 0;
  }
  if (what === 'pod' || what === 'pods' || what === 'po') {
    const allNs = flagBool(k.f, 'all-namespaces');
    let pods = names.length ? names.map((n) => getObject(k.c, rt('pods'), k.ns, n)).filter((p): p is KubeObject => !!p) : listObjects(k.c, rt('pods'), allNs ? undefined : k.ns);
    if (names.length && pods.length < names.length) {
      err(k, `error: pods "${names.find((n) => !getObject(k.c, rt('pods'), k.ns, n))}" not found\n`);
      return 1;
    }
    const sel = k.f.flags.get('selector');
    if (sel) {
      const reqs = parseSelector(sel);
      if ('error' in reqs) {
        err(k, reqs.error + '\n');
        return 1;
      }
      pods = pods.filter((p) => reqs.every((r) => matchRequirement(r, p.metadata.labels)));
    }
    pods = pods.filter((p) => p.status?.phase === 'Running');
    if (!pods.length) {
      err(k, allNs ? 'No resources found\n' : `No resources found in ${k.ns} namespace.\n`);
      return 0;
    }
    const containers = flagBool(k.f, 'containers');
    const rows = [[...(allNs ? ['NAMESPACE'] : []), 'NAME', ...(containers ? ['CONTAINER'] : []), 'CPU(cores)', 'MEMORY(bytes)']];
    const usage = pods.map((p) => ({ p, u: podUsage(k, p) }));
    const sortBy = k.f.flags.get('sort-by');
    if (sortBy === 'cpu') usage.sort((a, b) => b.u.cpu - a.u.cpu);
    if (sortBy === 'memory') usage.sort((a, b) => b.u.mem - a.u.mem);
    for (const { p, u } of usage) {
      if (containers) for (const c of u.perContainer) rows.push([...(allNs ? [p.metadata.namespace ?? ''] : []), p.metadata.name, c.name, `${c.cpu}m`, mi(c.mem)]);
      else rows.push([...(allNs ? [p.metadata.namespace ?? ''] : []), p.metadata.name, `${u.cpu}m`, mi(u.mem)]);
    }
    out(k, topTable(rows, headers));
    return 0;
  }
  if (!what) {
    out(k, 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n');
    return 0;
  }
  err(k, `error: unknown command "${what}" for "kubectl top"\n`);
  return 1;
}
