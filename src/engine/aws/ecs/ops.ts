/** `aws ecs …` operations. */
import { LIMITS } from '../../limits.ts';
import { waitUntil } from '../../time.ts';
import { AwsError, WaiterError, type AwsCtx, type Op, type Service } from '../cli/types.ts';
import { ECS_OPS } from '../cli/names.generated.ts';
import { awsTime } from '../ids.ts';
import { ACCOUNT, aws, type EcsService, type TaskDef } from '../state.ts';
import { defaultSubnets, findSubnet } from '../vpc.ts';
import { clusterArn, clusterJson, findCluster, findTaskDef, serviceJson, taskJson, tdArn, tdKey } from './model.ts';
import { isStable, launchTask, requestStop } from './scheduler.ts';
import { describeContainerInstances, listContainerInstances } from '../ec2.ts';

type P = Record<string, unknown>;

const clusterNotFound = () => new AwsError('ClusterNotFoundException', 'Cluster not found.');

function tdJson(a: AwsCtx, td: TaskDef) {
  const b = td.body;
  const fargateOk = b.networkMode === 'awsvpc' && b.cpu !== undefined && b.memory !== undefined;
  return {
    taskDefinitionArn: tdArn(td.region, td.family, td.revision),
    // ECS echoes each container with its defaults filled in (port mappings get hostPort and protocol).
    containerDefinitions: ((b.containerDefinitions as P[]) ?? []).map((c) => ({
      ...c,
      cpu: c.cpu ?? 0,
      portMappings: ((c.portMappings as P[]) ?? []).map((pm) => ({ ...pm, hostPort: pm.hostPort ?? (b.networkMode === 'awsvpc' ? pm.containerPort : 0), protocol: pm.protocol ?? 'tcp' })),
      essential: c.essential ?? true,
      environment: c.environment ?? [],
      mountPoints: c.mountPoints ?? [],
      volumesFrom: c.volumesFrom ?? [],
      systemControls: c.systemControls ?? [],
    })),
    family: td.family,
    ...(b.taskRoleArn ? { taskRoleArn: b.taskRoleArn } : {}),
    ...(b.executionRoleArn ? { executionRoleArn: b.executionRoleArn } : {}),
    ...(b.networkMode ? { networkMode: b.networkMode } : {}),
    revision: td.revision,
    volumes: b.volumes ?? [],
    status: td.status,
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }, ...(b.networkMode === 'awsvpc' ? [{ name: 'ecs.capability.task-eni' }] : [])],
    placementConstraints: [],
    compatibilities: fargateOk ? ['EC2', 'FARGATE'] : ['EC2'],
    ...(b.requiresCompatibilities ? { requiresCompatibilities: b.requiresCompatibilities } : {}),
    ...(b.cpu !== undefined ? { cpu: String(b.cpu) } : {}),
    ...(b.memory !== undefined ? { memory: String(b.memory) } : {}),
    registeredAt: awsTime(a.ctx.world, td.registeredAt),
    registeredBy: `arn:aws:iam::${ACCOUNT}:user/learner`,
  };
}

const createCluster: Op = {
  params: { 'cluster-name': { type: 's' }, tags: { type: 'L' }, settings: { type: 'L' }, 'capacity-providers': { type: 'l' } },
  run(a, p) {
    const world = a.ctx.world;
    const name = String(p.clusterName ?? 'default');
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) return new AwsError('InvalidParameterException', 'Cluster name can only contain alphanumeric characters, hyphens, and underscores.');
    const key = `${a.region}/${name}`;
    const st = aws(world);
    const existing = st.clusters[key];
    if (!existing || existing.status !== 'ACTIVE') st.clusters[key] = { name, region: a.region, arn: clusterArn(a.region, name), status: 'ACTIVE', instances: existing?.instances ?? [], createdAt: world.now };
    return { cluster: clusterJson(world, st.clusters[key]!) };
  },
};

