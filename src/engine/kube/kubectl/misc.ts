/** kubectl api-resources, config, auth can-i, version and cluster-info. */
import { authorize, userInfo } from '../rbac.ts';
import { apiVersionOf, findResource, RESOURCE_TYPES } from '../resources.ts';
import { kubeState, listObjects } from '../store.ts';
import { rt } from '../resources.ts';
import { tabwrite } from '../table.ts';
import { applyGlobals, err, flagBool, out, type K } from './context.ts';
import { parseFlags } from './flags.ts';
import { KUBE_VERSION } from '../cluster.ts';
import type { CommandContext } from '../../shell/types.ts';

export function apiResources(k: K): number {
  const f = k.f;
  const nsFilter = f.flags.get('namespaced');
  const group = f.flags.get('api-group');
  const output = f.flags.get('output');
  const types = [...RESOURCE_TYPES, { kind: 'Binding', plural: 'bindings', singular: 'binding', shortNames: [], group: '', version: 'v1', namespaced: true, verbs: ['create'] }]
    .filter((t) => nsFilter === undefined || String(t.namespaced) === nsFilter)
    .filter((t) => group === undefined || t.group === group)
    .sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1));
  if (output === 'name') {
    out(k, types.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''));
    return 0;
  }
  const wide = output === 'wide';
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])], ...types.map((t) => [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind, ...(wide ? [`[${t.verbs.join(' ')}]`, ['pods', 'services', 'deployments', 'replicasets', 'daemonsets', 'jobs', 'cronjobs'].includes(t.plural) ? 'all' : ''] : [])])];
  const body = rows.map((r) => r.join('\t')).join('\n') + '\n';
  out(k, tabwrite(flagBool(f, 'no-headers') ? body.split('\n').slice(1).join('\n') : body, 6, 3));
  return 0;
}

export function config(ctx: CommandContext, args: string[]): number {
  const ks = kubeState(ctx.world);
  const [sub, ...rest] = args;
  const f = parseFlags(`kubectl config ${sub ?? ''}`.trim(), rest, { bools: ['current', 'minify', 'raw', 'flatten', 'no-headers'], values: ['namespace', 'cluster', 'user', 'output'], short: { o: 'output' } });
  if ('error' in f) {
    ctx.stderr.write(f.error + '\n');
    return 1;
  }
  switch (sub) {
    case 'get-contexts': {
      const names = f.positional;
      const list = names.length ? ks.config.contexts.filter((c) => names.includes(c.name)) : ks.config.contexts;
      const missing = names.find((n) => !ks.config.contexts.some((c) => c.name === n));
      if (missing) {
        ctx.stderr.write(`error: context ${missing} not found\n`);
        return 1;
      }
      if (f.flags.get('output') === 'name') {
        ctx.stdout.write(list.map((c) => `${c.name}\n`).join(''));
        return 0;
      }
      const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...list.map((c) => [c.name === ks.config.current ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? ''])];
      ctx.stdout.write(tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', 6, 3));
      return 0;
    }
    case 'current-context':
      if (!ks.config.current) {
        ctx.stderr.write('error: current-context is not set\n');
        return 1;
      }
      ctx.stdout.write(`${ks.config.current}\n`);
      return 0;
    case 'use-context':
    case 'use': {
      const name = f.positional[0];
      if (!name) {
        ctx.stderr.write("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples\n");
        return 1;
      }
      if (!ks.config.contexts.some((c) => c.name === name)) {
        ctx.stderr.write(`error: no context exists with the name: "${name}"\n`);
        return 1;
      }
      ks.config.current = name;
      ctx.stdout.write(`Switched to context "${name}".\n`);
      return 0;
    }
    case 'set-context': {
      const name = flagBool(f, 'current') ? ks.config.current : f.positional[0];
      const c = ks.config.contexts.find((x) => x.name === name);
      if (!name) {
        ctx.stderr.write('error: you must specify a non-empty context name or --current\n');
        return 1;
      }
      if (!c) {
        ks.config.contexts.push({ name, cluster: f.flags.get('cluster') ?? '', user: f.flags.get('user') ?? '', ...(f.flags.get('namespace') ? { namespace: f.flags.get('namespace') } : {}) });
        ctx.stdout.write(`Context "${name}" created.\n`);
        return 0;
      }
      if (f.flags.get('namespace') !== undefined) c.namespace = f.flags.get('namespace') || undefined;
      if (f.flags.get('cluster')) c.cluster = f.flags.get('cluster')!;
      if (f.flags.get('user')) c.user = f.flags.get('user')!;
      ctx.stdout.write(`Context "${name}" modified.\n`);
      return 0;
    }
    case 'view': {
      const cur = ks.config.contexts;
      const clusters = [...new Set(cur.map((c) => c.cluster))];
      const users = [...new Set(cur.map((c) => c.user))];
      let text = 'apiVersion: v1\nclusters:\n';
      for (const c of clusters) text += `- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://172.30.1.2:6443\n  name: ${c}\n`;
      text += 'contexts:\n';
      for (const c of cur) text += `- context:\n    cluster: ${c.cluster}\n${c.namespace ? `    namespace: ${c.namespace}\n` : ''}    user: ${c.user}\n  name: ${c.name}\n`;
      text += `current-context: ${ks.config.current}\nkind: Config\npreferences: {}\nusers:\n`;
      for (const u of users) text += `- name: ${u}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`;
      ctx.stdout.write(text);
      return 0;
    }
    default:
      if (sub) {
        ctx.stderr.write(`error: unknown command "${sub}" for "kubectl config"\n`);
        return 1;
      }
      ctx.stdout.write('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  get-contexts      Describe one or many contexts\n  set-context       Set a context entry in kubeconfig\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n');
      return 0;
  }
}

