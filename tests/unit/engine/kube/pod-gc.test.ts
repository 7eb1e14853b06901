/** PodGC: the pods of a deleted node are collected after the 40 s quarantine and their ReplicaSet replaces them. */
import { describe, expect, it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';

describe('pod garbage collector', () => {
  it('collects the pods of a deleted node after 40 s and the ReplicaSet replaces them', async () => {
    const s = newSession('kubernetes');
    await runIn(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
    await runIn(s, 'kubectl rollout status deployment/web');
    const onNode01 = async () => (await runIn(s, 'kubectl get pods -l app=web -o wide --no-headers')).stdout.split('\n').filter((l) => /\snode01\s/.test(l)).map((l) => l.split(/\s+/)[0]);
    const before = await onNode01();
    expect(before.length).toBeGreaterThan(0);
    expect((await runIn(s, 'kubectl delete node node01')).stdout).toBe('node "node01" deleted\n');
    await runIn(s, 'sleep 30');
    // Still quarantined: the pods stay bound to the missing node.
    expect(await onNode01()).toEqual(before);
    await runIn(s, 'sleep 15');
    expect(await onNode01()).toEqual([]);
    const gone = await runIn(s, `kubectl get pod ${before[0]}`);
    expect(gone.stderr).toBe(`Error from server (NotFound): pods "${before[0]}" not found\n`);
    await runIn(s, 'kubectl rollout status deployment/web');
    const lines = (await runIn(s, 'kubectl get pods -l app=web --no-headers')).stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l.split(/\s+/).slice(1, 3)).toEqual(['1/1', 'Running']);
  });
});
