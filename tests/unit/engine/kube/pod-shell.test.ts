/**
 * Shells inside pods (kubectl exec -it, run -it, attach): the container's prompt, files, hostname
 * and environment; what happens when they exit; and the sandbox's life with its container.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../src/engine/shell/session.ts';
import { Session as SessionClass } from '../../../../src/engine/shell/session.ts';
import { restoreWorld } from '../../../../src/engine/worlds.ts';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

const APP = `cat > app.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"]
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: sec
          key: password
    volumeMounts:
    - name: secret
      mountPath: /etc/secret
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      periodSeconds: 5
  volumes:
  - name: secret
    secret:
      secretName: sec
EOF`;

async function app(): Promise<Session> {
  const s = newSession('kubernetes');
  await runAll(s, `kubectl create secret generic sec --from-literal=password=s3cret\n${APP}\nkubectl apply -f app.yaml\nsleep 5`);
  return s;
}

describe('a shell in a pod', () => {
  it('has the container prompt, hostname, environment and files; exit returns to the host', async () => {
    const s = await app();
    expect(await runIn(s, 'kubectl exec -it app -- sh')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('/ # ');
    expect(await runIn(s, 'hostname; echo $PASSWORD; cat /etc/secret/password; echo; cat /etc/hostname')).toEqual({ stdout: 'app\ns3cret\ns3cret\napp\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'cd /etc/secret; ls')).toEqual({ stdout: 'password\n', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('/etc/secret # ');
    // The learner's host is not in there.
    expect((await runIn(s, 'ls /home')).stdout).toBe('');
    expect(await runIn(s, 'exit 3')).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    expect(s.prompt()).toBe('learner@hatchway:~$ ');
    expect(await runIn(s, 'echo $?; hostname')).toEqual({ stdout: '3\nhatchway\n', stderr: '', exitCode: 0 });
  });

  it('bash in a Debian image keeps bash\'s prompt; its sh is dash\'s', async () => {
    const s = newSession('kubernetes');
    await runAll(s, 'kubectl run web --image=nginx:1.27\nsleep 5\nkubectl exec -it web -- bash');
    expect(s.prompt()).toBe('root@web:/# ');
    // bash says `exit` as it leaves; dash (and busybox's ash) do not.
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'exit\n', exitCode: 0 });
    await runAll(s, 'kubectl exec -it web -- sh');
    expect(s.prompt()).toBe('# ');
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it("files written inside stay for the container's life: other sessions, exec and its probes see them", async () => {
    const s = await app();
    await runAll(s, 'kubectl exec -it app -- sh\necho hi > /tmp/note\nexit');
    expect(await runIn(s, 'kubectl exec app -- cat /tmp/note /tmp/healthy')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    // The liveness probe reads the same files: removing the one it checks gets the container restarted.
    await runAll(s, 'kubectl exec app -- rm /tmp/healthy\nsleep 30');
    expect((await runIn(s, 'kubectl get pod app --no-headers')).stdout).toMatch(/^app\s+1\/1\s+Running\s+1 \(\d+s ago\)\s+\d+s\n$/);
    // A new container starts from the image again.
    expect(await runIn(s, 'kubectl exec app -- cat /tmp/note')).toEqual({ stdout: '', stderr: 'cat: /tmp/note: No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
  });

  it("a changed Secret reaches its mounted files (kubelet's sync), not the environment", async () => {
    const s = await app();
    await runAll(s, 'kubectl exec app -- true\nkubectl create secret generic sec --from-literal=password=n3w --from-literal=user=me --dry-run=client -o yaml | kubectl apply -f -');
    expect(await runIn(s, "kubectl exec app -- sh -c 'cat /etc/secret/password /etc/secret/user; echo; echo $PASSWORD; ls /etc/secret'")).toEqual({ stdout: 'n3wme\ns3cret\npassword\nuser\n', stderr: '', exitCode: 0 });
  });

  it('ends with its container, and the container takes its files and namespaces along', async () => {
    const s = newSession('kubernetes');
    await runAll(s, "kubectl run dies --image=busybox -- sh -c 'sleep 10; exit 1'\nsleep 3");
    const inodes = Object.keys(s.world.state.fs.inodes).length;
    await runAll(s, 'kubectl exec -it dies -- sh');
    expect(Object.keys(s.world.state.fs.inodes).length).toBeGreaterThan(inodes);
    expect(await runIn(s, 'sleep 20')).toEqual({ stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    expect(s.prompt()).toBe('learner@hatchway:~$ ');
    await runAll(s, 'kubectl delete pod dies --now\nsleep 5');
    expect(Object.keys(s.world.state.fs.inodes).length).toBe(inodes);
    expect(s.world.state.ext.podSandboxes).toEqual({});
  });

  it('survives a snapshot: the restored world is still inside, and exit still reports', async () => {
    const s = await app();
    await runAll(s, 'kubectl exec -it app -- sh\ncd /tmp');
    const restored = new SessionClass(restoreWorld(s.world.snapshot()));
    expect(restored.prompt()).toBe('/tmp # ');
    expect(await runIn(restored, 'ls; hostname')).toEqual({ stdout: 'healthy\napp\n', stderr: '', exitCode: 0 });
    expect(await runIn(restored, 'exit 5')).toEqual({ stdout: '', stderr: 'command terminated with exit code 5\n', exitCode: 5 });
  });

  it('is deterministic: the same commands give the same bytes', async () => {
    const script = 'kubectl run web --image=nginx:1.27\nsleep 5\nkubectl exec -it web -- sh\nps\nls -la /dev\nexit\nkubectl exec web -- nope\nkubectl get pods -o wide';
    const outputs = async () => {
      const s = newSession('kubernetes', 3);
      const all: unknown[] = [];
      for (const line of script.split('\n')) all.push(await runIn(s, line), s.prompt());
      return all;
    };
    expect(await outputs()).toEqual(await outputs());
  });
});

describe('kubectl run -it and attach', () => {
  it('--rm with restartPolicy Never: the shell is the container; its exit code is kubectl\'s, then the pod goes', async () => {
    const s = newSession('kubernetes');
    expect(await runIn(s, 'kubectl run tmp -it --rm --image=busybox --restart=Never -- sh')).toEqual({
      stdout: '',
      stderr: "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n",
      exitCode: 0,
    });
    expect(s.prompt()).toBe('/ # ');
    // The shell is PID 1: the container's main process.
    expect(await runIn(s, 'echo $$; ps')).toEqual({ stdout: '1\nPID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    2 root      0:00 ps\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'exit 2')).toEqual({ stdout: 'pod "tmp" deleted from default namespace\n', stderr: 'pod default/tmp terminated (Error)\n', exitCode: 2 });
    expect(await runIn(s, 'kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('restartPolicy Always: the container restarts and attach takes the new shell', async () => {
    const s = newSession('kubernetes');
    await runAll(s, 'kubectl run box -it --image=busybox\necho one > /tmp/f');
    expect(await runIn(s, 'exit')).toEqual({ stdout: "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n", stderr: '', exitCode: 0 });
    expect((await runIn(s, 'kubectl get pod box --no-headers')).stdout).toMatch(/^box\s+0\/1\s+Completed\s+0\s+\d+s\n$/);
    await runAll(s, 'sleep 5\nkubectl attach box -it');
    expect(s.prompt()).toBe('/ # ');
    expect(await runIn(s, 'cat /tmp/f')).toEqual({ stdout: '', stderr: 'cat: /tmp/f: No such file or directory\n', exitCode: 1 });
  });

  it('a container that is not a shell: attach follows its output until it exits', async () => {
    const s = newSession('kubernetes');
    await runAll(s, "kubectl run count --image=busybox --restart=Never -- sh -c 'sleep 3; echo one; sleep 2; echo two; exit 3'\nsleep 2");
    expect(await runIn(s, 'kubectl attach count')).toEqual({ stdout: 'one\ntwo\n', stderr: '', exitCode: 0 });
    expect((await runIn(s, 'kubectl get pod count --no-headers')).stdout).toMatch(/^count\s+0\/1\s+Error\s+0\s+\d+s\n$/);
  });
});
