/** End-to-end flow through eksctl, aws eks/sts/ecr and docker push: every step's exit status. */
import { expect, it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';
it('runs the EKS and ECR flow with the expected exit statuses', async () => {
  const s = newSession('aws');
  const codes: number[] = [];
  for (const cmd of [
    'eksctl create cluster --name demo --nodes 2 --node-type t3.medium',
    'eksctl get cluster',
    'eksctl get nodegroup --cluster demo',
    'eksctl create fargateprofile --cluster demo --name fp-serverless --namespace serverless',
    'eksctl get fargateprofile --cluster demo',
    'eksctl scale nodegroup --cluster demo --name ng-demo0000 --nodes 3 --nodes-max 3',
    'aws eks list-clusters',
    "aws eks describe-cluster --name demo --query 'cluster.[name,version,status]' --output text",
    'aws eks update-kubeconfig --name demo --region us-east-1',
    'eksctl upgrade cluster --name demo --version 1.36 --approve',
    'eksctl upgrade cluster --name demo --approve',
    'aws sts get-caller-identity',
    'aws ecsx list-clusters',
    'aws ecs list-clusterz',
    'aws ecr create-repository --repository-name web',
    'aws ecr get-login-password | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    'docker pull alpine:3.20 -q; docker tag alpine:3.20 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0; docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0',
    "aws ecr describe-images --repository-name web --query 'imageDetails[0].imageTags'",
    'aws ec2 describe-vpcs --output table',
  ]) {
    const r = await runIn(s, cmd);
    codes.push(r.exitCode);
  }
  expect(codes).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 252, 252, 0, 0, 0, 0, 0]);
});
