/**
 * Worker side of the cluster view: builds the view model from the world and pushes it to
 * the page after each command and as the clock moves, but only when it changed, so an idle
 * cluster costs one string comparison per tick and the page never re-renders for nothing.
 */
import type { ViewModel } from '../features/cluster-view/model.ts';
import { clusterModel, currentCluster, podDetail } from './cluster-model.ts';
import { processModel } from './process-model.ts';
import { afterCommand, emit, registerMethods, state } from './state.ts';

type ViewKind = 'cluster' | 'procs';

let subscribed: ViewKind | undefined;
let lastSent = '';

function build(kind: ViewKind): ViewModel {
  const world = state.world;
  if (!world) return { kind: 'empty', message: 'The lab is starting…' };
  if (kind === 'procs') return processModel(world);
  const cluster = currentCluster(world.state.ext.kube);
  if (!cluster) return { kind: 'empty', message: 'No Kubernetes cluster yet. Create one (for example with eksctl create cluster) and it appears here.' };
  return clusterModel(cluster);
}

/** Sends the model if it differs from the last one sent (or always, when forced). */
function push(force = false): void {
  if (!subscribed) return;
  const model = build(subscribed);
  const json = JSON.stringify(model);
  if (!force && json === lastSent) return;
  lastSent = json;
  emit('view.update', model);
}

// Clock ticks: the kubelet starts containers and controllers react while nobody types.
// Half a second is as often as a learner can follow; the check above keeps it cheap. It runs
// during long commands too (`sleep 30`, `kubectl get pods -w`): they await between steps.
setInterval(() => push(), 500);

afterCommand.push(() => push());

registerMethods({
  /** Starts pushes of `view.update` for one kind of view and returns the current model. */
  'view.subscribe': (params: { kind: ViewKind }) => {
    subscribed = params.kind === 'procs' ? 'procs' : 'cluster';
    const model = build(subscribed);
    lastSent = JSON.stringify(model);
    return model;
  },
  'view.unsubscribe': () => {
    subscribed = undefined;
    lastSent = '';
  },
  /** Pushes now if anything changed (after a fast-forward, say). */
  'view.refresh': () => push(),
  /** The virtual clock and the date its zero stands for (the time-control bar shows both). */
  'clock.info': () => ({ now: state.world?.now ?? 0, epoch: state.world?.state.clock.epoch ?? 0 }),
  /** Why a pod runs where it does, and its events. */
  'view.pod': (params: { uid: string }) => {
    const cluster = state.world ? currentCluster(state.world.state.ext.kube) : undefined;
    return cluster ? (podDetail(cluster, String(params.uid)) ?? null) : null;
  },
});
