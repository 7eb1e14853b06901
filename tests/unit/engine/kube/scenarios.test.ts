/** Issue 4's scripted examples, asserted on whole outputs (names normalized where they are random). */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

const DEPLOY = `cat > web.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF`;

const podNames = (table: string) => table.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]!);

describe('scripted examples', () => {
  it('a deleted pod of a 3-replica Deployment is replaced under a new name', async () => {
    const s = newSession('kubernetes', 7);
    await runAll(s, DEPLOY);
    expect(await runIn(s, 'kubectl apply -f web.yaml')).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    await runAll(s, 'sleep 10');
    const before = await runIn(s, 'kubectl get pods');
    const names = podNames(before.stdout);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(before.stdout.split('\n').slice(1, 4).every((l) => /\s1\/1\s+Running\s+0\s+10s$/.test(l))).toBe(true);
    const del = await runIn(s, `kubectl delete pod ${names[0]}`);
    expect(del).toEqual({ stdout: `pod "${names[0]}" deleted from default namespace\n`, stderr: '', exitCode: 0 });
    await runAll(s, 'sleep 10');
    const after = podNames((await runIn(s, 'kubectl get pods')).stdout);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(names[0]);
    expect(after.filter((n) => names.includes(n))).toHaveLength(2);
    const running = (await runIn(s, 'kubectl get pods --no-headers')).stdout.split('\n').filter(Boolean);
    expect(running.every((l) => l.includes('Running'))).toBe(true);
  });

  it('drain moves a worker\'s pods to the other worker', async () => {
    const s = newSession('kubernetes', 3);
    await runAll(s, `${DEPLOY}\nkubectl apply -f web.yaml\nsleep 10`);
    const r = await runIn(s, 'kubectl drain node01 --ignore-daemonsets');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^node\/node01 cordoned\n(evicting pod \S+\n)+(pod\/\S+ evicted\n)+node\/node01 drained\n$/);
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\n$/);
    await runAll(s, 'sleep 10');
    const wide = (await runIn(s, 'kubectl get pods -o wide --no-headers')).stdout.trim().split('\n');
    expect(wide).toHaveLength(3);
    for (const line of wide) expect(line).toMatch(/\sRunning\s.*\snode02\s/);
    expect((await runIn(s, 'kubectl get node node01 --no-headers')).stdout).toMatch(/^node01\s+Ready,SchedulingDisabled\s+<none>\s+17d\s+v1\.34\.1\n$/);
  });

  it('is deterministic: the same seed and commands give byte-identical transcripts', async () => {
    const script = [DEPLOY, 'kubectl apply -f web.yaml', 'sleep 10', 'kubectl get pods -o wide', 'kubectl expose deploy web --port=80', 'kubectl get svc,ep', 'kubectl describe deploy web', 'kubectl get events'];
    const run = async () => {
      const s = newSession('kubernetes', 42);
      let t = '';
      for (const line of script) {
        const r = await runIn(s, line);
        t += `$ ${line}\n${r.stdout}${r.stderr}${r.exitCode}\n`;
      }
      return t + s.world.snapshot();
    };
    const a = await run();
    const b = await run();
    expect(a).toBe(b);
  });

  it('lists 100 pods in well under a frame (16 ms)', async () => {
    const s = newSession('kubernetes', 9);
    await runAll(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=100\nsleep 20');
    await runIn(s, 'kubectl get pods');
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) await runIn(s, 'kubectl get pods');
    const each = (performance.now() - t0) / 10;
    expect((await runIn(s, 'kubectl get pods --no-headers')).stdout.trim().split('\n')).toHaveLength(100);
    expect(each).toBeLessThan(16);
  });
});
