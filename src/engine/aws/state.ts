/**
 * The simulated AWS account (`world.state.ext.aws`): account 123456789012 with IAM roles,
 * a default VPC per region, ECR repositories, ECS clusters, task definitions, tasks and
 * services, and EKS clusters. Plain JSON for snapshots.
 */
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';

export const ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

export interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  AssumeRolePolicyDocument: unknown;
  policies: string[];
}

export interface EcrRepo {
  name: string;
  region: string;
  createdAt: number;
  tagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
}

export interface ContainerInstance {
  arn: string;
  ec2InstanceId: string;
  instanceType: string;
  cpu: number;
  memory: number;
  registeredAt: number;
}

export interface EcsCluster {
  name: string;
  region: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  instances: ContainerInstance[];
  createdAt: number;
}

export interface TaskDef {
  family: string;
  revision: number;
  region: string;
  status: 'ACTIVE' | 'INACTIVE';
  /** The registered definition as the API echoes it (normalized). */
  body: Record<string, unknown>;
  registeredAt: number;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

export interface EcsTask {
  id: string;
  arn: string;
  cluster: string;
  region: string;
  taskDefinitionArn: string;
  launchType: 'FARGATE' | 'EC2';
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  group: string;
  cpu: string;
  memory: string;
  createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  /** Virtual ms of the next lifecycle step. */
  nextAt?: number;
  eniId?: string;
  privateIp?: string;
  subnetId?: string;
  containerInstanceArn?: string;
  startedBy?: string;
  /** Deployment id for service tasks. */
  deployment?: string;
  /** Why it will stop on its own (image pull failure...). */
  failure?: { stopCode: string; reason: string; containerReason: string };
  containers: { name: string; image: string; runtimeId: string; exitCode?: number; reason?: string }[];
}

export interface Deployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface EcsService {
  name: string;
  arn: string;
  cluster: string;
  region: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  launchType: 'FARGATE' | 'EC2';
  taskDefinition: string;
  networkConfiguration?: Record<string, unknown>;
  deployments: Deployment[];
  events: ServiceEvent[];
  createdAt: number;
  /** Steady-state event already reported for the current state. */
  steadyReported: boolean;
  minimumHealthyPercent: number;
  maximumPercent: number;
}

export interface NodeGroup {
  name: string;
  instanceType: string;
  desired: number;
  min: number;
  max: number;
  labels: Dict<string>;
  nodes: string[];
  createdAt: number;
  status: 'CREATING' | 'ACTIVE' | 'DELETING';
  readyAt: number;
}

export interface FargateProfile {
  name: string;
  selectors: { namespace: string; labels?: Dict<string> }[];
  createdAt: number;
  status: 'CREATING' | 'ACTIVE';
  readyAt: number;
}

export interface EksCluster {
  name: string;
  region: string;
  version: string;
  status: 'CREATING' | 'ACTIVE' | 'DELETING' | 'UPDATING';
  createdAt: number;
  readyAt: number;
  endpointId: string;
  nodegroups: NodeGroup[];
  fargateProfiles: FargateProfile[];
  /** Addresses handed out so far in each of eksctl's subnets (eks-vpc.ts); absent before the first. */
  hosts?: number[];
}

export interface Eni {
  id: string;
  subnetId: string;
  ip: string;
  description: string;
}

export interface AwsState {
  roles: Dict<Role>;
  ecr: Dict<EcrRepo>;
  clusters: Dict<EcsCluster>;
  taskDefs: Dict<TaskDef>;
  tasks: Dict<EcsTask>;
  services: Dict<EcsService>;
  eks: Dict<EksCluster>;
  enis: Dict<Eni>;
  /** ENI/IP counters per subnet, for deterministic private IPs. */
  nextHost: Dict<number>;
  instances: Dict<{ id: string; type: string; cluster?: string; region: string; launchedAt: number; ip: string }>;
  /** EKS pods waiting for Fargate capacity: `kube cluster|pod uid` → when it is there. */
  fargatePending?: Dict<number>;
}

declare module '../world.ts' {
  interface WorldExtensions {
    aws: AwsState;
  }
}

export function aws(world: World): AwsState {
  return (world.state.ext.aws ??= { roles: dict(), ecr: dict(), clusters: dict(), taskDefs: dict(), tasks: dict(), services: dict(), eks: dict(), enis: dict(), nextHost: dict(), instances: dict() });
}
