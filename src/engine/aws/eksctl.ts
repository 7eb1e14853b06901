/**
 * eksctl 0.214: create/get/delete clusters, node groups and Fargate profiles, scale node
 * groups and upgrade the control plane one minor version at a time, with eksctl's log lines
 * (`2026-11-21 10:00:00 [ℹ]  …`) on the virtual clock. ClusterConfig files are checked by
 * the same validator `hatchway validate` uses.
 */
import * as sys from '../kernel/syscalls.ts';
import { LIMITS } from '../limits.ts';
import { table } from '../runtime/format.ts';
import type { CommandContext, Program } from '../shell/types.ts';
import { wait } from '../time.ts';
import { dict, toDict } from '../util/dict.ts';
import { loadYaml } from '../util/yaml.ts';
import { CREATE_MS, createEks, EKS_DEFAULT_VERSION, EKS_VERSIONS, findEks, NODEGROUP_MS, newNodegroup, resizeNodegroup, syncKube, writeKubeconfig } from './eks.ts';
import { clusterDetail, clusterSummary, fargateProfileObject, fargateRoleArn, fargateSubnets, nodegroupSummary, printFormat, printObjects } from './eksctl-print.ts';
import { logTime } from './ids.ts';
import { aws, DEFAULT_REGION, type EksCluster } from './state.ts';

const VERSION = '0.214.0';

function log(ctx: CommandContext, kind: 'i' | 'ok' | 'warn' | 'err', msg: string): void {
  const icon = kind === 'i' ? 'ℹ' : kind === 'ok' ? '✔' : kind === 'warn' ? '!' : '✖';
  ctx.stdout.write(`${logTime(ctx.world)} [${icon}]  ${msg}\n`);
}

interface Flags {
  values: Record<string, string>;
  bools: Set<string>;
  args: string[];
}

const VALUE_FLAGS = new Set(['name', 'region', 'r', 'nodes', 'N', 'node-type', 't', 'version', 'config-file', 'f', 'cluster', 'nodes-min', 'nodes-max', 'namespace', 'labels', 'l', 'output', 'o', 'nodegroup', 'n', 'profile', 'zones', 'timeout']);
const BOOL_FLAGS = new Set(['fargate', 'approve', 'wait', 'w', 'managed', 'dry-run', 'help', 'h', 'without-nodegroup', 'verbose', 'v', 'disable-nodegroup-eviction']);

function parseFlags(args: string[]): Flags | string {
  const out: Flags = { values: Object.create(null), bools: new Set(), args: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      out.args.push(a);
      continue;
    }
    const [raw, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const name = raw.replace(/^--?/, '');
    if (VALUE_FLAGS.has(name)) {
      const v = inline ?? args[++i];
      if (v === undefined) return `Error: flag needs an argument: ${raw}`;
      out.values[{ r: 'region', N: 'nodes', t: 'node-type', f: 'config-file', l: 'labels', o: 'output', n: 'name' }[name] ?? name] = v;
    } else if (BOOL_FLAGS.has(name)) out.bools.add(name === 'h' ? 'help' : name === 'w' ? 'wait' : name);
    else return `Error: unknown flag: ${raw}`;
  }
  return out;
}

interface NodeGroupSpec {
  name: string;
  instanceType?: string;
  desiredCapacity?: number;
  minSize?: number;
  maxSize?: number;
  labels?: Record<string, string>;
}

interface ClusterSpec {
  name: string;
  region: string;
  version: string;
  managedNodeGroups: NodeGroupSpec[];
  fargateProfiles: { name: string; selectors: { namespace: string; labels?: Record<string, string> }[] }[];
}

