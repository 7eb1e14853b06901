/** ECS objects as the API returns them (the CLI orders their members, see cli/shapes.ts), and lookups. */
import type { World } from '../../world.ts';
import { arn, awsTime, hex, uuidOf } from '../ids.ts';
import { privateDnsName } from '../vpc.ts';
import { ACCOUNT, aws, type EcsCluster, type EcsService, type EcsTask, type TaskDef } from '../state.ts';

export function clusterArn(region: string, name: string): string {
  return arn('ecs', region, `cluster/${name}`);
}

/** Resolves `--cluster` (name or ARN; default "default"). */
export function findCluster(world: World, region: string, ref: unknown): EcsCluster | undefined {
  const text = typeof ref === 'string' && ref ? ref : 'default';
  const name = text.startsWith('arn:') ? text.split('/').pop()! : text;
  const c = aws(world).clusters[`${region}/${name}`];
  return c && c.status === 'ACTIVE' ? c : undefined;
}

export function tdKey(region: string, family: string, revision: number): string {
  return `${region}/${family}:${revision}`;
}

export function tdArn(region: string, family: string, revision: number): string {
  return arn('ecs', region, `task-definition/${family}:${revision}`);
}

/** Resolves `family`, `family:3` or a full ARN to an ACTIVE revision (latest for a bare family). */
export function findTaskDef(world: World, region: string, ref: string, includeInactive = false): TaskDef | undefined {
  const text = ref.startsWith('arn:') ? ref.split('/').pop()! : ref;
  const [family, rev] = text.split(':') as [string, string | undefined];
  const all = Object.values(aws(world).taskDefs).filter((t) => t.region === region && t.family === family);
  if (rev !== undefined) return all.find((t) => t.revision === Number(rev) && (includeInactive || t.status === 'ACTIVE' || true));
  return all.filter((t) => t.status === 'ACTIVE').sort((a, b) => b.revision - a.revision)[0];
}

export function clusterJson(world: World, c: EcsCluster) {
  const tasks = Object.values(aws(world).tasks).filter((t) => t.cluster === c.name && t.region === c.region);
  const services = Object.values(aws(world).services).filter((s) => s.cluster === c.name && s.region === c.region && s.status === 'ACTIVE');
  return {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: c.instances.length,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus !== 'RUNNING' && t.lastStatus !== 'STOPPED' && t.desiredStatus === 'RUNNING').length,
    activeServicesCount: services.length,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}

export function taskJson(world: World, t: EcsTask) {
  const az = t.subnetId ? `${t.region}${'abcdef'[Number(/172\.31\.(\d+)\./.exec(t.privateIp ?? '')?.[1] ?? 0) >> 4] ?? 'a'}` : `${t.region}a`;
  const attachmentId = t.eniId ? uuidOf(t.id) : undefined;
  const started = t.startedAt !== undefined;
  const obj: Record<string, unknown> = {
    attachments: t.eniId
      ? [
          {
            id: attachmentId,
            type: 'ElasticNetworkInterface',
            status: t.lastStatus === 'STOPPED' ? 'DELETED' : t.lastStatus === 'PROVISIONING' ? 'PRECREATED' : 'ATTACHED',
            details: [
              { name: 'subnetId', value: t.subnetId },
              { name: 'networkInterfaceId', value: t.eniId },
              { name: 'macAddress', value: `0e:${t.id.slice(0, 2)}:${t.id.slice(2, 4)}:${t.id.slice(4, 6)}:${t.id.slice(6, 8)}:${t.id.slice(8, 10)}` },
              { name: 'privateDnsName', value: privateDnsName(t.region, t.privateIp ?? '') },
              { name: 'privateIPv4Address', value: t.privateIp },
            ],
          },
        ]
      : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: az,
    clusterArn: clusterArn(t.region, t.cluster),
    connectivity: t.lastStatus === 'PROVISIONING' ? undefined : 'CONNECTED',
    connectivityAt: t.lastStatus === 'PROVISIONING' ? undefined : awsTime(world, t.createdAt + 2000),
    containers: t.containers.map((c) => ({
      containerArn: arn('ecs', t.region, `container/${t.cluster}/${t.id}/${uuidOf(c.runtimeId)}`),
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      ...(started ? { runtimeId: `${t.id}-${parseInt(c.runtimeId.slice(0, 8), 16) % 1_000_000_000}` } : {}),
      lastStatus: t.lastStatus === 'RUNNING' ? 'RUNNING' : t.lastStatus === 'STOPPED' ? 'STOPPED' : 'PENDING',
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      networkBindings: [],
      networkInterfaces: t.eniId ? [{ attachmentId, privateIpv4Address: t.privateIp }] : [],
      healthStatus: 'UNKNOWN',
      cpu: '0',
    })),
    cpu: t.cpu,
    createdAt: awsTime(world, t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: false,
    group: t.group,
    healthStatus: 'UNKNOWN',
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    memory: t.memory,
    overrides: { containerOverrides: t.containers.map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    ...(t.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux', ephemeralStorage: { sizeInGiB: 20 } } : {}),
    ...(t.containerInstanceArn ? { containerInstanceArn: t.containerInstanceArn } : {}),
    ...(started ? { pullStartedAt: awsTime(world, t.startedAt! - 8000), pullStoppedAt: awsTime(world, t.startedAt! - 2000), startedAt: awsTime(world, t.startedAt!) } : {}),
    ...(t.startedBy ? { startedBy: t.startedBy } : {}),
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(t.stoppingAt !== undefined ? { stoppingAt: awsTime(world, t.stoppingAt) } : {}),
    ...(t.stoppedAt !== undefined ? { stoppedAt: awsTime(world, t.stoppedAt), executionStoppedAt: awsTime(world, t.stoppedAt) } : {}),
    tags: [],
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'].indexOf(t.lastStatus) + 1,
  };
  return obj;
}

export function serviceTasks(world: World, s: EcsService) {
  return Object.values(aws(world).tasks).filter((t) => t.region === s.region && t.cluster === s.cluster && t.group === `service:${s.name}`);
}

export function serviceJson(world: World, s: EcsService) {
  const tasks = serviceTasks(world, s);
  const counts = (dep?: string) => {
    const mine = tasks.filter((t) => dep === undefined || t.deployment === dep);
    return {
      running: mine.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length,
      pending: mine.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING').length,
    };
  };
  const all = counts();
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: clusterArn(s.region, s.cluster),
    loadBalancers: [],
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: all.running,
    pendingCount: all.pending,
    launchType: s.launchType,
    ...(s.launchType === 'FARGATE' ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: s.maximumPercent, minimumHealthyPercent: s.minimumHealthyPercent },
    deployments: s.deployments.map((d) => {
      const c = counts(d.id);
      return {
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition,
        desiredCount: d.desiredCount,
        pendingCount: c.pending,
        runningCount: c.running,
        failedTasks: 0,
        createdAt: awsTime(world, d.createdAt),
        updatedAt: awsTime(world, d.updatedAt),
        launchType: s.launchType,
        ...(s.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
        ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
      };
    }),
    roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: [...s.events].reverse().slice(0, 100).map((e) => ({ id: e.id, createdAt: awsTime(world, e.createdAt), message: e.message })),
    createdAt: awsTime(world, s.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
    schedulingStrategy: 'REPLICA',
    createdBy: `arn:aws:iam::${ACCOUNT}:user/learner`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    availabilityZoneRebalancing: 'DISABLED',
  };
}

export function eventId(world: World): string {
  return uuidOf(hex(world, 32));
}