const describeClusters: Op = {
  params: { clusters: { type: 'l' }, include: { type: 'l' } },
  run(a, p) {
    const world = a.ctx.world;
    const names = (p.clusters as string[] | undefined) ?? ['default'];
    const clusters: unknown[] = [];
    const failures: unknown[] = [];
    for (const n of names) {
      const c = findCluster(world, a.region, n);
      if (c) clusters.push(clusterJson(world, c));
      else failures.push({ arn: n.startsWith('arn:') ? n : clusterArn(a.region, n), reason: 'MISSING' });
    }
    return { clusters, failures };
  },
};

const listClusters: Op = {
  params: {},
  run(a) {
    return { clusterArns: Object.values(aws(a.ctx.world).clusters).filter((c) => c.region === a.region && c.status === 'ACTIVE').map((c) => c.arn).sort() };
  },
};

const deleteCluster: Op = {
  params: { cluster: { type: 's', required: true } },
  run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const st = aws(world);
    if (Object.values(st.services).some((s) => s.cluster === c.name && s.region === c.region && s.status === 'ACTIVE')) return new AwsError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    if (Object.values(st.tasks).some((t) => t.cluster === c.name && t.region === c.region && t.lastStatus !== 'STOPPED')) return new AwsError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    if (c.instances.length) return new AwsError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active or draining.');
    c.status = 'INACTIVE';
    return { cluster: clusterJson(world, c) };
  },
};

const registerTaskDefinition: Op = {
  params: {
    family: { type: 's' },
    'container-definitions': { type: 'j' },
    'network-mode': { type: 's' },
    'requires-compatibilities': { type: 'l' },
    cpu: { type: 's' },
    memory: { type: 's' },
    'task-role-arn': { type: 's' },
    'execution-role-arn': { type: 's' },
    volumes: { type: 'j' },
    tags: { type: 'L' },
    'runtime-platform': { type: 'j' },
  },
  async run(a, p) {
    const world = a.ctx.world;
    const input: P = { ...p };
    if (input.family === undefined || input.containerDefinitions === undefined) {
      const missing = [input.family === undefined ? '--family' : '', input.containerDefinitions === undefined ? '--container-definitions' : ''].filter(Boolean);
      return new UsageMissing(missing);
    }
    // The same validator `hatchway validate` runs, so the error text matches. It loads on
    // first use: a lab's terminal starts without it.
    const { validateTaskDefinition } = await import('../../../checks/validate/ecs/task-definition.ts');
    const v = validateTaskDefinition(input);
    if (v.awsError) return new ValidatorError(v.awsError.stderr, v.awsError.exitCode);
    const family = String(input.family);
    const st = aws(world);
    const revs = Object.values(st.taskDefs).filter((t) => t.region === a.region && t.family === family);
    if (revs.length >= LIMITS.ecsTaskDefinitionRevisions) return new AwsError('ClientException', `Too many revisions of ${family}.`);
    const revision = revs.reduce((m, t) => Math.max(m, t.revision), 0) + 1;
    const body: P = { ...input };
    if (body.cpu !== undefined) body.cpu = normCpu(String(body.cpu));
    if (body.memory !== undefined) body.memory = normMem(String(body.memory));
    const td: TaskDef = { family, revision, region: a.region, status: 'ACTIVE', body, registeredAt: world.now };
    st.taskDefs[tdKey(a.region, family, revision)] = td;
    return { taskDefinition: tdJson(a, td) };
  },
};

function normCpu(v: string): string {
  const m = /^([\d.]+)\s*vcpu$/i.exec(v.trim());
  return m ? String(Math.round(Number(m[1]) * 1024)) : v.trim();
}
function normMem(v: string): string {
  const m = /^([\d.]+)\s*gb$/i.exec(v.trim());
  return m ? String(Math.round(Number(m[1]) * 1024)) : v.trim();
}

/** A usage error the service layer found (missing required parameter for this form). */
export class UsageMissing extends AwsError {
  constructor(readonly missing: string[]) {
    super('usage', missing.join(', '));
  }
}

