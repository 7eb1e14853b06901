/**
 * Random command lines for the world fuzzer: kubectl, docker, aws/eksctl and shell commands
 * with awkward names mixed in (`__proto__`, markup, long names). A step may first write a
 * file into the learner's home, as the editor pane would.
 */
import fc from 'fast-check';
import { getProgram } from '../../../../src/engine/shell/registry.ts';

export interface Step {
  files?: Record<string, string>;
  line: string;
}

const NAMES = ['web', 'db', 'api-1', '__proto__', 'constructor', 'toString', '<img src=x onerror=alert(1)>', 'a'.repeat(70), 'Web_Upper', ''];
const IMAGES = ['nginx:1.27', 'nginx', 'busybox:1.36', 'redis:7', 'does-not-exist:0', 'nginx:latest'];

const name = fc.constantFrom(...NAMES);
const plain = fc.constantFrom('web', 'db', 'api-1', 'cache');
const image = fc.constantFrom(...IMAGES);
const replicas = fc.integer({ min: 0, max: 6 });
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const podYaml = (n: string, img: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(n)}\n  labels:\n    app: ${JSON.stringify(n)}\n    __proto__: polluted\nspec:\n  containers:\n    - name: c\n      image: ${img}\n`;
const deployYaml = (n: string, img: string, r: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\nspec:\n  replicas: ${r}\n  selector:\n    matchLabels:\n      app: ${n}\n  template:\n    metadata:\n      labels:\n        app: ${n}\n    spec:\n      containers:\n        - name: c\n          image: ${img}\n`;

const kubectl: fc.Arbitrary<Step>[] = [
  fc.tuple(name, image).map(([n, i]) => ({ files: { 'pod.yaml': podYaml(n, i) }, line: 'kubectl apply -f pod.yaml' })),
  fc.tuple(plain, image, replicas).map(([n, i, r]) => ({ files: { 'deploy.yaml': deployYaml(n, i, r) }, line: 'kubectl apply -f deploy.yaml' })),
  fc.tuple(plain, replicas).map(([n, r]) => ({ line: `kubectl scale deployment ${n} --replicas=${r}` })),
  fc.tuple(plain, image, replicas).map(([n, i, r]) => ({ line: `kubectl create deployment ${n} --image=${i} --replicas=${r}` })),
  fc.tuple(name, image).map(([n, i]) => ({ line: `kubectl run ${q(n)} --image=${i}` })),
  fc.constantFrom('pods', 'nodes', 'deployments', 'replicasets', 'all', 'pods -o wide', 'pods -A').map((w) => ({ line: `kubectl get ${w}` })),
  fc.tuple(fc.constantFrom('pod', 'deployment', 'node'), name).map(([k, n]) => ({ line: `kubectl describe ${k} ${q(n)}` })),
  fc.tuple(fc.constantFrom('pod', 'deployment'), name).map(([k, n]) => ({ line: `kubectl delete ${k} ${q(n)}` })),
  fc.constantFrom('node01', 'node02').map((n) => ({ line: `kubectl delete node ${n}` })),
  fc.tuple(fc.constantFrom('cordon', 'uncordon', 'drain --ignore-daemonsets --force'), fc.constantFrom('node01', 'node02')).map(([c, n]) => ({ line: `kubectl ${c} ${n}` })),
  plain.map((n) => ({ line: `kubectl rollout status deployment/${n} --timeout=20s` })),
  name.map((n) => ({ line: `kubectl logs ${q(n)}` })),
  fc.integer({ min: 1, max: 120 }).map((s) => ({ line: `sleep ${s}` })),
];

const docker: fc.Arbitrary<Step>[] = [
  fc.tuple(name, image).map(([n, i]) => ({ line: `docker run -d --name ${q(n)} ${i}` })),
  fc.constantFrom('docker ps', 'docker ps -a', 'docker images', 'docker pull nginx:1.27', 'docker system df').map((line) => ({ line })),
  fc.tuple(fc.constantFrom('stop', 'rm -f', 'logs', 'inspect', 'start'), name).map(([c, n]) => ({ line: `docker ${c} ${q(n)}` })),
  fc.tuple(plain, fc.constantFrom('FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\n', 'FROM scratch\nRUN echo hi\n', 'FROM\n')).map(([n, d]) => ({
    files: { Dockerfile: d, 'index.html': '<h1>hi</h1>\n' },
    line: `docker build -t ${n}:1 .`,
  })),
];

const aws: fc.Arbitrary<Step>[] = [
  name.map((n) => ({ line: `aws ecs create-cluster --cluster-name ${q(n)}` })),
  name.map((n) => ({ line: `aws ecr create-repository --repository-name ${q(n)}` })),
  fc.constantFrom('aws ecs list-clusters', 'aws ecr describe-repositories', 'aws sts get-caller-identity', 'eksctl get clusters', 'aws ecs list-task-definitions').map((line) => ({ line })),
  name.map((n) => ({ line: `aws ecs delete-cluster --cluster ${q(n)}` })),
];

const shell: fc.Arbitrary<Step>[] = [
  name.map((n) => ({ line: `mkdir -p d/${q(n)} && ls -la d` })),
  name.map((n) => ({ line: `echo hi > ${q(`f-${n}`)}; cat ${q(`f-${n}`)}` })),
  fc.constantFrom('ls -la /', 'cat /etc/hostname', 'cat /sys/fs/cgroup/cpu.stat', 'rm -rf d', 'echo $?', '__proto__=1; echo $__proto__', 'false || echo recovered').map((line) => ({ line })),
];

/** Steps for a world kind, keeping only the programs this build of the engine has. */
export function stepsFor(programs: readonly ('kubectl' | 'docker' | 'aws')[]): fc.Arbitrary<Step> {
  const parts: fc.Arbitrary<Step>[] = [...shell];
  if (programs.includes('kubectl') && getProgram('kubectl')) parts.push(...kubectl);
  if (programs.includes('docker') && getProgram('docker')) parts.push(...docker);
  if (programs.includes('aws') && getProgram('aws')) parts.push(...aws);
  return fc.oneof(...parts);
}
