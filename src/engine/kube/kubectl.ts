/** kubectl: the subcommands of the walking skeleton (apply, get, delete) with kubectl's exact texts. */
import { isSysError } from '../kernel/errors.ts';
import type { CommandContext, Program } from '../shell/types.ts';
import { readManifests } from './manifest.ts';
import { PRINTERS } from './printers.ts';
import { findResource, qualifiedName, resourceForKind } from './resources.ts';
import { createObject, deleteObject, getObject, listObjects, updateObject } from './store.ts';
import { formatTable } from './table.ts';
import type { KubeObject } from './types.ts';

interface Flags {
  namespace: string;
  allNamespaces: boolean;
  output?: string;
  files: string[];
  positional: string[];
}

function parseFlags(args: string[]): Flags | { error: string } {
  const f: Flags = { namespace: 'default', allNamespaces: false, files: [], positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') ? (a.split(/=(.*)/s, 2) as [string, string | undefined]) : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (name) {
      case '-n':
      case '--namespace':
        f.namespace = value() ?? '';
        break;
      case '-A':
      case '--all-namespaces':
        f.allNamespaces = true;
        break;
      case '-o':
      case '--output':
        f.output = value();
        break;
      case '-f':
      case '--filename':
        f.files.push(value() ?? '');
        break;
      default:
        if (/^-o./.test(a)) f.output = a.slice(2);
        else if (/^-n./.test(a)) f.namespace = a.slice(2);
        else if (a.startsWith('-')) return { error: `error: unknown flag: ${a.split('=')[0]}\nSee 'kubectl --help' for usage.` };
        else f.positional.push(a);
    }
  }
  return f;
}

