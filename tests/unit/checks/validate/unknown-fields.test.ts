// Unknown fields are what a schema validator never read. After the first object of a kind,
// the validator runs on the plain objects and the reads are taken from what earlier objects
// taught about each path (LearntReads in src/checks/validate/k8s/schema.ts). These tests
// pin what that relies on, and that it finds what tracking every object would.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../../../src/checks/validate/index.ts';

const modules = fileURLToPath(new URL('../../../../node_modules/', import.meta.url));
const schemaDirs = ['kubernetes-models/_schemas', '@kubernetes-models/apimachinery/_schemas'].map((d) => join(modules, d));

const deployment = (name: string, pod: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${pod}`;

const files = [
  deployment('plain', '      securityContext: {runAsUser: 1000}\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          requests: {cpu: 1}\n'),
  // One mapping at two paths whose schemas differ: the validator enumerates it as requests (a
  // map) and reads its fields as securityContext. What it read must not count for later objects.
  deployment('aliased', '      securityContext: &x {cpu: 1, runAsUser: 1000}\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          requests: *x\n'),
  deployment('new-path', '      securityContext:\n        runAsUserr: 1000\n      containers:\n      - name: web\n        image: nginx:1.27\n'),
  deployment('second-item', '      containers:\n      - name: web\n        image: nginx:1.27\n      - name: side\n        image: busybox:1.36\n        imagePullPolice: Always\n'),
  deployment('misplaced', '      containers:\n      - name: web\n        image: nginx:1.27\n      replicas: 2\n'),
].map((content, i) => ({ path: `d${i}.yaml`, content }));

describe('unknown fields', () => {
  it('are found in later objects as in the first one of their kind', async () => {
    const together = await validateFiles(files);
    const alone = (await Promise.all(files.map((f) => validateFiles([f])))).flat();
    expect(together).toEqual(alone);
    expect(together.filter((d) => d.code === 'K8S001').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'd2.yaml:13:9 unknown field "runAsUserr" in spec.template.spec.securityContext — did you mean "runAsUser"?',
      'd3.yaml:17:9 unknown field "imagePullPolice" in spec.template.spec.containers[1] — did you mean "imagePullPolicy"?',
      'd4.yaml:15:7 unknown field "replicas" in spec.template.spec',
    ]);
  });

  it('rely on validators that use only type, required, enum and format, and oneOf between scalar types', () => {
    const keywords = new Set<string>();
    const withOneOf: string[] = [];
    for (const dir of schemaDirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        for (const m of text.matchAll(/keyword:"(\w+)"/g)) keywords.add(m[1] ?? '');
        if (text.includes('keyword:"oneOf"')) withOneOf.push(basename(file, '.js'));
      }
    }
    expect([...keywords].sort()).toEqual(['enum', 'format', 'oneOf', 'required', 'type']);
    expect(withOneOf.sort()).toEqual(['IoK8sApimachineryPkgApiResourceQuantity', 'IoK8sApimachineryPkgUtilIntstrIntOrString']);
  });
});
