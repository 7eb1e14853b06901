/**
 * The fields each served kind accepts, for the API server's strict decoding
 * (`strict decoding error: unknown field "spec.replica"`). `1` accepts any value there
 * (maps with free keys such as labels, or parts the simulation does not look inside).
 */
type Schema = { [field: string]: Schema | 1 } | 1;

const ANY = 1 as const;
const META: Schema = Object.fromEntries(
  ['name', 'namespace', 'labels', 'annotations', 'generateName', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink'].map((k) => [k, ANY]),
);
const PROBE: Schema = { exec: ANY, httpGet: ANY, tcpSocket: ANY, grpc: ANY, initialDelaySeconds: ANY, timeoutSeconds: ANY, periodSeconds: ANY, successThreshold: ANY, failureThreshold: ANY, terminationGracePeriodSeconds: ANY };
const CONTAINER: Schema = {
  ...Object.fromEntries(['name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'volumeDevices', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty', 'resizePolicy', 'restartPolicy', 'restartPolicyRules'].map((k) => [k, ANY])),
  ports: { name: ANY, containerPort: ANY, hostPort: ANY, hostIP: ANY, protocol: ANY },
  env: { name: ANY, value: ANY, valueFrom: ANY },
  resources: { requests: ANY, limits: ANY, claims: ANY },
  volumeMounts: { name: ANY, mountPath: ANY, readOnly: ANY, subPath: ANY, subPathExpr: ANY, mountPropagation: ANY, recursiveReadOnly: ANY },
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
};
const POD_SPEC: Schema = {
  ...Object.fromEntries(
    ['volumes', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources', 'ephemeralContainers'].map((k) => [k, ANY]),
  ),
  containers: CONTAINER,
  initContainers: CONTAINER,
};
const TEMPLATE: Schema = { metadata: META, spec: POD_SPEC };
const SELECTOR: Schema = { matchLabels: ANY, matchExpressions: ANY };
const JOB_SPEC: Schema = {
  ...Object.fromEntries(['parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'manualSelector', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy'].map((k) => [k, ANY])),
  selector: SELECTOR,
  template: TEMPLATE,
};
const top = (spec: Schema, extra: Record<string, Schema | 1> = {}): Schema => ({ apiVersion: ANY, kind: ANY, metadata: META, spec, status: ANY, ...extra });

const KIND_FIELDS: Record<string, Schema> = {
  Pod: top(POD_SPEC),
  Deployment: top({ replicas: ANY, selector: SELECTOR, template: TEMPLATE, strategy: { type: ANY, rollingUpdate: { maxSurge: ANY, maxUnavailable: ANY } }, minReadySeconds: ANY, revisionHistoryLimit: ANY, paused: ANY, progressDeadlineSeconds: ANY }),
  ReplicaSet: top({ replicas: ANY, minReadySeconds: ANY, selector: SELECTOR, template: TEMPLATE }),
  DaemonSet: top({ selector: SELECTOR, template: TEMPLATE, updateStrategy: ANY, minReadySeconds: ANY, revisionHistoryLimit: ANY }),
  Job: top(JOB_SPEC),
  CronJob: top({ schedule: ANY, timeZone: ANY, startingDeadlineSeconds: ANY, concurrencyPolicy: ANY, suspend: ANY, jobTemplate: { metadata: META, spec: JOB_SPEC }, successfulJobsHistoryLimit: ANY, failedJobsHistoryLimit: ANY }),
  Service: top({
    ...Object.fromEntries(['selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution'].map((k) => [k, ANY])),
    ports: { name: ANY, protocol: ANY, appProtocol: ANY, port: ANY, targetPort: ANY, nodePort: ANY },
  }),
  ConfigMap: { apiVersion: ANY, kind: ANY, metadata: META, data: ANY, binaryData: ANY, immutable: ANY },
  Secret: { apiVersion: ANY, kind: ANY, metadata: META, data: ANY, stringData: ANY, type: ANY, immutable: ANY },
  Namespace: top(ANY),
  Node: top(ANY),
  ServiceAccount: { apiVersion: ANY, kind: ANY, metadata: META, secrets: ANY, imagePullSecrets: ANY, automountServiceAccountToken: ANY },
  Role: { apiVersion: ANY, kind: ANY, metadata: META, rules: { apiGroups: ANY, resources: ANY, verbs: ANY, resourceNames: ANY, nonResourceURLs: ANY } },
  ClusterRole: { apiVersion: ANY, kind: ANY, metadata: META, rules: { apiGroups: ANY, resources: ANY, verbs: ANY, resourceNames: ANY, nonResourceURLs: ANY }, aggregationRule: ANY },
  RoleBinding: { apiVersion: ANY, kind: ANY, metadata: META, subjects: { kind: ANY, apiGroup: ANY, name: ANY, namespace: ANY }, roleRef: { apiGroup: ANY, kind: ANY, name: ANY } },
  ClusterRoleBinding: { apiVersion: ANY, kind: ANY, metadata: META, subjects: { kind: ANY, apiGroup: ANY, name: ANY, namespace: ANY }, roleRef: { apiGroup: ANY, kind: ANY, name: ANY } },
  Endpoints: { apiVersion: ANY, kind: ANY, metadata: META, subsets: ANY },
  EndpointSlice: { apiVersion: ANY, kind: ANY, metadata: META, addressType: ANY, endpoints: ANY, ports: ANY },
  Event: ANY,
};

/** Paths of fields the kind does not have, as strict decoding reports them (`spec.replica`, `spec.template.spec.containers[0].imagee`). */
export function unknownFields(obj: unknown, kind: string): string[] {
  const schema = KIND_FIELDS[kind];
  const out: string[] = [];
  if (schema) walk(obj, schema, '', out);
  return out;
}

function walk(value: unknown, schema: Schema, path: string, out: string[]): void {
  if (schema === ANY || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, schema, `${path}[${i}]`, out));
    return;
  }
  for (const k of Object.keys(value)) {
    const sub = Object.prototype.hasOwnProperty.call(schema, k) ? schema[k] : undefined;
    const p = path ? `${path}.${k}` : k;
    if (sub === undefined) out.push(p);
    else walk((value as Record<string, unknown>)[k], sub, p, out);
  }
}
