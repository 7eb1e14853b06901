// The aws world as a browser page loads it: EKS (with the Kubernetes engine) is a deferred
// part that loads the first time eksctl, kubectl or `aws eks` runs. The test setup loads every
// kind up front, so these tests import a fresh copy of the engine without the EKS module.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eksDeferred } from '../../../../src/engine/aws/eks-deferred.ts';
import { eksctl } from '../../../../src/engine/aws/eksctl.ts';
import { kubectl } from '../../../../src/engine/kube/kubectl/index.ts';

type Engine = {
  worlds: typeof import('../../../../src/engine/worlds.ts');
  session: typeof import('../../../../src/engine/shell/session.ts');
};

async function freshEngine(): Promise<Engine> {
  vi.resetModules();
  await import('../../../../src/engine/kinds/aws.ts');
  return { worlds: await import('../../../../src/engine/worlds.ts'), session: await import('../../../../src/engine/shell/session.ts') };
}

async function run(s: InstanceType<Engine['session']['Session']>, line: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const r = await s.execute(line, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) } });
  return { stdout, stderr, exitCode: r.exitCode };
}

describe('EKS in the aws world, loaded on first use', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await freshEngine();
  });

  it('puts stubs on PATH that look like the real programs', () => {
    expect(eksDeferred.programs).toEqual([eksctl, kubectl].map(({ name, summary, path }) => ({ name, summary, path })));
  });

  it('loads when eksctl first runs, and the cluster it creates works with kubectl', async () => {
    const world = engine.worlds.createWorld({ kind: 'aws' });
    const systemsBefore = world.systems.length;
    const s = new engine.session.Session(world);
    expect(await run(s, 'which eksctl kubectl')).toEqual({ stdout: '/usr/local/bin/eksctl\n/usr/local/bin/kubectl\n', stderr: '', exitCode: 0 });
    expect(world.systems.length).toBe(systemsBefore);
    const created = await run(s, 'eksctl create cluster --name demo --nodes 2');
    expect(created.exitCode).toBe(0);
    // The Kubernetes engine's control loops and the Fargate scheduler joined this world once.
    expect(world.systems.length).toBeGreaterThan(systemsBefore);
    const joined = world.systems.length;
    const nodes = await run(s, 'kubectl get nodes --no-headers | wc -l');
    expect(nodes).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(world.systems.length).toBe(joined);
  });

  it('loads for `aws eks`, which lists EKS among the simulated services before that', async () => {
    const s = new engine.session.Session(engine.worlds.createWorld({ kind: 'aws' }));
    expect(await run(s, 'aws lambda list-functions')).toEqual({ stdout: '', stderr: 'aws: the lambda service is not available in this lab environment (simulated: ec2, ecr, ecs, eks, iam, sts)\n', exitCode: 252 });
    expect(await run(s, 'aws eks list-clusters')).toEqual({ stdout: '{\n    "clusters": []\n}\n', stderr: '', exitCode: 0 });
  });

  it('restores a world that uses EKS, which joins when it loads', async () => {
    const full = engine.worlds.createWorld({ kind: 'aws' });
    expect((await run(new engine.session.Session(full), 'eksctl create cluster --name demo --nodes 1')).exitCode).toBe(0);
    const snapshot = full.snapshot();

    const again = await freshEngine();
    const restored = again.worlds.restoreWorld(snapshot);
    expect(restored.snapshot()).toBe(snapshot);
    const before = restored.systems.length;
    await again.worlds.joinDeferredInUse(restored);
    expect(restored.systems.length).toBe(full.systems.length);
    expect(restored.systems.length).toBeGreaterThan(before);
    const r = await run(new again.session.Session(restored), 'kubectl get nodes --no-headers | wc -l');
    expect(r).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
  });

  it('restores a world without EKS without loading it', async () => {
    const world = engine.worlds.createWorld({ kind: 'aws' });
    const restored = engine.worlds.restoreWorld(world.snapshot());
    await engine.worlds.joinDeferredInUse(restored);
    expect(restored.systems.length).toBe(world.systems.length);
  });
});
