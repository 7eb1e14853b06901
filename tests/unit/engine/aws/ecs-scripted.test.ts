/** The scripted ECS example: a Fargate service keeps 2 tasks, and a stopped one is replaced. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

const TD = JSON.stringify({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', portMappings: [{ containerPort: 80 }] }],
});

describe('aws ecs scripted example', () => {
  it('keeps runningCount at desiredCount and replaces a stopped task', async () => {
    const s = newSession('aws');
    await runAll(s, `aws ecs create-cluster --cluster-name demo\ncat > td.json <<'END'\n${TD}\nEND\naws ecs register-task-definition --cli-input-json file://td.json`);
    const subnet = (await runIn(s, "aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[0].SubnetId' --output text")).stdout.trim();
    expect(subnet).toMatch(/^subnet-[0-9a-f]{17}$/);
    const created = await runIn(s, `aws ecs create-service --cluster demo --service-name web --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[${subnet}],assignPublicIp=ENABLED}"`);
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(await runIn(s, 'aws ecs wait services-stable --cluster demo --services web')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const running = await runIn(s, "aws ecs describe-services --cluster demo --services web --query 'services[0].runningCount'");
    expect(running).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    const before = JSON.parse((await runIn(s, 'aws ecs list-tasks --cluster demo --service-name web')).stdout) as { taskArns: string[] };
    expect(before.taskArns).toHaveLength(2);
    const stopped = await runIn(s, `aws ecs stop-task --cluster demo --task ${before.taskArns[0]} --query task.desiredStatus --output text`);
    expect(stopped).toEqual({ stdout: 'STOPPED\n', stderr: '', exitCode: 0 });
    await runAll(s, 'sleep 60');
    expect((await runIn(s, "aws ecs describe-services --cluster demo --services web --query 'services[0].runningCount'")).stdout).toBe('2\n');
    const after = JSON.parse((await runIn(s, 'aws ecs list-tasks --cluster demo --service-name web')).stdout) as { taskArns: string[] };
    expect(after.taskArns).toHaveLength(2);
    expect(after.taskArns).toContain(before.taskArns[1]);
    expect(after.taskArns).not.toContain(before.taskArns[0]);
    const events = (await runIn(s, "aws ecs describe-services --cluster demo --services web --query 'services[0].events[].message'")).stdout;
    expect(events).toContain('(service web) has reached a steady state.');
    expect(events).toMatch(/\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\./);
  });

  it('refuses a Fargate task definition with an invalid cpu/memory pair, with the validator text', async () => {
    const s = newSession('aws');
    const r = await runIn(s, `aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 4096 --container-definitions '[{"name":"web","image":"nginx"}]'`);
    expect(r.exitCode).toBe(254);
    expect(r.stderr).toContain('An error occurred (ClientException) when calling the RegisterTaskDefinition operation:');
  });
});
