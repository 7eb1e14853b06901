// A small schema language and the eksctl ClusterConfig (eksctl.io/v1alpha5) written in
// it. kubernetes-models does not cover eksctl, and eksctl rejects unknown fields, so the
// field lists here are the contract. Deeply nested, rarely taught objects are `any`.

export type FieldType =
  | { t: 'string'; enum?: readonly string[] }
  | { t: 'int'; min?: number }
  | { t: 'number' }
  | { t: 'bool' }
  | { t: 'list'; of: FieldType }
  | { t: 'map'; of: FieldType }
  | { t: 'object'; fields: Readonly<Record<string, FieldType>>; required?: readonly string[] }
  | { t: 'oneOf'; options: readonly FieldType[] }
  | { t: 'any' };

const S: FieldType = { t: 'string' };
const I: FieldType = { t: 'int', min: 0 };
const B: FieldType = { t: 'bool' };
const ANY: FieldType = { t: 'any' };
const STRINGS: FieldType = { t: 'list', of: S };
const STRING_MAP: FieldType = { t: 'map', of: S };
const en = (...values: string[]): FieldType => ({ t: 'string', enum: values });
const obj = (fields: Record<string, FieldType>, required?: string[]): FieldType => (required ? { t: 'object', fields, required } : { t: 'object', fields });
const list = (of: FieldType): FieldType => ({ t: 'list', of });

export const AMI_FAMILIES = [
  'AmazonLinux2', 'AmazonLinux2023', 'Ubuntu2004', 'Ubuntu2204', 'Ubuntu2404', 'UbuntuPro2204', 'UbuntuPro2404',
  'Bottlerocket', 'WindowsServer2019CoreContainer', 'WindowsServer2019FullContainer',
  'WindowsServer2022CoreContainer', 'WindowsServer2022FullContainer',
];

const WELL_KNOWN_POLICIES = obj({
  imageBuilder: B, autoScaler: B, awsLoadBalancerController: B, externalDNS: B, certManager: B,
  ebsCSIController: B, efsCSIController: B,
});

const ADDON_POLICIES = obj({
  imageBuilder: B, autoScaler: B, externalDNS: B, certManager: B, appMesh: B, appMeshPreview: B,
  ebs: B, fsx: B, efs: B, awsLoadBalancerController: B, albIngress: B, xRay: B, cloudWatch: B,
});

const NODE_IAM = obj({
  instanceProfileARN: S, instanceRoleARN: S, attachPolicyARNs: STRINGS, attachPolicy: ANY,
  instanceRoleName: S, instanceRolePermissionsBoundary: S, withAddonPolicies: ADDON_POLICIES,
});

const SSH = obj({ allow: B, publicKeyPath: S, publicKey: S, publicKeyName: S, sourceSecurityGroupIds: STRINGS, enableSsm: B });

const TAINT = obj({ key: S, value: S, effect: en('NoSchedule', 'PreferNoSchedule', 'NoExecute') }, ['key', 'effect']);

/** Fields shared by managed and self-managed node groups (eksctl's NodeGroupBase). */
const NODE_GROUP_BASE: Record<string, FieldType> = {
  name: S, amiFamily: en(...AMI_FAMILIES), instanceType: S, availabilityZones: STRINGS, subnets: STRINGS,
  instancePrefix: S, instanceName: S, desiredCapacity: I, minSize: I, maxSize: I,
  volumeSize: { t: 'int', min: 1 }, volumeType: en('gp2', 'gp3', 'io1', 'sc1', 'st1'), volumeName: S, volumeEncrypted: B,
  volumeKmsKeyID: S, volumeIOPS: I, volumeThroughput: I, additionalVolumes: ANY,
  ssh: SSH, labels: STRING_MAP, privateNetworking: B, tags: STRING_MAP, iam: NODE_IAM, ami: S,
  securityGroups: obj({ attachIDs: STRINGS, withShared: B, withLocal: B }),
  maxPodsPerNode: I, asgSuspendProcesses: STRINGS, ebsOptimized: B, preBootstrapCommands: STRINGS,
  overrideBootstrapCommand: S, propagateASGTags: B, disableIMDSv1: B, disablePodIMDS: B,
  placement: obj({ groupName: S }), efaEnabled: B, instanceSelector: ANY, bottlerocket: ANY,
  enableDetailedMonitoring: B, capacityReservation: ANY, outpostARN: S, nodeRepairConfig: ANY,
};

const MANAGED_NODE_GROUP = obj({
  ...NODE_GROUP_BASE,
  instanceTypes: STRINGS, spot: B, taints: list(TAINT),
  updateConfig: obj({ maxUnavailable: I, maxUnavailablePercentage: I }),
  launchTemplate: obj({ id: S, version: { t: 'oneOf', options: [S, I] } }, ['id']),
  releaseVersion: S,
}, ['name']);

