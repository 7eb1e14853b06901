/**
 * Responses follow botocore's output shapes: every simulated operation has its model output
 * (or is a CLI customization), every member the simulation builds is one the model has
 * (the CLI would drop any other), and members print in model order.
 */
import { describe, expect, it } from 'vitest';
import { registerService } from '../../../../src/engine/aws/cli/aws.ts';
import { apiOperationName, orderResponse } from '../../../../src/engine/aws/cli/shapes.ts';
import { SHAPES } from '../../../../src/engine/aws/cli/shapes.generated.ts';
import type { OpResult, Service } from '../../../../src/engine/aws/cli/types.ts';
import { ecrService } from '../../../../src/engine/aws/ecr.ts';
import { ecsService } from '../../../../src/engine/aws/ecs/ops.ts';
import { eksService } from '../../../../src/engine/aws/eks.ts';
import { iamService } from '../../../../src/engine/aws/iam.ts';
import { ec2Service, stsService } from '../../../../src/engine/aws/vpc.ts';
import { newSession, runAll } from '../../../helpers/run.ts';

const SERVICES: Service[] = [ecsService, ecrService, eksService, ec2Service, stsService, iamService];
/** AWS CLI customizations: not API operations, so botocore has no output shape for them. */
const CUSTOMIZATIONS = new Set(['ecr get-login-password', 'eks update-kubeconfig']);

const TD = '{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"256","memory":"512","executionRoleArn":"arn:aws:iam::123456789012:role/ecsTaskExecutionRole","containerDefinitions":[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80}],"environment":[{"name":"A","value":"1"}],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web"}},"healthCheck":{"command":["CMD-SHELL","true"]}}]}';
const SUBNET = 'subnet-00692324a6267bbec';
const NET = `'awsvpcConfiguration={subnets=[${SUBNET}],assignPublicIp=ENABLED}'`;

/** One script that calls every simulated operation with output, in states that fill in the optional members. */
const SCRIPT = `
aws sts get-caller-identity
aws ec2 describe-vpcs
aws ec2 describe-subnets
aws ec2 describe-security-groups
aws ec2 describe-availability-zones
aws ecs create-cluster --cluster-name demo
aws ecs describe-clusters --clusters demo nope
aws ecs list-clusters
echo '${TD}' > td.json
aws ecs register-task-definition --cli-input-json file://td.json
aws ecs register-task-definition --cli-input-json file://td.json
aws ecs describe-task-definition --task-definition web
aws ecs list-task-definitions
aws ecs deregister-task-definition --task-definition web:2
aws ecs run-task --cluster demo --task-definition web --launch-type FARGATE --network-configuration ${NET}
sleep 60
aws ecs describe-tasks --cluster demo --tasks $(aws ecs list-tasks --cluster demo --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster demo --task $(aws ecs list-tasks --cluster demo --query 'taskArns[0]' --output text)
sleep 60
aws ecs describe-tasks --cluster demo --tasks $(aws ecs list-tasks --cluster demo --desired-status STOPPED --query 'taskArns[0]' --output text)
aws ecs create-service --cluster demo --service-name web --task-definition web --desired-count 1 --launch-type FARGATE --network-configuration ${NET}
aws ecs wait services-stable --cluster demo --services web
aws ecs update-service --cluster demo --service web --force-new-deployment
aws ecs describe-services --cluster demo --services web
aws ecs list-services --cluster demo
aws ecs update-service --cluster demo --service web --desired-count 0
aws ecs delete-service --cluster demo --service web
aws ec2 run-instances --image-id ami-0e7c7ba2c7f4e9f1a --instance-type t3.small --user-data ECS_CLUSTER=demo
aws ec2 describe-instances
aws ecs describe-container-instances --cluster demo --container-instances $(aws ecs list-container-instances --cluster demo --query 'containerInstanceArns[0]' --output text)
aws ec2 terminate-instances --instance-ids $(aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text)
sleep 60
aws ecs delete-cluster --cluster demo
aws ecr create-repository --repository-name web
aws ecr get-authorization-token
aws ecr get-login-password | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com
docker pull -q alpine:3.20
docker tag alpine:3.20 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0
docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0
aws ecr describe-repositories
aws ecr describe-images --repository-name web
aws ecr list-images --repository-name web
aws ecr delete-repository --repository-name web --force
eksctl create cluster --name demo --nodes 1
eksctl create fargateprofile --cluster demo --name fp --namespace serverless
aws eks describe-cluster --name demo
aws eks list-clusters
aws eks list-nodegroups --cluster-name demo
aws eks list-fargate-profiles --cluster-name demo
aws eks update-kubeconfig --name demo
aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[]}'
aws iam get-role --role-name r
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
aws iam list-attached-role-policies --role-name r
aws iam list-roles
aws iam create-role --role-name gone --assume-role-policy-document '{"Version":"2012-10-17","Statement":[]}'
aws iam delete-role --role-name gone
`;

describe('aws responses follow the output shapes', () => {
  it('every simulated operation has a model output shape or is a CLI customization', () => {
    const missing = SERVICES.flatMap((svc) => Object.keys(svc.ops).filter((cli) => !cli.startsWith('wait ') && !CUSTOMIZATIONS.has(`${svc.name} ${cli}`) && !SHAPES[svc.name]?.ops[apiOperationName(cli)] && !svc.ops[cli]!.silent).map((cli) => `${svc.name} ${cli}`));
    expect(missing).toEqual([]);
  });

  it('builds only members the models have', async () => {
    const unknown: string[] = [];
    const called = new Set<string>();
    for (const svc of SERVICES) {
      const ops = Object.fromEntries(
        Object.entries(svc.ops).map(([cli, op]) => [
          cli,
          {
            ...op,
            async run(...args: Parameters<typeof op.run>): Promise<OpResult> {
              const r = await op.run(...args);
              called.add(`${svc.name} ${cli}`);
              if (r && typeof r === 'object' && !('raw' in r) && !('code' in r) && !('waiter' in r)) orderResponse(svc.name, apiOperationName(cli), r, unknown);
              return r;
            },
          },
        ]),
      );
      registerService({ ...svc, ops });
    }
    const s = newSession('aws');
    await runAll(s, SCRIPT);
    expect(unknown).toEqual([]);
    const uncalled = SERVICES.flatMap((svc) => Object.keys(svc.ops).map((cli) => `${svc.name} ${cli}`)).filter((n) => !called.has(n) && !n.includes(' wait '));
    expect(uncalled).toEqual([]);
  });

  it('orders members by the model and drops those it does not have, as botocore does', () => {
    const r = orderResponse('ecs', 'CreateCluster', { cluster: { status: 'ACTIVE', bogus: 1, clusterName: 'x', clusterArn: 'a', tags: null } });
    expect(JSON.stringify(r)).toBe('{"cluster":{"clusterArn":"a","clusterName":"x","status":"ACTIVE"}}');
  });
});
