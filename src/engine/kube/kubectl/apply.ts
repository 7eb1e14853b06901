/** kubectl apply / create -f / delete: manifests through the API server, with kubectl's result lines and errors. */
import { waitUntil } from '../../time.ts';
import { deepDict } from '../../util/dict.ts';
import { apiCreate, apiUpdate, decodeError } from '../api.ts';
import { readManifests } from '../manifest.ts';
import { findResource, groupResource, qualifiedName, resourceForKind, resourceForKindAnyVersion } from '../resources.ts';
import { deleteObject, dependents, getObject, updateObject } from '../store.ts';
import type { KubeObject, ResourceType } from '../types.ts';
import { allowed, apiError, err, flagBool, out, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { printObjects } from './get.ts';
import { sortKeys } from './output.ts';
import { resolveTargets, selectObjects } from './resolve.ts';

export const APPLY_FLAGS: FlagSpec = { bools: ['recursive', 'server-side', 'force', 'overwrite', 'prune', 'wait', 'force-conflicts', 'all'], values: ['output', 'dry-run', 'validate', 'field-manager', 'selector', 'grace-period', 'timeout'], multi: ['filename', 'kustomize'], short: { f: 'filename', o: 'output', R: 'recursive', k: 'kustomize', l: 'selector' } };
export const DELETE_FLAGS: FlagSpec = { bools: ['all', 'all-namespaces', 'force', 'now', 'ignore-not-found', 'recursive', 'wait'], values: ['selector', 'grace-period', 'cascade', 'timeout', 'output', 'field-selector', 'dry-run', 'raw'], multi: ['filename', 'kustomize'], short: { f: 'filename', l: 'selector', A: 'all-namespaces', R: 'recursive', o: 'output', k: 'kustomize' } };

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function dryRunMode(k: K): 'none' | 'client' | 'server' | { error: string } {
  const v = k.f.flags.get('dry-run');
  if (v === undefined || v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'server') return v;
  if (v === 'true') return 'client';
  return { error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
}

interface Prepared {
  source: string;
  obj: KubeObject;
  type: ResourceType;
  ns: string | undefined;
}

/** Checks each document's kind and namespace; prints kubectl's error for the bad ones. */
async function prepare(k: K, _verb: string): Promise<{ docs: Prepared[]; status: number } | undefined> {
  const files = k.f.multi.get('filename') ?? [];
  if (k.f.multi.get('kustomize')) {
    err(k, "error: -k (kustomize) is not available in this lab environment; use -f with the files\n");
    return undefined;
  }
  if (!files.length) {
    err(k, 'error: must specify one of -f and -k\n');
    return undefined;
  }
  const read = await readManifests(k.ctx, files);
  if ('error' in read) {
    err(k, read.error + '\n');
    return undefined;
  }
  const docs: Prepared[] = [];
  let status = 0;
  for (const { source, obj } of read.docs) {
    const apiVersion = String(obj.apiVersion ?? '');
    const kind = String(obj.kind ?? '');
    if (!kind || !apiVersion) {
      err(k, `error: error validating "${source}": error validating data: [${!apiVersion ? 'apiVersion not set' : ''}${!apiVersion && !kind ? ', ' : ''}${!kind ? 'kind not set' : ''}]; if you choose to ignore these errors, turn validation off with --validate=false\n`);
      status = 1;
      continue;
    }
    const type = resourceForKind(apiVersion, kind);
    const name = String(obj.metadata?.name ?? '');
    if (!type) {
      const ns = obj.metadata?.namespace ?? (resourceForKindAnyVersion(kind)?.namespaced === false ? '' : k.ns);
      err(k, `error: resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ns}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`);
      status = 1;
      continue;
    }
    const ns = type.namespaced ? (obj.metadata?.namespace ?? k.ns) : undefined;
    if (type.namespaced && obj.metadata?.namespace && k.nsExplicit && obj.metadata.namespace !== k.ns) {
      err(k, `error: the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${k.ns}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.\n`);
      status = 1;
      continue;
    }
    docs.push({ source, obj, type, ns });
  }
  return { docs, status };
}

function lastApplied(obj: KubeObject, ns: string | undefined): string {
  const copy = deepDict(obj);
  if (ns && copy.metadata) copy.metadata.namespace ??= ns;
  return JSON.stringify(sortKeys(copy)) + '\n';
}

export async function apply(k: K): Promise<number> {
  const mode = dryRunMode(k);
  if (typeof mode === 'object') {
    err(k, mode.error + '\n');
    return 1;
  }
  const p = await prepare(k, 'apply');
  if (!p) return 1;
  let status = p.status;
  const output = k.f.flags.get('output');
  const printed: KubeObject[] = [];
  for (const { source, obj, type, ns } of p.docs) {
    const name = obj.metadata?.name;
    if (!name) {
      err(k, `error: error when retrieving current configuration of:\nResource: "${groupResource(type)}", GroupVersionKind: "${type.group ? type.group + '/' : ''}${type.version}, Kind=${type.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${source}": resource name may not be empty\n`);
      status = 1;
      continue;
    }
    const decode = decodeError(obj, type);
    const existing = getObject(k.c, type, ns, name);
    if (!allowed(k, existing ? 'patch' : 'create', type, ns, existing ? name : undefined, undefined, existing ? `error when retrieving current configuration of:\nResource: "${groupResource(type)}", GroupVersionKind: "${type.group ? type.group + '/' : ''}${type.version}, Kind=${type.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfrom server for: "${source}"` : `error when creating "${source}"`)) {
      status = 1;
      continue;
    }
    if (decode) {
      err(k, `Error from server (BadRequest): error when ${existing ? 'applying patch' : 'creating'} "${source}": ${decode}\n`);
      status = 1;
      continue;
    }
    const desired = deepDict(obj);
    desired.metadata = { ...desired.metadata, annotations: { ...(desired.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(obj, ns) } };
    const label = `${qualifiedName(type)}/${name}`;
    const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
    if (!existing) {
      const r = apiCreate(k.c, type, { ...desired, metadata: { ...desired.metadata, namespace: ns } } as KubeObject, { dryRun: mode !== 'none' });
      if (!r.ok) {
        if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
        else apiError(k, r.error, `error when creating "${source}"`);
        status = 1;
        continue;
      }
      printed.push(r.obj);
      if (!output) out(k, `${label} created${suffix}\n`);
    } else {
      if (existing.metadata.annotations?.[LAST_APPLIED] === desired.metadata.annotations![LAST_APPLIED]) {
        printed.push(existing);
        if (!output) out(k, `${label} unchanged${suffix}\n`);
        continue;
      }
      if (mode !== 'none') {
        printed.push(existing);
        if (!output) out(k, `${label} configured${suffix}\n`);
        continue;
      }
      // Fields the cluster manages (replicas after `kubectl scale`) stay unless the manifest sets them.
      const r = apiUpdate(k.c, type, existing, mergeForApply(existing, desired));
      if (!r.ok) {
        if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
        else apiError(k, r.error, `error when applying patch:\n${JSON.stringify(obj)}\n\nto:\nResource: "${groupResource(type)}", GroupVersionKind: "${type.group ? type.group + '/' : ''}${type.version}, Kind=${type.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfor: "${source}"`);
        status = 1;
        continue;
      }
      printed.push(existing);
      if (!output) out(k, `${label} ${r.changed ? 'configured' : 'unchanged'}${suffix}\n`);
    }
  }
  if (output && printed.length) {
    if (output === 'name') for (const o of printed) out(k, `${qualifiedName(findResource(o.kind)!)}/${o.metadata.name}\n`);
    else if (printObjects(k, printed, output, printed.length === 1) < 0) return 1;
  }
  return status;
}

/** The manifest wins; labels/annotations set by others survive unless the manifest names them. */
function mergeForApply(existing: KubeObject, desired: KubeObject): KubeObject {
  const merged = deepDict(desired);
  merged.metadata.labels = desired.metadata.labels;
  const keep: Record<string, string> = {};
  for (const [key, v] of Object.entries(existing.metadata.annotations ?? {})) if (key.startsWith('deployment.kubernetes.io/') || key === 'kubernetes.io/change-cause') keep[key] = v;
  merged.metadata.annotations = { ...keep, ...(desired.metadata.annotations ?? {}) };
  return merged;
}

export async function createFromFiles(k: K): Promise<number> {
  const mode = dryRunMode(k);
  if (typeof mode === 'object') {
    err(k, mode.error + '\n');
    return 1;
  }
  const p = await prepare(k, 'create');
  if (!p) return 1;
  let status = p.status;
  const output = k.f.flags.get('output');
  const printed: KubeObject[] = [];
  for (const { source, obj, type, ns } of p.docs) {
    if (!allowed(k, 'create', type, ns, undefined, undefined, `error when creating "${source}"`)) {
      status = 1;
      continue;
    }
    const decode = decodeError(obj, type);
    if (decode) {
      err(k, `Error from server (BadRequest): error when creating "${source}": ${decode}\n`);
      status = 1;
      continue;
    }
    const r = apiCreate(k.c, type, { ...obj, metadata: { ...(obj.metadata ?? {}), namespace: ns } } as KubeObject, { dryRun: mode !== 'none' });
    if (!r.ok) {
      if (r.error.reason === 'Invalid') err(k, r.error.message + '\n');
      else apiError(k, r.error, `error when creating "${source}"`);
      status = 1;
      continue;
    }
    printed.push(r.obj);
    if (!output) out(k, `${qualifiedName(type)}/${r.obj.metadata.name} created${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`);
  }
  if (output && printed.length) printObjects(k, printed, output, printed.length === 1);
  return status;
}

/** kubectl 1.34's line for a deleted object: `pod "web" deleted from default namespace`, `node "n1" deleted`, or `pod/web` with -o name. */
export function deletedLine(type: ResourceType, obj: KubeObject, forced: boolean, output?: string): string {
  if (output === 'name') return `${qualifiedName(type)}/${obj.metadata.name}\n`;
  return `${qualifiedName(type)} "${obj.metadata.name}" ${forced ? 'force deleted' : 'deleted'}${type.namespaced ? ` from ${obj.metadata.namespace} namespace` : ''}\n`;
}

export async function del(k: K): Promise<number> {
  const f = k.f;
  const items: { type: ResourceType; obj?: KubeObject; name: string; ns: string | undefined }[] = [];
  let status = 0;
  if (f.multi.get('filename')?.length) {
    const p = await prepare(k, 'delete');
    if (!p) return 1;
    status = p.status;
    for (const d of p.docs) items.push({ type: d.type, name: String(d.obj.metadata?.name ?? ''), ns: d.ns });
  } else {
    if (!f.positional.length) {
      err(k, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
      return 1;
    }
    const targets = resolveTargets(f.positional);
    if ('error' in targets) {
      err(k, targets.error + '\n');
      return 1;
    }
    const selector = f.flags.get('selector');
    for (const t of targets) {
      if (t.names.length) for (const n of t.names) items.push({ type: t.type, name: n, ns: t.type.namespaced ? k.ns : undefined });
      else if (selector || flagBool(f, 'all') || f.flags.get('field-selector')) {
        const objs = selectObjects(k, t.type, flagBool(f, 'all-namespaces'), selector, f.flags.get('field-selector'));
        if ('error' in objs) {
          err(k, objs.error + '\n');
          return 1;
        }
        if (!objs.length) err(k, t.type.namespaced ? `No resources found in ${k.ns} namespace.\n` : 'No resources found\n');
        for (const o of objs) items.push({ type: t.type, obj: o, name: o.metadata.name, ns: o.metadata.namespace });
      } else {
        err(k, 'error: resource(s) were provided, but no name was specified\n');
        return 1;
      }
    }
  }
  const graceFlag = f.flags.get('grace-period');
  const force = flagBool(f, 'force');
  let grace = flagBool(f, 'now') ? 1 : graceFlag !== undefined && Number(graceFlag) >= 0 ? Number(graceFlag) : undefined;
  // As kubectl completes them: --grace-period=0 means 1 unless --force, and --force alone means 0.
  if (grace === 0 && !force) grace = 1;
  if (force && grace === undefined) grace = 0;
  if (force && grace === 0) err(k, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const cascade = f.flags.get('cascade') ?? 'background';
  const waitFor: { type: ResourceType; obj: KubeObject }[] = [];
  for (const it of items) {
    if (!allowed(k, 'delete', it.type, it.ns, it.name)) {
      status = 1;
      continue;
    }
    const obj = it.obj ?? getObject(k.c, it.type, it.ns, it.name);
    if (!obj) {
      if (!flagBool(f, 'ignore-not-found')) {
        err(k, `Error from server (NotFound): ${f.multi.get('filename')?.length ? 'error when deleting "' + (f.multi.get('filename')![0] ?? '') + '": ' : ''}${groupResource(it.type)} "${it.name}" not found\n`);
        status = 1;
      }
      continue;
    }
    if (cascade === 'orphan') {
      for (const dep of dependents(k.c, obj.metadata.uid)) {
        dep.metadata.ownerReferences = dep.metadata.ownerReferences?.filter((o) => o.uid !== obj.metadata.uid);
        if (!dep.metadata.ownerReferences?.length) delete dep.metadata.ownerReferences;
        updateObject(k.c, findResource(dep.kind)!, dep);
      }
    }
    deleteObject(k.c, it.type, obj, grace);
    waitFor.push({ type: it.type, obj });
    out(k, deletedLine(it.type, obj, grace === 0, f.flags.get('output')));
  }
  // kubectl waits until the objects are really gone (--wait=true), e.g. a pod's grace period.
  if (f.flags.get('wait') !== 'false' && waitFor.length) {
    await waitUntil(k.ctx.world, () => waitFor.every(({ type, obj }) => getObject(k.c, type, obj.metadata.namespace, obj.metadata.name)?.metadata.uid !== obj.metadata.uid), 60 * 60_000);
  }
  return status;
}