/** The validator's complete CLI text and exit code. */
export class ValidatorError extends AwsError {
  constructor(
    readonly stderr: string,
    readonly exitCode: number,
  ) {
    super('validator', stderr);
  }
}

const describeTaskDefinition: Op = {
  params: { 'task-definition': { type: 's', required: true }, include: { type: 'l' } },
  run(a, p) {
    const td = findTaskDef(a.ctx.world, a.region, String(p.taskDefinition), true);
    if (!td) return new AwsError('ClientException', 'Unable to describe task definition.');
    return { taskDefinition: tdJson(a, td) };
  },
};

const listTaskDefinitions: Op = {
  params: { 'family-prefix': { type: 's' }, status: { type: 's' }, sort: { type: 's' } },
  run(a, p) {
    const st = aws(a.ctx.world);
    const status = String(p.status ?? 'ACTIVE');
    let list = Object.values(st.taskDefs).filter((t) => t.region === a.region && t.status === status && (!p.familyPrefix || t.family.startsWith(String(p.familyPrefix))));
    list = list.sort((x, y) => x.family.localeCompare(y.family) || x.revision - y.revision);
    if (p.sort === 'DESC') list.reverse();
    return { taskDefinitionArns: list.map((t) => tdArn(t.region, t.family, t.revision)) };
  },
};

const deregisterTaskDefinition: Op = {
  params: { 'task-definition': { type: 's', required: true } },
  run(a, p) {
    const text = String(p.taskDefinition);
    if (!/:\d+$/.test(text)) return new AwsError('ClientException', 'Invalid revision number. Number: ' + (text.split(':')[1] ?? ''));
    const td = findTaskDef(a.ctx.world, a.region, text, true);
    if (!td) return new AwsError('ClientException', 'The specified task definition does not exist.');
    td.status = 'INACTIVE';
    const j = tdJson(a, td) as P;
    return { taskDefinition: { ...j, deregisteredAt: awsTime(a.ctx.world, a.ctx.world.now) } };
  },
};

/** awsvpc needs networkConfiguration with subnets; ECS checks it before placing. */
function checkNetwork(a: AwsCtx, td: TaskDef, net: P | undefined, launchType: string): AwsError | string[] | undefined {
  if (td.body.networkMode !== 'awsvpc') {
    if (net) return new AwsError('InvalidParameterException', 'Network Configuration is not valid for the given networkMode of this task definition.');
    if (launchType === 'FARGATE') return new AwsError('InvalidParameterException', 'Task definition does not support launch_type FARGATE.');
    return undefined;
  }
  const cfg = net?.awsvpcConfiguration as { subnets?: unknown; securityGroups?: unknown; assignPublicIp?: unknown } | undefined;
  if (!cfg) return new AwsError('InvalidParameterException', 'Network Configuration must be provided when networkMode \'awsvpc\' is specified.');
  const subnets = Array.isArray(cfg.subnets) ? (cfg.subnets as string[]) : typeof cfg.subnets === 'string' ? [cfg.subnets] : [];
  if (subnets.length === 0) return new AwsError('InvalidParameterException', 'subnets can not be empty.');
  if (subnets.length > 16) return new AwsError('InvalidParameterException', 'At most 16 subnets can be provided.');
  const bad = subnets.find((s) => !findSubnet(a.region, s));
  if (bad) return new AwsError('InvalidParameterException', `Error retrieving subnet information for [${bad}]: The subnet ID '${bad}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`);
  const sgs = Array.isArray(cfg.securityGroups) ? cfg.securityGroups : cfg.securityGroups ? [cfg.securityGroups] : [];
  if (sgs.length > 5) return new AwsError('InvalidParameterException', 'At most 5 security groups can be provided.');
  if (cfg.assignPublicIp !== undefined && cfg.assignPublicIp !== 'ENABLED' && cfg.assignPublicIp !== 'DISABLED') return new AwsError('InvalidParameterException', `Invalid assignPublicIp value: ${String(cfg.assignPublicIp)}`);
  return subnets;
}

