// Kubernetes validation through validateFiles: schema, unknown fields, removed versions,
// cross-file rules, severity overrides, sorting, and the synchronous API.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import {
  preloadValidators, resolveKind, SchemaNotLoadedError, validateFiles, validateFilesSync,
} from '../../../../src/checks/validate/index.ts';

const text = async (files: { path: string; content: string }[], options?: Parameters<typeof validateFiles>[1]) =>
  (await validateFiles(files, options)).map(formatDiagnostic).join('\n');

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          tcpSocket:
            port: 80
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 64Mi}
`;

describe('Kubernetes validation', () => {
  it('names the file, line, column, code and the field it probably meant', async () => {
    expect(await text([{ path: 'deploy.yaml', content: DEPLOY }])).toBe(
      'deploy.yaml:6:3: error K8S001 unknown field "replica" in spec — did you mean "replicas"?\n  hint: Rename it to "replicas".',
    );
  });

  it('gives every diagnostic a JSON path', async () => {
    const [d] = await validateFiles([{ path: 'deploy.yaml', content: DEPLOY }]);
    expect(d).toEqual({
      code: 'K8S001', severity: 'error', file: 'deploy.yaml', line: 6, column: 3, path: 'spec.replica',
      message: 'unknown field "replica" in spec — did you mean "replicas"?', hint: 'Rename it to "replicas".',
    });
  });

  it('validates a removed apiVersion against its replacement and says what changed', async () => {
    const old = DEPLOY.replace('apps/v1', 'extensions/v1beta1').replace('  selector:\n    matchLabels:\n      app: web\n', '');
    expect(await text([{ path: 'old.yaml', content: old }])).toBe([
      'old.yaml:1:13: error K8S006 no matches for kind "Deployment" in version "extensions/v1beta1": extensions/v1beta1 Deployment was removed in Kubernetes 1.16 — use "apps/v1"',
      '  hint: Change apiVersion to apps/v1. In apps/v1, spec.selector is required and must match spec.template.metadata.labels.',
      'old.yaml:5:1: error K8S002 missing required field "selector" in spec',
      '  hint: Add spec.selector.matchLabels with the same labels as spec.template.metadata.labels.',
      'old.yaml:6:3: error K8S001 unknown field "replica" in spec — did you mean "replicas"?',
      '  hint: Rename it to "replicas".',
    ].join('\n'));
  });

  it('checks the items of a kind: List', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: Bad_Name\n  data:\n    a: "1"\n';
    expect(await text([{ path: 'list.yaml', content: list }])).toBe([
      'list.yaml:7:11: error K8S009 metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character',
      '  hint: Try "bad-name". Names use lowercase letters, digits and "-".',
    ].join('\n'));
  });

  it('applies cross-object rules across files and names the other file', async () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: webapp\n  ports:\n  - port: 80\n';
    const deploy = DEPLOY.replace('  replica: 3\n', '');
    expect(await text([{ path: 'svc.yaml', content: svc }, { path: 'deploy.yaml', content: deploy }])).toBe([
      'svc.yaml:6:3: warning K8S021 Service "web" selects no pods: no pod template in these files has app: webapp',
      '  hint: The closest is Deployment/web (deploy.yaml), whose pods have app: web. Make the selector match those labels exactly.',
    ].join('\n'));
  });

  it('sorts diagnostics by file, line and column', async () => {
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: A\n  labels:\n    x: "a b"\n';
    const ds = await validateFiles([{ path: 'b.yaml', content: bad.replace('name: A', 'name: B') }, { path: 'a.yaml', content: bad }]);
    expect(ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'a.yaml:4:9 K8S009', 'a.yaml:6:8 K8S010', 'b.yaml:4:9 K8S009', 'b.yaml:6:8 K8S010',
    ]);
  });

  it('lets a lab change or silence a code', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    expect((await validateFiles([{ path: 'p.yaml', content: pod }])).map((d) => `${d.code} ${d.severity}`)).toEqual(['K8S025 warning', 'K8S026 warning']);
    const ds = await validateFiles([{ path: 'p.yaml', content: pod }], { severity: { K8S025: 'off', K8S026: 'error' } });
    expect(ds.map((d) => `${d.code} ${d.severity}`)).toEqual(['K8S026 error']);
  });

  it('explains a YAML 1.1 boolean where a string belongs, without a separate warning', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: on\n';
    expect(await text([{ path: 'c.yaml', content: cm }])).toBe([
      'c.yaml:6:12: error K8S003 data.enabled must be a string, not the boolean true',
      '  hint: Kubernetes reads an unquoted on as a boolean (YAML 1.1). Quote it: enabled: "on".',
    ].join('\n'));
  });

  it('validates JSON manifests with positions', async () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "web"},\n  "spec": {"ports": [{"port": 80, "protocl": "TCP"}]}\n}\n';
    expect(await text([{ path: 'svc.json', content: json }])).toBe([
      'svc.json:5:35: error K8S001 unknown field "protocl" in spec.ports[0] — did you mean "protocol"?',
      '  hint: Rename it to "protocol".',
    ].join('\n'));
  });

  it('does not flag the fields the compiled schemas leave out', async () => {
    const pc = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\ndescription: important\n';
    expect(await validateFiles([{ path: 'pc.yaml', content: pc }])).toEqual([]);
  });

  it('resolves kinds, removed versions and custom resources', () => {
    expect(resolveKind('apps/v1', 'Deployment').status).toBe('ok');
    expect(resolveKind('apps/v1beta2', 'Deployment')).toMatchObject({ status: 'removed', removal: { removedIn: '1.16', replacement: 'apps/v1' } });
    expect(resolveKind('v1', 'Deployment')).toMatchObject({ status: 'wrong-group', servedIn: ['apps/v1'] });
    expect(resolveKind('v1', 'Pods')).toMatchObject({ status: 'unknown-kind', suggestion: 'Pod' });
    expect(resolveKind('example.com/v1', 'Widget').status).toBe('custom');
    expect(resolveKind('v1', 'constructor').status).toBe('unknown-kind');
    expect(resolveKind('__proto__', 'Pod').status).toBe('wrong-group');
  });
});

describe('validateFilesSync', () => {
  const cronjob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: []\n';

  it('throws a typed error when a kind\'s schema is not loaded', () => {
    expect(() => validateFilesSync([{ path: 'c.yaml', content: cronjob }])).toThrowError(
      new SchemaNotLoadedError('batch/v1', 'CronJob'),
    );
  });

  it('gives the same result as validateFiles once the schema is loaded', async () => {
    await preloadValidators({ kinds: [{ apiVersion: 'batch/v1', kind: 'CronJob' }] });
    const bad = cronjob.replace('  schedule:', '  shedule: x\n  schedule:');
    expect(validateFilesSync([{ path: 'c.yaml', content: bad }])).toEqual(await validateFiles([{ path: 'c.yaml', content: bad }]));
    expect(validateFilesSync([{ path: 'c.yaml', content: bad }]).map((d) => d.code)).toEqual(['K8S001']);
  });
});

describe('validateFilesSync with Dockerfiles', () => {
  it('needs the Dockerfile rules loaded first', async () => {
    const df = { path: 'Dockerfile', content: 'FROM ubuntu\n' };
    // Other tests in this file may have loaded them already; load explicitly and compare.
    await preloadValidators({ dockerfile: true });
    expect(validateFilesSync([df])).toEqual(await validateFiles([df]));
    expect(validateFilesSync([df]).map((d) => d.code)).toEqual(['DF002']);
  });
});
