/** Kubelet back-offs and probes, and controller behaviour (rolling update bounds, jobs, GC, namespaces). */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

async function status(s: ReturnType<typeof newSession>, pod: string): Promise<string> {
  return (await runIn(s, `kubectl get pod ${pod} --no-headers`)).stdout.trim().split(/\s+/).slice(1, 4).join(' ');
}

const OOM = `cat > oom.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: hog
spec:
  restartPolicy: Never
  containers:
  - name: stress
    image: polinux/stress
    resources:
      limits:
        memory: 100Mi
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
EOF
kubectl apply -f oom.yaml
sleep 10`;

const READY = `cat > ready.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: slow
  labels:
    app: slow
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /
        port: 80
      initialDelaySeconds: 20
      periodSeconds: 5
EOF
kubectl apply -f ready.yaml
kubectl create service clusterip slow --tcp=80:80
sleep 10`;

const JOB = `cat > job.yaml <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.37
        command: ["sh", "-c", "exit 3"]
EOF
kubectl apply -f job.yaml
sleep 120`;

describe('kubelet', () => {
  it('restarts a crashing container with the 10 s doubling back-off', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, "kubectl run crash --image=busybox:1.37 -- sh -c 'exit 1'\nsleep 3");
    expect(await status(s, 'crash')).toMatch(/^0\/1 (Error|CrashLoopBackOff) 1/);
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await runAll(s, 'sleep 10');
      seen.push(await status(s, 'crash'));
    }
    // Restarts are spaced 10 s, 20 s, 40 s ... apart, so fewer than one per 10 s step.
    const restarts = Number(seen[seen.length - 1]!.split(' ')[2]);
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(restarts).toBeLessThanOrEqual(5);
    expect(seen.some((x) => x.includes('CrashLoopBackOff'))).toBe(true);
  });

  it('kills a container over its memory limit with OOMKilled', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, OOM);
    expect(await status(s, 'hog')).toBe('0/1 OOMKilled 0');
    expect((await runIn(s, "kubectl get pod hog -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'")).stdout).toBe('137');
  });

  it('keeps a pod out of the endpoints until its readiness probe passes', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, READY);
    expect(await status(s, 'slow')).toBe('0/1 Running 0');
    expect((await runIn(s, "kubectl get ep slow -o jsonpath='{.subsets[0].notReadyAddresses[0].targetRef.name}'")).stdout).toBe('slow');
    await runAll(s, 'sleep 20');
    expect(await status(s, 'slow')).toBe('1/1 Running 0');
    expect((await runIn(s, "kubectl get ep slow -o jsonpath='{.subsets[0].addresses[0].targetRef.name}'")).stdout).toBe('slow');
  });
});

describe('controllers', () => {
  it('rolls out without ever dropping below the available minimum (maxUnavailable 0 for 3 replicas)', async () => {
    const s = newSession('kubernetes', 2);
    await runAll(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=3\nkubectl rollout status deployment/web\nkubectl set image deployment/web nginx=nginx:1.28');
    for (let i = 0; i < 20; i++) {
      const avail = Number((await runIn(s, "kubectl get deploy web -o jsonpath='{.status.availableReplicas}'")).stdout);
      expect(avail).toBeGreaterThanOrEqual(3);
      await runAll(s, 'sleep 1');
    }
    expect((await runIn(s, 'kubectl rollout status deployment/web')).stdout).toBe('deployment "web" successfully rolled out\n');
    expect((await runIn(s, 'kubectl rollout history deployment/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('fails a Job after backoffLimit failures', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, JOB);
    const r = await runIn(s, 'kubectl get job fail --no-headers');
    expect(r.stdout).toMatch(/^fail\s+Failed\s+0\/1\s/);
    expect((await runIn(s, 'kubectl get pods --no-headers')).stdout.trim().split('\n')).toHaveLength(3);
  });

  it('garbage-collects ReplicaSets and pods when their Deployment is deleted', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, 'kubectl create deployment web --image=nginx:1.27 --replicas=2\nsleep 5\nkubectl delete deployment web\nsleep 5');
    expect(await runIn(s, 'kubectl get rs,pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('deletes a namespace with everything in it', async () => {
    const s = newSession('kubernetes', 1);
    await runAll(s, 'kubectl create namespace tmp\nkubectl create deployment web --image=nginx -n tmp\nsleep 5');
    expect((await runIn(s, 'kubectl delete namespace tmp')).stdout).toBe('namespace "tmp" deleted\n');
    expect(await runIn(s, 'kubectl get ns tmp')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): namespaces "tmp" not found\n', exitCode: 1 });
  });
});
