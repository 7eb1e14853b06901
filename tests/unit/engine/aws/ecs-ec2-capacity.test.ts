/** ECS on EC2: instances launched with ECS_CLUSTER in user data register capacity; a task that does not fit fails with RESOURCE:MEMORY. */
import { expect, it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';

it('registers run-instances capacity and reports RESOURCE:MEMORY for a task that does not fit', async () => {
  const s = newSession('aws');
  await runIn(s, 'aws ecs create-cluster --cluster-name ec2demo');
  await runIn(s, "printf '#!/bin/bash\\necho ECS_CLUSTER=ec2demo >> /etc/ecs/ecs.config\\n' > user-data.sh");
  expect(await runIn(s, "aws ec2 run-instances --image-id ami-0e7c7ba2c7f4e9f1a --instance-type t3.small --user-data file://user-data.sh --query 'Instances[0].[InstanceType,State.Name]' --output text")).toEqual({ stdout: 't3.small\tpending\n', stderr: '', exitCode: 0 });
  const ci = (await runIn(s, "aws ecs list-container-instances --cluster ec2demo --query 'containerInstanceArns[0]' --output text")).stdout.trim();
  expect(ci).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/ec2demo\/[0-9a-f]{32}$/);
  expect((await runIn(s, `aws ecs describe-container-instances --cluster ec2demo --container-instances ${ci} --query 'containerInstances[0].registeredResources[?name==\`MEMORY\`].integerValue | [0]'`)).stdout).toBe('1892\n');
  await runIn(s, `echo '{"family":"big","requiresCompatibilities":["EC2"],"containerDefinitions":[{"name":"app","image":"nginx","memory":3000}]}' > big.json`);
  await runIn(s, 'aws ecs register-task-definition --cli-input-json file://big.json');
  expect(await runIn(s, "aws ecs run-task --cluster ec2demo --task-definition big --launch-type EC2 --query 'failures[0].reason' --output text")).toEqual({ stdout: 'RESOURCE:MEMORY\n', stderr: '', exitCode: 0 });
  await runIn(s, `echo '{"family":"small","requiresCompatibilities":["EC2"],"containerDefinitions":[{"name":"app","image":"nginx","memory":512}]}' > small.json`);
  await runIn(s, 'aws ecs register-task-definition --cli-input-json file://small.json');
  expect((await runIn(s, "aws ecs run-task --cluster ec2demo --task-definition small --launch-type EC2 --query 'length(tasks)'")).stdout).toBe('1\n');
  expect((await runIn(s, `aws ecs describe-container-instances --cluster ec2demo --container-instances ${ci} --query 'containerInstances[0].remainingResources[?name==\`MEMORY\`].integerValue | [0]'`)).stdout).toBe('1380\n');
  const id = (await runIn(s, "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId' --output text")).stdout.trim();
  await runIn(s, `aws ec2 terminate-instances --instance-ids ${id}`);
  expect((await runIn(s, "aws ecs list-container-instances --cluster ec2demo --query 'length(containerInstanceArns)'")).stdout).toBe('0\n');
});
