/**
 * EC2 capacity for ECS's EC2 launch type: `aws ec2 run-instances` with `ECS_CLUSTER=name` in
 * its user data starts ECS-optimized instances whose agent registers them as container
 * instances (CPU and memory by instance type), and `aws ecs list-/describe-container-instances`
 * show what is registered and what is left. That remainder is what `RESOURCE:MEMORY` is about.
 */
import { unbase64 } from '../util/base64.ts';
import { AwsError, type Op } from './cli/types.ts';
import { arn, awsTime, hex } from './ids.ts';
import { ACCOUNT, aws, type ContainerInstance, type EcsCluster } from './state.ts';
import { allocateEni, defaultSecurityGroup, defaultSubnets, defaultVpc, findSubnet, privateDnsName } from './vpc.ts';
import type { World } from '../world.ts';

/** What the ECS agent registers per instance type: CPU units and MiB left after the OS and agent. */
export const ECS_CAPACITY: Record<string, { cpu: number; memory: number }> = {
  't3.micro': { cpu: 2048, memory: 904 },
  't3.small': { cpu: 2048, memory: 1892 },
  't3.medium': { cpu: 2048, memory: 3904 },
  't3.large': { cpu: 2048, memory: 7936 },
  'm5.large': { cpu: 2048, memory: 7680 },
  'm5.xlarge': { cpu: 4096, memory: 15576 },
  'c5.large': { cpu: 2048, memory: 3704 },
};
/** Instances one lab may run (each is a simulated machine with an ENI). */
const MAX_INSTANCES = 20;

type P = Record<string, unknown>;

/** `ECS_CLUSTER=web` from user data given as text (file://) or base64, as the agent reads /etc/ecs/ecs.config. */
export function ecsClusterFromUserData(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const plain = /ECS_CLUSTER/.test(text) ? text : (unbase64(text.trim()) ?? '');
  const m = /ECS_CLUSTER=([A-Za-z0-9_-]+)/.exec(plain);
  return m?.[1];
}

function instanceJson(world: World, i: ReturnType<typeof aws>['instances'][string], state: string) {
  const s = defaultSubnets(i.region).find((x) => i.ip.startsWith(`172.31.${x.index * 16}.`)) ?? defaultSubnets(i.region)[0]!;
  return {
    AmiLaunchIndex: 0,
    ImageId: 'ami-0e7c7ba2c7f4e9f1a',
    InstanceId: i.id,
    InstanceType: i.type,
    LaunchTime: awsTime(world, i.launchedAt),
    Placement: { AvailabilityZone: s.az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privateDnsName(i.region, i.ip),
    PrivateIpAddress: i.ip,
    State: state === 'running' ? { Code: 16, Name: 'running' } : state === 'pending' ? { Code: 0, Name: 'pending' } : { Code: 48, Name: 'terminated' },
    SubnetId: s.id,
    VpcId: defaultVpc(i.region).id,
    Architecture: 'x86_64',
    IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/ecsInstanceRole` },
    SecurityGroups: [{ GroupId: defaultSecurityGroup(i.region).id, GroupName: 'default' }],
    Tags: i.cluster ? [{ Key: 'ecs-cluster', Value: i.cluster }] : [],
  };
}

function registerInstance(world: World, cluster: EcsCluster, instanceId: string, type: string): ContainerInstance {
  const cap = ECS_CAPACITY[type] ?? ECS_CAPACITY['t3.medium']!;
  const ci: ContainerInstance = { arn: arn('ecs', cluster.region, `container-instance/${cluster.name}/${hex(world, 32)}`), ec2InstanceId: instanceId, instanceType: type, cpu: cap.cpu, memory: cap.memory, registeredAt: world.now };
  cluster.instances.push(ci);
  return ci;
}

export const runInstances: Op = {
  params: {
    'image-id': { type: 's' },
    'instance-type': { type: 's' },
    count: { type: 's' },
    'user-data': { type: 's' },
    'iam-instance-profile': { type: 'm' },
    'subnet-id': { type: 's' },
    'security-group-ids': { type: 'l' },
    'key-name': { type: 's' },
    'tag-specifications': { type: 'L' },
    'min-count': { type: 'i' },
    'max-count': { type: 'i' },
  },
  run(a, p) {
    const world = a.ctx.world;
    const st = aws(world);
    if (!p.ImageId) return new AwsError('MissingParameter', 'The request must contain the parameter ImageId');
    const type = String(p.InstanceType ?? 'm1.small');
    if (!ECS_CAPACITY[type]) return new AwsError('InvalidParameterValue', `Invalid value '${type}' for InstanceType. This lab environment simulates ${Object.keys(ECS_CAPACITY).join(', ')}.`);
    const count = Number(String(p.Count ?? p.MinCount ?? 1).split(':')[0]);
    if (!Number.isInteger(count) || count < 1) return new AwsError('InvalidParameterValue', `Value (${String(p.Count)}) for parameter count is invalid. Must be a positive integer.`);
    if (Object.keys(st.instances).length + count > MAX_INSTANCES) return new AwsError('InstanceLimitExceeded', `You have requested more instances (${Object.keys(st.instances).length + count}) than your current instance limit of ${MAX_INSTANCES} allows for the specified instance type.`);
    const subnetId = p.SubnetId ? String(p.SubnetId) : defaultSubnets(a.region)[0]!.id;
    if (!findSubnet(a.region, subnetId)) return new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    const clusterName = ecsClusterFromUserData(p.UserData as string | undefined);
    const cluster = clusterName ? st.clusters[`${a.region}/${clusterName}`] : undefined;
    const out = [];
    for (let n = 0; n < count; n++) {
      const id = `i-0${hex(world, 16)}`;
      const eni = allocateEni(world, a.region, subnetId, `Primary network interface of ${id}`);
      const inst = { id, type, region: a.region, launchedAt: world.now, ip: eni.ip, ...(clusterName ? { cluster: clusterName } : {}) };
      st.instances[id] = inst;
      // The ECS agent on the ECS-optimized AMI registers at boot; a cluster that does not exist gets nothing.
      if (cluster && cluster.status === 'ACTIVE') registerInstance(world, cluster, id, type);
      out.push(instanceJson(world, inst, 'pending'));
    }
    return { Groups: [], Instances: out, OwnerId: ACCOUNT, ReservationId: `r-0${hex(world, 16)}` };
  },
};

export const describeInstances: Op = {
  params: { 'instance-ids': { type: 'l' }, filters: { type: 'L' } },
  run(a, p) {
    const world = a.ctx.world;
    const ids = p.InstanceIds as string[] | undefined;
    const all = Object.values(aws(world).instances).filter((i) => i.region === a.region);
    const missing = ids?.find((id) => !all.some((i) => i.id === id));
    if (missing) return new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing}' does not exist`);
    const list = all.filter((i) => !ids || ids.includes(i.id));
    return { Reservations: list.map((i) => ({ Groups: [], Instances: [instanceJson(world, i, 'running')], OwnerId: ACCOUNT, ReservationId: `r-0${i.id.slice(3, 19)}` })) };
  },
};

