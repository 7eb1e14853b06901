// EKS Kubernetes versions and AWS regions as data (reference/aws.md, late 2026), so a
// new release is a one-line change.

export const EKS_STANDARD_VERSIONS: readonly string[] = ['1.34', '1.35', '1.36'];
export const EKS_EXTENDED_VERSIONS: readonly string[] = ['1.31', '1.32', '1.33'];
/** What eksctl uses when metadata.version is left out. */
export const EKS_DEFAULT_VERSION = '1.34';

export const AWS_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'af-south-1', 'il-central-1', 'me-south-1', 'me-central-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
];
