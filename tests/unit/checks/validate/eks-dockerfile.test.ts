// eksctl ClusterConfig and Dockerfile validators, called directly as the simulated eksctl
// and docker build will call them.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import { validateDockerfile } from '../../../../src/checks/validate/dockerfile/dockerfile.ts';
import { EKS_EXTENDED_VERSIONS, EKS_STANDARD_VERSIONS, validateClusterConfig } from '../../../../src/checks/validate/index.ts';

describe('validateClusterConfig', () => {
  const base = { apiVersion: 'eksctl.io/v1alpha5', kind: 'ClusterConfig', metadata: { name: 'demo', region: 'us-east-1', version: '1.35' } };

  it('accepts a small valid config', () => {
    expect(validateClusterConfig({ ...base, managedNodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desiredCapacity: 2 }] })).toEqual([]);
  });

  it('keeps the supported versions as data', () => {
    expect(EKS_STANDARD_VERSIONS).toEqual(['1.34', '1.35', '1.36']);
    expect(EKS_EXTENDED_VERSIONS).toEqual(['1.31', '1.32', '1.33']);
  });

  it('reports unknown fields, sizes and selectors with paths', () => {
    const ds = validateClusterConfig({
      ...base,
      managedNodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', minSize: 3, desiredCapacity: 2, volumeSise: 20 }],
      fargateProfiles: [{ name: 'fp', selectors: [{ labels: { app: 'x' } }] }],
    }, { file: 'cluster.yaml' });
    expect(ds.map(formatDiagnostic)).toEqual([
      'cluster.yaml: error EKS001 unknown field "volumeSise" in managedNodeGroups[0] — did you mean "volumeSize"?\n  hint: Rename it to "volumeSize"; eksctl rejects fields it does not know.',
      'cluster.yaml: error EKS006 node group "ng-1": desiredCapacity (2) is less than minSize (3)\n  hint: Lower minSize to at most 2, or raise desiredCapacity.',
      'cluster.yaml: error EKS008 selector 0 of Fargate profile "fp" has no namespace\n  hint: Every selector needs a namespace; labels only narrow it down.',
    ]);
    expect(ds.map((d) => d.path)).toEqual(['managedNodeGroups[0].volumeSise', 'managedNodeGroups[0].desiredCapacity', 'fargateProfiles[0].selectors[0]']);
  });
});

describe('validateDockerfile', () => {
  it('accepts a well-written multi-stage Dockerfile', () => {
    const text = 'FROM node:22-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\nUSER nginx\nCMD ["nginx", "-g", "daemon off;"]\n';
    expect(validateDockerfile(text, { file: 'Dockerfile' })).toEqual([]);
  });

  it('reports each rule at its instruction', () => {
    const text = 'FROM ubuntu\nWORKDIR app\nADD . /app\nRUN apt-get update && apt-get install -y curl | tee /log\nUSER root\nCMD ./start.sh\nCMD ["./start.sh"]\n';
    expect(validateDockerfile(text, { file: 'Dockerfile' }).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:6 DF002 base image "ubuntu" has no tag, so it means ubuntu:latest',
      '2:9 DF004 WORKDIR app is a relative path',
      '3:1 DF005 ADD is used to copy local files; use COPY',
      '4:1 DF007 apt-get install leaves the package lists in the image',
      '4:1 DF009 RUN uses a pipe without pipefail, so a failure before the | is ignored',
      '5:6 DF003 the last USER is root, so the container runs as root',
      '6:1 DF008 this CMD is overridden by the CMD on line 7',
      '6:5 DF006 CMD uses the shell form',
    ]);
  });

  it('does not mistake a quoted | or an || for a pipe', () => {
    const text = 'FROM alpine:3.20\nRUN grep -E "a|b" /etc/passwd || true\nUSER 65534\nCMD ["true"]\n';
    expect(validateDockerfile(text)).toEqual([]);
  });
});
