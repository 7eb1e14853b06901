/**
 * The account's default VPC in each region (172.31.0.0/16, one /20 subnet per AZ, the
 * default security group), `aws ec2 describe-*` with --filters, ENIs for awsvpc tasks,
 * and `aws sts get-caller-identity`. IDs derive from the region, so they are stable.
 */
import type { World } from '../world.ts';
import { describeInstances, runInstances, terminateInstances } from './ec2.ts';
import { sha256Hex } from '../runtime/sha256.ts';
import { AwsError, type Op, type Service } from './cli/types.ts';
import { EC2_OPS, STS_OPS } from './cli/names.generated.ts';
import { hex } from './ids.ts';
import { ACCOUNT, aws } from './state.ts';

const AZ_COUNT: Record<string, number> = { 'us-east-1': 6, 'us-west-2': 4, 'eu-west-1': 3 };

function stable(kind: string, region: string, n = 17): string {
  return sha256Hex(`${kind}:${region}`).slice(0, n);
}

export function defaultVpc(region: string) {
  return { id: `vpc-${stable('vpc', region)}`, cidr: '172.31.0.0/16', dhcp: `dopt-${stable('dopt', region)}` };
}

export function zones(region: string): string[] {
  return 'abcdef'.slice(0, AZ_COUNT[region] ?? 3).split('').map((c) => `${region}${c}`);
}

export function defaultSubnets(region: string) {
  return zones(region).map((az, i) => ({ id: `subnet-${stable(`subnet-${i}`, region)}`, az, azId: `use1-az${[6, 1, 2, 4, 3, 5][i] ?? i + 1}`, cidr: `172.31.${i * 16}.0/20`, index: i }));
}

export function defaultSecurityGroup(region: string) {
  return { id: `sg-${stable('sg', region)}`, name: 'default' };
}

/** An address's EC2 private DNS name: `ip-192-168-12-34.ec2.internal` in us-east-1, `….REGION.compute.internal` elsewhere. */
export function privateDnsName(region: string, ip: string): string {
  return `ip-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
}

export function findSubnet(region: string, id: string) {
  return defaultSubnets(region).find((s) => s.id === id);
}

/** A new ENI with the next private IP in the subnet (deterministic). */
export function allocateEni(world: World, region: string, subnetId: string, description: string): { id: string; ip: string; mac: string; dns: string } {
  const st = aws(world);
  const s = findSubnet(region, subnetId) ?? defaultSubnets(region)[0]!;
  const n = (st.nextHost[s.id] ?? 10) + 1;
  st.nextHost[s.id] = n;
  const ip = `172.31.${s.index * 16 + Math.floor(n / 256)}.${n % 256}`;
  const id = `eni-${hex(world, 17)}`;
  st.enis[id] = { id, subnetId: s.id, ip, description };
  return { id, ip, mac: `0e:${hex(world, 2)}:${hex(world, 2)}:${hex(world, 2)}:${hex(world, 2)}:${hex(world, 2)}`, dns: privateDnsName(region, ip) };
}

type Filter = { Name?: string; Values?: unknown };

function matches(obj: Record<string, unknown>, filters: Filter[], fields: Record<string, (o: Record<string, unknown>) => unknown>): boolean {
  return filters.every((f) => {
    const get = fields[f.Name ?? ''];
    if (!get) return true;
    const vals = (Array.isArray(f.Values) ? f.Values : [f.Values]).map(String);
    const v = get(obj);
    return (Array.isArray(v) ? v.map(String) : [String(v)]).some((x) => vals.includes(x));
  });
}

function filterError(filters: Filter[], known: string[]): AwsError | undefined {
  const bad = filters.find((f) => !known.includes(f.Name ?? '') && !(f.Name ?? '').startsWith('tag:'));
  return bad ? new AwsError('InvalidParameterValue', `The filter '${bad.Name}' is invalid`) : undefined;
}

function vpcJson(region: string) {
  const v = defaultVpc(region);
  return {
    OwnerId: ACCOUNT,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${stable('assoc', region)}`, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } }],
    IsDefault: true,
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    VpcId: v.id,
    State: 'available',
    CidrBlock: v.cidr,
    DhcpOptionsId: v.dhcp,
  };
}

function subnetJson(region: string, s: ReturnType<typeof defaultSubnets>[number]) {
  return {
    AvailabilityZoneId: s.azId,
    MapCustomerOwnedIpOnLaunch: false,
    OwnerId: ACCOUNT,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: `arn:aws:ec2:${region}:${ACCOUNT}:subnet/${s.id}`,
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    SubnetId: s.id,
    State: 'available',
    VpcId: defaultVpc(region).id,
    CidrBlock: s.cidr,
    AvailableIpAddressCount: 4091,
    AvailabilityZone: s.az,
    DefaultForAz: true,
    MapPublicIpOnLaunch: true,
  };
}