async function readConfig(ctx: CommandContext, path: string): Promise<ClusterSpec | string> {
  // The parser and the ClusterConfig validator load on first use: a lab's terminal starts without them.
  const [{ parse: parseYaml }, { validateClusterConfig }] = await Promise.all([loadYaml(), import('../../checks/validate/eks/cluster-config.ts')]);
  let text: string;
  try {
    text = sys.readFile(ctx.world, ctx.proc, path);
  } catch {
    return `Error: reading config file "${path}": open ${path}: no such file or directory`;
  }
  if (text.length > LIMITS.yamlBytes) return `Error: loading config file "${path}": file too large`;
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    return `Error: loading config file "${path}": error converting YAML to JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  const diags = validateClusterConfig(doc, { file: path }).filter((d) => d.severity === 'error');
  if (diags.length) {
    const unknownField = diags.find((d) => /unknown field/.test(d.message));
    if (unknownField) {
      const field = /unknown field "([^"]+)"/.exec(unknownField.message)?.[1] ?? '';
      return `Error: loading config file "${path}": error unmarshaling JSON: while decoding JSON: json: unknown field "${field.split('.').pop()}"`;
    }
    return `Error: ${path}:${diags[0]!.line ?? 1}: ${diags[0]!.message}`;
  }
  const d = doc as { metadata: { name: string; region: string; version?: string | number }; managedNodeGroups?: NodeGroupSpec[]; nodeGroups?: NodeGroupSpec[]; fargateProfiles?: ClusterSpec['fargateProfiles'] };
  return { name: d.metadata.name, region: d.metadata.region, version: String(d.metadata.version ?? EKS_DEFAULT_VERSION), managedNodeGroups: [...(d.managedNodeGroups ?? []), ...(d.nodeGroups ?? [])], fargateProfiles: d.fargateProfiles ?? [] };
}

async function createCluster(ctx: CommandContext, f: Flags): Promise<number> {
  let spec: ClusterSpec;
  if (f.values['config-file']) {
    const r = await readConfig(ctx, f.values['config-file']);
    if (typeof r === 'string') {
      ctx.stderr.write(r + '\n');
      return 1;
    }
    spec = r;
  } else {
    const name = f.values.name ?? f.args[0] ?? `attractive-sculpture-${1700000000 + ctx.world.now}`;
    const nodes = f.values.nodes !== undefined ? Number(f.values.nodes) : 2;
    spec = {
      name,
      region: f.values.region ?? DEFAULT_REGION,
      version: f.values.version ?? EKS_DEFAULT_VERSION,
      managedNodeGroups: f.bools.has('fargate') || f.bools.has('without-nodegroup') ? [] : [{ name: 'ng-' + name.slice(0, 8).replace(/[^a-z0-9]/g, '').padEnd(8, '0'), instanceType: f.values['node-type'] ?? 'm5.large', desiredCapacity: nodes, minSize: f.values['nodes-min'] ? Number(f.values['nodes-min']) : nodes, maxSize: f.values['nodes-max'] ? Number(f.values['nodes-max']) : nodes }],
      fargateProfiles: f.bools.has('fargate') ? [{ name: 'fp-default', selectors: [{ namespace: 'default' }, { namespace: 'kube-system' }] }] : [],
    };
  }
  if (!EKS_VERSIONS.includes(spec.version)) {
    ctx.stderr.write(`Error: invalid version, supported values: ${EKS_VERSIONS.join(', ')}\n`);
    return 1;
  }
  const world = ctx.world;
  if (findEks(world, spec.region, spec.name)) {
    log(ctx, 'i', `eksctl version ${VERSION}`);
    log(ctx, 'i', `using region ${spec.region}`);
    ctx.stderr.write(`Error: creating CloudFormation stack "eksctl-${spec.name}-cluster": operation error CloudFormation: CreateStack, https response error StatusCode: 400, RequestID: 5f0c3f4a-1b2c-4d5e-8f90-a1b2c3d4e5f6, AlreadyExistsException: Stack [eksctl-${spec.name}-cluster] already exists\n`);
    return 1;
  }
  if (Object.keys(aws(world).eks).length >= LIMITS.eksClusters) {
    ctx.stderr.write(`Error: too many clusters in this lab (limit ${LIMITS.eksClusters})\n`);
    return 1;
  }
  const zones = [`${spec.region}a`, `${spec.region}b`];
  log(ctx, 'i', `eksctl version ${VERSION}`);
  log(ctx, 'i', `using region ${spec.region}`);
  log(ctx, 'i', `setting availability zones to [${zones.join(' ')}]`);
  log(ctx, 'i', `subnets for ${zones[0]} - public:192.168.0.0/19 private:192.168.64.0/19`);
  log(ctx, 'i', `subnets for ${zones[1]} - public:192.168.32.0/19 private:192.168.96.0/19`);
  for (const ng of spec.managedNodeGroups) log(ctx, 'i', `nodegroup "${ng.name}" will use "" [AmazonLinux2023/${spec.version}]`);
  log(ctx, 'i', `using Kubernetes version ${spec.version}`);
  log(ctx, 'i', `creating EKS cluster "${spec.name}" in "${spec.region}" region with ${spec.managedNodeGroups.length ? 'managed nodes' : spec.fargateProfiles.length ? 'Fargate profile' : 'un-managed nodes'}`);
  const stacks = 1 + spec.managedNodeGroups.length;
  log(ctx, 'i', `will create ${stacks === 1 ? 'a CloudFormation stack for cluster itself' : `${stacks} separate CloudFormation stacks for cluster itself and the initial managed nodegroup`}`);
  log(ctx, 'i', `if you encounter any issues, check CloudFormation console or try 'eksctl utils describe-stacks --region=${spec.region} --cluster=${spec.name}'`);
  log(ctx, 'i', `building cluster stack "eksctl-${spec.name}-cluster"`);
  log(ctx, 'i', `deploying stack "eksctl-${spec.name}-cluster"`);
  for (let t = 0; t < CREATE_MS; t += 30_000) {
    await wait(world, 30_000);
    log(ctx, 'i', `waiting for CloudFormation stack "eksctl-${spec.name}-cluster"`);
  }
  const c = createEks(world, spec.region, spec.name, spec.version);
  for (const fp of spec.fargateProfiles) {
    log(ctx, 'i', `creating Fargate profile "${fp.name}" on EKS cluster "${spec.name}"`);
    await wait(world, 120_000);
    c.fargateProfiles.push({ name: fp.name, selectors: fp.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels ? toDict(s.labels) : undefined })), createdAt: world.now, status: 'ACTIVE', readyAt: world.now });
    log(ctx, 'i', `created Fargate profile "${fp.name}" on EKS cluster "${spec.name}"`);
  }
  for (const ng of spec.managedNodeGroups) {
    log(ctx, 'i', `building managed nodegroup stack "eksctl-${spec.name}-nodegroup-${ng.name}"`);
    log(ctx, 'i', `deploying stack "eksctl-${spec.name}-nodegroup-${ng.name}"`);
    await wait(world, NODEGROUP_MS);
    log(ctx, 'i', `waiting for CloudFormation stack "eksctl-${spec.name}-nodegroup-${ng.name}"`);
    newNodegroup(world, c, { name: ng.name, instanceType: ng.instanceType, desired: ng.desiredCapacity, min: ng.minSize, max: ng.maxSize, labels: ng.labels ? toDict(ng.labels) : dict() });
  }
  log(ctx, 'i', 'waiting for the control plane to become ready');
  const path = writeKubeconfig(world, ctx.proc, c);
  log(ctx, 'ok', `saved kubeconfig as "${path}"`);
  log(ctx, 'i', 'no tasks');
  log(ctx, 'ok', `all EKS cluster resources for "${spec.name}" have been created`);
  for (const ng of c.nodegroups) {
    log(ctx, 'i', `nodegroup "${ng.name}" has ${ng.nodes.length} node(s)`);
    for (const n of ng.nodes) log(ctx, 'i', `node "${n}" is ready`);
    log(ctx, 'i', `waiting for at least ${ng.min} node(s) to become ready in "${ng.name}"`);
    log(ctx, 'i', `nodegroup "${ng.name}" has ${ng.nodes.length} node(s)`);
    for (const n of ng.nodes) log(ctx, 'i', `node "${n}" is ready`);
  }
  log(ctx, 'i', `kubectl command should work with "${path}", try 'kubectl get nodes'`);
  log(ctx, 'ok', `EKS cluster "${spec.name}" in "${spec.region}" region is ready`);
  syncKube(world, c);
  return 0;
}

function needCluster(ctx: CommandContext, f: Flags, region: string): EksCluster | number {
  const name = f.values.cluster ?? (f.values.name && !f.values.nodegroup ? f.values.name : undefined) ?? f.args[0];
  if (!name) {
    ctx.stderr.write('Error: --cluster must be set\n');
    return 1;
  }
  const c = findEks(ctx.world, region, name);
  if (!c) {
    ctx.stderr.write(`Error: unable to describe cluster control plane: operation error EKS: DescribeCluster, https response error StatusCode: 404, RequestID: 0b9d7f3e-5a4c-4b2d-9e8f-7a6b5c4d3e2f, ResourceNotFoundException: No cluster found for name: ${name}.\n`);
    return 1;
  }
  return c;
}

function getCmd(ctx: CommandContext, what: string, f: Flags, region: string): number {
  const world = ctx.world;
  const format = printFormat(f.values.output);
  if (format !== 'table' && format !== 'json' && format !== 'yaml') {
    ctx.stderr.write(`${format}\n`);
    return 1;
  }
  const print = (list: unknown[]) => (format === 'table' ? false : (ctx.stdout.write(printObjects(format, list)), true));
  if (what === 'cluster' || what === 'clusters') {
    const name = f.values.name ?? f.args[0];
    const list = Object.values(aws(world).eks).filter((c) => c.region === region && (!name || c.name === name));
    if (name && list.length === 0) {
      ctx.stderr.write(`Error: unable to describe cluster control plane: operation error EKS: DescribeCluster, https response error StatusCode: 404, RequestID: 0b9d7f3e-5a4c-4b2d-9e8f-7a6b5c4d3e2f, ResourceNotFoundException: No cluster found for name: ${name}.\n`);
      return 1;
    }
    if (print(name ? list.map((c) => clusterDetail(world, c)) : list.map(clusterSummary))) return 0;
    if (list.length === 0) {
      ctx.stderr.write(`No clusters found\n`);
      return 0;
    }
    ctx.stdout.write(table([['NAME', 'REGION', 'EKSCTL CREATED'], ...list.map((c) => [c.name, c.region, 'True'])], 0, 1).replace(/ +\n/g, '\n'));
    return 0;
  }
  const c = needCluster(ctx, f, region);
  if (typeof c === 'number') return c;
  if (what === 'nodegroup' || what === 'nodegroups' || what === 'ng') {
    const only = f.values.name ?? f.values.nodegroup;
    const ngs = c.nodegroups.filter((n) => !only || n.name === only);
    if (only && ngs.length === 0) {
      ctx.stderr.write(`Error: nodegroup with name ${only} not found\n`);
      return 1;
    }
    const summaries = ngs.map((n) => nodegroupSummary(world, c, n));
    if (print(summaries)) return 0;
    // The table prints time.RFC3339, without fractions.
    const rows = summaries.map((n) => [n.Cluster, n.Name, n.Status, n.CreationTime.replace(/\.\d+Z$/, 'Z'), String(n.MinSize), String(n.MaxSize), String(n.DesiredCapacity), n.InstanceType, n.ImageID, n.AutoScalingGroupName, n.Type]);
    ctx.stdout.write(table([['CLUSTER', 'NODEGROUP', 'STATUS', 'CREATED', 'MIN SIZE', 'MAX SIZE', 'DESIRED CAPACITY', 'INSTANCE TYPE', 'IMAGE ID', 'ASG NAME', 'TYPE'], ...rows], 0, 1).replace(/ +\n/g, '\n'));
    return 0;
  }
  if (what === 'fargateprofile' || what === 'fargateprofiles') {
    if (print(c.fargateProfiles.map((p) => fargateProfileObject(c, p)))) return 0;
    if (c.fargateProfiles.length === 0) {
      ctx.stderr.write(`${logTime(world)} [ℹ]  no Fargate profile found\n`);
      return 0;
    }
    const rows = c.fargateProfiles.flatMap((p) => p.selectors.map((s) => [p.name, s.namespace, s.labels && Object.keys(s.labels).length ? Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',') : '<none>', fargateRoleArn(c), fargateSubnets(c).join(','), '<none>', p.status]));
    ctx.stdout.write(table([['NAME', 'SELECTOR_NAMESPACE', 'SELECTOR_LABELS', 'POD_EXECUTION_ROLE_ARN', 'SUBNETS', 'TAGS', 'STATUS'], ...rows], 0, 1).replace(/ +\n/g, '\n'));
    return 0;
  }
  ctx.stderr.write(`Error: unknown resource type "${what}"\n`);
  return 1;
}

const HELP = `The official CLI for Amazon EKS

Usage: eksctl [command] [flags]

Commands:
  eksctl anywhere                        EKS anywhere
  eksctl associate                       Associate resources with a cluster
  eksctl completion                      Generates shell completion scripts for bash, zsh or fish
  eksctl create                          Create resource(s)
  eksctl delete                          Delete resource(s)
  eksctl get                             Get resource(s)
  eksctl help                            Help about any command
  eksctl info                            Output the version of eksctl, kubectl and OS info
  eksctl scale                           Scale resources(s)
  eksctl upgrade                         Upgrade resource(s)
  eksctl utils                           Various utils
  eksctl version                         Output the version of eksctl

Common flags:
  -C, --color string   toggle colorized logs (valid options: true, false, fabulous) (default "true")
  -d, --dumpLogs       dump logs to disk on failure if set to true
  -h, --help           help for this command
  -v, --verbose int    set log level, use 0 to silence, 4 for debugging and 5 for debugging with AWS debug logging (default 3)

Use 'eksctl [command] --help' for more information about a command.

`;

export const eksctl: Program = {
  name: 'eksctl',
  summary: 'The official CLI for Amazon EKS',
  path: '/usr/local/bin/eksctl',
  async run(ctx) {
    const [verb, noun, ...rest] = ctx.args;
    if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
      ctx.stdout.write(HELP);
      return 0;
    }
    if (verb === 'version') {
      ctx.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const known: Record<string, string[]> = { create: ['cluster', 'nodegroup', 'ng', 'fargateprofile'], get: ['cluster', 'clusters', 'nodegroup', 'nodegroups', 'ng', 'fargateprofile', 'fargateprofiles'], delete: ['cluster', 'nodegroup', 'ng', 'fargateprofile'], scale: ['nodegroup', 'ng'], upgrade: ['cluster'] };
    if (!known[verb]) {
      ctx.stderr.write(`Error: unknown command "${verb}" for "eksctl"\nRun 'eksctl --help' for usage.\n`);
      return 1;
    }
    if (!noun || noun.startsWith('-')) {
      ctx.stderr.write(`Error: please provide a resource type\n`);
      return 1;
    }
    if (!known[verb]!.includes(noun)) {
      ctx.stderr.write(`Error: unknown command "${noun}" for "eksctl ${verb}"\nRun 'eksctl ${verb} --help' for usage.\n`);
      return 1;
    }
    const f = parseFlags(noun.startsWith('-') ? [noun, ...rest] : rest);
    if (typeof f === 'string') {
      ctx.stderr.write(f + '\n');
      return 1;
    }
    const region = f.values.region ?? ctx.proc.env.AWS_REGION ?? ctx.proc.env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
    const world = ctx.world;
    if (verb === 'create' && noun === 'cluster') return createCluster(ctx, f);
    if (verb === 'get') return getCmd(ctx, noun, f, region);
    if (f.values['config-file']) {
      const spec = await readConfig(ctx, f.values['config-file']);
      if (typeof spec === 'string') {
        ctx.stderr.write(spec + '\n');
        return 1;
      }
      f.values.cluster ??= spec.name;
      if (noun === 'fargateprofile' && verb === 'create') f.values.namespace ??= spec.fargateProfiles[0]?.selectors[0]?.namespace ?? 'default', (f.values.name ??= spec.fargateProfiles[0]?.name ?? 'fp');
      if ((noun === 'nodegroup' || noun === 'ng') && verb === 'create') {
        const ng = spec.managedNodeGroups[0];
        if (ng) (f.values.name ??= ng.name), (f.values['node-type'] ??= ng.instanceType ?? 'm5.large'), (f.values.nodes ??= String(ng.desiredCapacity ?? 2));
      }
    }
    const c = needCluster(ctx, f, region);
    if (typeof c === 'number') return c;
    if (verb === 'create' && (noun === 'nodegroup' || noun === 'ng')) {
      const name = f.values.name ?? `ng-${world.now.toString(16).slice(-8).padStart(8, '0')}`;
      if (c.nodegroups.some((n) => n.name === name)) {
        ctx.stderr.write(`Error: nodegroup ${name} already exists\n`);
        return 1;
      }
      log(ctx, 'i', `will use version ${c.version} for new nodegroup(s) based on control plane version`);
      log(ctx, 'i', `nodegroup "${name}" will use "" [AmazonLinux2023/${c.version}]`);
      log(ctx, 'i', `1 nodegroup (${name}) was included (based on the include/exclude rules)`);
      log(ctx, 'i', `will create a CloudFormation stack for each of 1 managed nodegroups in cluster "${c.name}"`);
      log(ctx, 'i', `building managed nodegroup stack "eksctl-${c.name}-nodegroup-${name}"`);
      log(ctx, 'i', `deploying stack "eksctl-${c.name}-nodegroup-${name}"`);
      await wait(world, NODEGROUP_MS);
      log(ctx, 'i', `waiting for CloudFormation stack "eksctl-${c.name}-nodegroup-${name}"`);
      const nodes = f.values.nodes !== undefined ? Number(f.values.nodes) : 2;
      const ng = newNodegroup(world, c, { name, instanceType: f.values['node-type'], desired: nodes, min: f.values['nodes-min'] ? Number(f.values['nodes-min']) : undefined, max: f.values['nodes-max'] ? Number(f.values['nodes-max']) : undefined });
      log(ctx, 'i', 'no tasks');
      log(ctx, 'ok', `created 0 nodegroup(s) in cluster "${c.name}"`);
      log(ctx, 'i', `nodegroup "${ng.name}" has ${ng.nodes.length} node(s)`);
      for (const n of ng.nodes) log(ctx, 'i', `node "${n}" is ready`);
      log(ctx, 'ok', `created 1 managed nodegroup(s) in cluster "${c.name}"`);
      log(ctx, 'i', 'checking security group configuration for all nodegroups');
      log(ctx, 'i', 'all nodegroups have up-to-date cloudformation templates');
      return 0;
    }
    if (verb === 'create' && noun === 'fargateprofile') {
      const ns = f.values.namespace;
      if (!ns) {
        ctx.stderr.write('Error: invalid Fargate profile: empty selector namespace\n');
        return 1;
      }
      const name = f.values.name ?? `fp-${world.now.toString(16).slice(-8).padStart(8, '0')}`;
      if (c.fargateProfiles.some((p) => p.name === name)) {
        ctx.stderr.write(`Error: failed to create Fargate profile "${name}": operation error EKS: CreateFargateProfile, https response error StatusCode: 409, ResourceInUseException: A Fargate Profile already exists with this name in this cluster.\n`);
        return 1;
      }
      const labels = f.values.labels ? toDict(Object.fromEntries(f.values.labels.split(',').map((kv) => kv.split('=') as [string, string]))) : undefined;
      log(ctx, 'i', `creating Fargate profile "${name}" on EKS cluster "${c.name}"`);
      await wait(world, 120_000);
      c.fargateProfiles.push({ name, selectors: [{ namespace: ns, labels }], createdAt: world.now, status: 'ACTIVE', readyAt: world.now });
      log(ctx, 'i', `created Fargate profile "${name}" on EKS cluster "${c.name}"`);
      syncKube(world, c);
      return 0;
    }
    if (verb === 'scale') {
      const name = f.values.name ?? f.values.nodegroup;
      const ng = c.nodegroups.find((n) => n.name === name);
      if (!name || !ng) {
        ctx.stderr.write(name ? `Error: failed to scale nodegroup for cluster "${c.name}", error: nodegroup ${name} not found\n` : 'Error: --name must be set\n');
        return 1;
      }
      const nodes = f.values.nodes !== undefined ? Number(f.values.nodes) : ng.desired;
      const min = f.values['nodes-min'] !== undefined ? Number(f.values['nodes-min']) : ng.min;
      const max = f.values['nodes-max'] !== undefined ? Number(f.values['nodes-max']) : ng.max;
      if (nodes > max || nodes < min) {
        ctx.stderr.write(`Error: the desired nodes ${nodes} is ${nodes > max ? 'greater than current nodes-max/maxSize' : 'less than current nodes-min/minSize'} ${nodes > max ? max : min}\n`);
        return 1;
      }
      ng.min = min;
      ng.max = max;
      log(ctx, 'i', `scaling nodegroup "${ng.name}" in cluster ${c.name}`);
      await wait(world, 90_000);
      resizeNodegroup(world, c, ng, nodes);
      log(ctx, 'i', `initiated scaling of nodegroup`);
      log(ctx, 'i', `to see the status of the scaling run \`eksctl get nodegroup --cluster ${c.name} --region ${c.region} --name ${ng.name}\``);
      return 0;
    }
    if (verb === 'upgrade') {
      const target = f.values.version ?? EKS_VERSIONS[EKS_VERSIONS.indexOf(c.version) + 1];
      const cur = EKS_VERSIONS.indexOf(c.version);
      const next = target ? EKS_VERSIONS.indexOf(target) : -1;
      if (!target || next < 0) {
        ctx.stderr.write(`Error: cannot upgrade to ${target ?? 'a newer version'}: ${c.version} is the latest supported version\n`);
        return 1;
      }
      if (next === cur) {
        log(ctx, 'i', `no cluster version update required`);
        return 0;
      }
      if (next < cur) {
        ctx.stderr.write(`Error: cannot upgrade to a lower version. Current version: ${c.version}, target version: ${target}\n`);
        return 1;
      }
      if (next > cur + 1) {
        ctx.stderr.write(`Error: upgrading more than one version at a time is not supported. Found upgrade from "${c.version}" to "${target}". Please upgrade to "${EKS_VERSIONS[cur + 1]}" first\n`);
        return 1;
      }
      if (!f.bools.has('approve')) {
        log(ctx, 'i', `(plan) would upgrade cluster "${c.name}" control plane from current version "${c.version}" to "${target}"`);
        log(ctx, 'warn', 'no changes were applied, run again with \'--approve\' to apply the changes');
        return 0;
      }
      log(ctx, 'i', `will upgrade cluster "${c.name}" control plane from current version "${c.version}" to "${target}"`);
      await wait(world, 8 * 60_000);
      c.version = target;
      log(ctx, 'ok', `cluster "${c.name}" control plane has been upgraded to version "${target}"`);
      log(ctx, 'i', `you will need to follow the upgrade procedure for all of nodegroups and add-ons`);
      syncKube(world, c);
      return 0;
    }
    if (verb === 'delete' && noun === 'cluster') {
      log(ctx, 'i', `deleting EKS cluster "${c.name}"`);
      log(ctx, 'i', `will drain 0 unmanaged nodegroup(s) in cluster "${c.name}"`);
      log(ctx, 'i', `starting parallel draining, max in-flight of 1`);
      for (const ng of c.nodegroups) log(ctx, 'i', `will delete stack "eksctl-${c.name}-nodegroup-${ng.name}"`);
      await wait(world, 5 * 60_000);
      log(ctx, 'i', `will delete stack "eksctl-${c.name}-cluster"`);
      await wait(world, 5 * 60_000);
      delete aws(world).eks[`${c.region}/${c.name}`];
      syncKube(world, c);
      log(ctx, 'ok', `all cluster resources were deleted`);
      return 0;
    }
    if (verb === 'delete' && (noun === 'nodegroup' || noun === 'ng')) {
      const name = f.values.name ?? f.values.nodegroup;
      const ng = c.nodegroups.find((n) => n.name === name);
      if (!ng) {
        ctx.stderr.write(`Error: nodegroup ${name ?? ''} not found\n`);
        return 1;
      }
      log(ctx, 'i', `1 nodegroup (${ng.name}) was included (based on the include/exclude rules)`);
      log(ctx, 'i', `will drain 1 nodegroup(s) in cluster "${c.name}"`);
      await wait(world, 3 * 60_000);
      c.nodegroups = c.nodegroups.filter((n) => n !== ng);
      log(ctx, 'i', `will delete stack "eksctl-${c.name}-nodegroup-${ng.name}"`);
      log(ctx, 'ok', `deleted 1 nodegroup(s) from cluster "${c.name}"`);
      syncKube(world, c);
      return 0;
    }
    if (verb === 'delete' && noun === 'fargateprofile') {
      const name = f.values.name;
      if (!c.fargateProfiles.some((p) => p.name === name)) {
        ctx.stderr.write(`Error: failed to delete Fargate profile "${name ?? ''}": ResourceNotFoundException: No Fargate Profile found with name: ${name ?? ''}.\n`);
        return 1;
      }
      c.fargateProfiles = c.fargateProfiles.filter((p) => p.name !== name);
      log(ctx, 'i', `deleted Fargate profile "${name}" on EKS cluster "${c.name}"`);
      syncKube(world, c);
      return 0;
    }
    return 1;
  },
};
