/** kubectl scale, set image, rollout (status/history/undo/restart/pause/resume), label, annotate and wait. */
import { parseDuration, rfc3339 } from '../../clock.ts';
import { waitUntil } from '../../time.ts';
import { deepDict } from '../../util/dict.ts';
import { apiUpdate } from '../api.ts';
import { CHANGE_CAUSE, REVISION } from '../controllers/deployment.ts';
import { findResource, groupResource, qualifiedName } from '../resources.ts';
import { dependents, getObject, updateObject } from '../store.ts';
import { formatTable, tabwrite } from '../table.ts';
import type { KubeObject, PodSpec, ResourceType } from '../types.ts';
import { allowed, apiError, applyGlobals, err, flagBool, out, type K } from './context.ts';
import { parseFlags, type FlagSpec } from './flags.ts';
import { jsonPath } from './output.ts';
import { resolveTargets, selectObjects } from './resolve.ts';

export const SCALE_FLAGS: FlagSpec = { bools: ['all', 'record'], values: ['replicas', 'current-replicas', 'resource-version', 'selector', 'timeout', 'output', 'dry-run'], multi: ['filename'], short: { l: 'selector', o: 'output', f: 'filename' } };
export const LABEL_FLAGS: FlagSpec = { bools: ['overwrite', 'all', 'all-namespaces', 'list', 'local'], values: ['selector', 'resource-version', 'output', 'dry-run', 'field-selector'], multi: ['filename'], short: { l: 'selector', o: 'output', f: 'filename', A: 'all-namespaces' } };
export const WAIT_FLAGS: FlagSpec = { bools: ['all', 'all-namespaces', 'local'], values: ['for', 'timeout', 'selector', 'field-selector', 'output'], multi: ['filename'], short: { l: 'selector', A: 'all-namespaces', f: 'filename', o: 'output' } };

function notFound(k: K, t: ResourceType, name: string): number {
  err(k, `Error from server (NotFound): ${groupResource(t)} "${name}" not found\n`);
  return 1;
}

/** `deploy/web` or `deploy web` → the object, printing kubectl's error when it is missing. */
function one(k: K, args: string[], verb: string): { type: ResourceType; obj: KubeObject } | undefined {
  const targets = resolveTargets(args);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return undefined;
  }
  const t = targets[0];
  if (!t || !t.names.length) {
    err(k, `error: required resource not specified\n`);
    return undefined;
  }
  if (!allowed(k, verb, t.type, k.ns, t.names[0])) return undefined;
  const obj = getObject(k.c, t.type, k.ns, t.names[0]!);
  if (!obj) {
    notFound(k, t.type, t.names[0]!);
    return undefined;
  }
  return { type: t.type, obj };
}

export function scale(k: K): number {
  const replicas = k.f.flags.get('replicas');
  if (replicas === undefined) {
    err(k, "error: required flag(s) \"replicas\" not set\n");
    return 1;
  }
  const n = Number(replicas);
  if (!Number.isInteger(n) || n < 0) {
    err(k, 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    return 1;
  }
  const targets = resolveTargets(k.f.positional);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return 1;
  }
  let status = 0;
  for (const t of targets) {
    if (!['Deployment', 'ReplicaSet', 'Job'].includes(t.type.kind)) {
      err(k, `error: no objects passed to scale ${t.type.plural} is not scalable\n`);
      return 1;
    }
    for (const name of t.names) {
      if (!allowed(k, 'patch', t.type, k.ns, name, 'scale')) {
        status = 1;
        continue;
      }
      const obj = getObject(k.c, t.type, k.ns, name);
      if (!obj) {
        status = notFound(k, t.type, name);
        continue;
      }
      const cur = k.f.flags.get('current-replicas');
      const spec = obj.spec as { replicas?: number; parallelism?: number };
      if (cur !== undefined && Number(cur) !== (spec.replicas ?? 1)) {
        err(k, `error: Expected replicas to be ${cur}, was ${spec.replicas ?? 1}\n`);
        status = 1;
        continue;
      }
      if (t.type.kind === 'Job') spec.parallelism = n;
      else spec.replicas = n;
      updateObject(k.c, t.type, obj, true);
      out(k, `${qualifiedName(t.type)}/${name} scaled\n`);
    }
  }
  return status;
}

function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as unknown as PodSpec;
  if (obj.kind === 'CronJob') return (obj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } }).jobTemplate?.spec?.template?.spec;
  return (obj.spec as { template?: { spec?: PodSpec } }).template?.spec;
}

