/** Kubernetes object shapes as the simulated API server stores them (JSON, like etcd). */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  generateName?: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A resource type the API server serves. */
export interface ResourceType {
  kind: string;
  /** Lower-case plural, e.g. `pods`. */
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

// Typed views of the parts of specs the simulation reads. Learner YAML may hold anything,
// so every reader treats these fields as optional.
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
  env?: { name: string; value?: string; valueFrom?: Record<string, { name?: string; key?: string; fieldPath?: string; optional?: boolean }> }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string }; prefix?: string }[];
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  imagePullPolicy?: string;
  workingDir?: string;
  /** Keeps stdin open for `kubectl attach` (kubectl run -i); `tty` gives it a terminal. */
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  securityContext?: { runAsUser?: number; runAsGroup?: number };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  tolerations?: Toleration[];
  affinity?: Record<string, unknown>;
  topologySpreadConstraints?: { maxSkew: number; topologyKey: string; whenUnsatisfiable: string; labelSelector?: LabelSelector }[];
  volumes?: { name: string; configMap?: { name: string; items?: { key: string; path: string }[] }; secret?: { secretName: string; items?: { key: string; path: string }[] }; emptyDir?: object }[];
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  schedulerName?: string;
  priority?: number;
  hostname?: string;
  securityContext?: { runAsUser?: number; runAsGroup?: number };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
