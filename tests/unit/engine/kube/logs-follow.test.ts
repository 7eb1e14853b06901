/** `kubectl logs -f`: streams on the virtual clock until the container exits, Ctrl-C, or (scripted) nothing is left to happen. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

describe('kubectl logs -f', () => {
  it('scripted: follows a finishing container to its exit, each line at its own time', async () => {
    const s = newSession('kubernetes');
    await runAll(s, `kubectl run fin --image=busybox --restart=Never -- sh -c 'echo a; sleep 3; echo b; sleep 3; echo c'\nsleep 3`);
    const started = s.world.now;
    expect(await runIn(s, 'kubectl logs -f fin --timestamps')).toEqual({
      stdout: '2026-11-21T10:00:00.490000000Z a\n2026-11-21T10:00:03.490000000Z b\n2026-11-21T10:00:06.490000000Z c\n',
      stderr: '',
      exitCode: 0,
    });
    // The follow ended when the container exited, not later.
    expect(s.world.now - started).toBe(3490);
    expect((await runIn(s, 'kubectl get pod fin --no-headers')).stdout).toMatch(/^fin\s+0\/1\s+Completed\s+0\s+6s\n$/);
  });

  it('scripted: --tail and a loop that never ends stop at the watch bound', async () => {
    const s = newSession('kubernetes');
    await runAll(s, `kubectl run tick --image=busybox -- sh -c 'while true; do echo tick; sleep 60; done'\nsleep 125`);
    const r = await runIn(s, 'kubectl logs -f tick --tail=1');
    // One line from before, then one a minute for the ten minutes a scripted follow lasts.
    expect(r).toEqual({ stdout: 'tick\n'.repeat(11), stderr: '', exitCode: 0 });
  });

  it('interactive: waits in wall time and Ctrl-C ends it with 130', async () => {
    const s = newSession('kubernetes');
    await runAll(s, `kubectl run tick --image=busybox -- sh -c 'while true; do echo tick $(date +%S); sleep 2; done'\nsleep 3`);
    let ticks = 0;
    s.world.host = {
      sleep: async (ms) => {
        s.world.advance(ms);
        if (++ticks === 5) s.world.signal.interrupted = true;
      },
    };
    const r = await runIn(s, 'kubectl logs --follow tick');
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('a deployment, -c and the pod it picked', async () => {
    const s = newSession('kubernetes');
    await runAll(s, `kubectl create deployment web --image=nginx:1.27 --replicas=2\nsleep 5`);
    const r = await runIn(s, 'kubectl logs -f deployment/web -c nginx --tail=2');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 29\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 30\n$/);
  });

  it('errors: a container still being created, and too many streams', async () => {
    const s = newSession('kubernetes');
    await runAll(s, 'kubectl run web --image=nginx');
    expect(await runIn(s, 'kubectl logs -f web')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n', exitCode: 1 });
    await runAll(s, `kubectl create deployment many --image=nginx:1.27 --replicas=6\nsleep 5`);
    expect(await runIn(s, 'kubectl logs -f -l app=many')).toEqual({ stdout: '', stderr: 'error: you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit\n', exitCode: 1 });
  });
});
