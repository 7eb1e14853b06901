/** The kubeadm-like cluster of the `kubernetes` world: one control plane and two workers. */
import type { World } from '../world.ts';
import { findResource } from './resources.ts';
import { createKubeState, createObject } from './store.ts';
import type { KubeObject } from './types.ts';

export const KUBE_VERSION = 'v1.34.1';

export function nodeObject(name: string, ip: string, controlPlane: boolean): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '', labels },
    spec: controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { cpu: '2', memory: '4030000Ki', pods: '110', 'ephemeral-storage': '20134592Ki' },
      allocatable: { cpu: '2', memory: '3927600Ki', pods: '110', 'ephemeral-storage': '18556039957' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: KUBE_VERSION,
        kubeProxyVersion: KUBE_VERSION,
        osImage: 'Ubuntu 24.04.3 LTS',
        kernelVersion: '6.8.0-85-generic',
        containerRuntimeVersion: 'containerd://1.7.28',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function setupCluster(world: World): void {
  world.state.ext.kube = createKubeState();
  const ns = findResource('namespaces')!;
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    createObject(world, ns, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '', labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const nodes = findResource('nodes')!;
  createObject(world, nodes, nodeObject('controlplane', '172.30.1.2', true));
  createObject(world, nodes, nodeObject('node01', '172.30.2.2', false));
  createObject(world, nodes, nodeObject('node02', '172.30.2.3', false));
}