export function set(k: K, args: string[]): number {
  const [what, ...rest] = args;
  if (what !== 'image' && what !== 'env' && what !== 'resources') {
    err(k, what ? `error: unknown command "${what}" for "kubectl set"\n` : 'error: Required resource not specified.\n');
    return 1;
  }
  if (what !== 'image') {
    err(k, `error: 'kubectl set ${what}' is not available in this lab environment; edit the manifest and apply it\n`);
    return 1;
  }
  const f = parseFlags('kubectl set image', rest, { bools: ['all', 'local', 'record'], values: ['selector', 'output', 'dry-run'], multi: ['filename'], short: { l: 'selector', o: 'output', f: 'filename' } });
  if ('error' in f) {
    err(k, f.error + '\n');
    return 1;
  }
  applyGlobals(k, f);
  const pairs = f.positional.filter((p) => p.includes('='));
  const res = f.positional.filter((p) => !p.includes('='));
  if (!pairs.length) {
    err(k, "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples\n");
    return 1;
  }
  const target = one(k, res, 'patch');
  if (!target) return 1;
  const spec = podSpecOf(target.obj);
  if (!spec) {
    err(k, `error: ${qualifiedName(target.type)}/${target.obj.metadata.name} does not have a pod template\n`);
    return 1;
  }
  const updated = deepDict(target.obj);
  const uspec = podSpecOf(updated)!;
  for (const p of pairs) {
    const [name, image] = p.split('=') as [string, string];
    const ctrs = name === '*' ? [...uspec.containers, ...(uspec.initContainers ?? [])] : [...uspec.containers, ...(uspec.initContainers ?? [])].filter((c) => c.name === name);
    if (!ctrs.length) {
      err(k, `error: unable to find container named "${name}"\n`);
      return 1;
    }
    for (const c of ctrs) c.image = image;
  }
  const r = apiUpdate(k.c, target.type, target.obj, updated);
  if (!r.ok) {
    if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
    else apiError(k, r.error);
    return 1;
  }
  out(k, `${qualifiedName(target.type)}/${target.obj.metadata.name} image updated\n`);
  return 0;
}

/** The rollout status message of a Deployment now, and whether the rollout is done (or failed). */
export function deploymentRolloutStatus(d: KubeObject): { msg: string; done: boolean; error?: string } {
  const spec = d.spec as { replicas?: number };
  const st = (d.status ?? {}) as { observedGeneration?: number; updatedReplicas?: number; replicas?: number; availableReplicas?: number; conditions?: { type: string; reason: string }[] };
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
  if (st.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { msg: '', done: true, error: `error: deployment "${name}" exceeded its progress deadline\n` };
  const want = spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
}

function daemonSetRolloutStatus(ds: KubeObject): { msg: string; done: boolean; error?: string } {
  const st = (ds.status ?? {}) as Record<string, number>;
  const name = ds.metadata.name;
  if ((st.updatedNumberScheduled ?? 0) < (st.desiredNumberScheduled ?? 0)) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${st.desiredNumberScheduled ?? 0} new pods have been updated...\n`, done: false };
  if ((st.numberAvailable ?? 0) < (st.desiredNumberScheduled ?? 0)) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled ?? 0} updated pods are available...\n`, done: false };
  return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
}

const rev = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

