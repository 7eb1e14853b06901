/** kubectl get: tables (-o wide, --show-labels, -L), yaml/json/name/jsonpath/custom-columns, -l, -A, and -w. */
import { LIMITS } from '../../limits.ts';
import { wait } from '../../time.ts';
import { qualifiedName } from '../resources.ts';
import { getObject } from '../store.ts';
import { formatTable } from '../table.ts';
import type { KubeObject, ResourceType } from '../types.ts';
import { allowed, err, flagBool, out, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { customColumns, jsonPath, toJson, toYaml } from './output.ts';
import { PRINTERS } from './printers.ts';
import { resolveTargets, selectObjects } from './resolve.ts';

export const GET_FLAGS: FlagSpec = {
  bools: ['all-namespaces', 'watch', 'watch-only', 'show-labels', 'no-headers', 'ignore-not-found', 'show-kind', 'recursive', 'show-managed-fields', 'output-watch-events'],
  values: ['output', 'selector', 'field-selector', 'sort-by', 'chunk-size', 'template', 'raw', 'subresource', 'server-print', 'allow-missing-template-keys'],
  multi: ['label-columns', 'filename'],
  short: { o: 'output', l: 'selector', A: 'all-namespaces', w: 'watch', L: 'label-columns', f: 'filename', R: 'recursive' },
};

const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Server-side view of an object for -o yaml/json: what the API returns (no internal fields). */
export function apiView(o: KubeObject): KubeObject {
  return o;
}

function asList(objs: KubeObject[]): unknown {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

export function printObjects(k: K, objs: KubeObject[], output: string | undefined, single: boolean): number {
  const data = single && objs.length === 1 ? objs[0] : asList(objs);
  if (output === 'yaml') out(k, toYaml(data));
  else if (output === 'json') out(k, toJson(data));
  else if (output?.startsWith('jsonpath=') || output?.startsWith('jsonpath-as-json=')) {
    const r = jsonPath(output.slice(output.indexOf('=') + 1), data);
    if ('error' in r) {
      err(k, r.error.endsWith('\n') ? r.error : r.error + '\n');
      return 1;
    }
    out(k, r.out);
  } else if (output?.startsWith('custom-columns=')) {
    const r = customColumns(output.slice(15), objs);
    if ('error' in r) {
      err(k, r.error + '\n');
      return 1;
    }
    out(k, r.out);
  } else return -1;
  return 0;
}

function tableFor(k: K, type: ResourceType, objs: KubeObject[], opts: { wide: boolean; nsCol: boolean; labels: boolean; labelCols: string[]; prefix: boolean; headers: boolean }): string {
  const printer = PRINTERS[type.kind];
  if (!printer) return objs.map((o) => `${o.metadata.name}\n`).join('');
  const header = [...(opts.nsCol ? ['NAMESPACE'] : []), ...printer.header, ...(opts.wide ? printer.wide : []), ...opts.labelCols.map((l) => l.toUpperCase().replace(/.*\//, '')), ...(opts.labels ? ['LABELS'] : [])];
  const rows = objs.map((o) => {
    const r = printer.row(k.ctx.world, o);
    if (opts.prefix) r[0] = `${qualifiedName(type)}/${r[0]}`;
    return [...(opts.nsCol ? [o.metadata.namespace ?? ''] : []), ...r, ...(opts.wide ? printer.wideRow(k.ctx.world, o) : []), ...opts.labelCols.map((l) => o.metadata.labels?.[l] ?? ''), ...(opts.labels ? [Object.keys(o.metadata.labels ?? {}).sort().map((x) => `${x}=${o.metadata.labels![x]}`).join(',') || '<none>'] : [])];
  });
  // Without headers, widths come from the rows alone (a watch prints each change this way).
  if (!opts.headers) return rows.length ? formatTable(rows[0]!, rows.slice(1)) : '';
  return formatTable(header, rows);
}

export async function get(k: K): Promise<number> {
  const f = k.f;
  if (!f.positional.length) {
    err(k, 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n');
    return 1;
  }
  const output = f.flags.get('output');
  if (output !== undefined && !['wide', 'yaml', 'json', 'name'].includes(output) && !/^(jsonpath|jsonpath-as-json|custom-columns)=/.test(output)) {
    err(k, `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}\n`);
    return 1;
  }
  const targets = resolveTargets(f.positional);
  if ('error' in targets) {
    err(k, targets.error + '\n');
    return 1;
  }
  const allNs = flagBool(f, 'all-namespaces');
  const selector = f.flags.get('selector');
  let status = 0;
  const groups: { type: ResourceType; objs: KubeObject[]; named: boolean }[] = [];
  for (const t of targets) {
    if (t.names.length) {
      const objs: KubeObject[] = [];
      for (const n of t.names) {
        if (!allowed(k, 'get', t.type, k.ns, n)) {
          status = 1;
          continue;
        }
        const o = getObject(k.c, t.type, k.ns, n);
        if (o) objs.push(o);
        else if (!flagBool(f, 'ignore-not-found')) {
          err(k, `Error from server (NotFound): ${t.type.group ? `${t.type.plural}.${t.type.group}` : t.type.plural} "${n}" not found\n`);
          status = 1;
        }
      }
      if (objs.length) groups.push({ type: t.type, objs, named: true });
    } else {
      if (!allowed(k, 'list', t.type, allNs ? undefined : k.ns)) return 1;
      const objs = selectObjects(k, t.type, allNs, selector, f.flags.get('field-selector'));
      if ('error' in objs) {
        err(k, objs.error + '\n');
        return 1;
      }
      groups.push({ type: t.type, objs, named: false });
    }
  }
  const sortBy = f.flags.get('sort-by');
  if (sortBy) {
    for (const g of groups) {
      const key = (o: KubeObject) => {
        const r = jsonPath(sortBy, o);
        return 'out' in r ? r.out : '';
      };
      g.objs.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const nx = Number(x);
        const ny = Number(y);
        if (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) return nx - ny;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
  }
  const all = groups.flatMap((g) => g.objs);
  if (!all.length) {
    if (status === 0 && !groups.some((g) => g.named)) {
      const nsScoped = targets.some((t) => t.type.namespaced);
      err(k, nsScoped && !allNs ? `No resources found in ${k.ns} namespace.\n` : 'No resources found\n');
    }
    if (!flagBool(f, 'watch')) return status;
  }
  if (output === 'name') {
    for (const g of groups) for (const o of g.objs) out(k, `${qualifiedName(g.type)}/${o.metadata.name}\n`);
    return status;
  }
  if (output && output !== 'wide') {
    const single = groups.length === 1 && groups[0]!.named && groups[0]!.objs.length === 1;
    return printObjects(k, all, output, single) || status;
  }
  const multiType = groups.length > 1 || f.positional[0] === 'all';
  const opts = { wide: output === 'wide', nsCol: allNs, labels: flagBool(f, 'show-labels'), labelCols: (f.multi.get('label-columns') ?? []).flatMap((x) => x.split(',')), prefix: multiType, headers: !flagBool(f, 'no-headers') };
  const shown = groups.filter((g) => g.objs.length);
  out(k, shown.map((g) => tableFor(k, g.type, g.objs, { ...opts, nsCol: opts.nsCol && g.type.namespaced })).join('\n'));
  if (flagBool(f, 'watch') && groups.length === 1) await watch(k, groups[0]!.type, allNs, selector, opts, new Set(groups[0]!.named ? groups[0]!.objs.map((o) => o.metadata.uid) : []), groups[0]!.named);
  return status;
}

/**
 * `get -w`: after the table, one row per change. Interactively it follows the wall clock
 * until Ctrl-C; scripted, it advances virtual time event by event until the world settles
 * (nothing left to happen) or LIMITS.watchMs passes, then stops.
 */
async function watch(k: K, type: ResourceType, allNs: boolean, selector: string | undefined, opts: Parameters<typeof tableFor>[3], names: Set<string>, named: boolean): Promise<void> {
  const world = k.ctx.world;
  const pick = () => {
    const r = selectObjects(k, type, allNs, selector);
    const objs = 'error' in r ? [] : r;
    return named ? objs.filter((o) => names.has(o.metadata.uid)) : objs;
  };
  const rowOf = (o: KubeObject) => tableFor(k, type, [o], { ...opts, headers: false, prefix: false });
  const seen = new Map<string, { rv: string; row: string; obj: KubeObject }>();
  for (const o of pick()) seen.set(o.metadata.uid, { rv: o.metadata.resourceVersion, row: rowOf(o), obj: o });
  const deadline = world.now + LIMITS.watchMs;
  let lines = 0;
  while (lines < LIMITS.watchLines) {
    if (world.host.sleep) await wait(world, 1000);
    else {
      const next = world.nextWake();
      if (next === undefined || next > deadline) break;
      world.advance(Math.max(0, next - world.now));
    }
    const now = pick();
    const live = new Set<string>();
    for (const o of now) {
      live.add(o.metadata.uid);
      const prev = seen.get(o.metadata.uid);
      if (prev?.rv === o.metadata.resourceVersion) continue;
      // Rows are printed with the ages of the moment they changed, as a real watch does.
      const row = rowOf(o);
      seen.set(o.metadata.uid, { rv: o.metadata.resourceVersion, row, obj: o });
      if (row !== prev?.row || !prev) {
        out(k, row);
        lines++;
      }
    }
    for (const [uid, prev] of seen) {
      if (live.has(uid)) continue;
      seen.delete(uid);
      out(k, prev.row);
      lines++;
    }
    if (world.host.sleep && world.now >= deadline) break;
  }
}
