/**
 * Validation throughput: one 2,000-document Kubernetes file (Deployments, Services,
 * ConfigMaps and Pods, some with mistakes) through validateFiles, on one core.
 * Prints one JSON line with the median docs/s of several runs.
 */
import { validateFiles } from '../../src/checks/validate/index.ts';

const DOCS = 2000;
const RUNS = Number(process.env.BENCH_RUNS || 5);

function doc(i: number): string {
  switch (i % 4) {
    case 0:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  labels: { app: web-${i} }
spec:
  replicas: ${(i % 5) + 1}
  selector:
    matchLabels: { app: web-${i} }
  template:
    metadata:
      labels: { app: web-${i} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 128Mi }`;
    case 1:
      return `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
spec:
  selector: { app: web-${i - 1} }
  ports:
    - port: 80
      targetPort: ${i % 8 === 1 ? '"http"' : 80}`;
    case 2:
      return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  LOG_LEVEL: info
  ${i % 10 === 2 ? 'bad key: x' : 'MODE: prod'}`;
    default:
      return `apiVersion: v1
kind: Pod
metadata:
  name: job-${i}
spec:
  restartPolicy: Never
  containers:
    - name: job
      image: busybox:1.36
      command: ["sh", "-c", "echo ${i}"]
      ${i % 12 === 3 ? 'imagePullPolicy: Sometimes' : 'imagePullPolicy: IfNotPresent'}`;
  }
}

const content = Array.from({ length: DOCS }, (_, i) => doc(i)).join('\n---\n');
const files = [{ path: 'big.yaml', content }];
await validateFiles(files); // warm-up: loads the schemas for these kinds
const times: number[] = [];
let diagnostics = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const d = await validateFiles(files);
  times.push(performance.now() - t0);
  diagnostics = d.length;
}
times.sort((a, b) => a - b);
const medianMs = times[times.length >> 1]!;
console.log(JSON.stringify({ docs: DOCS, bytes: content.length, diagnostics, medianMs, docsPerSecond: (DOCS / medianMs) * 1000 }));
