/** The AWS domain: the `aws` CLI with its services, the account's starting state, and ECS's control plane. */
import type { Domain } from '../world.ts';
import { awsProgram, registerService } from './cli/aws.ts';
import { ecrService } from './ecr.ts';
import { ecsService } from './ecs/ops.ts';
import { ecsControlPlane } from './ecs/scheduler.ts';
import { eksService } from './eks.ts';
import { fargateScheduler, registerEksHooks } from './eks-kube.ts';
import { eksctl } from './eksctl.ts';
import { iamService, setupIam } from './iam.ts';
import { aws } from './state.ts';
import { ec2Service, stsService } from './vpc.ts';

for (const s of [ecsService, ecrService, eksService, ec2Service, stsService, iamService]) registerService(s);

export const awsDomain: Domain = {
  name: 'aws',
  programs: [awsProgram, eksctl],
  setup(world) {
    aws(world);
    setupIam(world);
  },
  systems: (world) => {
    // Cluster hooks are code, not state: register them again for a restored world.
    registerEksHooks(world);
    return [ecsControlPlane, fargateScheduler];
  },
};
