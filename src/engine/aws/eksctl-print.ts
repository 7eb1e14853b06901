/**
 * `eksctl get … -o json|yaml`: eksctl prints the Go values behind its tables, JSON with
 * encoding/json's MarshalIndent (4 spaces, struct field order, no newline after) and YAML with
 * sigs.k8s.io/yaml (keys sorted, sequences not indented). Clusters are the AWS SDK for Go's
 * EKS Cluster struct: members PascalCase in alphabetical order, absent ones null.
 */
import { toYaml } from '../kube/kubectl/output.ts';
import type { World } from '../world.ts';
import { SHAPES } from './cli/shapes.generated.ts';
import { clusterJson } from './eks.ts';
import { eksVpcIds, EKS_ZONE_COUNT } from './eks-vpc.ts';
import { ACCOUNT, type EksCluster, type NodeGroup } from './state.ts';

export type PrintFormat = 'table' | 'json' | 'yaml';

/** eksctl's check of `-o`, or its error text. */
export function printFormat(output: string | undefined): PrintFormat | string {
  const f = output ?? 'table';
  return f === 'table' || f === 'json' || f === 'yaml' ? f : `Error: unknown output printer type: expected {"yaml","json","table"} but got "${f}"`;
}

export function printObjects(format: 'json' | 'yaml', list: unknown[]): string {
  return format === 'json' ? JSON.stringify(list, null, 4) : toYaml(list);
}

/** Go's time.Time in JSON: RFC 3339 in UTC, fractions only when there are any. */
export function goTime(world: World, at: number): string {
  return new Date(world.state.clock.epoch + at).toISOString().replace(/\.000Z$/, 'Z');
}

/** cluster.Description, what `eksctl get clusters` lists. */
export function clusterSummary(c: EksCluster) {
  return { Name: c.name, Region: c.region, Owned: 'True' };
}

const AWS_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})\d{3}\+00:00$/;

/** An API structure as the Go SDK's struct marshals: every member of the shape, PascalCase and sorted, null when absent. */
function goStruct(shape: string, value: Record<string, unknown>): Record<string, unknown> {
  const members = (SHAPES.eks!.shapes[shape] ?? '').split(' ').filter(Boolean).map((m) => m.split(':') as [string, string | undefined]);
  const out: Record<string, unknown> = {};
  for (const [name, structure] of [...members].sort(([a], [b]) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1))) {
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    const go = name[0]!.toUpperCase() + name.slice(1);
    if (v === undefined || v === null) out[go] = null;
    else if (structure) out[go] = Array.isArray(v) ? v.map((x) => goStruct(structure, x as Record<string, unknown>)) : goStruct(structure, v as Record<string, unknown>);
    else if (typeof v === 'string' && AWS_TIME.test(v)) out[go] = v.replace(AWS_TIME, (_, s: string, ms: string) => (ms === '000' ? `${s}Z` : `${s}.${ms.replace(/0+$/, '')}Z`));
    else out[go] = isMap(v) ? sortedMap(v) : v;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** encoding/json writes a Go map's keys in sorted order. */
function sortedMap(m: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `eksctl get cluster NAME -o json|yaml`: the cluster as DescribeCluster returned it to eksctl. */
export function clusterDetail(world: World, c: EksCluster): Record<string, unknown> {
  return goStruct('Cluster', clusterJson(world, c));
}

export function nodegroupAsgName(ng: NodeGroup): string {
  return `eks-${ng.name}-${ng.createdAt.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
}

/** nodegroup.Summary, field for field. */
export function nodegroupSummary(world: World, c: EksCluster, ng: NodeGroup) {
  return {
    StackName: `eksctl-${c.name}-nodegroup-${ng.name}`,
    Cluster: c.name,
    Name: ng.name,
    Status: 'ACTIVE',
    MaxSize: ng.max,
    MinSize: ng.min,
    DesiredCapacity: ng.nodes.length,
    InstanceType: ng.instanceType,
    ImageID: 'AL2023_x86_64_STANDARD',
    CreationTime: goTime(world, ng.createdAt),
    NodeInstanceRoleARN: `arn:aws:iam::${ACCOUNT}:role/eksctl-${c.name}-nodegroup-${ng.name}-NodeInstanceRole`,
    AutoScalingGroupName: nodegroupAsgName(ng),
    Version: c.version,
    Type: 'managed',
  };
}

export function fargateRoleArn(c: EksCluster): string {
  return `arn:aws:iam::${ACCOUNT}:role/eksctl-${c.name}-cluster-FargatePodExecutionRole`;
}

/** Fargate pods run in the cluster's private subnets. */
export function fargateSubnets(c: EksCluster): string[] {
  return eksVpcIds(c).subnets.slice(EKS_ZONE_COUNT);
}

/** api.FargateProfile, field for field (omitempty: no labels, tags or subnets when there are none). */
export function fargateProfileObject(c: EksCluster, p: EksCluster['fargateProfiles'][number]) {
  return {
    name: p.name,
    podExecutionRoleARN: fargateRoleArn(c),
    selectors: p.selectors.map((s) => ({ namespace: s.namespace, ...(s.labels && Object.keys(s.labels).length ? { labels: sortedMap(s.labels) } : {}) })),
    subnets: fargateSubnets(c),
    status: p.status,
  };
}
