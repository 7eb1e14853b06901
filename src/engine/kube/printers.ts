/** kubectl's table printers for each resource (columns per pkg/printers/internalversion). */
import { humanDuration } from '../clock.ts';
import type { World } from '../world.ts';
import type { KubeObject } from './types.ts';

export function age(world: World, obj: KubeObject): string {
  const created = Date.parse(obj.metadata.creationTimestamp) - world.state.clock.epoch;
  return humanDuration(world.now - created);
}

interface ContainerStatus {
  ready: boolean;
  restartCount: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string }; running?: unknown };
}

/** The STATUS column: phase, overridden by status.reason, container reasons, and Terminating. */
export function podStatus(pod: KubeObject): string {
  const status = (pod.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatus[] };
  let reason = status.reason ?? status.phase ?? 'Pending';
  for (const cs of status.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

export interface Printer {
  header: string[];
  wide: string[];
  row(world: World, obj: KubeObject): string[];
  wideRow(world: World, obj: KubeObject): string[];
}

export const PRINTERS: Record<string, Printer> = {
  Pod: {
    header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row(world, pod) {
      const spec = pod.spec as { containers: unknown[] };
      const cs = ((pod.status?.containerStatuses ?? []) as ContainerStatus[]);
      const ready = cs.filter((c) => c.ready).length;
      const restarts = cs.reduce((n, c) => n + c.restartCount, 0);
      return [pod.metadata.name, `${ready}/${spec.containers.length}`, podStatus(pod), String(restarts), age(world, pod)];
    },
    wideRow(_world, pod) {
      return [String(pod.status?.podIP ?? '<none>'), String((pod.spec as { nodeName?: string }).nodeName ?? '<none>'), '<none>', '<none>'];
    },
  },
  Node: {
    header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row(world, node) {
      const conds = (node.status?.conditions ?? []) as { type: string; status: string }[];
      let status = conds.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
      if ((node.spec as { unschedulable?: boolean }).unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(node.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .sort();
      const info = node.status?.nodeInfo as { kubeletVersion: string };
      return [node.metadata.name, status, roles.join(',') || '<none>', age(world, node), info.kubeletVersion];
    },
    wideRow(_world, node) {
      const addrs = (node.status?.addresses ?? []) as { type: string; address: string }[];
      const info = node.status?.nodeInfo as { osImage: string; kernelVersion: string; containerRuntimeVersion: string };
      return [addrs.find((a) => a.type === 'InternalIP')?.address ?? '<none>', addrs.find((a) => a.type === 'ExternalIP')?.address ?? '<none>', info.osImage, info.kernelVersion, info.containerRuntimeVersion];
    },
  },
  Namespace: {
    header: ['NAME', 'STATUS', 'AGE'],
    wide: [],
    row(world, ns) {
      return [ns.metadata.name, String(ns.status?.phase ?? 'Active'), age(world, ns)];
    },
    wideRow: () => [],
  },
};