export async function rollout(k: K, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const subs = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
  if (!sub || !subs.includes(sub)) {
    if (sub && !sub.startsWith('-')) err(k, `error: unknown command "${sub}" for "kubectl rollout"\n`);
    else out(k, 'Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nExamples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n');
    return sub && !sub.startsWith('-') ? 1 : 0;
  }
  const f = parseFlags(`kubectl rollout ${sub}`, rest, { bools: ['watch', 'recursive'], values: ['timeout', 'revision', 'to-revision', 'output', 'dry-run', 'selector'], multi: ['filename'], short: { w: 'watch', o: 'output', f: 'filename', l: 'selector', R: 'recursive' } });
  if ('error' in f) {
    err(k, f.error + '\n');
    return 1;
  }
  applyGlobals(k, f);
  if (!f.positional.length) {
    err(k, "error: required resource not specified\n");
    return 1;
  }
  const target = one(k, f.positional, sub === 'status' || sub === 'history' ? 'get' : 'patch');
  if (!target) return 1;
  const { type, obj } = target;
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(type.kind)) {
    err(k, `error: no ${sub === 'status' ? 'status viewer' : sub === 'history' ? 'history viewer' : sub === 'undo' ? 'rollbacker' : 'restarter'} has been implemented for "${type.kind}"\n`.replace('restarter', sub === 'pause' ? 'pauser' : sub === 'resume' ? 'resumer' : 'restarter'));
    return 1;
  }
  const label = `${qualifiedName(type)}/${obj.metadata.name}`;
  const world = k.ctx.world;
  switch (sub) {
    case 'status': {
      const viewer = () => {
        const cur = getObject(k.c, type, k.ns, obj.metadata.name);
        if (!cur) return { msg: '', done: true, error: `Error from server (NotFound): ${groupResource(type)} "${obj.metadata.name}" not found\n` };
        return type.kind === 'Deployment' ? deploymentRolloutStatus(cur) : daemonSetRolloutStatus(cur);
      };
      const timeoutText = f.flags.get('timeout');
      const timeout = timeoutText ? (parseDuration(timeoutText) ?? 0) : 0;
      let last = '';
      const step = () => {
        const s = viewer();
        if (s.msg && s.msg !== last) {
          out(k, s.msg);
          last = s.msg;
        }
        return s;
      };
      if (f.flags.get('watch') === 'false') {
        const s = step();
        if (s.error) err(k, s.error);
        return s.error ? 1 : 0;
      }
      // Without --timeout kubectl waits forever; the simulation bounds it by the progress deadline.
      const ok = await waitUntil(world, () => step().done, timeout || 11 * 60_000);
      const s = viewer();
      if (s.error) {
        err(k, s.error);
        return 1;
      }
      if (!ok) {
        err(k, 'error: timed out waiting for the condition\n');
        return 1;
      }
      return 0;
    }
    case 'history': {
      if (type.kind !== 'Deployment') {
        out(k, `${label}\nREVISION  CHANGE-CAUSE\n1         <none>\n\n`);
        return 0;
      }
      const rss = dependents(k.c, obj.metadata.uid, 'replicasets').sort((a, b) => rev(a) - rev(b));
      const want = f.flags.get('revision');
      if (want && want !== '0') {
        const rs = rss.find((r) => String(rev(r)) === want);
        if (!rs) {
          err(k, `error: unable to find the specified revision\n`);
          return 1;
        }
        const t = deepDict((rs.spec as { template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec } }).template);
        const lines: string[] = [`${label} with revision #${want}`, 'Pod Template:'];
        const labels = t.metadata?.labels ?? {};
        Object.keys(labels).sort().forEach((key, i) => lines.push(`${i === 0 ? '  Labels:\t' : '\t'}${key}=${labels[key]}`));
        const ann = rs.metadata.annotations?.[CHANGE_CAUSE];
        if (ann) lines.push(`  Annotations:\tkubernetes.io/change-cause: ${ann}`);
        lines.push('  Containers:');
        for (const c of t.spec.containers) {
          lines.push(`   ${c.name}:`);
          lines.push(`    Image:\t${c.image ?? ''}`);
          lines.push(`    Port:\t${c.ports?.length ? c.ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
          lines.push(`    Host Port:\t${c.ports?.length ? c.ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
          lines.push(`    Environment:\t<none>`);
          lines.push(`    Mounts:\t<none>`);
        }
        lines.push('  Volumes:\t<none>');
        lines.push('  Node-Selectors:\t<none>');
        lines.push('  Tolerations:\t<none>');
        out(k, lines.join('\n') + '\n\n');
        return 0;
      }
      const rows = rss.map((rs) => [String(rev(rs)), rs.metadata.annotations?.[CHANGE_CAUSE] ?? '<none>']);
      out(k, `${label} \n${tabwrite(['REVISION\tCHANGE-CAUSE', ...rows.map((r) => r.join('\t'))].join('\n') + '\n', 0, 2)}\n`);
      void formatTable;
      return 0;
    }
    case 'undo': {
      if (type.kind !== 'Deployment') {
        err(k, `error: no rollbacker has been implemented for "${type.kind}"\n`);
        return 1;
      }
      if ((obj.spec as { paused?: boolean }).paused) {
        err(k, `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n`);
        return 1;
      }
      const rss = dependents(k.c, obj.metadata.uid, 'replicasets').sort((a, b) => rev(b) - rev(a));
      const to = Number(f.flags.get('to-revision') ?? 0);
      let target: KubeObject | undefined;
      if (to) {
        target = rss.find((r) => rev(r) === to);
        if (!target) {
          err(k, `error: unable to find specified revision ${to} in history\n`);
          return 1;
        }
      } else {
        target = rss[1];
        if (!target) {
          err(k, `error: no rollout history found for deployment "${obj.metadata.name}"\n`);
          return 1;
        }
      }
      const template = deepDict((target.spec as { template: { metadata?: { labels?: Record<string, string> } } }).template);
      delete template.metadata?.labels?.['pod-template-hash'];
      const cur = JSON.stringify((obj.spec as { template: unknown }).template);
      if (JSON.stringify(template) === cur) {
        out(k, `${label} skipped rollback (current template already matches revision ${rev(target)})\n`);
        return 0;
      }
      if (f.flags.get('dry-run') && f.flags.get('dry-run') !== 'none') {
        out(k, `${label} Pod Template:\n  (dry run)\n`);
        return 0;
      }
      const updated = deepDict(obj);
      (updated.spec as { template: unknown }).template = template;
      const cause = target.metadata.annotations?.[CHANGE_CAUSE];
      if (cause) updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
      const r = apiUpdate(k.c, type, obj, updated);
      if (!r.ok) {
        apiError(k, r.error);
        return 1;
      }
      out(k, `${label} rolled back\n`);
      return 0;
    }
    case 'restart': {
      const updated = deepDict(obj);
      const t = (updated.spec as { template: { metadata?: { annotations?: Record<string, string> } } }).template;
      t.metadata ??= {};
      t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(world.state.clock).replace('Z', '+00:00') };
      const r = apiUpdate(k.c, type, obj, updated);
      if (!r.ok) {
        apiError(k, r.error);
        return 1;
      }
      out(k, `${label} restarted\n`);
      return 0;
    }
    case 'pause':
    case 'resume': {
      if (type.kind !== 'Deployment') {
        err(k, `error: ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported\n`);
        return 1;
      }
      const paused = !!(obj.spec as { paused?: boolean }).paused;
      if (sub === 'pause' && paused) {
        err(k, `error: ${groupResource(type)} "${obj.metadata.name}" is already paused\n`);
        return 1;
      }
      if (sub === 'resume' && !paused) {
        err(k, `error: ${groupResource(type)} "${obj.metadata.name}" is not paused\n`);
        return 1;
      }
      const updated = deepDict(obj);
      if (sub === 'pause') (updated.spec as { paused?: boolean }).paused = true;
      else delete (updated.spec as { paused?: boolean }).paused;
      const r = apiUpdate(k.c, type, obj, updated);
      if (!r.ok) {
        apiError(k, r.error);
        return 1;
      }
      out(k, `${label} ${sub === 'pause' ? 'paused' : 'resumed'}\n`);
      return 0;
    }
  }
  return 1;
}