const runTask: Op = {
  params: { cluster: { type: 's' }, 'task-definition': { type: 's', required: true }, count: { type: 'i' }, 'launch-type': { type: 's' }, 'network-configuration': { type: 'j' }, 'started-by': { type: 's' }, group: { type: 's' }, overrides: { type: 'j' }, 'platform-version': { type: 's' }, 'capacity-provider-strategy': { type: 'L' } },
  run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    if (p.launchType && p.capacityProviderStrategy) return new AwsError('InvalidParameterException', 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
    const td = findTaskDef(world, a.region, String(p.taskDefinition));
    if (!td) return new AwsError('InvalidParameterException', 'TaskDefinition not found.');
    const launchType = String(p.launchType ?? 'EC2') as 'FARGATE' | 'EC2';
    if (launchType !== 'FARGATE' && launchType !== 'EC2') return new AwsError('InvalidParameterException', `launchType should be one of [EC2,FARGATE,EXTERNAL].`);
    const count = Number(p.count ?? 1);
    if (count < 1 || count > 10) return new AwsError('InvalidParameterException', 'The value for count must be between 1 and 10.');
    const net = checkNetwork(a, td, p.networkConfiguration as P | undefined, launchType);
    if (net instanceof AwsError) return net;
    if (launchType === 'EC2' && c.instances.length === 0) return new AwsError('InvalidParameterException', 'No Container Instances were found in your cluster.');
    const tasks: unknown[] = [];
    const failures: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const r = launchTask(world, { cluster: c, td, launchType, group: String(p.group ?? `family:${td.family}`), subnets: net ?? undefined, startedBy: p.startedBy as string | undefined });
      if ('task' in r) tasks.push(r.task);
      else failures.push(r.failure);
    }
    return { tasks: tasks.map((t) => taskJson(world, t as never)), failures };
  },
};

function findTask(a: AwsCtx, clusterName: string, ref: string) {
  const st = aws(a.ctx.world);
  const id = ref.split('/').pop()!;
  return Object.values(st.tasks).find((t) => t.region === a.region && t.cluster === clusterName && t.id === id);
}