function apply(ctx: CommandContext, f: Flags): number {
  if (f.files.length === 0) {
    ctx.stderr.write("error: must specify one of -f and -k\n\n");
    return 1;
  }
  const read = readManifests(ctx, f.files);
  if ('error' in read) {
    ctx.stderr.write(read.error + '\n');
    return 1;
  }
  let status = 0;
  for (const { source, obj } of read.docs) {
    const name = obj.metadata?.name;
    const type = resourceForKind(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
    if (!type) {
      ctx.stderr.write(`error: resource mapping not found for name: "${name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${String(obj.kind)}" in version "${String(obj.apiVersion)}"\nensure CRDs are installed first\n`);
      status = 1;
      continue;
    }
    if (!name) {
      ctx.stderr.write(`error: error when retrieving current configuration of:\nResource: "${type.plural}", GroupVersionKind: "${type.group ? type.group + '/' : ''}${type.version}, Kind=${type.kind}"\nName: "", Namespace: "${f.namespace}"\nfrom server for: "${source}": resource name may not be empty\n`);
      status = 1;
      continue;
    }
    const namespace = type.namespaced ? (obj.metadata.namespace ?? f.namespace) : undefined;
    const existing = getObject(ctx.world, type, namespace, name);
    const label = `${qualifiedName(type)}/${name}`;
    if (!existing) {
      createObject(ctx.world, type, { ...obj, metadata: { ...obj.metadata, namespace } } as KubeObject);
      ctx.stdout.write(`${label} created\n`);
    } else if (JSON.stringify(existing.spec) === JSON.stringify({ ...existing.spec, ...obj.spec }) && JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(obj.metadata.labels ?? {})) {
      ctx.stdout.write(`${label} unchanged\n`);
    } else {
      existing.spec = { ...existing.spec, ...obj.spec };
      existing.metadata.labels = obj.metadata.labels;
      updateObject(ctx.world, type, existing, true);
      ctx.stdout.write(`${label} configured\n`);
    }
  }
  return status;
}

function get(ctx: CommandContext, f: Flags): number {
  const [typeName, ...names] = f.positional;
  if (!typeName) {
    ctx.stderr.write("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
    return 1;
  }
  const type = findResource(typeName);
  if (!type) {
    ctx.stderr.write(`error: the server doesn't have a resource type "${typeName}"\n`);
    return 1;
  }
  const printer = PRINTERS[type.kind]!;
  let objects: KubeObject[];
  let status = 0;
  if (names.length) {
    objects = [];
    for (const n of names) {
      const o = getObject(ctx.world, type, f.namespace, n);
      if (o) objects.push(o);
      else {
        ctx.stderr.write(`Error from server (NotFound): ${type.plural} "${n}" not found\n`);
        status = 1;
      }
    }
    if (objects.length === 0) return status;
  } else {
    objects = listObjects(ctx.world, type, f.allNamespaces ? undefined : f.namespace);
    if (objects.length === 0) {
      ctx.stderr.write(type.namespaced && !f.allNamespaces ? `No resources found in ${f.namespace} namespace.\n` : 'No resources found\n');
      return 0;
    }
  }
  if (f.output === 'name') {
    for (const o of objects) ctx.stdout.write(`${qualifiedName(type)}/${o.metadata.name}\n`);
    return status;
  }
  if (f.output === 'json' || f.output === 'yaml') {
    ctx.stderr.write(`error: -o ${f.output} arrives with the full kubectl; this lab environment prints tables\n`);
    return 1;
  }
  if (f.output !== undefined && f.output !== 'wide') {
    ctx.stderr.write(`error: unable to match a printer suitable for the output format "${f.output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`);
    return 1;
  }
  const wide = f.output === 'wide';
  const nsCol = f.allNamespaces && type.namespaced;
  const header = [...(nsCol ? ['NAMESPACE'] : []), ...printer.header, ...(wide ? printer.wide : [])];
  const rows = objects.map((o) => [...(nsCol ? [o.metadata.namespace ?? ''] : []), ...printer.row(ctx.world, o), ...(wide ? printer.wideRow(ctx.world, o) : [])]);
  ctx.stdout.write(formatTable(header, rows));
  return status;
}

function del(ctx: CommandContext, f: Flags): number {
  const targets: { typeName: string; name: string; namespace: string }[] = [];
  if (f.files.length) {
    const read = readManifests(ctx, f.files);
    if ('error' in read) {
      ctx.stderr.write(read.error + '\n');
      return 1;
    }
    for (const { obj } of read.docs) targets.push({ typeName: String(obj.kind), name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace ?? f.namespace });
  } else {
    const [typeName, ...rest] = f.positional;
    if (!typeName) {
      ctx.stderr.write("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
      return 1;
    }
    const [t, n] = typeName.includes('/') ? typeName.split('/', 2) : [typeName, undefined];
    for (const name of n ? [n, ...rest] : rest) targets.push({ typeName: t!, name, namespace: f.namespace });
    if (targets.length === 0) {
      ctx.stderr.write('error: resource(s) were provided, but no name was specified\n');
      return 1;
    }
  }
  let status = 0;
  for (const t of targets) {
    const type = findResource(t.typeName);
    if (!type) {
      ctx.stderr.write(`error: the server doesn't have a resource type "${t.typeName}"\n`);
      status = 1;
      continue;
    }
    const obj = getObject(ctx.world, type, t.namespace, t.name);
    if (!obj) {
      ctx.stderr.write(`Error from server (NotFound): ${type.plural} "${t.name}" not found\n`);
      status = 1;
      continue;
    }
    deleteObject(ctx.world, type, obj);
    ctx.stdout.write(`${type.singular === 'pod' ? 'pod' : qualifiedName(type)} "${t.name}" deleted\n`);
  }
  return status;
}

const SUBCOMMANDS: Record<string, (ctx: CommandContext, f: Flags) => number> = { apply, get, delete: del };

export const kubectl: Program = {
  name: 'kubectl',
  summary: 'the Kubernetes command-line tool',
  path: '/usr/local/bin/kubectl',
  run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (!sub || sub === '--help' || sub === '-h') {
      ctx.stdout.write('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands:\n  get           Display one or many resources\n  delete        Delete resources by file names, stdin, resources and names, or by resources and label selector\n\nAdvanced Commands:\n  apply         Apply a configuration to a resource by file name or stdin\n\nUsage:\n  kubectl [flags] [options]\n');
      return 0;
    }
    const handler = SUBCOMMANDS[sub];
    if (!handler) {
      ctx.stderr.write(`error: unknown command "${sub}" for "kubectl"\n`);
      return 1;
    }
    const f = parseFlags(rest);
    if ('error' in f) {
      ctx.stderr.write(f.error + '\n');
      return 1;
    }
    try {
      return handler(ctx, f);
    } catch (e) {
      if (isSysError(e)) {
        ctx.stderr.write(`error: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