/** kubectl label / annotate: `key=value` to set, `key-` to remove. */
export function labelOrAnnotate(k: K, which: 'label' | 'annotate'): number {
  const f = k.f;
  const changes = f.positional.filter((p) => /^[^=]+=|^[^=]+-$/.test(p) && !p.includes('/') || /^[\w.-]+\/[\w.-]+(=.*|-)$/.test(p) && p.includes('='));
  const kv = f.positional.filter((p) => /=/.test(p) || /-$/.test(p));
  const res = f.positional.filter((p) => !kv.includes(p));
  void changes;
  if (!kv.length) {
    err(k, `error: at least one ${which === 'label' ? 'label' : 'annotation'} update is required\nSee 'kubectl ${which} -h' for help and examples\n`);
    return 1;
  }
  const targets = resolveTargets(res);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return 1;
  }
  let status = 0;
  for (const t of targets) {
    let objs: KubeObject[];
    if (t.names.length) objs = t.names.map((n) => getObject(k.c, t.type, k.ns, n) ?? ({ missing: n } as unknown as KubeObject));
    else if (f.flags.get('selector') || flagBool(f, 'all')) {
      const r = selectObjects(k, t.type, flagBool(f, 'all-namespaces'), f.flags.get('selector'));
      if ('error' in r) {
        err(k, r.error + '\n');
        return 1;
      }
      objs = r;
    } else {
      err(k, 'error: resource(s) were provided, but no name was specified\n');
      return 1;
    }
    for (const obj of objs) {
      if ((obj as unknown as { missing?: string }).missing) {
        status = notFound(k, t.type, (obj as unknown as { missing: string }).missing);
        continue;
      }
      if (!allowed(k, 'patch', t.type, obj.metadata.namespace, obj.metadata.name)) {
        status = 1;
        continue;
      }
      const field = which === 'label' ? 'labels' : 'annotations';
      const current = { ...(obj.metadata[field] ?? {}) };
      let changed = false;
      let bad = false;
      for (const p of kv) {
        if (p.endsWith('-') && !p.includes('=')) {
          const key = p.slice(0, -1);
          if (key in current) {
            delete current[key];
            changed = true;
          }
          continue;
        }
        const i = p.indexOf('=');
        const key = p.slice(0, i);
        const value = p.slice(i + 1);
        if (key in current && current[key] !== value && !flagBool(f, 'overwrite')) {
          err(k, `error: '${key}' already has a value (${current[key]}), and --overwrite is false\n`);
          bad = true;
          break;
        }
        if (current[key] !== value) changed = true;
        current[key] = value;
      }
      if (bad) {
        status = 1;
        continue;
      }
      const label = `${qualifiedName(t.type)}/${obj.metadata.name}`;
      if (!changed) {
        out(k, `${label} not ${which === 'label' ? 'labeled' : 'annotated'}\n`);
        continue;
      }
      if (Object.keys(current).length) obj.metadata[field] = current;
      else delete obj.metadata[field];
      updateObject(k.c, t.type, obj);
      out(k, `${label} ${which === 'label' ? 'labeled' : 'annotated'}\n`);
    }
  }
  return status;
}