function sgJson(region: string) {
  const g = defaultSecurityGroup(region);
  return {
    GroupId: g.id,
    IpPermissionsEgress: [{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }],
    VpcId: defaultVpc(region).id,
    SecurityGroupArn: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${g.id}`,
    OwnerId: ACCOUNT,
    GroupName: 'default',
    Description: 'default VPC security group',
    IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ UserId: ACCOUNT, GroupId: g.id }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }],
  };
}

const describeVpcs: Op = {
  params: { 'vpc-ids': { type: 'l' }, filters: { type: 'L' } },
  run(a, p) {
    const filters = (p.Filters as Filter[] | undefined) ?? [];
    const err = filterError(filters, ['vpc-id', 'isDefault', 'is-default', 'state', 'cidr', 'cidr-block', 'owner-id']);
    if (err) return err;
    const ids = p.VpcIds as string[] | undefined;
    const v = vpcJson(a.region);
    if (ids?.some((id) => id !== v.VpcId)) return new AwsError('InvalidVpcID.NotFound', `The vpc ID '${ids.find((id) => id !== v.VpcId)}' does not exist`);
    const list = [v].filter((x) => matches(x, filters, { 'vpc-id': (o) => o.VpcId, isDefault: (o) => o.IsDefault, 'is-default': (o) => o.IsDefault, state: (o) => o.State, cidr: (o) => o.CidrBlock, 'cidr-block': (o) => o.CidrBlock, 'owner-id': (o) => o.OwnerId }));
    return { Vpcs: list };
  },
};

const describeSubnets: Op = {
  params: { 'subnet-ids': { type: 'l' }, filters: { type: 'L' } },
  run(a, p) {
    const filters = (p.Filters as Filter[] | undefined) ?? [];
    const err = filterError(filters, ['vpc-id', 'subnet-id', 'availability-zone', 'availabilityZone', 'default-for-az', 'defaultForAz', 'state', 'cidr-block', 'map-public-ip-on-launch']);
    if (err) return err;
    const all = defaultSubnets(a.region).map((s) => subnetJson(a.region, s));
    const ids = p.SubnetIds as string[] | undefined;
    const missing = ids?.find((id) => !all.some((s) => s.SubnetId === id));
    if (missing) return new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${missing}' does not exist`);
    const list = all.filter((s) => (!ids || ids.includes(s.SubnetId)) && matches(s, filters, { 'vpc-id': (o) => o.VpcId, 'subnet-id': (o) => o.SubnetId, 'availability-zone': (o) => o.AvailabilityZone, availabilityZone: (o) => o.AvailabilityZone, 'default-for-az': (o) => o.DefaultForAz, defaultForAz: (o) => o.DefaultForAz, state: (o) => o.State, 'cidr-block': (o) => o.CidrBlock, 'map-public-ip-on-launch': (o) => o.MapPublicIpOnLaunch }));
    return { Subnets: list };
  },
};

const describeSecurityGroups: Op = {
  params: { 'group-ids': { type: 'l' }, 'group-names': { type: 'l' }, filters: { type: 'L' } },
  run(a, p) {
    const filters = (p.Filters as Filter[] | undefined) ?? [];
    const err = filterError(filters, ['vpc-id', 'group-id', 'group-name', 'description', 'owner-id']);
    if (err) return err;
    const g = sgJson(a.region);
    const ids = p.GroupIds as string[] | undefined;
    if (ids?.some((id) => id !== g.GroupId)) return new AwsError('InvalidGroup.NotFound', `The security group '${ids.find((id) => id !== g.GroupId)}' does not exist`);
    const names = p.GroupNames as string[] | undefined;
    if (names?.some((n) => n !== 'default')) return new AwsError('InvalidGroup.NotFound', `The security group '${names.find((n) => n !== 'default')}' does not exist in default VPC '${defaultVpc(a.region).id}'`);
    return { SecurityGroups: [g].filter((x) => matches(x, filters, { 'vpc-id': (o) => o.VpcId, 'group-id': (o) => o.GroupId, 'group-name': (o) => o.GroupName, description: (o) => o.Description, 'owner-id': (o) => o.OwnerId })) };
  },
};

const describeAvailabilityZones: Op = {
  params: { 'zone-names': { type: 'l' }, filters: { type: 'L' } },
  run(a) {
    return { AvailabilityZones: defaultSubnets(a.region).map((s) => ({ OptInStatus: 'opt-in-not-required', Messages: [], RegionName: a.region, ZoneName: s.az, ZoneId: s.azId, GroupName: a.region, NetworkBorderGroup: a.region, ZoneType: 'availability-zone', State: 'available' })) };
  },
};

export const ec2Service: Service = {
  name: 'ec2',
  pascal: true,
  allOps: EC2_OPS,
  ops: { 'describe-vpcs': describeVpcs, 'describe-subnets': describeSubnets, 'describe-security-groups': describeSecurityGroups, 'describe-availability-zones': describeAvailabilityZones, 'run-instances': runInstances, 'describe-instances': describeInstances, 'terminate-instances': terminateInstances },
};

export const stsService: Service = {
  name: 'sts',
  pascal: true,
  allOps: STS_OPS,
  ops: {
    'get-caller-identity': {
      params: {},
      run: () => ({ UserId: 'AIDAQ3EGRVBWHQ6EXAMPLE', Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/learner` }),
    },
  },
};
