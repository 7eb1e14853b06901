// `hatchway check` and `hatchway labs test` on the hello-pod lab.
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';

const manifest = (image: string) => `cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: ${image}
EOF
kubectl apply -f pod.yaml
`;

describe('hatchway check', () => {
  it('passes with the solution and exits 0', async () => {
    expect(await cli(['check', 'hello-pod'], manifest('nginx:1.27'))).toEqual({
      stdout: 'Your first Pod (hello-pod)\n  ✓ manifest  Write pod.yaml\n  ✓ running   Run it in the cluster\nAll tasks passed.\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('fails a wrong image with the location and exits 1', async () => {
    expect(await cli(['check', 'hello-pod'], manifest('nginx'))).toEqual({
      stdout:
        'Your first Pod (hello-pod)\n' +
        '  ✗ manifest  Write pod.yaml\n' +
        '      LAB011 pod.yaml:10:14 image is "nginx" — the task asks for nginx:1.27\n' +
        '  ✗ running   Run it in the cluster\n' +
        '      LAB021 pod "web": image is "nginx" — the task asks for nginx:1.27\n' +
        '2 of 2 tasks not done yet.\n',
      stderr: '',
      exitCode: 1,
    });
  });

  it('reports JSON with --json', async () => {
    const r = await cli(['check', 'hello-pod', '--json'], '');
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      lab: 'hello-pod',
      passed: false,
      tasks: [
        { id: 'manifest', title: 'Write pod.yaml', status: 'failed', failure: { code: 'LAB001', message: 'pod.yaml does not exist yet', file: 'pod.yaml', hint: 'Create it in your home directory, for example with `cat > pod.yaml <<EOF`.' } },
        { id: 'running', title: 'Run it in the cluster', status: 'failed', failure: { code: 'LAB020', message: 'there is no Pod named "web" in the default namespace yet', hint: 'Apply your manifest with `kubectl apply -f pod.yaml`.' } },
      ],
    });
  });

  it('names the labs when the id is unknown', async () => {
    const r = await cli(['check', 'nope'], '');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^hatchway check: unknown lab "nope": labs\/nope\/lab\.yaml does not exist \(labs: .*hello-pod.*\)\n$/);
  });
});

describe('hatchway labs test', () => {
  it('proves hello-pod: fails fresh, each task passes after its solution, the whole solution passes, mistakes fail as recorded', async () => {
    const r = await cli(['labs', 'test', 'hello-pod']);
    expect(r.stdout).toBe(
      [
        '✓ hello-pod',
        '    ✓ fresh setup: manifest fails (LAB001)',
        '    ✓ fresh setup: running fails (LAB020)',
        '    ✓ task solution: manifest passes after its solution',
        '    ✓ task solution: running passes after its solution',
        '    ✓ solution: manifest passes',
        '    ✓ solution: running passes',
        '    ✓ mistake "image without a tag": manifest fails with LAB011',
        '    ✓ mistake "image without a tag": running fails with LAB021',
        '    ✓ mistake "wrote the manifest but never applied it": running fails with LAB020',
        '    ✓ mistake "label under spec instead of metadata": manifest fails with LAB011',
        '',
        '1 passed, 0 failed',
        '',
      ].join('\n'),
    );
    expect(r.exitCode).toBe(0);
  });
});
