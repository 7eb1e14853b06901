import { describe, expect, it } from 'vitest';
import { listTree, readText, validateBuffer, writeText } from '../../../src/sandbox/worker/files.ts';
import { processModel } from '../../../src/sandbox/worker/process-model.ts';
import { newSession, runAll, runIn } from '../../helpers/run.ts';

describe('editor file access (as the learner, through the syscalls)', () => {
  it('lists the home folder tree without hidden files, in name order', async () => {
    const s = newSession('linux');
    await runAll(s, 'mkdir -p app/k8s\necho a > app/k8s/deploy.yaml\necho b > notes.txt\necho c > .secret');
    const proc = s.shell.proc;
    expect(listTree(s.world, proc, '/home/learner')).toEqual({
      root: '/home/learner',
      truncated: false,
      entries: [
        { path: '/home/learner/app', type: 'dir', depth: 0 },
        { path: '/home/learner/app/k8s', type: 'dir', depth: 1 },
        { path: '/home/learner/app/k8s/deploy.yaml', type: 'file', depth: 2, size: 2 },
        { path: '/home/learner/notes.txt', type: 'file', depth: 0, size: 2 },
      ],
    });
  });

  it('writes what cat reads, and reads what the shell wrote', async () => {
    const s = newSession('linux');
    writeText(s.world, s.shell.proc, '/home/learner/pod.yaml', 'kind: Pod\n');
    expect(await runIn(s, 'cat pod.yaml')).toEqual({ stdout: 'kind: Pod\n', stderr: '', exitCode: 0 });
    await runAll(s, 'echo "# from the shell" >> pod.yaml');
    expect(readText(s.world, s.shell.proc, '/home/learner/pod.yaml').content).toBe('kind: Pod\n# from the shell\n');
  });

  it('refuses what the learner could not do, with the shell-style message', async () => {
    const s = newSession('linux');
    expect(() => writeText(s.world, s.shell.proc, '/etc/passwd', 'x')).toThrow('/etc/passwd: Permission denied');
    expect(() => readText(s.world, s.shell.proc, '/home/learner/missing.yaml')).toThrow('/home/learner/missing.yaml: No such file or directory');
    expect(() => readText(s.world, s.shell.proc, '/home/learner')).toThrow('Is a directory');
  });

  it('validates an unsaved buffer and links each code to its docs', async () => {
    const found = await validateBuffer('/home/learner/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n');
    const unknown = found.find((d) => d.code === 'K8S001');
    expect(unknown).toMatchObject({ code: 'K8S001', severity: 'error', line: 6, column: 3, href: '/docs/diagnostics/#k8s001' });
    expect(unknown?.message).toContain('replica');
    expect(await validateBuffer('/home/learner/run.sh', 'echo hi')).toEqual([]);
  });
});

describe('process view model', () => {
  it('shows processes with their user and cgroup, and flags namespaces that differ from the host', async () => {
    const s = newSession('linux');
    const before = processModel(s.world);
    expect(before.procs.every((p) => Object.keys(p.ns).length === 0)).toBe(true);
    expect(before.cgroups.map((c) => c.path)).toContain('/user.slice');
    const shell = before.procs.find((p) => p.pid === s.shell.proc.pid);
    expect(shell).toMatchObject({ user: 'learner', cgroup: '/user.slice/user-1000.slice/session-1.scope' });
  });
});