export function auth(k: K, args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'can-i' && sub !== 'whoami') {
    err(k, sub ? `error: unknown command "${sub}" for "kubectl auth"\n` : 'Inspect authorization.\n');
    return sub ? 1 : 0;
  }
  const f = parseFlags(`kubectl auth ${sub}`, rest, { bools: ['all-namespaces', 'list', 'quiet', 'no-headers'], values: ['subresource', 'output'], short: { A: 'all-namespaces', q: 'quiet', o: 'output' } });
  if ('error' in f) {
    err(k, f.error + '\n');
    return 1;
  }
  applyGlobals(k, f);
  if (sub === 'whoami') {
    const rows = [['ATTRIBUTE', 'VALUE'], ['Username', k.user.name], ['Groups', `[${k.user.groups.join(' ')}]`]];
    out(k, tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', 6, 3));
    return 0;
  }
  const [verb, resArg, nameArg] = f.positional;
  if (!verb || !resArg) {
    err(k, "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples\n");
    return 1;
  }
  const [resName, name] = resArg.includes('/') ? (resArg.split('/') as [string, string]) : [resArg, nameArg];
  const t = findResource(resName);
  const allNs = flagBool(f, 'all-namespaces');
  let ok: boolean;
  let warning = '';
  if (resName === '*') ok = authorize(k.c, k.user, verb, '*', '*', allNs ? undefined : k.ns, name);
  else if (!t) {
    warning = `Warning: the server doesn't have a resource type '${resName}'\n\n`;
    ok = authorize(k.c, k.user, verb, '', resName, allNs ? undefined : k.ns, name);
  } else {
    const resource = f.flags.get('subresource') ? `${t.plural}/${f.flags.get('subresource')}` : t.plural;
    ok = authorize(k.c, k.user, verb, t.group, resource, t.namespaced && !allNs ? k.ns : undefined, name);
  }
  if (warning) err(k, warning);
  if (!flagBool(f, 'quiet')) out(k, ok ? 'yes\n' : 'no\n');
  return ok ? 0 : 1;
}

export function version(k: K): number {
  const output = k.f.flags.get('output');
  if (output === 'json' || output === 'yaml') {
    const v = { clientVersion: { major: '1', minor: '34', gitVersion: KUBE_VERSION, platform: 'linux/amd64' }, kustomizeVersion: 'v5.7.1', serverVersion: { major: '1', minor: '34', gitVersion: KUBE_VERSION, platform: 'linux/amd64' } };
    out(k, output === 'json' ? JSON.stringify(v, null, 2) + '\n' : `clientVersion:\n  gitVersion: ${KUBE_VERSION}\n  major: "1"\n  minor: "34"\n  platform: linux/amd64\nkustomizeVersion: v5.7.1\nserverVersion:\n  gitVersion: ${KUBE_VERSION}\n  major: "1"\n  minor: "34"\n  platform: linux/amd64\n`);
    return 0;
  }
  out(k, `Client Version: ${KUBE_VERSION}\nKustomize Version: v5.7.1\n${flagBool(k.f, 'client') ? '' : `Server Version: ${KUBE_VERSION}\n`}`);
  return 0;
}

export function clusterInfo(k: K): number {
  const cp = listObjects(k.c, rt('nodes')).find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const ip = ((cp?.status?.addresses ?? []) as { address: string }[])[0]?.address ?? '172.30.1.2';
  out(k, `\u001b[0;32mKubernetes control plane\u001b[0m is running at \u001b[0;33mhttps://${ip}:6443\u001b[0m\n\u001b[0;32mCoreDNS\u001b[0m is running at \u001b[0;33mhttps://${ip}:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\u001b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

void userInfo;
