/**
 * ECS's control plane on the virtual clock: task placement (Fargate needs no capacity; EC2
 * must fit an instance's CPU and memory), the task lifecycle PROVISIONING → PENDING →
 * RUNNING → … → STOPPED, and the service scheduler that keeps desiredCount, replaces stopped
 * tasks, rolls deployments and writes service events.
 */
import { LIMITS } from '../../limits.ts';
import { hubHasRepo, hubImage } from '../../runtime/library.ts';
import { parseRef, HUB } from '../../runtime/refs.ts';
import type { System, World } from '../../world.ts';
import { ecrImageExists } from '../ecr.ts';
import { arn, hex } from '../ids.ts';
import { roleByArn } from '../iam.ts';
import { aws, type EcsCluster, type EcsService, type EcsTask, type TaskDef } from '../state.ts';
import { allocateEni, defaultSubnets } from '../vpc.ts';
import { eventId, serviceTasks, tdArn } from './model.ts';

const S = 1000;

/** Why an image cannot be pulled, as the task's stoppedReason says it; undefined when it can. */
function pullProblem(world: World, td: TaskDef, image: string): string | undefined {
  const ecr = ecrImageExists(world, image);
  if (ecr !== undefined) {
    const role = td.body.executionRoleArn ? roleByArn(world, String(td.body.executionRoleArn)) : undefined;
    if (!role) return `ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network configuration. operation error ECR: GetAuthorizationToken, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client option, or "AWS_EC2_METADATA_DISABLED" environment variable`;
    if (!ecr) return `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: ${image}: not found`;
    return undefined;
  }
  const ref = parseRef(image);
  if ('error' in ref) return `CannotPullContainerError: invalid reference format`;
  if (ref.registry !== HUB) return `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: failed to do request: Head "https://${ref.registry}/v2/${ref.repo}/manifests/${ref.tag}": dial tcp: lookup ${ref.registry}: no such host`;
  if (hubImage(world, ref.repo, ref.tag)) return undefined;
  const pushed = world.state.ext.docker?.registries[HUB]?.repos[ref.repo]?.tags[ref.tag];
  if (pushed) return undefined;
  const full = `docker.io/${ref.repo}:${ref.tag}`;
  return hubHasRepo(ref.repo)
    ? `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${full}: ${full}: not found`
    : `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${full}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

function used(world: World, c: EcsCluster, instArn: string): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const t of Object.values(aws(world).tasks)) {
    if (t.containerInstanceArn !== instArn || t.lastStatus === 'STOPPED') continue;
    cpu += Number(t.cpu) || 0;
    memory += Number(t.memory) || 0;
  }
  void c;
  return { cpu, memory };
}

export interface LaunchRequest {
  cluster: EcsCluster;
  td: TaskDef;
  launchType: 'FARGATE' | 'EC2';
  group: string;
  subnets?: string[];
  startedBy?: string;
  deployment?: string;
}

export type LaunchResult = { task: EcsTask } | { failure: { arn?: string; reason: string } };

/** Task size for placement: task-level cpu/memory, or the sum of the containers'. */
function sizeOf(td: TaskDef): { cpu: number; memory: number } {
  const ctrs = (td.body.containerDefinitions as { cpu?: number; memory?: number; memoryReservation?: number }[]) ?? [];
  const cpu = Number(td.body.cpu ?? 0) || ctrs.reduce((n, c) => n + (c.cpu ?? 0), 0);
  const memory = Number(td.body.memory ?? 0) || ctrs.reduce((n, c) => n + (c.memory ?? c.memoryReservation ?? 0), 0);
  return { cpu, memory };
}

/** Places and creates one task, or says why it cannot be placed. */
export function launchTask(world: World, r: LaunchRequest): LaunchResult {
  const st = aws(world);
  if (Object.keys(st.tasks).length >= LIMITS.ecsTasks) return { failure: { reason: 'LIMIT' } };
  const size = sizeOf(r.td);
  let instanceArn: string | undefined;
  if (r.launchType === 'EC2') {
    let closest: { arn: string; reason: string } | undefined;
    for (const inst of r.cluster.instances) {
      const u = used(world, r.cluster, inst.arn);
      if (inst.memory - u.memory < size.memory) closest ??= { arn: inst.arn, reason: 'RESOURCE:MEMORY' };
      else if (inst.cpu - u.cpu < size.cpu) closest ??= { arn: inst.arn, reason: 'RESOURCE:CPU' };
      else {
        instanceArn = inst.arn;
        break;
      }
    }
    if (!instanceArn) return { failure: closest ?? { reason: 'No Container Instances were found in your cluster.' } };
  }
  const id = hex(world, 32);
  const awsvpc = r.td.body.networkMode === 'awsvpc';
  const subnet = r.subnets?.[0] ?? defaultSubnets(r.cluster.region)[0]!.id;
  const eni = awsvpc ? allocateEni(world, r.cluster.region, subnet, `arn:aws:ecs:${r.cluster.region}:task/${id}`) : undefined;
  const ctrs = (r.td.body.containerDefinitions as { name: string; image: string }[]) ?? [];
  const task: EcsTask = {
    id,
    arn: arn('ecs', r.cluster.region, `task/${r.cluster.name}/${id}`),
    cluster: r.cluster.name,
    region: r.cluster.region,
    taskDefinitionArn: tdArn(r.td.region, r.td.family, r.td.revision),
    launchType: r.launchType,
    lastStatus: r.launchType === 'FARGATE' ? 'PROVISIONING' : 'PENDING',
    desiredStatus: 'RUNNING',
    group: r.group,
    cpu: String(size.cpu),
    memory: String(size.memory),
    createdAt: world.now,
    nextAt: world.now + (r.launchType === 'FARGATE' ? 5 * S : 3 * S),
    eniId: eni?.id,
    privateIp: eni?.ip,
    subnetId: eni ? subnet : undefined,
    containerInstanceArn: instanceArn,
    startedBy: r.startedBy,
    deployment: r.deployment,
    containers: ctrs.map((c) => ({ name: c.name, image: c.image, runtimeId: hex(world, 32) })),
  };
  const problem = ctrs.map((c) => pullProblem(world, r.td, c.image)).find((x) => x);
  if (problem) task.failure = { stopCode: 'TaskFailedToStart', reason: problem, containerReason: problem };
  st.tasks[task.arn] = task;
  return { task };
}

/** Asks a task to stop (stop-task, a service scaling in, a failed pull). */
export function requestStop(world: World, t: EcsTask, stopCode: string, reason: string): void {
  if (t.desiredStatus === 'STOPPED') return;
  t.desiredStatus = 'STOPPED';
  t.stopCode = stopCode;
  t.stoppedReason = reason;
  t.stoppingAt = world.now;
  t.nextAt = world.now;
}

/** One lifecycle step for a task whose time has come. */
function stepTask(world: World, t: EcsTask): void {
  const fargate = t.launchType === 'FARGATE';
  if (t.desiredStatus === 'STOPPED') {
    const order = ['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'] as const;
    const idx = (order as readonly string[]).indexOf(t.lastStatus);
    const next = idx < 0 ? (t.lastStatus === 'RUNNING' && fargate ? 'DEACTIVATING' : fargate ? 'DEPROVISIONING' : 'STOPPED') : order[idx + 1]!;
    t.lastStatus = next;
    if (next === 'STOPPED') {
      t.stoppedAt = world.now;
      t.nextAt = undefined;
      for (const c of t.containers) if (c.exitCode === undefined && !t.failure) c.exitCode = t.stopCode === 'EssentialContainerExited' ? 1 : 137;
      if (t.eniId) delete aws(world).enis[t.eniId];
    } else t.nextAt = world.now + (next === 'DEPROVISIONING' ? 20 * S : 2 * S);
    return;
  }
  switch (t.lastStatus) {
    case 'PROVISIONING':
      t.lastStatus = 'PENDING';
      t.nextAt = world.now + 15 * S;
      return;
    case 'PENDING':
      if (t.failure) {
        for (const c of t.containers) c.reason = t.failure.containerReason;
        requestStop(world, t, t.failure.stopCode, t.failure.reason);
        t.lastStatus = fargate ? 'DEPROVISIONING' : 'STOPPING';
        t.nextAt = world.now + 5 * S;
        return;
      }
      t.lastStatus = 'RUNNING';
      t.startedAt = world.now;
      t.nextAt = undefined;
      return;
    default:
      t.nextAt = undefined;
  }
}

function addEvent(world: World, s: EcsService, message: string): void {
  s.events.push({ id: eventId(world), createdAt: world.now, message });
  if (s.events.length > LIMITS.ecsServiceEvents) s.events.splice(0, s.events.length - LIMITS.ecsServiceEvents);
}

const shortTask = (t: EcsTask) => `(task ${t.id})`;

/** The service scheduler: one reconcile pass over a service. Returns true if it changed anything. */
function reconcileService(world: World, s: EcsService): boolean {
  if (s.status !== 'ACTIVE') return false;
  const cluster = aws(world).clusters[`${s.region}/${s.cluster}`];
  if (!cluster) return false;
  let changed = false;
  const primary = s.deployments.find((d) => d.status === 'PRIMARY')!;
  const tasks = serviceTasks(world, s);
  const live = (dep: string) => tasks.filter((t) => t.deployment === dep && t.desiredStatus === 'RUNNING');
  const td = Object.values(aws(world).taskDefs).find((x) => tdArn(x.region, x.family, x.revision) === primary.taskDefinition);
  const want = primary.desiredCount;
  const mine = live(primary.id);
  const others = s.deployments.filter((d) => d !== primary);
  const oldLive = others.flatMap((d) => live(d.id));
  // Start what the primary deployment lacks, within maximumPercent.
  const room = Math.max(0, Math.floor((s.desiredCount * s.maximumPercent) / 100) - mine.length - oldLive.length);
  const toStart = Math.min(want - mine.length, others.length ? Math.max(room, 0) : want - mine.length);
  if (toStart > 0 && td) {
    const started: EcsTask[] = [];
    let failure: string | undefined;
    for (let i = 0; i < toStart; i++) {
      const subnets = ((s.networkConfiguration?.awsvpcConfiguration as { subnets?: string[] } | undefined)?.subnets) ?? undefined;
      const r = launchTask(world, { cluster, td, launchType: s.launchType, group: `service:${s.name}`, subnets, startedBy: primary.id, deployment: primary.id });
      if ('task' in r) started.push(r.task);
      else {
        failure = r.failure.reason;
        break;
      }
    }
    if (started.length) addEvent(world, s, `(service ${s.name}) has started ${started.length} tasks: ${started.map(shortTask).join(' ')}.`);
    if (failure && !s.events.some((e) => e.createdAt === world.now && e.message.includes('unable to place'))) {
      const res = failure === 'RESOURCE:CPU' ? 'cpu' : 'memory';
      addEvent(world, s, failure.startsWith('RESOURCE') ? `(service ${s.name}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${cluster.instances[0]?.arn.split('/').pop()}) has insufficient ${res} available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.` : `(service ${s.name}) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`);
    }
    changed = started.length > 0 || !!failure;
    s.steadyReported = false;
  }
  // Scale in: stop the newest extra tasks of the primary deployment.
  if (mine.length > want) {
    const extra = [...mine].sort((a, b) => b.createdAt - a.createdAt).slice(0, mine.length - want);
    for (const t of extra) requestStop(world, t, 'ServiceSchedulerInitiated', 'Scaling activity initiated by (deployment ' + primary.id + ')');
    addEvent(world, s, `(service ${s.name}) has stopped ${extra.length} running tasks: ${extra.map(shortTask).join(' ')}.`);
    s.steadyReported = false;
    changed = true;
  }
  // Rolling update: once the new tasks run, stop the old ones; retire empty deployments.
  const primaryRunning = tasks.filter((t) => t.deployment === primary.id && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
  if (others.length && primaryRunning >= want && oldLive.length) {
    for (const t of oldLive) requestStop(world, t, 'ServiceSchedulerInitiated', `Task stopped by ECS service deployment ${primary.id}`);
    addEvent(world, s, `(service ${s.name}) has stopped ${oldLive.length} running tasks: ${oldLive.map(shortTask).join(' ')}.`);
    changed = true;
  }
  for (const d of others) {
    if (tasks.some((t) => t.deployment === d.id && t.lastStatus !== 'STOPPED')) continue;
    s.deployments = s.deployments.filter((x) => x !== d);
    changed = true;
  }
  if (primary.rolloutState === 'IN_PROGRESS' && s.deployments.length === 1 && primaryRunning === want) {
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = 'ECS deployment ' + primary.id + ' completed.';
    primary.updatedAt = world.now;
    addEvent(world, s, `(service ${s.name}) (deployment ${primary.id}) deployment completed.`);
    changed = true;
  }
  if (!s.steadyReported && s.deployments.length === 1 && primaryRunning === want && tasks.every((t) => t.desiredStatus === 'STOPPED' ? t.lastStatus === 'STOPPED' : t.lastStatus === 'RUNNING')) {
    addEvent(world, s, `(service ${s.name}) has reached a steady state.`);
    s.steadyReported = true;
    changed = true;
  }
  return changed;
}

export function isStable(world: World, s: EcsService): boolean {
  const running = serviceTasks(world, s).filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
  return s.deployments.length === 1 && running === s.desiredCount;
}

export const ecsControlPlane: System = {
  name: 'ecs',
  nextWake(world) {
    const st = world.state.ext.aws;
    if (!st) return undefined;
    let best: number | undefined;
    for (const t of Object.values(st.tasks)) if (t.nextAt !== undefined && (best === undefined || t.nextAt < best)) best = t.nextAt;
    for (const s of Object.values(st.services)) if (s.status === 'ACTIVE' && needsWork(world, s)) best = world.now;
    return best;
  },
  tick(world) {
    const st = aws(world);
    let changed = false;
    for (const t of Object.values(st.tasks)) {
      if (t.nextAt !== undefined && t.nextAt <= world.now) {
        stepTask(world, t);
        changed = true;
      }
    }
    for (const s of Object.values(st.services)) if (reconcileService(world, s)) changed = true;
    return changed;
  },
};

/** Cheap check whether the service scheduler would act now (so nextWake stays honest). */
function needsWork(world: World, s: EcsService): boolean {
  const tasks = serviceTasks(world, s);
  const primary = s.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return false;
  const mine = tasks.filter((t) => t.deployment === primary.id && t.desiredStatus === 'RUNNING').length;
  const running = tasks.filter((t) => t.deployment === primary.id && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
  if (mine !== primary.desiredCount) {
    // An EC2 service that cannot place tasks only retries on the next event.
    const lastFail = [...s.events].reverse().find((e) => e.message.includes('unable to place'));
    return !lastFail || lastFail.createdAt < world.now - 60_000 || mine > primary.desiredCount;
  }
  const others = s.deployments.filter((d) => d !== primary);
  if (others.length && running >= primary.desiredCount && tasks.some((t) => t.deployment !== primary.id && t.desiredStatus === 'RUNNING')) return true;
  if (others.some((d) => !tasks.some((t) => t.deployment === d.id && t.lastStatus !== 'STOPPED'))) return true;
  if (primary.rolloutState === 'IN_PROGRESS' && s.deployments.length === 1 && running === primary.desiredCount) return true;
  return !s.steadyReported && s.deployments.length === 1 && running === primary.desiredCount && tasks.every((t) => (t.desiredStatus === 'STOPPED' ? t.lastStatus === 'STOPPED' : t.lastStatus === 'RUNNING'));
}
