import { describe, expect, it } from 'vitest';
import { clusterModel, currentCluster, explainSchedule, podDetail, podStatus } from '../../../src/sandbox/worker/cluster-model.ts';

const node = (name: string, ready = 'True', extra: Record<string, unknown> = {}) => ({
  metadata: { name, uid: `n-${name}`, labels: (name === 'controlplane' ? { 'node-role.kubernetes.io/control-plane': '' } : {}) as Record<string, string> },
  spec: extra,
  status: { conditions: [{ type: 'Ready', status: ready }] },
});

const pod = (name: string, nodeName: string | undefined, status: Record<string, unknown>, ns = 'default') => ({
  metadata: { name, namespace: ns, uid: `u-${name}`, labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f' }] },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27' }] },
  status,
});

const running = { phase: 'Running', podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }] };

const objects = {
  nodes: { controlplane: node('controlplane'), node01: node('node01', 'Unknown', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }) },
  pods: {
    'default/web-1': pod('web-1', 'node01', running),
    'default/web-2': pod('web-2', undefined, { phase: 'Pending' }),
    'default/web-3': pod('web-3', 'node01', { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }),
    'kube-system/coredns': pod('coredns', 'controlplane', running, 'kube-system'),
  },
  services: {
    'default/kubernetes': { metadata: { name: 'kubernetes', namespace: 'default', uid: 's-k' }, spec: { clusterIP: '10.96.0.1' } },
    'default/web': { metadata: { name: 'web', namespace: 'default', uid: 's-web' }, spec: { type: 'NodePort', clusterIP: '10.96.4.4', selector: { app: 'web' } } },
  },
  events: {
    'default/e2': { metadata: { name: 'e2' }, involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u-web-1' }, type: 'Normal', reason: 'Started', message: 'Started container web', lastTimestamp: '2026-11-21T10:00:05Z', count: 1 },
    'default/e1': { metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u-web-1' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node01', lastTimestamp: '2026-11-21T10:00:01Z' },
    'default/e3': { metadata: { name: 'e3' }, involvedObject: { kind: 'Pod', name: 'other', namespace: 'default', uid: 'u-other' }, type: 'Normal', reason: 'Pulled', message: 'x' },
  },
};

