/** IAM-lite: roles by name and ARN, with the managed policies attached to them. */
import { dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { AwsError, type Service } from './cli/types.ts';
import { IAM_OPS } from './cli/names.generated.ts';
import { awsTime, hex } from './ids.ts';
import { ACCOUNT, aws, type Role } from './state.ts';

const ECS_TASKS_TRUST = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
export const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

/** The account starts with the execution role the ECS console creates on first use. */
export function setupIam(world: World): void {
  const st = aws(world);
  if (!st.roles.ecsTaskExecutionRole) createRole(world, 'ecsTaskExecutionRole', ECS_TASKS_TRUST, [EXECUTION_POLICY], -30 * 86_400_000);
}

function createRole(world: World, name: string, trust: unknown, policies: string[], at = world.now): Role {
  const role: Role = { RoleName: name, RoleId: `AROA${hex(world, 17).toUpperCase()}`, Arn: roleArn(name), Path: '/', CreateDate: at, AssumeRolePolicyDocument: trust, policies };
  aws(world).roles[name] = role;
  return role;
}

/** Finds a role by ARN (what task definitions reference). */
export function roleByArn(world: World, arn: string): Role | undefined {
  return Object.values(aws(world).roles).find((r) => r.Arn === arn);
}

function roleJson(world: World, r: Role) {
  return { Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: awsTime(world, r.CreateDate), AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, MaxSessionDuration: 3600 };
}

export const iamService: Service = {
  name: 'iam',
  pascal: true,
  allOps: IAM_OPS,
  ops: {
    'create-role': {
      params: { 'role-name': { type: 's', required: true }, 'assume-role-policy-document': { type: 's', required: true }, description: { type: 's' }, path: { type: 's' } },
      run(a, p) {
        const world = a.ctx.world;
        const name = String(p.RoleName);
        if (aws(world).roles[name]) return new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`);
        let doc: unknown;
        try {
          doc = JSON.parse(String(p.AssumeRolePolicyDocument));
        } catch {
          return new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json');
        }
        const r = createRole(world, name, doc, []);
        const j = roleJson(world, r);
        return { Role: { Path: j.Path, RoleName: j.RoleName, RoleId: j.RoleId, Arn: j.Arn, CreateDate: j.CreateDate, AssumeRolePolicyDocument: j.AssumeRolePolicyDocument } };
      },
    },
    'get-role': {
      params: { 'role-name': { type: 's', required: true } },
      run(a, p) {
        const r = aws(a.ctx.world).roles[String(p.RoleName)];
        if (!r) return new AwsError('NoSuchEntity', `The role with name ${String(p.RoleName)} cannot be found.`);
        return { Role: { ...roleJson(a.ctx.world, r), RoleLastUsed: {} } };
      },
    },
    'list-roles': {
      params: {},
      run(a) {
        return { Roles: Object.values(aws(a.ctx.world).roles).sort((x, y) => x.RoleName.localeCompare(y.RoleName)).map((r) => roleJson(a.ctx.world, r)) };
      },
    },
    'attach-role-policy': {
      params: { 'role-name': { type: 's', required: true }, 'policy-arn': { type: 's', required: true } },
      silent: true,
      run(a, p) {
        const r = aws(a.ctx.world).roles[String(p.RoleName)];
        if (!r) return new AwsError('NoSuchEntity', `The role with name ${String(p.RoleName)} cannot be found.`);
        if (!/^arn:aws:iam::(aws|\d{12}):policy\//.test(String(p.PolicyArn))) return new AwsError('InvalidInput', `ARN ${String(p.PolicyArn)} is not valid.`);
        if (!r.policies.includes(String(p.PolicyArn))) r.policies.push(String(p.PolicyArn));
        return {};
      },
    },
    'list-attached-role-policies': {
      params: { 'role-name': { type: 's', required: true } },
      run(a, p) {
        const r = aws(a.ctx.world).roles[String(p.RoleName)];
        if (!r) return new AwsError('NoSuchEntity', `The role with name ${String(p.RoleName)} cannot be found.`);
        return { AttachedPolicies: r.policies.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })) };
      },
    },
    'delete-role': {
      params: { 'role-name': { type: 's', required: true } },
      silent: true,
      run(a, p) {
        const st = aws(a.ctx.world);
        const r = st.roles[String(p.RoleName)];
        if (!r) return new AwsError('NoSuchEntity', `The role with name ${String(p.RoleName)} cannot be found.`);
        if (r.policies.length) return new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
        delete st.roles[r.RoleName];
        return {};
      },
    },
  },
};

export { dict };
