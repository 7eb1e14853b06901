/** The AWS domain: the `aws` CLI with its services, the account's starting state, and ECS's control plane (EKS loads on first use: eks-deferred.ts). */
import type { Domain } from '../world.ts';
import { awsProgram, registerService } from './cli/aws.ts';
import { ecrService } from './ecr.ts';
import { ecsService } from './ecs/ops.ts';
import { ecsControlPlane } from './ecs/scheduler.ts';
import { iamService, setupIam } from './iam.ts';
import { aws } from './state.ts';
import { ec2Service, stsService } from './vpc.ts';

for (const s of [ecsService, ecrService, ec2Service, stsService, iamService]) registerService(s);

export const awsDomain: Domain = {
  name: 'aws',
  programs: [awsProgram],
  setup(world) {
    aws(world);
    setupIam(world);
  },
  systems: () => [ecsControlPlane],
};
