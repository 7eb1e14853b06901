/**
 * Amazon EKS: clusters with a managed control plane, managed node groups whose nodes carry
 * EC2 private DNS names and EKS labels, Fargate profiles, version upgrades one minor at a
 * time, and `aws eks describe-cluster|list-clusters|update-kubeconfig`.
 *
 * The Kubernetes side (nodes, pods, fargate-scheduler) is a cluster of the kube engine, kept
 * in step by `syncKube` (see eks-kube.ts).
 */
import * as sys from '../kernel/syscalls.ts';
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { AwsError, type Service } from './cli/types.ts';
import { EKS_OPS } from './cli/names.generated.ts';
import { arn, awsTime, hex } from './ids.ts';
import { ACCOUNT, aws, type EksCluster, type NodeGroup } from './state.ts';
import { privateDnsName } from './vpc.ts';
import type { Process } from '../kernel/process.ts';
import { addKubeContext, deleteKubeCluster, eksIpInUse, syncKubeCluster } from './eks-kube.ts';
import { allocateEksIp, eksVpcIds, nodeSubnet } from './eks-vpc.ts';

export const EKS_VERSIONS = ['1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];
export const EKS_DEFAULT_VERSION = '1.34';
const PLATFORM: Record<string, string> = { '1.31': 'eks.41', '1.32': 'eks.20', '1.33': 'eks.12', '1.34': 'eks.6', '1.35': 'eks.2', '1.36': 'eks.1' };
/** Minutes a control plane takes to create; node groups take about 3 more. */
export const CREATE_MS = 10 * 60_000;
export const NODEGROUP_MS = 3 * 60_000;

export function findEks(world: World, region: string, name: string): EksCluster | undefined {
  return aws(world).eks[`${region}/${name}`];
}

function hexOf(s: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let r = 0; r < 8; r++) {
    for (const ch of s + r) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

export function resizeNodegroup(world: World, c: EksCluster, ng: NodeGroup, desired: number): void {
  const target = Math.max(0, Math.min(desired, LIMITS.eksNodesPerGroup));
  const inUse = eksIpInUse(world, c);
  while (ng.nodes.length < target) ng.nodes.push(privateDnsName(c.region, allocateEksIp(c, nodeSubnet(ng.nodes.length), inUse)));
  if (ng.nodes.length > target) ng.nodes.splice(target);
  ng.desired = target;
  syncKube(world, c);
}

/** Hands the cluster's nodes, Fargate profiles and version to the Kubernetes engine (eks-kube.ts). */
export function syncKube(world: World, c: EksCluster): void {
  if (findEks(world, c.region, c.name) === c) syncKubeCluster(world, c);
  else deleteKubeCluster(world, c);
}

export function newNodegroup(world: World, c: EksCluster, o: { name: string; instanceType?: string; desired?: number; min?: number; max?: number; labels?: Dict<string> }): NodeGroup {
  const desired = o.desired ?? 2;
  const ng: NodeGroup = { name: o.name, instanceType: o.instanceType ?? 'm5.large', desired: 0, min: o.min ?? Math.min(desired, 1), max: o.max ?? Math.max(desired, 1), labels: o.labels ?? dict(), nodes: [], createdAt: world.now, status: 'ACTIVE', readyAt: world.now };
  c.nodegroups.push(ng);
  resizeNodegroup(world, c, ng, desired);
  return ng;
}

export function createEks(world: World, region: string, name: string, version: string): EksCluster {
  const c: EksCluster = { name, region, version, status: 'ACTIVE', createdAt: world.now, readyAt: world.now, endpointId: hex(world, 32).toUpperCase(), nodegroups: [], fargateProfiles: [] };
  aws(world).eks[`${region}/${name}`] = c;
  return c;
}

export function clusterEndpoint(c: EksCluster): string {
  return `https://${c.endpointId}.gr7.${c.region}.eks.amazonaws.com`;
}

/** The cluster as `aws eks describe-cluster` returns it. */
export function clusterJson(world: World, c: EksCluster) {
  const vpc = eksVpcIds(c);
  return {
    name: c.name,
    arn: arn('eks', c.region, `cluster/${c.name}`),
    createdAt: awsTime(world, c.createdAt),
    version: c.version,
    endpoint: clusterEndpoint(c),
    roleArn: `arn:aws:iam::${ACCOUNT}:role/eksctl-${c.name}-cluster-ServiceRole-${hexOf(c.name).slice(0, 12).toUpperCase()}`,
    resourcesVpcConfig: {
      subnetIds: vpc.subnets,
      securityGroupIds: [vpc.controlPlaneSecurityGroup],
      clusterSecurityGroupId: `sg-${hexOf(c.name + 'cluster').slice(0, 17)}`,
      vpcId: vpc.vpc,
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4', elasticLoadBalancing: { enabled: false } },
    logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
    identity: { oidc: { issuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${c.endpointId}` } },
    status: c.status,
    certificateAuthority: { data: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMk1URXlNVEV3TURBd01Gb1hEVE0yTVRFeE9URXdNREF3TUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTUVoCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K' },
    platformVersion: PLATFORM[c.version] ?? 'eks.1',
    tags: { 'alpha.eksctl.io/cluster-name': c.name, 'eksctl.cluster.k8s.io/v1alpha1/cluster-name': c.name, 'alpha.eksctl.io/eksctl-version': '0.214.0' },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'EXTENDED' },
  };
}

/** Writes the kubeconfig entry `aws eks update-kubeconfig` and eksctl write. */
export function writeKubeconfig(world: World, proc: Process, c: EksCluster, alias?: string): string {
  const home = proc.env.HOME ?? '/root';
  const path = `${home}/.kube/config`;
  const ctxName = alias ?? arn('eks', c.region, `cluster/${c.name}`);
  const clusterArn = arn('eks', c.region, `cluster/${c.name}`);
  const yaml = `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${(clusterJson(world, c).certificateAuthority as { data: string }).data}\n    server: ${clusterEndpoint(c)}\n  name: ${clusterArn}\ncontexts:\n- context:\n    cluster: ${clusterArn}\n    user: ${clusterArn}\n  name: ${ctxName}\ncurrent-context: ${ctxName}\nkind: Config\npreferences: {}\nusers:\n- name: ${clusterArn}\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      args:\n      - --region\n      - ${c.region}\n      - eks\n      - get-token\n      - --cluster-name\n      - ${c.name}\n      - --output\n      - json\n      command: aws\n`;
  sys.mkdirp(world, proc, `${home}/.kube`, 0o755);
  sys.writeFile(world, proc, path, yaml, false, 0o600);
  // kubectl reads its contexts from the kube engine's kubeconfig state; keep it in step with the file.
  syncKube(world, c);
  addKubeContext(world, c, ctxName, 'kubernetes-admin');
  return path;
}

const notFound = (name: string) => new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`);

export const eksService: Service = {
  name: 'eks',
  allOps: EKS_OPS,
  ops: {
    'describe-cluster': {
      params: { name: { type: 's', required: true } },
      run(a, p) {
        const c = findEks(a.ctx.world, a.region, String(p.name));
        return c ? { cluster: clusterJson(a.ctx.world, c) } : notFound(String(p.name));
      },
    },
    'list-clusters': {
      params: {},
      run(a) {
        return { clusters: Object.values(aws(a.ctx.world).eks).filter((c) => c.region === a.region).map((c) => c.name).sort() };
      },
    },
    'list-nodegroups': {
      params: { 'cluster-name': { type: 's', required: true } },
      run(a, p) {
        const c = findEks(a.ctx.world, a.region, String(p.clusterName));
        return c ? { nodegroups: c.nodegroups.map((n) => n.name) } : notFound(String(p.clusterName));
      },
    },
    'list-fargate-profiles': {
      params: { 'cluster-name': { type: 's', required: true } },
      run(a, p) {
        const c = findEks(a.ctx.world, a.region, String(p.clusterName));
        return c ? { fargateProfileNames: c.fargateProfiles.map((f) => f.name) } : notFound(String(p.clusterName));
      },
    },
    'update-kubeconfig': {
      params: { name: { type: 's', required: true }, alias: { type: 's' }, kubeconfig: { type: 's' }, 'role-arn': { type: 's' }, 'dry-run': { type: 'b' } },
      run(a, p) {
        const c = findEks(a.ctx.world, a.region, String(p.name));
        if (!c) return new AwsError('ResourceNotFoundException', `No cluster found for name: ${String(p.name)}.`, 'DescribeCluster');
        const path = writeKubeconfig(a.ctx.world, a.ctx.proc, c, p.alias as string | undefined);
        return { raw: `Added new context ${p.alias ?? arn('eks', c.region, `cluster/${c.name}`)} to ${path}\n` };
      },
    },
  },
};
