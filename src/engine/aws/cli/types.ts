/** What an `aws` operation is: its parameters (as the CLI spells them) and what it does. */
import type { CommandContext } from '../../shell/types.ts';

/** s string, i integer, b boolean flag pair, l list of strings, L list of structures, j structure, m map. */
export type ParamType = 's' | 'i' | 'b' | 'l' | 'L' | 'j' | 'm';

export interface ParamSpec {
  type: ParamType;
  required?: boolean;
  /** API member name when it differs from the camelCase of the CLI name. */
  key?: string;
}

export interface AwsCtx {
  ctx: CommandContext;
  region: string;
  /** The operation's API name, for error texts (`RunTask`). */
  op: string;
}

export class AwsError {
  constructor(
    readonly code: string,
    readonly message: string,
    /** The API operation that failed, when a CLI customization calls another (update-kubeconfig → DescribeCluster). */
    readonly operation?: string,
  ) {}
}

export class WaiterError {
  constructor(
    readonly waiter: string,
    readonly reason: string,
  ) {}
}

export type OpResult = Record<string, unknown> | AwsError | WaiterError | { raw: string } | undefined;

export interface Op {
  params: Record<string, ParamSpec>;
  run(a: AwsCtx, p: Record<string, unknown>): OpResult | Promise<OpResult>;
  /** Operations that print nothing on success (aws ecs delete-... print the object, these do not). */
  silent?: boolean;
}

export interface Service {
  name: string;
  /** PascalCase API members (EC2, STS, IAM) instead of camelCase (ECS, ECR, EKS). */
  pascal?: boolean;
  ops: Record<string, Op>;
  /** Every operation the real CLI knows, for its "Invalid choice" list. */
  allOps: readonly string[];
}
