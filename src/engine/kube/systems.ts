/** Every control loop of a cluster, in the order they run within one reconcile pass. */
import { rt } from './resources.ts';
import type { System, World } from '../world.ts';
import { cronJobController } from './controllers/cronjob.ts';
import { daemonSetController } from './controllers/daemonset.ts';
import { deploymentController } from './controllers/deployment.ts';
import { endpointsController } from './controllers/endpoints.ts';
import { garbageCollector } from './controllers/gc.ts';
import { podGarbageCollector } from './controllers/pod-gc.ts';
import { jobController } from './controllers/job.ts';
import { namespaceController } from './controllers/namespace.ts';
import { nodeLifecycleController } from './controllers/node-lifecycle.ts';
import { replicaSetController } from './controllers/replicaset.ts';
import { serviceController } from './controllers/service.ts';
import { kubelet } from './kubelet.ts';
import { sandboxSystem } from './sandbox.ts';
import { scheduler } from './scheduler/framework.ts';
import { simEvents } from './sim.ts';
import { allClusters, earliestTimer, fireTimers } from './store.ts';

/** Moves due timers into their components' queues: the one place virtual time reaches the cluster. */
export const clusterClock: System = {
  name: 'kube-timers',
  nextWake(world: World) {
    let best: number | undefined;
    for (const c of allClusters(world)) {
      const t = earliestTimer(c);
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  },
  tick(world: World) {
    let fired = false;
    for (const c of allClusters(world)) if (fireTimers(c)) fired = true;
    return fired;
  },
};

export const KUBE_SYSTEMS: System[] = [
  clusterClock,
  simEvents,
  namespaceController,
  deploymentController,
  replicaSetController,
  daemonSetController,
  jobController,
  cronJobController,
  garbageCollector,
  podGarbageCollector,
  nodeLifecycleController,
  scheduler,
  kubelet,
  sandboxSystem,
  endpointsController,
  serviceController,
];

void rt;