const describeTasks: Op = {
  params: { cluster: { type: 's' }, tasks: { type: 'l', required: true }, include: { type: 'l' } },
  run(a, p) {
    const c = findCluster(a.ctx.world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const tasks: unknown[] = [];
    const failures: unknown[] = [];
    for (const ref of p.tasks as string[]) {
      const t = findTask(a, c.name, ref);
      if (t) tasks.push(taskJson(a.ctx.world, t));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:aws:ecs:${a.region}:${ACCOUNT}:task/${c.name}/${ref}`, reason: 'MISSING' });
    }
    return { tasks, failures };
  },
};

const listTasks: Op = {
  params: { cluster: { type: 's' }, family: { type: 's' }, 'service-name': { type: 's' }, 'desired-status': { type: 's' }, 'started-by': { type: 's' }, 'launch-type': { type: 's' } },
  run(a, p) {
    const c = findCluster(a.ctx.world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const desired = String(p.desiredStatus ?? 'RUNNING');
    if (p.serviceName && !aws(a.ctx.world).services[`${a.region}/${c.name}/${String(p.serviceName)}`]) return new AwsError('ServiceNotFoundException', 'Service not found.');
    const list = Object.values(aws(a.ctx.world).tasks).filter(
      (t) => t.region === a.region && t.cluster === c.name && (desired === 'STOPPED' ? t.lastStatus === 'STOPPED' : t.desiredStatus === desired) && (!p.family || t.taskDefinitionArn.includes(`/${String(p.family)}:`)) && (!p.serviceName || t.group === `service:${String(p.serviceName)}`) && (!p.launchType || t.launchType === p.launchType),
    );
    return { taskArns: list.sort((x, y) => x.createdAt - y.createdAt || x.id.localeCompare(y.id)).map((t) => t.arn) };
  },
};

const stopTask: Op = {
  params: { cluster: { type: 's' }, task: { type: 's', required: true }, reason: { type: 's' } },
  run(a, p) {
    const c = findCluster(a.ctx.world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const t = findTask(a, c.name, String(p.task));
    if (!t) return new AwsError('InvalidParameterException', 'The referenced task was not found.');
    requestStop(a.ctx.world, t, 'UserInitiated', String(p.reason ?? 'Task stopped by user'));
    t.nextAt = a.ctx.world.now + 1000;
    return { task: taskJson(a.ctx.world, t) };
  },
};

function svcKey(region: string, cluster: string, name: string): string {
  return `${region}/${cluster}/${name}`;
}

function deploymentId(a: AwsCtx): string {
  let n = '';
  for (let i = 0; i < 19; i++) n += String(Math.floor((a.ctx.world.state.random.seed = (a.ctx.world.state.random.seed * 1103515245 + 12345) >>> 0) / 429496730) % 10);
  return `ecs-svc/${n}`;
}

const createService: Op = {
  params: { cluster: { type: 's' }, 'service-name': { type: 's', required: true }, 'task-definition': { type: 's' }, 'desired-count': { type: 'i' }, 'launch-type': { type: 's' }, 'network-configuration': { type: 'j' }, 'deployment-configuration': { type: 'j' }, 'capacity-provider-strategy': { type: 'L' }, 'load-balancers': { type: 'L' }, tags: { type: 'L' }, 'platform-version': { type: 's' }, 'scheduling-strategy': { type: 's' } },
  run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const st = aws(world);
    if (Object.keys(st.services).length >= LIMITS.ecsServices) return new AwsError('LimitExceededException', 'Too many services.');
    const name = String(p.serviceName);
    const existing = st.services[svcKey(a.region, c.name, name)];
    if (existing && existing.status !== 'INACTIVE') return new AwsError('InvalidParameterException', 'Creation of service was not idempotent.');
    if (p.launchType && p.capacityProviderStrategy) return new AwsError('InvalidParameterException', 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
    if (!p.taskDefinition) return new AwsError('InvalidParameterException', 'TaskDefinition must be specified.');
    const td = findTaskDef(world, a.region, String(p.taskDefinition));
    if (!td) return new AwsError('InvalidParameterException', 'TaskDefinition not found.');
    const launchType = String(p.launchType ?? 'EC2') as 'FARGATE' | 'EC2';
    const net = checkNetwork(a, td, p.networkConfiguration as P | undefined, launchType);
    if (net instanceof AwsError) return net;
    const dc = (p.deploymentConfiguration as { maximumPercent?: number; minimumHealthyPercent?: number } | undefined) ?? {};
    const desired = Number(p.desiredCount ?? 0);
    const arnText = `arn:aws:ecs:${a.region}:${ACCOUNT}:service/${c.name}/${name}`;
    const dep = { id: deploymentId(a), status: 'PRIMARY' as const, taskDefinition: tdArn(td.region, td.family, td.revision), desiredCount: desired, createdAt: world.now, updatedAt: world.now, rolloutState: 'IN_PROGRESS' as const, rolloutStateReason: 'ECS deployment ' + '' + 'in progress.' };
    dep.rolloutStateReason = `ECS deployment ${dep.id} in progress.`;
    const netCfg = p.networkConfiguration ? normNet(p.networkConfiguration as P) : undefined;
    const s: EcsService = { name, arn: arnText, cluster: c.name, region: a.region, status: 'ACTIVE', desiredCount: desired, launchType, taskDefinition: dep.taskDefinition, networkConfiguration: netCfg, deployments: [dep], events: [], createdAt: world.now, steadyReported: false, minimumHealthyPercent: Number(dc.minimumHealthyPercent ?? 100), maximumPercent: Number(dc.maximumPercent ?? 200) };
    st.services[svcKey(a.region, c.name, name)] = s;
    return { service: serviceJson(world, s) };
  },
};

function normNet(n: P): P {
  const c = (n.awsvpcConfiguration ?? {}) as P;
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? undefined : [v]);
  return { awsvpcConfiguration: { subnets: list(c.subnets) ?? [], securityGroups: list(c.securityGroups) ?? [], assignPublicIp: c.assignPublicIp ?? 'DISABLED' } };
}

function findService(a: AwsCtx, cluster: string, ref: string): EcsService | undefined {
  const name = ref.split('/').pop()!;
  const s = aws(a.ctx.world).services[svcKey(a.region, cluster, name)];
  return s && s.status !== 'INACTIVE' ? s : undefined;
}

const updateService: Op = {
  params: { cluster: { type: 's' }, service: { type: 's', required: true }, 'task-definition': { type: 's' }, 'desired-count': { type: 'i' }, 'force-new-deployment': { type: 'b' }, 'network-configuration': { type: 'j' }, 'deployment-configuration': { type: 'j' } },
  run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const s = findService(a, c.name, String(p.service));
    if (!s) return new AwsError('ServiceNotFoundException', 'Service not found.');
    if (s.status !== 'ACTIVE') return new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
    if (p.desiredCount !== undefined) {
      s.desiredCount = Number(p.desiredCount);
      for (const d of s.deployments) if (d.status === 'PRIMARY') d.desiredCount = s.desiredCount;
      s.steadyReported = false;
    }
    let newTd: string | undefined;
    if (p.taskDefinition) {
      const td = findTaskDef(world, a.region, String(p.taskDefinition));
      if (!td) return new AwsError('InvalidParameterException', 'TaskDefinition not found.');
      newTd = tdArn(td.region, td.family, td.revision);
    }
    if (p.networkConfiguration) s.networkConfiguration = normNet(p.networkConfiguration as P);
    if ((newTd && newTd !== s.taskDefinition) || p.forceNewDeployment) {
      for (const d of s.deployments) d.status = 'ACTIVE';
      const dep = { id: deploymentId(a), status: 'PRIMARY' as const, taskDefinition: newTd ?? s.taskDefinition, desiredCount: s.desiredCount, createdAt: world.now, updatedAt: world.now, rolloutState: 'IN_PROGRESS' as const, rolloutStateReason: '' };
      dep.rolloutStateReason = `ECS deployment ${dep.id} in progress.`;
      for (const d of s.deployments) if (d.rolloutState === 'IN_PROGRESS') d.rolloutState = 'COMPLETED';
      s.deployments.unshift(dep);
      s.taskDefinition = dep.taskDefinition;
      s.steadyReported = false;
    }
    return { service: serviceJson(world, s) };
  },
};

const describeServices: Op = {
  params: { cluster: { type: 's' }, services: { type: 'l', required: true }, include: { type: 'l' } },
  run(a, p) {
    const c = findCluster(a.ctx.world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const services: unknown[] = [];
    const failures: unknown[] = [];
    for (const ref of p.services as string[]) {
      const s = aws(a.ctx.world).services[svcKey(a.region, c.name, ref.split('/').pop()!)];
      if (s) services.push(serviceJson(a.ctx.world, s));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:aws:ecs:${a.region}:${ACCOUNT}:service/${c.name}/${ref}`, reason: 'MISSING' });
    }
    return { services, failures };
  },
};

