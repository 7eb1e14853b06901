/**
 * The VPC eksctl creates for a cluster: 192.168.0.0/16 cut into /19 subnets, a public and
 * a private one in each of two zones (what `eksctl create cluster` logs). Managed nodes get
 * addresses in the public subnets, Fargate pods in the private ones, and the VPC CNI gives
 * the pods on a node secondary addresses from that node's subnet. So every IP a learner sees
 * on an EKS cluster (nodes, pods, Fargate nodes) is a VPC address, handed out once.
 */
import { sha256Hex } from '../runtime/sha256.ts';
import type { EksCluster } from './state.ts';
import { defaultSubnets } from './vpc.ts';

export const EKS_ZONE_COUNT = 2;
/** /19: 8192 addresses; EC2 keeps the first four and the last one of every subnet. */
const SUBNET_SIZE = 8192;
const USABLE = SUBNET_SIZE - 5;
/** Steps through a subnet's usable addresses in a scattered order (coprime with USABLE, so each comes once). */
const STRIDE = 2053;

/** The IDs eksctl's CloudFormation stack gives the VPC, its subnets and its control plane security group. */
export function eksVpcIds(c: EksCluster) {
  const id = (kind: string) => sha256Hex(`${kind}/${c.region}/${c.name}`).slice(0, 17);
  return {
    vpc: `vpc-${id('vpc')}`,
    subnets: Array.from({ length: EKS_ZONE_COUNT * 2 }, (_, i) => `subnet-${id(`subnet-${i}`)}`),
    controlPlaneSecurityGroup: `sg-${id('sg')}`,
  };
}

/** Subnet 0..3: public zone a, public zone b, private zone a, private zone b. */
export function eksSubnetCidr(subnet: number): string {
  return `192.168.${subnet * 32}.0/19`;
}

export function eksZones(region: string): string[] {
  return defaultSubnets(region)
    .slice(0, EKS_ZONE_COUNT)
    .map((s) => s.az);
}

function subnetOf(ip: string): number {
  return Math.floor(Number(ip.split('.')[2] ?? 0) / 32);
}

/** The zone (name and ID) of an address in the cluster's VPC. */
export function eksZoneOf(c: EksCluster, ip: string): { az: string; azId: string } {
  const s = defaultSubnets(c.region)[subnetOf(ip) % EKS_ZONE_COUNT]!;
  return { az: s.az, azId: s.azId };
}

/**
 * The next free address in one of the cluster's subnets. `inUse` says which addresses are
 * taken, so a long-running cluster that has gone round a subnet skips the ones still held.
 */
export function allocateEksIp(c: EksCluster, subnet: number, inUse: (ip: string) => boolean = () => false): string {
  const hosts = (c.hosts ??= Array.from({ length: EKS_ZONE_COUNT * 2 }, () => 0));
  // Where a subnet starts handing out differs per cluster and subnet, as EC2's choice does.
  const salt = parseInt(sha256Hex(`${c.region}/${c.name}/${subnet}`).slice(0, 8), 16) % USABLE;
  let ip = '';
  for (let tries = 0; tries < USABLE; tries++) {
    const n = hosts[subnet]!++;
    const offset = 4 + ((n * STRIDE + salt) % USABLE);
    ip = `192.168.${subnet * 32 + Math.floor(offset / 256)}.${offset % 256}`;
    if (!inUse(ip)) break;
  }
  return ip;
}

/** A managed node's subnet: the public one of the zone its Auto Scaling group puts it in. */
export function nodeSubnet(index: number): number {
  return index % EKS_ZONE_COUNT;
}

/** A Fargate pod's subnet: a private one, zones in turn. */
export function fargateSubnet(c: EksCluster): number {
  return EKS_ZONE_COUNT + ((c.hosts?.[EKS_ZONE_COUNT] ?? 0) + (c.hosts?.[EKS_ZONE_COUNT + 1] ?? 0)) % EKS_ZONE_COUNT;
}

/** The subnet a pod on the node with this address gets its address from (the VPC CNI's secondary IPs). */
export function podSubnet(nodeIp: string): number {
  return subnetOf(nodeIp);
}
