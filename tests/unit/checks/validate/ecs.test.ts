// ECS task definitions and services: the diagnostics, and the exact text and exit code the
// simulated AWS CLI prints when AWS would refuse the request.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../src/checks/diagnostic.ts';
import {
  isFargateSize, memoriesFor, parseCpu, parseMemory, validateEcsService, validateTaskDefinition,
} from '../../../../src/checks/validate/index.ts';

const fargate = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', ...container }], ...extra,
});

describe('validateTaskDefinition', () => {
  it('accepts a valid Fargate task definition', () => {
    expect(validateTaskDefinition(fargate())).toEqual({ diagnostics: [] });
  });

  it('prints botocore\'s parameter validation report, with exit code 252', () => {
    const r = validateTaskDefinition({ containerDefinitions: [{ name: 'a', image: 'x', memory: '512', foo: 1 }], bar: 2, cpu: 256 });
    expect(r.awsError).toEqual({
      exitCode: 252,
      stderr: [
        '',
        'Parameter validation failed:',
        'Missing required parameter in input: "family"',
        'Unknown parameter in input: "bar", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection',
        'Unknown parameter in containerDefinitions[0]: "foo", must be one of: name, image, repositoryCredentials, cpu, memory, memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command, environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration, credentialSpecs',
        "Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class 'str'>, valid types: <class 'int'>",
        "Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>",
        '',
      ].join('\n'),
    });
  });

  it('prints the first service error as a ClientException, with exit code 254', () => {
    const r = validateTaskDefinition(fargate({ memory: '4096' }));
    expect(r.awsError).toEqual({
      exitCode: 254,
      stderr: '\nAn error occurred (ClientException) when calling the RegisterTaskDefinition operation: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.\n',
    });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'error ECS005 No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.\n  hint: With cpu 256, memory can be 512, 1024 or 2048 (nearest: 512, 1024 or 2048). For 4096 MiB of memory, use cpu 512, 1024 or 2048.',
    ]);
    expect(r.diagnostics[0]?.path).toBe('memory');
  });

  it('refuses for AWS whatever severity a lab gives a code', () => {
    const r = validateTaskDefinition(fargate({ networkMode: 'bridge' }), { severity: { ECS007: 'off' } });
    expect(r.diagnostics).toEqual([]);
    expect(r.awsError?.stderr).toBe('\nAn error occurred (ClientException) when calling the RegisterTaskDefinition operation: Fargate only supports network mode ‘awsvpc’.\n');
  });

  it('knows the awsvpc, memory, essential and Fargate-only rules', () => {
    const codes = (td: unknown) => validateTaskDefinition(td).diagnostics.map((d) => d.code);
    expect(codes(fargate({}, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }))).toEqual(['ECS008']);
    expect(codes(fargate({}, { portMappings: [{ containerPort: 80, hostPort: 80 }] }))).toEqual([]);
    expect(codes({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', memory: 128, memoryReservation: 256 }] })).toEqual(['ECS010']);
    expect(codes({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b' }] })).toEqual(['ECS010']);
    expect(codes({ family: 'x', memory: '512', containerDefinitions: [{ name: 'a', image: 'b' }] })).toEqual([]);
    expect(codes({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', memory: 64, essential: false }] })).toEqual(['ECS009']);
    expect(codes(fargate({}, { privileged: true, dnsServers: ['1.1.1.1'] }))).toEqual(['ECS011', 'ECS011']);
    expect(codes(fargate({}, { logConfiguration: { logDriver: 'awslogs' } }))).toEqual(['ECS012']);
    expect(codes(fargate({ executionRoleArn: 'arn:aws:iam::1:role/x' }, { logConfiguration: { logDriver: 'awslogs' } }))).toEqual([]);
    expect(codes(fargate({ cpu: '1 vCPU', memory: '2 GB' }))).toEqual([]);
  });

  it('gives no positions for objects that did not come from a file', () => {
    const [d] = validateTaskDefinition(fargate({ cpu: 'lots' })).diagnostics;
    expect(d).toEqual({
      code: 'ECS015', severity: 'error', path: 'cpu',
      message: "Invalid 'cpu' setting for task.",
      hint: 'Write cpu as CPU units ("256", "1024") or vCPUs ("1 vCPU"); "lots" is neither.',
    });
  });
});

describe('Fargate sizes', () => {
  it('follows the table in reference/aws.md', () => {
    expect(memoriesFor(256)).toEqual([512, 1024, 2048]);
    expect(memoriesFor(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(memoriesFor(4096).at(-1)).toBe(30720);
    expect(memoriesFor(8192).slice(0, 2)).toEqual([16384, 20480]);
    expect(memoriesFor(16384).at(-1)).toBe(122880);
    expect(isFargateSize(16384, 40960)).toBe(true);
    expect(isFargateSize(16384, 36864)).toBe(false);
    expect(memoriesFor(300)).toEqual([]);
  });

  it('reads units as the console writes them', () => {
    expect([parseCpu('256'), parseCpu('1 vCPU'), parseCpu('0.25 vcpu'), parseCpu('2vCPU'), parseCpu('fast')]).toEqual([256, 1024, 256, 2048, undefined]);
    expect([parseMemory('512'), parseMemory('2 GB'), parseMemory('0.5GB'), parseMemory('1024 MiB'), parseMemory('big')]).toEqual([512, 2048, 512, 1024, undefined]);
  });
});

describe('validateEcsService', () => {
  it('needs a network configuration for Fargate', () => {
    const r = validateEcsService({ serviceName: 'web', taskDefinition: 'web:1', launchType: 'FARGATE' });
    expect(r.awsError?.exitCode).toBe(254);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(["ECS017 Network Configuration must be provided when networkMode 'awsvpc' is specified."]);
  });

  it('uses task definitions it is given to check the network mode', () => {
    const taskDefinitions = new Map([['legacy', { family: 'legacy', networkMode: 'bridge' }]]);
    const r = validateEcsService({
      serviceName: 'legacy', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/legacy:4', launchType: 'EC2',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    }, { taskDefinitions });
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['ECS017 Network Configuration is not valid for the given networkMode of this task definition.']);
  });
});