const listServices: Op = {
  params: { cluster: { type: 's' }, 'launch-type': { type: 's' } },
  run(a, p) {
    const c = findCluster(a.ctx.world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    return { serviceArns: Object.values(aws(a.ctx.world).services).filter((s) => s.region === a.region && s.cluster === c.name && s.status === 'ACTIVE').map((s) => s.arn).sort() };
  },
};

const deleteService: Op = {
  params: { cluster: { type: 's' }, service: { type: 's', required: true }, force: { type: 'b' } },
  run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const s = findService(a, c.name, String(p.service));
    if (!s) return new AwsError('ServiceNotFoundException', 'Service not found.');
    if (s.desiredCount > 0 && !p.force) return new AwsError('InvalidParameterException', 'The service cannot be stopped while it is scaled above 0.');
    s.status = 'DRAINING';
    for (const t of Object.values(aws(world).tasks)) if (t.group === `service:${s.name}` && t.cluster === c.name) requestStop(world, t, 'ServiceSchedulerInitiated', 'Service deleted');
    const j = serviceJson(world, s);
    s.status = 'INACTIVE';
    return { service: j };
  },
};

const waitServicesStable: Op = {
  params: { cluster: { type: 's' }, services: { type: 'l', required: true } },
  async run(a, p) {
    const world = a.ctx.world;
    const c = findCluster(world, a.region, p.cluster);
    if (!c) return clusterNotFound();
    const names = p.services as string[];
    const svcs = names.map((n) => findService(a, c.name, n));
    if (svcs.some((s) => !s)) return new WaiterError('ServicesStable', 'Waiter encountered a terminal failure state: For expression "failures[].reason" we matched expected path: "MISSING" at least once');
    // The CLI polls every 15 seconds, 40 times.
    const ok = await waitUntil(world, () => svcs.every((s) => isStable(world, s!)), 40 * 15_000, 15_000);
    return ok ? undefined : new WaiterError('ServicesStable', 'Max attempts exceeded');
  },
};

