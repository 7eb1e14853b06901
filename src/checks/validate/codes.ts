// Every diagnostic code the validator can emit, with a summary, a bad example and the fix.
// This table feeds /docs/diagnostics/ and each message's link; codes never change meaning.
// severity.ts repeats each default severity for the run time (a test keeps them equal).

import type { Severity } from '../diagnostic.ts';

export interface CodeInfo {
  /** Stable code, for example `K8S001`. */
  code: string;
  /** Short name shown beside the code. */
  title: string;
  /** Default severity; labs may override it per code. */
  severity: Severity;
  /** What the check looks for and why it matters, in a sentence or two. */
  summary: string;
  /** A file that triggers the code: its name (which decides its type) and its text. */
  example: { file: string; text: string };
  /** What to change. */
  fix: string;
}

const y = (text: string) => ({ file: 'example.yaml', text });
const j = (text: string) => ({ file: 'taskdef.json', text });
const svc = (text: string) => ({ file: 'service.json', text });
const eks = (text: string) => ({ file: 'cluster.yaml', text });
const df = (text: string) => ({ file: 'Dockerfile', text });

const POD = (container: string, podExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:${podExtra}
  containers:
${container}`;

export const CODES: readonly CodeInfo[] = [
  // ── YAML and JSON parsing ──────────────────────────────────────────────────────────
  {
    code: 'YAML001', title: 'YAML syntax error', severity: 'error',
    summary: 'The text is not valid YAML, so nothing else in the document can be checked.',
    example: y('metadata:\n  name: web\n  annotations:\n    note: run: now\n'),
    fix: 'Read the hint: usually a value needs quotes, or a quote or bracket is not closed.',
  },
  {
    code: 'YAML002', title: 'duplicate key', severity: 'error',
    summary: 'A key appears twice in one mapping. Kubernetes rejects this with a strict decoding error instead of guessing which one you meant.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  name: cfg2\n'),
    fix: 'Delete one of the two keys, or merge their values.',
  },
  {
    code: 'YAML003', title: 'tab used for indentation', severity: 'error',
    summary: 'YAML forbids tabs for indentation. Editors often insert them invisibly.',
    example: y('apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: team-a\n'),
    fix: 'Replace the tab with spaces; configure the editor to insert spaces for YAML files.',
  },
  {
    code: 'YAML004', title: 'bad indentation', severity: 'error',
    summary: 'A line does not line up with the keys around it, so YAML cannot tell which mapping it belongs to.',
    example: y('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   namespace: dev\n'),
    fix: 'Keys of one mapping start in the same column; nested keys are indented further than their parent.',
  },
  {
    code: 'YAML005', title: 'value means different things in YAML 1.1 and 1.2', severity: 'warning',
    summary: 'Kubernetes reads YAML with YAML 1.1 rules, where `yes`, `on`, `n` are booleans and `0644` is octal. Editors and YAML 1.2 tools read them differently.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  debug: "true"\n  country: "no"\nbinaryData: {}\nimmutable: yes\n'),
    fix: 'Quote strings ("yes", "no", "0644"), and write booleans as true/false and numbers in decimal.',
  },
  {
    code: 'YAML006', title: 'file too large', severity: 'error',
    summary: 'The validator reads YAML or JSON up to a size limit (2 MB), so a huge or runaway file cannot freeze the page.',
    example: y(`# a file over 2 MB\n${'#'.repeat(80)}\n`),
    fix: 'Split the manifests into several files.',
  },
  {
    code: 'YAML007', title: 'too many aliases', severity: 'error',
    summary: 'Aliases (`*name`) that expand into more aliases can multiply a small file into gigabytes (a "billion laughs" attack). Expansion stops at 100 aliases per document.',
    example: y('a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'),
    fix: 'Write the values out, or use fewer nested aliases.',
  },
  {
    code: 'YAML008', title: 'forbidden key', severity: 'error',
    summary: 'Keys named `__proto__`, `constructor` or `prototype` are refused: they can change how JavaScript objects behave, and no Kubernetes, ECS or eksctl field uses them.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  __proto__: x\n'),
    fix: 'Rename the key.',
  },
  {
    code: 'YAML009', title: 'nesting too deep', severity: 'error',
    summary: 'The document nests more than 64 levels deep, far beyond any real manifest.',
    example: y(`${'['.repeat(70)}${']'.repeat(70)}\n`),
    fix: 'Flatten the structure.',
  },
  {
    code: 'YAML010', title: 'too many documents', severity: 'error',
    summary: 'A YAML stream may hold up to 10,000 documents separated by `---`.',
    example: y('# 10,001 documents, each starting with ---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-1\n---\n# … and 10,000 more\n'),
    fix: 'Split the stream into several files.',
  },
  {
    code: 'YAML011', title: 'undefined or recursive alias', severity: 'error',
    summary: 'An alias (`*name`) must refer to an anchor (`&name`) defined earlier in the same document, and not to a node that contains the alias.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: *missing\n'),
    fix: 'Define the anchor before the alias, or write the value out.',
  },
  {
    code: 'YAML012', title: 'key is not a plain value', severity: 'error',
    summary: 'Kubernetes converts YAML to JSON, where every key is a string. A list or mapping used as a key cannot be converted.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  ? [a, b]\n  : c\n'),
    fix: 'Use a plain string as the key.',
  },
  {
    code: 'YAML013', title: 'missing colon or space', severity: 'error',
    summary: 'A `key: value` pair needs a colon followed by a space (`image: nginx`), and a list item needs a space after its dash (`- name: web`).',
    example: y('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image:nginx\n'),
    fix: 'Add the missing colon or space.',
  },
  {
    code: 'JSON001', title: 'JSON syntax error', severity: 'error',
    summary: 'The file is not valid JSON: a missing comma, a trailing comma, a comment or a single-quoted string.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "web", "image": "nginx:1.27", }\n  ]\n}\n'),
    fix: 'Fix the punctuation the message points at.',
  },
  {
    code: 'JSON002', title: 'duplicate key in JSON', severity: 'warning',
    summary: 'A key appears twice in one object. Most JSON readers, the AWS CLI included, silently keep the last one.',
    example: j('{\n  "family": "web",\n  "family": "api",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512 }]\n}\n'),
    fix: 'Delete the duplicate.',
  },
  {
    code: 'FILE001', title: 'file type not recognized', severity: 'warning',
    summary: 'The validator understands Kubernetes YAML or JSON, ECS task definitions and services (JSON), eksctl ClusterConfig and Dockerfiles. This file looks like none of them.',
    example: { file: 'notes.json', text: '{"hello": "world"}\n' },
    fix: 'Check the file is the one you meant, or name a Dockerfile `Dockerfile`.',
  },

  // ── Kubernetes: schema ─────────────────────────────────────────────────────────────
  {
    code: 'K8S001', title: 'unknown field', severity: 'error',
    summary: 'The field does not exist in the Kubernetes API schema for this kind. `kubectl apply` rejects it with a strict decoding error; some tools silently drop it.',
    example: y('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n'),
    fix: 'Correct the spelling (field names are case-sensitive) or move the field to the level where it belongs.',
  },
  {
    code: 'K8S002', title: 'missing required field', severity: 'error',
    summary: 'The API schema requires this field.',
    example: y('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n'),
    fix: 'Add the field.',
  },
  {
    code: 'K8S003', title: 'wrong type', severity: 'error',
    summary: 'The value has the wrong type: a string where a number belongs, a list where a mapping belongs, or a YAML 1.1 boolean (`yes`) where a string belongs.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: "80"\n')),
    fix: 'Write the value with the expected type: unquote numbers, quote strings.',
  },
  {
    code: 'K8S004', title: 'value not allowed', severity: 'error',
    summary: 'The field only accepts certain values, and they are case-sensitive.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    imagePullPolicy: always\n')),
    fix: 'Use one of the values the message lists.',
  },
  {
    code: 'K8S005', title: 'missing apiVersion or kind', severity: 'error',
    summary: 'Every Kubernetes object names its `apiVersion` and `kind`; without them nothing knows what the document is.',
    example: y('metadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n'),
    fix: 'Add `apiVersion:` and `kind:` at the top of the document.',
  },
  {
    code: 'K8S006', title: 'removed API version', severity: 'error',
    summary: 'This apiVersion was removed from Kubernetes. Old tutorials still use it; a current cluster answers `no matches for kind`.',
    example: y('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n'),
    fix: 'Use the replacement apiVersion the message names, and check the fields that changed with it.',
  },
  {
    code: 'K8S007', title: 'unknown kind or apiVersion', severity: 'error',
    summary: 'No built-in Kubernetes API serves this kind in this apiVersion: a misspelt kind, or a kind paired with the wrong group.',
    example: y('apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n'),
    fix: 'Correct the kind or apiVersion as the message suggests.',
  },
  {
    code: 'K8S008', title: 'custom resource not checked', severity: 'warning',
    summary: 'The apiVersion belongs to a custom resource definition (CRD), whose schema lives in the cluster. Only YAML syntax and metadata were checked.',
    example: y('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n'),
    fix: 'Nothing to fix if the CRD is installed; otherwise install it first.',
  },
  {
    code: 'K8S009', title: 'invalid name', severity: 'error',
    summary: 'Object, container, port and volume names must be valid DNS names: lowercase letters, digits and `-`, starting and ending with a letter or digit. Services must start with a letter.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config\n'),
    fix: 'Use the lowercase name the hint suggests.',
  },
  {
    code: 'K8S010', title: 'invalid label or annotation', severity: 'error',
    summary: 'Label keys are an optional DNS prefix and a name of up to 63 characters; label values are up to 63 letters, digits, `-`, `_` or `.`. Annotation keys follow the same rules.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    app: my app\n'),
    fix: 'Remove spaces and other characters, or move free text to an annotation.',
  },
  {
    code: 'K8S011', title: 'invalid port', severity: 'error',
    summary: 'Port numbers run from 1 to 65535, NodePorts from 30000 to 32767, and port names are at most 15 lowercase letters, digits and `-`.',
    example: y('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80800\n'),
    fix: 'Use a port in range, or a valid port name.',
  },
  {
    code: 'K8S012', title: 'invalid quantity', severity: 'error',
    summary: 'CPU and memory are Kubernetes quantities: `500m`, `0.5`, `128Mi`, `1Gi`. Suffixes are case-sensitive and there is no `mb` or `GB`.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    resources:\n      limits:\n        memory: 128mb\n')),
    fix: 'Write the quantity with a Kubernetes suffix, as the hint suggests.',
  },
  {
    code: 'K8S013', title: 'invalid value', severity: 'error',
    summary: 'The value has the right type but not the right form, for example a number too large for the field or Secret data that is not base64.',
    example: y('apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: hunter2!\n'),
    fix: 'Follow the hint; for Secrets, put plain text under `stringData` instead of `data`.',
  },
  {
    code: 'K8S014', title: 'suspicious quantity', severity: 'warning',
    summary: 'The quantity is valid but almost certainly not what was meant: memory `128m` is 0.128 bytes, and cpu `500` is 500 cores.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    resources:\n      requests:\n        memory: 128m\n')),
    fix: 'Use `Mi`/`Gi` for memory and `m` (millicores) for cpu.',
  },
  {
    code: 'K8S015', title: 'request exceeds limit', severity: 'error',
    summary: 'A container cannot request more of a resource than its limit; the API server rejects the object.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: "1"\n      limits:\n        cpu: 500m\n')),
    fix: 'Lower the request or raise the limit.',
  },
  {
    code: 'K8S016', title: 'duplicate name in a list', severity: 'error',
    summary: 'Containers, volumes and ports are looked up by name, so each name may appear once in its list.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n  - name: web\n    image: busybox:1.36\n')),
    fix: 'Give each item its own name.',
  },
  {
    code: 'K8S017', title: 'volume mount without a volume', severity: 'error',
    summary: 'Each `volumeMounts[].name` must name a volume in the pod\'s `volumes` list.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    volumeMounts:\n    - name: data\n      mountPath: /data\n')),
    fix: 'Add the volume under `spec.volumes`, or correct the name.',
  },

  // ── Kubernetes: semantics ──────────────────────────────────────────────────────────
  {
    code: 'K8S020', title: 'selector does not match template labels', severity: 'error',
    summary: 'A Deployment, ReplicaSet, StatefulSet or DaemonSet manages the pods its selector matches. If its own template\'s labels do not match, the API server rejects it.',
    example: y('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: frontend}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n'),
    fix: 'Make the template labels include every selector label.',
  },
  {
    code: 'K8S021', title: 'Service selects no pods', severity: 'warning',
    summary: 'No pod template in these files carries all the labels in the Service\'s selector, so the Service would have no endpoints.',
    example: y('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: webapp}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n'),
    fix: 'Make the selector match the pod template labels.',
  },
  {
    code: 'K8S022', title: 'targetPort not exposed', severity: 'warning',
    summary: 'The Service sends traffic to a port number that none of the containers it selects declares.',
    example: y('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n'),
    fix: 'Point targetPort at a port the container listens on.',
  },
  {
    code: 'K8S023', title: 'probe port not declared', severity: 'warning',
    summary: 'A liveness, readiness or startup probe checks a port number the container does not declare.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 8080\n')),
    fix: 'Probe the port the container listens on.',
  },
  {
    code: 'K8S024', title: 'named port not defined', severity: 'error',
    summary: 'A probe or a Service refers to a port by name, and no container port has that name, so it can never connect.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n      name: http\n    livenessProbe:\n      httpGet:\n        path: /\n        port: web\n')),
    fix: 'Use a name defined in the container\'s `ports`, or the port number.',
  },
  {
    code: 'K8S025', title: 'no resource requests or limits', severity: 'warning',
    summary: 'Without requests the scheduler cannot place the pod sensibly; without a memory limit one container can starve the node.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n')),
    fix: 'Set `resources.requests` (cpu, memory) and at least a memory limit.',
  },
  {
    code: 'K8S026', title: 'image tag is latest or missing', severity: 'warning',
    summary: 'An image without a tag means `:latest`, which changes under you: two nodes may run different code, and rollbacks cannot go back.',
    example: y(POD('  - name: web\n    image: nginx\n')),
    fix: 'Pin a version tag (`nginx:1.27`) or a digest.',
  },
  {
    code: 'K8S027', title: 'privileged container', severity: 'warning',
    summary: 'A privileged container has all the host\'s devices and capabilities; escaping it is trivial.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n')),
    fix: 'Remove `privileged: true`; add only the capabilities the container needs.',
  },
  {
    code: 'K8S028', title: 'runs as root', severity: 'warning',
    summary: 'The container is set to run as user 0 (root), or `runAsNonRoot` is explicitly false.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    securityContext:\n      runAsUser: 0\n')),
    fix: 'Run as a non-zero user and set `runAsNonRoot: true`.',
  },
  {
    code: 'K8S029', title: 'no readiness probe', severity: 'warning',
    summary: 'A long-running workload that serves a port has no readiness probe, so Services send it traffic before it is ready.',
    example: y('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n'),
    fix: 'Add a `readinessProbe` that checks the port.',
  },
  {
    code: 'K8S030', title: 'duplicate environment variable', severity: 'warning',
    summary: 'The same variable is set twice in one container; the later one silently wins.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    env:\n    - name: MODE\n      value: dev\n    - name: MODE\n      value: prod\n')),
    fix: 'Keep one definition.',
  },
  {
    code: 'K8S031', title: 'ConfigMap or Secret key not found', severity: 'error',
    summary: 'The container reads a key from a ConfigMap or Secret defined in these files, but that object has no such key. The pod would fail with CreateContainerConfigError.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: dev\n---\n' + POD('  - name: web\n    image: nginx:1.27\n    env:\n    - name: MODE\n      valueFrom:\n        configMapKeyRef:\n          name: cfg\n          key: MODE\n')),
    fix: 'Use a key the object defines (keys are case-sensitive), or add the key.',
  },
  {
    code: 'K8S032', title: 'ConfigMap or Secret not in these files', severity: 'warning',
    summary: 'The container reads a ConfigMap or Secret that none of these files define. It must exist in the cluster before the pod starts.',
    example: y(POD('  - name: web\n    image: nginx:1.27\n    envFrom:\n    - secretRef:\n        name: db-credentials\n')),
    fix: 'Add the ConfigMap or Secret to the files, or create it first.',
  },
  {
    code: 'K8S033', title: 'duplicate object', severity: 'warning',
    summary: 'Two documents define the same kind, namespace and name; applying them both keeps only the last.',
    example: y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n'),
    fix: 'Rename one of them, or delete the duplicate.',
  },

  // ── ECS ───────────────────────────────────────────────────────────────────────────
  {
    code: 'ECS001', title: 'unknown parameter', severity: 'error',
    summary: 'The AWS CLI rejects input JSON with a parameter the API does not have (`Parameter validation failed`).',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "web", "image": "nginx:1.27", "memory": 512, "port": 80 }\n  ]\n}\n'),
    fix: 'Correct the parameter name; names are case-sensitive.',
  },
  {
    code: 'ECS002', title: 'missing required parameter', severity: 'error',
    summary: 'The API requires this parameter, for example `family` and `containerDefinitions` for a task definition.',
    example: j('{\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512 }]\n}\n'),
    fix: 'Add the parameter.',
  },
  {
    code: 'ECS003', title: 'invalid parameter type', severity: 'error',
    summary: 'The parameter has the wrong JSON type. Task-level `cpu` and `memory` are strings; container `cpu`, `memory` and ports are numbers.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": "512" }]\n}\n'),
    fix: 'Quote or unquote the value as the message says.',
  },
  {
    code: 'ECS004', title: 'container name or image missing', severity: 'error',
    summary: 'Every container definition needs a `name` and an `image`.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "memory": 512 }]\n}\n'),
    fix: 'Add the missing field.',
  },
  {
    code: 'ECS005', title: 'invalid Fargate cpu and memory', severity: 'error',
    summary: 'Fargate runs tasks in fixed sizes: each cpu value allows only certain memory values.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "cpu": "256",\n  "memory": "4096",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]\n}\n'),
    fix: 'Pick a valid pair; the hint names the nearest ones.',
  },
  {
    code: 'ECS006', title: 'Fargate needs task cpu and memory', severity: 'error',
    summary: 'A task definition that requires FARGATE must set `cpu` and `memory` at the task level.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]\n}\n'),
    fix: 'Add task-level `cpu` and `memory` strings, for example "256" and "512".',
  },
  {
    code: 'ECS007', title: 'Fargate needs awsvpc', severity: 'error',
    summary: 'Fargate tasks get their own network interface, so `networkMode` must be `awsvpc`. Left out, it defaults to `bridge`.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "cpu": "256",\n  "memory": "512",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]\n}\n'),
    fix: 'Add `"networkMode": "awsvpc"`.',
  },
  {
    code: 'ECS008', title: 'hostPort differs from containerPort', severity: 'error',
    summary: 'With `awsvpc`, a task owns its network interface, so `hostPort` must be left out or equal `containerPort`.',
    example: j('{\n  "family": "web",\n  "networkMode": "awsvpc",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512,\n    "portMappings": [{ "containerPort": 80, "hostPort": 8080 }] }]\n}\n'),
    fix: 'Remove `hostPort` or set it to the container port.',
  },
  {
    code: 'ECS009', title: 'no essential container', severity: 'error',
    summary: 'At least one container must be essential (the default); when an essential container stops, the task stops.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512, "essential": false }]\n}\n'),
    fix: 'Mark the main container `"essential": true`, or remove `"essential": false`.',
  },
  {
    code: 'ECS010', title: 'memory settings', severity: 'error',
    summary: 'A container\'s hard `memory` limit must be greater than its `memoryReservation`, and tasks for EC2 need memory at the task or container level.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 256, "memoryReservation": 512 }]\n}\n'),
    fix: 'Raise `memory` above `memoryReservation`, or set one of them.',
  },
  {
    code: 'ECS011', title: 'not supported on Fargate', severity: 'error',
    summary: 'Fargate does not allow `privileged`, `links`, `dnsServers`, `extraHosts`, `ipcMode`, GPUs, placement constraints, or log drivers other than awslogs, splunk and awsfirelens.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "cpu": "256",\n  "memory": "512",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "privileged": true }]\n}\n'),
    fix: 'Remove the option, or run the task on EC2.',
  },
  {
    code: 'ECS012', title: 'awslogs needs an execution role', severity: 'error',
    summary: 'On Fargate the `awslogs` log driver writes to CloudWatch with the task execution role, so `executionRoleArn` is required.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "cpu": "256",\n  "memory": "512",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27",\n    "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" } } }]\n}\n'),
    fix: 'Add `executionRoleArn` (usually the ecsTaskExecutionRole).',
  },
  {
    code: 'ECS013', title: 'private ECR image without an execution role', severity: 'error',
    summary: 'On Fargate, pulling from a private ECR repository uses the task execution role, so AWS refuses a task definition with an ECR image and no `executionRoleArn`.',
    example: j('{\n  "family": "web",\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",\n  "cpu": "256",\n  "memory": "512",\n  "containerDefinitions": [{ "name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0" }]\n}\n'),
    fix: 'Add `executionRoleArn`.',
  },
  {
    code: 'ECS014', title: 'value not allowed', severity: 'error',
    summary: 'The parameter only accepts certain values (for example `networkMode`: bridge, host, awsvpc or none), and they are case-sensitive.',
    example: j('{\n  "family": "web",\n  "networkMode": "vpc",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512 }]\n}\n'),
    fix: 'Use one of the listed values.',
  },
  {
    code: 'ECS015', title: 'invalid cpu or memory value', severity: 'error',
    summary: 'Task `cpu` is CPU units ("256") or vCPUs ("1 vCPU"); task `memory` is MiB ("512") or GB ("2 GB").',
    example: j('{\n  "family": "web",\n  "cpu": "quarter",\n  "memory": "512",\n  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27" }]\n}\n'),
    fix: 'Write the value as a number of units, as a string.',
  },
  {
    code: 'ECS016', title: 'duplicate container name', severity: 'error',
    summary: 'Container names must be unique within a task definition.',
    example: j('{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "web", "image": "nginx:1.27", "memory": 256 },\n    { "name": "web", "image": "busybox:1.36", "memory": 256 }\n  ]\n}\n'),
    fix: 'Rename one container.',
  },
  {
    code: 'ECS017', title: 'service network configuration', severity: 'error',
    summary: 'A service whose tasks use `awsvpc` (every Fargate service) needs `networkConfiguration.awsvpcConfiguration` with 1 to 16 subnets, at most 5 security groups, and `assignPublicIp` ENABLED or DISABLED.',
    example: svc('{\n  "cluster": "demo",\n  "serviceName": "web",\n  "taskDefinition": "web:1",\n  "desiredCount": 2,\n  "launchType": "FARGATE"\n}\n'),
    fix: 'Add `networkConfiguration.awsvpcConfiguration.subnets`.',
  },
  {
    code: 'ECS018', title: 'launchType and capacityProviderStrategy', severity: 'error',
    summary: 'A service or task uses either a launch type or a capacity provider strategy, never both.',
    example: svc('{\n  "serviceName": "web",\n  "taskDefinition": "web:1",\n  "launchType": "FARGATE",\n  "capacityProviderStrategy": [{ "capacityProvider": "FARGATE_SPOT", "weight": 1 }],\n  "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-0abc"] } }\n}\n'),
    fix: 'Remove one of the two.',
  },
  {
    code: 'ECS019', title: 'parameter too short or too small', severity: 'error',
    summary: 'The AWS CLI checks minimum lengths and values before sending the request.',
    example: svc('{\n  "serviceName": "web",\n  "taskDefinition": "web:1",\n  "tags": [{ "key": "", "value": "x" }]\n}\n'),
    fix: 'Give the parameter a value of at least the minimum the message names.',
  },

  // ── eksctl ────────────────────────────────────────────────────────────────────────
  {
    code: 'EKS001', title: 'unknown field', severity: 'error',
    summary: 'eksctl rejects ClusterConfig files with fields it does not know.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\nmanagedNodeGroups:\n- name: ng-1\n  instancetype: t3.medium\n  desiredCapacity: 2\n'),
    fix: 'Correct the field name; names are case-sensitive.',
  },
  {
    code: 'EKS002', title: 'missing required field', severity: 'error',
    summary: 'ClusterConfig needs `metadata.name` and `metadata.region`; node groups and Fargate profiles need a `name`.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n'),
    fix: 'Add the field.',
  },
  {
    code: 'EKS003', title: 'wrong type', severity: 'error',
    summary: 'The value has the wrong type, for example a number where eksctl expects the version string "1.34".',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\n  version: 1.34\n'),
    fix: 'Quote strings; write counts as numbers.',
  },
  {
    code: 'EKS004', title: 'unsupported Kubernetes version', severity: 'error',
    summary: 'EKS only creates clusters on the Kubernetes versions it supports.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\n  version: "1.27"\n'),
    fix: 'Use a supported version; the message lists them.',
  },
  {
    code: 'EKS005', title: 'version in extended support', severity: 'warning',
    summary: 'The version is past standard support. EKS still runs it, at extra cost per cluster hour.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\n  version: "1.31"\n'),
    fix: 'Use a version in standard support.',
  },
  {
    code: 'EKS006', title: 'node group sizes', severity: 'error',
    summary: 'A node group needs `minSize` ≤ `desiredCapacity` ≤ `maxSize`, none negative.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\nmanagedNodeGroups:\n- name: ng-1\n  desiredCapacity: 5\n  maxSize: 3\n'),
    fix: 'Adjust the sizes so that min ≤ desired ≤ max.',
  },
  {
    code: 'EKS007', title: 'duplicate name', severity: 'error',
    summary: 'Node group and Fargate profile names must be unique within the cluster.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\nmanagedNodeGroups:\n- name: ng-1\n- name: ng-1\n'),
    fix: 'Rename one of them.',
  },
  {
    code: 'EKS008', title: 'Fargate profile selectors', severity: 'error',
    summary: 'A Fargate profile needs 1 to 5 selectors, and each selector needs a `namespace`.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east-1\nfargateProfiles:\n- name: fp-default\n  selectors:\n  - labels:\n      app: web\n'),
    fix: 'Add `namespace:` to each selector.',
  },
  {
    code: 'EKS009', title: 'invalid value', severity: 'error',
    summary: 'The value is not one eksctl accepts: an unknown region, taint effect, AMI family or name format.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-east1\n'),
    fix: 'Use one of the values the hint suggests.',
  },
  {
    code: 'EKS010', title: 'wrong apiVersion or kind', severity: 'error',
    summary: 'An eksctl config file is `apiVersion: eksctl.io/v1alpha5` and `kind: ClusterConfig`.',
    example: eks('apiVersion: eksctl.io/v1alpha5\nkind: Cluster\nmetadata:\n  name: demo\n  region: us-east-1\n'),
    fix: 'Set the apiVersion and kind shown.',
  },

  // ── Dockerfile ────────────────────────────────────────────────────────────────────
  {
    code: 'DF001', title: 'Dockerfile syntax error', severity: 'error',
    summary: 'An unknown instruction, an instruction without arguments, or an instruction before the first FROM.',
    example: df('FROM node:22-alpine\nCOPY . /app\nRUNN npm ci\n'),
    fix: 'Correct the instruction.',
  },
  {
    code: 'DF002', title: 'base image is latest or untagged', severity: 'warning',
    summary: 'An untagged base image means `:latest`, so the same Dockerfile builds different images over time (hadolint DL3006, DL3007).',
    example: df('FROM ubuntu\nCMD ["bash"]\n'),
    fix: 'Pin a tag such as `ubuntu:24.04`, or a digest.',
  },
  {
    code: 'DF003', title: 'last USER is root', severity: 'warning',
    summary: 'The image ends up running as root, so a compromised process owns the container (hadolint DL3002).',
    example: df('FROM node:22-alpine\nUSER root\nRUN apk add --no-cache curl\nCMD ["node", "server.js"]\n'),
    fix: 'Switch back to an unprivileged user (`USER node`) after the steps that need root.',
  },
  {
    code: 'DF004', title: 'relative WORKDIR', severity: 'warning',
    summary: 'A relative WORKDIR depends on the directories before it, which is easy to get wrong (hadolint DL3000).',
    example: df('FROM node:22-alpine\nWORKDIR app\nCMD ["node", "server.js"]\n'),
    fix: 'Use an absolute path such as `/app`.',
  },
  {
    code: 'DF005', title: 'ADD where COPY will do', severity: 'warning',
    summary: 'ADD also downloads URLs and unpacks archives; for plain files COPY says exactly what happens (hadolint DL3020).',
    example: df('FROM node:22-alpine\nADD . /app\nCMD ["node", "/app/server.js"]\n'),
    fix: 'Use COPY.',
  },
  {
    code: 'DF006', title: 'CMD or ENTRYPOINT in shell form', severity: 'warning',
    summary: 'In shell form the process runs under `/bin/sh -c`, so it does not receive SIGTERM and the container takes 10 s to stop (hadolint DL3025).',
    example: df('FROM node:22-alpine\nCMD node server.js\n'),
    fix: 'Use the JSON form: `CMD ["node", "server.js"]`.',
  },
  {
    code: 'DF007', title: 'apt-get lists not cleaned', severity: 'warning',
    summary: 'Package lists downloaded by `apt-get update` stay in the layer and bloat the image (hadolint DL3009).',
    example: df('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n'),
    fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`.',
  },
  {
    code: 'DF008', title: 'more than one CMD or ENTRYPOINT', severity: 'warning',
    summary: 'Only the last CMD (or ENTRYPOINT) in a stage takes effect; earlier ones are dead code (hadolint DL4003, DL4004).',
    example: df('FROM node:22-alpine\nCMD ["node", "a.js"]\nCMD ["node", "b.js"]\n'),
    fix: 'Keep one.',
  },
  {
    code: 'DF009', title: 'pipe without pipefail', severity: 'warning',
    summary: 'In `RUN curl … | sh` only the last command\'s status counts, so a failed download still builds (hadolint DL4006).',
    example: df('FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n'),
    fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN.',
  },
];

export const CODE_INDEX: ReadonlyMap<string, CodeInfo> = new Map(CODES.map((c) => [c.code, c]));

export { codeDocHref } from './severity.ts';