export const terminateInstances: Op = {
  params: { 'instance-ids': { type: 'l', required: true } },
  run(a, p) {
    const world = a.ctx.world;
    const st = aws(world);
    const ids = (p.InstanceIds as string[]) ?? [];
    const missing = ids.find((id) => !st.instances[id] || st.instances[id]!.region !== a.region);
    if (missing) return new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing}' does not exist`);
    for (const id of ids) {
      delete st.instances[id];
      for (const c of Object.values(st.clusters)) c.instances = c.instances.filter((ci) => ci.ec2InstanceId !== id);
    }
    return { TerminatingInstances: ids.map((id) => ({ CurrentState: { Code: 32, Name: 'shutting-down' }, InstanceId: id, PreviousState: { Code: 16, Name: 'running' } })) };
  },
};

function usedOn(world: World, cluster: EcsCluster, ciArn: string): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const t of Object.values(aws(world).tasks)) {
    if (t.cluster !== cluster.name || t.containerInstanceArn !== ciArn || t.lastStatus === 'STOPPED') continue;
    cpu += Number(t.cpu) || 0;
    memory += Number(t.memory) || 0;
  }
  return { cpu, memory };
}

function ciJson(world: World, cluster: EcsCluster, ci: ContainerInstance) {
  const u = usedOn(world, cluster, ci.arn);
  const res = (cpu: number, memory: number) => [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: memory },
    { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ['22', '2376', '2375', '51678', '51679'] },
    { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
  ];
  const running = Object.values(aws(world).tasks).filter((t) => t.cluster === cluster.name && t.containerInstanceArn === ci.arn && t.lastStatus !== 'STOPPED');
  return {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: 12,
    versionInfo: { agentVersion: '1.97.1', agentHash: 'a3b1c2d4', dockerVersion: 'DockerVersion: 25.0.8' },
    remainingResources: res(ci.cpu - u.cpu, ci.memory - u.memory),
    registeredResources: res(ci.cpu, ci.memory),
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: running.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: running.filter((t) => t.lastStatus !== 'RUNNING').length,
    attributes: [{ name: 'ecs.instance-type', value: ci.instanceType }, { name: 'ecs.os-type', value: 'linux' }, { name: 'ecs.cpu-architecture', value: 'x86_64' }],
    registeredAt: awsTime(world, ci.registeredAt),
    attachments: [],
    tags: [],
  };
}

function clusterFor(a: { ctx: { world: World }; region: string }, p: P): EcsCluster | AwsError {
  const name = String(p.cluster ?? 'default').split('/').pop()!;
  const c = aws(a.ctx.world).clusters[`${a.region}/${name}`];
  return c && c.status === 'ACTIVE' ? c : new AwsError('ClusterNotFoundException', 'Cluster not found.');
}

export const listContainerInstances: Op = {
  params: { cluster: { type: 's' }, filter: { type: 's' }, status: { type: 's' } },
  run(a, p) {
    const c = clusterFor(a, p);
    if (c instanceof AwsError) return c;
    return { containerInstanceArns: c.instances.map((ci) => ci.arn) };
  },
};

export const describeContainerInstances: Op = {
  params: { cluster: { type: 's' }, 'container-instances': { type: 'l', required: true } },
  run(a, p) {
    const c = clusterFor(a, p);
    if (c instanceof AwsError) return c;
    const wanted = (p.containerInstances as string[]) ?? [];
    const found = [];
    const failures = [];
    for (const w of wanted) {
      const ci = c.instances.find((x) => x.arn === w || x.arn.endsWith(`/${w}`));
      if (ci) found.push(ciJson(a.ctx.world, c, ci));
      else failures.push({ arn: w.startsWith('arn:') ? w : arn('ecs', a.region, `container-instance/${w}`), reason: 'MISSING' });
    }
    return { containerInstances: found, failures };
  },
};