const NODE_GROUP = obj({
  ...NODE_GROUP_BASE,
  instancesDistribution: ANY, taints: { t: 'oneOf', options: [list(TAINT), { t: 'map', of: S }] },
  kubeletExtraConfig: ANY, clusterDNS: S, targetGroupARNs: STRINGS, classicLoadBalancerNames: STRINGS,
  cpuCredits: S, asgMetricsCollection: ANY, warmPool: ANY, containerRuntime: S, maxInstanceLifetime: I,
  localZones: STRINGS, subnetCidr: S, updateConfig: obj({ maxUnavailable: I, maxUnavailablePercentage: I }),
}, ['name']);

const FARGATE_PROFILE = obj({
  name: S, podExecutionRoleARN: S,
  selectors: list(obj({ namespace: S, labels: STRING_MAP })),
  subnets: STRINGS, tags: STRING_MAP, status: S,
}, ['name', 'selectors']);

const SERVICE_ACCOUNT = obj({
  metadata: obj({ name: S, namespace: S, labels: STRING_MAP, annotations: STRING_MAP }, ['name']),
  attachPolicyARNs: STRINGS, wellKnownPolicies: WELL_KNOWN_POLICIES, attachPolicy: ANY, attachRoleARN: S,
  permissionsBoundary: S, roleName: S, roleOnly: B, tags: STRING_MAP,
}, ['metadata']);

const POD_IDENTITY = obj({
  namespace: S, serviceAccountName: S, roleARN: S, roleName: S, permissionPolicy: ANY, permissionPolicyARNs: STRINGS,
  wellKnownPolicies: WELL_KNOWN_POLICIES, permissionsBoundaryARN: S, tags: STRING_MAP, createServiceAccount: B,
  targetRoleARN: S, disableSessionTags: B,
}, ['namespace', 'serviceAccountName']);

const SUBNET_SPEC = { t: 'map', of: obj({ id: S, az: S, cidr: S }) } as const satisfies FieldType;

const VPC = obj({
  id: S, cidr: S, ipv6Cidr: S, ipv6Pool: S, securityGroup: S,
  subnets: obj({ private: SUBNET_SPEC, public: SUBNET_SPEC }),
  extraCIDRs: STRINGS, extraIPv6CIDRs: STRINGS, sharedNodeSecurityGroup: S, manageSharedNodeSecurityGroupRules: B,
  autoAllocateIPv6: B, nat: obj({ gateway: en('HighlyAvailable', 'Single', 'Disable') }),
  clusterEndpoints: obj({ privateAccess: B, publicAccess: B }), publicAccessCIDRs: STRINGS,
  hostnameType: en('resource-name', 'ip-name'),
});

const ADDON = obj({
  name: S, version: S, serviceAccountRoleARN: S, attachPolicyARNs: STRINGS, attachPolicy: ANY,
  permissionsBoundary: S, wellKnownPolicies: WELL_KNOWN_POLICIES, tags: STRING_MAP,
  resolveConflicts: en('none', 'overwrite', 'preserve'), configurationValues: S,
  podIdentityAssociations: list(POD_IDENTITY), useDefaultPodIdentityAssociations: B, namespaceConfig: ANY,
}, ['name']);

export const CLUSTER_CONFIG: FieldType = obj({
  apiVersion: S,
  kind: S,
  metadata: obj({ name: S, region: S, version: S, forceUpdateVersion: B, tags: STRING_MAP, annotations: STRING_MAP, accountID: S }, ['name', 'region']),
  kubernetesNetworkConfig: obj({ ipFamily: en('IPv4', 'IPv6'), serviceIPv4CIDR: S }),
  autoModeConfig: obj({ enabled: B, nodePools: STRINGS, nodeRoleARN: S }),
  remoteNetworkConfig: ANY,
  iam: obj({
    serviceRoleARN: S, serviceRolePermissionsBoundary: S, fargatePodExecutionRoleARN: S,
    fargatePodExecutionRolePermissionsBoundary: S, withOIDC: B, serviceAccounts: list(SERVICE_ACCOUNT),
    podIdentityAssociations: list(POD_IDENTITY), vpcResourceControllerPolicy: B,
  }),
  iamIdentityMappings: list(ANY),
  identityProviders: list(ANY),
  accessConfig: obj({ bootstrapClusterCreatorAdminPermissions: B, authenticationMode: en('CONFIG_MAP', 'API', 'API_AND_CONFIG_MAP'), accessEntries: list(ANY) }),
  vpc: VPC,
  addons: list(ADDON),
  addonsConfig: obj({ autoApplyPodIdentityAssociations: B, disableDefaultAddons: B }),
  privateCluster: obj({ enabled: B, skipEndpointCreation: B, additionalEndpointServices: STRINGS }),
  nodeGroups: list(NODE_GROUP),
  managedNodeGroups: list(MANAGED_NODE_GROUP),
  fargateProfiles: list(FARGATE_PROFILE),
  availabilityZones: STRINGS,
  localZones: STRINGS,
  cloudWatch: obj({ clusterLogging: obj({ enableTypes: STRINGS, logRetentionInDays: I }) }),
  secretsEncryption: obj({ keyARN: S }),
  karpenter: ANY,
  outpost: ANY,
  zonalShiftConfig: obj({ enabled: B }),
}, ['apiVersion', 'kind', 'metadata']);