function waitTasks(name: 'TasksRunning' | 'TasksStopped'): Op {
  return {
    params: { cluster: { type: 's' }, tasks: { type: 'l', required: true } },
    async run(a, p) {
      const world = a.ctx.world;
      const c = findCluster(world, a.region, p.cluster);
      if (!c) return clusterNotFound();
      const tasks = (p.tasks as string[]).map((r) => findTask(a, c.name, r));
      if (tasks.some((t) => !t)) return new WaiterError(name, 'Waiter encountered a terminal failure state: For expression "failures[].reason" we matched expected path: "MISSING" at least once');
      const ok = await waitUntil(world, () => (name === 'TasksRunning' ? tasks.every((t) => t!.lastStatus === 'RUNNING') || tasks.some((t) => t!.lastStatus === 'STOPPED') : tasks.every((t) => t!.lastStatus === 'STOPPED')), 100 * 6_000, 6_000);
      if (name === 'TasksRunning' && tasks.some((t) => t!.lastStatus === 'STOPPED')) return new WaiterError(name, 'Waiter encountered a terminal failure state: For expression "tasks[].lastStatus" we matched expected path: "STOPPED" at least once');
      return ok ? undefined : new WaiterError(name, 'Max attempts exceeded');
    },
  };
}

export const ecsService: Service = {
  name: 'ecs',
  allOps: ECS_OPS,
  ops: {
    'create-cluster': createCluster,
    'describe-clusters': describeClusters,
    'list-clusters': listClusters,
    'delete-cluster': deleteCluster,
    'register-task-definition': registerTaskDefinition,
    'describe-task-definition': describeTaskDefinition,
    'list-task-definitions': listTaskDefinitions,
    'deregister-task-definition': deregisterTaskDefinition,
    'run-task': runTask,
    'describe-tasks': describeTasks,
    'list-tasks': listTasks,
    'stop-task': stopTask,
    'create-service': createService,
    'update-service': updateService,
    'describe-services': describeServices,
    'list-services': listServices,
    'delete-service': deleteService,
    'list-container-instances': listContainerInstances,
    'describe-container-instances': describeContainerInstances,
    'wait services-stable': waitServicesStable,
    'wait tasks-running': waitTasks('TasksRunning'),
    'wait tasks-stopped': waitTasks('TasksStopped'),
  },
};

export { defaultSubnets };