export async function waitCmd(k: K): Promise<number> {
  const f = k.f;
  const cond = f.flags.get('for');
  if (!cond) {
    err(k, 'error: --for must be specified\n');
    return 1;
  }
  const timeout = parseDuration(f.flags.get('timeout') ?? '30s') ?? 30_000;
  const targets = resolveTargets(f.positional);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return 1;
  }
  const items: { type: ResourceType; name: string; uid?: string }[] = [];
  for (const t of targets) {
    if (t.names.length) for (const n of t.names) items.push({ type: t.type, name: n, uid: getObject(k.c, t.type, k.ns, n)?.metadata.uid });
    else {
      const r = selectObjects(k, t.type, flagBool(f, 'all-namespaces'), f.flags.get('selector'));
      if ('error' in r) {
        err(k, r.error + '\n');
        return 1;
      }
      if (!r.length) {
        err(k, 'error: no matching resources found\n');
        return 1;
      }
      for (const o of r) items.push({ type: t.type, name: o.metadata.name, uid: o.metadata.uid });
    }
  }
  if (!items.length) {
    err(k, 'error: resource name may not be empty\n');
    return 1;
  }
  let status = 0;
  for (const it of items) {
    const test = (): boolean => {
      const o = getObject(k.c, it.type, k.ns, it.name);
      if (cond === 'delete') return !o || o.metadata.uid !== it.uid;
      if (!o) return false;
      let m: RegExpExecArray | null;
      if ((m = /^condition=([^=]+)(?:=(.*))?$/i.exec(cond))) {
        const want = (m[2] ?? 'True').toLowerCase();
        return ((o.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type.toLowerCase() === m![1]!.toLowerCase() && c.status.toLowerCase() === want);
      }
      if ((m = /^jsonpath=(.*?)(?:=(.*))?$/.exec(cond))) {
        const expr = m[1]!.replace(/^'|'$/g, '');
        const r = jsonPath(expr, o);
        if ('error' in r) return false;
        return m[2] === undefined ? r.out !== '' : r.out === m[2];
      }
      if (/^create$/.test(cond)) return true;
      return false;
    };
    if (!/^(delete|create|condition=.+|jsonpath=.+)$/i.test(cond)) {
      err(k, `error: unrecognized condition: "${cond}"\n`);
      return 1;
    }
    if (cond !== 'delete' && !getObject(k.c, it.type, k.ns, it.name)) {
      err(k, `Error from server (NotFound): ${groupResource(it.type)} "${it.name}" not found\n`);
      status = 1;
      continue;
    }
    const ok = await waitUntil(k.ctx.world, test, timeout);
    if (ok) out(k, `${qualifiedName(it.type)}/${it.name} condition met\n`);
    else {
      err(k, `error: timed out waiting for the condition on ${it.type.plural}/${it.name}\n`);
      status = 1;
    }
  }
  return status;
}

void findResource;
