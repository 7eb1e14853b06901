import { describe, expect, it } from 'vitest';
import { describeDiff, diffCluster, groupByNode, processTree, toneOf, type ClusterModel, type PodView, type ProcessView } from '../../../src/sandbox/features/cluster-view/model.ts';

const pod = (name: string, node: string | undefined, extra: Partial<PodView> = {}): PodView => ({
  uid: `uid-${name}`,
  name,
  namespace: 'default',
  node,
  status: 'Running',
  tone: 'running',
  ready: '1/1',
  restarts: 0,
  ...extra,
});

const model = (pods: PodView[], nodeStatus: Record<string, string> = {}): ClusterModel => ({
  kind: 'cluster',
  cluster: 'kubernetes',
  nodes: ['node02', 'controlplane', 'node01'].map((name) => ({
    name,
    status: nodeStatus[name] ?? 'Ready',
    ready: (nodeStatus[name] ?? 'Ready') === 'Ready',
    roles: name === 'controlplane' ? ['control-plane'] : [],
    taints: [],
  })),
  pods,
  services: [],
  omittedPods: 0,
  systemPods: 0,
});

describe('groupByNode', () => {
  it('puts the control plane first, workers by name, pods by name, and unscheduled pods last', () => {
    const groups = groupByNode(model([pod('web-b', 'node01'), pod('web-a', 'node01'), pod('db', 'node02'), pod('new', undefined), pod('lost', 'node09')]));
    expect(groups.map((g) => [g.node?.name ?? '(unscheduled)', g.pods.map((p) => p.name)])).toEqual([
      ['controlplane', []],
      ['node01', ['web-a', 'web-b']],
      ['node02', ['db']],
      ['(unscheduled)', ['lost', 'new']],
    ]);
  });

  it('has no unscheduled group when every pod is bound', () => {
    expect(groupByNode(model([pod('a', 'node01')])).map((g) => g.node?.name)).toEqual(['controlplane', 'node01', 'node02']);
  });
});

describe('diffCluster', () => {
  it('reports added, removed, moved, restarted and changed pods, and node status changes', () => {
    const before = model([pod('keep', 'node01'), pod('gone', 'node01'), pod('bound', undefined, { status: 'Pending', tone: 'pending' }), pod('crashy', 'node02')]);
    const after = model(
      [pod('keep', 'node01'), pod('bound', 'node02', { status: 'ContainerCreating', tone: 'pending' }), pod('crashy', 'node02', { restarts: 1, status: 'Error', tone: 'failed' }), pod('fresh', 'node02')],
      { node01: 'NotReady' },
    );
    const d = diffCluster(before, after);
    expect(d.added.map((p) => p.name)).toEqual(['fresh']);
    expect(d.removed.map((p) => p.name)).toEqual(['gone']);
    expect(d.moved.map((m) => [m.pod.name, m.from, m.to])).toEqual([['bound', undefined, 'node02']]);
    expect(d.restarted.map((p) => p.name)).toEqual(['crashy']);
    expect(d.changed.map((c) => [c.pod.name, c.from, c.pod.status])).toEqual([
      ['bound', 'Pending', 'ContainerCreating'],
      ['crashy', 'Running', 'Error'],
    ]);
    expect(d.nodesChanged.map((n) => [n.node.name, n.from, n.node.status])).toEqual([['node01', 'Ready', 'NotReady']]);
    expect(describeDiff(d)).toEqual([
      'Node node01 is NotReady.',
      'Pod fresh started on node02.',
      'Pod bound scheduled to node02.',
      'Pod gone deleted.',
      'Pod crashy restarted (1 restarts).',
      'and 1 more changes.',
    ]);
  });

  it('treats everything as added on the first update, and nothing as changed when equal', () => {
    const m = model([pod('a', 'node01')]);
    expect(diffCluster(undefined, m).added.map((p) => p.name)).toEqual(['a']);
    const same = diffCluster(m, model([pod('a', 'node01')]));
    expect([same.added, same.removed, same.moved, same.restarted, same.changed, same.nodesChanged]).toEqual([[], [], [], [], [], []]);
  });
});

describe('toneOf', () => {
  it('colours kubectl STATUS values', () => {
    const statuses = ['Running', 'Pending', 'ContainerCreating', 'Init:0/1', 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Error', 'Completed', 'Terminating', 'NotReady'];
    expect(Object.fromEntries(statuses.map((s) => [s, toneOf(s)]))).toEqual({
      Running: 'running',
      Pending: 'pending',
      ContainerCreating: 'pending',
      'Init:0/1': 'pending',
      CrashLoopBackOff: 'failed',
      ImagePullBackOff: 'failed',
      ErrImagePull: 'failed',
      OOMKilled: 'failed',
      Error: 'failed',
      Completed: 'succeeded',
      Terminating: 'terminating',
      NotReady: 'waiting',
    });
  });
});

describe('processTree', () => {
  const proc = (pid: number, ppid: number): ProcessView => ({ pid, ppid, comm: `p${pid}`, user: 'root', state: 'S', cgroup: '/', ns: {} });

  it('nests children under parents in pid order, and orphans become roots', () => {
    const tree = processTree([proc(5, 1), proc(1, 0), proc(3, 1), proc(7, 5), proc(9, 42)]);
    const shape = (nodes: ReturnType<typeof processTree>): unknown => nodes.map((n) => (n.children.length ? [n.proc.pid, shape(n.children)] : n.proc.pid));
    expect(shape(tree)).toEqual([[1, [3, [5, [7]]]], 9]);
  });

  it('shows every process once even if parent links form a cycle', () => {
    const tree = processTree([proc(2, 3), proc(3, 2)]);
    const all: number[] = [];
    const walk = (nodes: ReturnType<typeof processTree>) => nodes.forEach((n) => (all.push(n.proc.pid), walk(n.children)));
    walk(tree);
    expect(all.sort()).toEqual([2, 3]);
  });
});