describe('currentCluster', () => {
  it('reads the single-store shape', () => {
    expect(currentCluster({ objects, resourceVersion: 1, timers: {} })?.name).toBe('kubernetes');
  });

  it('reads the current context of the multi-cluster shape', () => {
    const kube = {
      clusters: { kubernetes: { name: 'kubernetes', objects: {} }, 'demo.us-east-1.eksctl.io': { name: 'demo.us-east-1.eksctl.io', objects, decisions: {} } },
      config: { contexts: [{ name: 'kubernetes-admin@kubernetes', cluster: 'kubernetes' }, { name: 'learner@demo', cluster: 'demo.us-east-1.eksctl.io' }], current: 'learner@demo' },
    };
    expect(currentCluster(kube)?.name).toBe('demo.us-east-1.eksctl.io');
  });

  it('gives nothing for a world without a cluster or a state it does not understand', () => {
    expect([currentCluster(undefined), currentCluster({ clusters: {}, config: { contexts: [], current: '' } }), currentCluster('x'), currentCluster({ clusters: { a: 1 } })]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('clusterModel', () => {
  it('lists nodes, visible pods with kubectl statuses, and services with their ready endpoints', () => {
    const m = clusterModel(currentCluster({ objects })!);
    expect(m.nodes).toEqual([
      { name: 'controlplane', status: 'Ready', ready: true, roles: ['control-plane'], taints: [] },
      { name: 'node01', status: 'Unknown,SchedulingDisabled', ready: false, roles: [], taints: ['node.kubernetes.io/unreachable:NoExecute'] },
    ]);
    expect(m.pods).toEqual([
      { uid: 'u-web-1', name: 'web-1', namespace: 'default', node: 'node01', status: 'Running', tone: 'running', ready: '1/1', restarts: 2, owner: 'ReplicaSet/web-5d8f', ip: '10.244.1.5' },
      { uid: 'u-web-2', name: 'web-2', namespace: 'default', status: 'Pending', tone: 'pending', ready: '0/1', restarts: 0, owner: 'ReplicaSet/web-5d8f' },
      { uid: 'u-web-3', name: 'web-3', namespace: 'default', node: 'node01', status: 'CrashLoopBackOff', tone: 'failed', ready: '0/1', restarts: 4, owner: 'ReplicaSet/web-5d8f' },
    ]);
    expect(m.services).toEqual([{ uid: 's-web', name: 'web', namespace: 'default', type: 'NodePort', clusterIP: '10.96.4.4', endpoints: ['u-web-1'] }]);
    expect([m.systemPods, m.omittedPods]).toEqual([1, 0]);
  });

  it('reads terminating pods and survives malformed objects', () => {
    const weird = { objects: { pods: { a: { metadata: { name: 'a', uid: 'a', deletionTimestamp: 'x' }, status: { phase: 'Running' } }, b: null, c: { status: { containerStatuses: 'nope' } } }, nodes: 'bad' } };
    const m = clusterModel(currentCluster(weird)!);
    expect(m.pods.map((p) => [p.name, p.status])).toEqual([['a', 'Terminating'], ['?', 'Pending']]);
    expect(m.nodes).toEqual([]);
  });
});

describe('explainSchedule and podDetail', () => {
  const decision = {
    pod: 'web-1',
    namespace: 'default',
    at: 1000,
    totalNodes: 3,
    filter: {
      controlplane: { NodeUnschedulable: 'passed', TaintToleration: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" },
      node01: { NodeUnschedulable: 'passed', TaintToleration: 'passed' },
      node02: { NodeUnschedulable: 'passed', TaintToleration: 'passed' },
    },
    score: {},
    finalScore: { node01: { NodeResourcesFit: 80, ImageLocality: 10 }, node02: { NodeResourcesFit: 70, ImageLocality: 0 } },
    selectedNode: 'node01',
  };

  it('normalizes the engine decision: feasible nodes by total score, then the filtered-out ones', () => {
    const c = { name: 'k', objects, decisions: { 'u-web-1': decision } };
    expect(explainSchedule(c, objects.pods['default/web-1'])).toEqual({
      selectedNode: 'node01',
      message: undefined,
      summarized: false,
      nodes: [
        { name: 'node01', passed: true, failure: undefined, total: 90, scores: [{ plugin: 'NodeResourcesFit', score: 80 }, { plugin: 'ImageLocality', score: 10 }] },
        { name: 'node02', passed: true, failure: undefined, total: 70, scores: [{ plugin: 'NodeResourcesFit', score: 70 }, { plugin: 'ImageLocality', score: 0 }] },
        { name: 'controlplane', passed: false, failure: 'TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', total: undefined, scores: [] },
      ],
    });
  });

  it("reads kube-scheduler-simulator's annotations when the engine kept no decision", () => {
    const p = structuredClone(objects.pods['default/web-1']) as Record<string, any>;
    p.metadata.annotations = {
      'kube-scheduler-simulator.sigs.k8s.io/filter-result': JSON.stringify({ node01: { NodeName: 'passed' } }),
      'kube-scheduler-simulator.sigs.k8s.io/finalscore-result': JSON.stringify({ node01: { ImageLocality: '12' } }),
      'kube-scheduler-simulator.sigs.k8s.io/selected-node': 'node01',
    };
    expect(explainSchedule({ name: 'k', objects }, p)?.nodes).toEqual([{ name: 'node01', passed: true, failure: undefined, total: 12, scores: [{ plugin: 'ImageLocality', score: 12 }] }]);
    expect(explainSchedule({ name: 'k', objects }, objects.pods['default/web-2'])).toBeUndefined();
  });

  it("gives a pod's events oldest first", () => {
    const d = podDetail({ name: 'k', objects }, 'u-web-1');
    expect(d?.events).toEqual([
      { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node01', count: 1, at: '2026-11-21T10:00:01Z' },
      { type: 'Normal', reason: 'Started', message: 'Started container web', count: 1, at: '2026-11-21T10:00:05Z' },
    ]);
    expect(podDetail({ name: 'k', objects }, 'missing')).toBeUndefined();
  });

  it('prints STATUS like kubectl', () => {
    expect(podStatus({ metadata: {}, status: { phase: 'Failed', reason: 'Evicted' } })).toBe('Evicted');
  });
});
