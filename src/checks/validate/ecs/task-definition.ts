// Validates an ECS task definition as `aws ecs register-task-definition --cli-input-json`
// receives it: first the AWS CLI's own parameter checks, then the service's rules
// (Fargate sizes and networking, ports, memory, essential containers, execution role).
// The simulated AWS CLI calls validateTaskDefinition to print the same error text.

import type { Diagnostic } from '../../diagnostic.ts';
import { docLocator, type Locator } from '../locator.ts';
import { Reporter } from '../reporter.ts';
import { didYouMean } from '../suggest.ts';
import type { ParsedDocument, PathSegment, ValidateOptions } from '../types.ts';
import { fargateSizeHint, isFargateSize, parseCpu, parseMemory } from './fargate.ts';
import { enumIssues, validateParams } from './params.ts';

/** What the AWS CLI would print to stderr, and its exit code, for a refused request. */
export interface AwsCliError {
  exitCode: 252 | 254;
  stderr: string;
}

export interface AwsValidationResult {
  diagnostics: Diagnostic[];
  /** Set when AWS would refuse the request; the text is what the CLI prints. */
  awsError?: AwsCliError;
}

export interface AwsValidateOptions extends ValidateOptions {
  /** File name for diagnostics. */
  file?: string;
  /** The parsed document the input came from, for line and column. */
  doc?: ParsedDocument;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];
const ECR_PRIVATE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/** Collects service-side errors in the order AWS checks them; the first one is returned. */
export class AwsRules {
  readonly serviceErrors: string[] = [];
  constructor(readonly r: Reporter, readonly loc: Locator) {}

  /** Reports a rule; `aws` marks it as one the service refuses, with the text it returns. */
  fail(code: string, message: string, hint: string, path: PathSegment[], aws: boolean, key = false): void {
    this.r.report(code, message, hint, key ? this.loc.atKey(path) : this.loc.at(path));
    // AWS refuses the request whatever severity a lab gives the code.
    if (aws) this.serviceErrors.push(message);
  }
}

function paramStage(input: unknown, shape: string, rules: AwsRules): string[] {
  const lines: string[] = [];
  for (const issue of validateParams(input, shape)) {
    lines.push(issue.message);
    rules.r.report(issue.code, issue.message, issue.hint, issue.atKey ? rules.loc.atKey(issue.path) : rules.loc.at(issue.path));
  }
  return lines;
}

export function enumStage(input: unknown, shape: string, rules: AwsRules): void {
  for (const e of enumIssues(input, shape)) {
    const field = e.path.filter((s) => typeof s === 'string').pop() ?? 'value';
    const guess = didYouMean(e.value, e.allowed);
    rules.fail(
      'ECS014',
      `Invalid value ${JSON.stringify(e.value)} for ${field}; valid values are ${e.allowed.join(', ')}`,
      guess ? `Did you mean "${guess}"? Values are case-sensitive.` : 'Values are case-sensitive.',
      e.path, true,
    );
  }
}

function checkContainers(td: Obj, rules: AwsRules): void {
  const containers = arr(td['containerDefinitions']);
  const names = new Map<string, number>();
  containers.forEach((c, i) => {
    if (!isObj(c)) return;
    const base: PathSegment[] = ['containerDefinitions', i];
    const name = c['name'];
    if (typeof name !== 'string' || name.trim() === '') {
      rules.fail('ECS004', 'Container.name should not be null or empty.', `Give containerDefinitions[${i}] a "name", for example "web".`, name === undefined ? base : [...base, 'name'], true);
    } else {
      const first = names.get(name);
      if (first !== undefined) rules.fail('ECS016', `Container names must be unique: "${name}" is used by containerDefinitions[${first}] and [${i}].`, 'Rename one of the containers.', [...base, 'name'], true);
      else names.set(name, i);
    }
    const image = c['image'];
    if (typeof image !== 'string' || image.trim() === '') {
      rules.fail('ECS004', 'Container.image should not be null or empty.', `Give containerDefinitions[${i}]${typeof name === 'string' ? ` ("${name}")` : ''} an "image", for example "nginx:1.27" or an ECR URI.`, image === undefined ? base : [...base, 'image'], true);
    }
  });
  if (containers.length > 0 && containers.every((c) => isObj(c) && c['essential'] === false)) {
    rules.fail('ECS009', 'At least one container in the task definition must be essential.', 'Set "essential": true on the main container (or remove "essential": false; it defaults to true).', ['containerDefinitions'], true, true);
  }
}

function checkTaskSize(td: Obj, rules: AwsRules, fargate: boolean): void {
  const cpuRaw = td['cpu'];
  const memRaw = td['memory'];
  const cpu = typeof cpuRaw === 'string' ? parseCpu(cpuRaw) : undefined;
  const mem = typeof memRaw === 'string' ? parseMemory(memRaw) : undefined;
  if (typeof cpuRaw === 'string' && cpu === undefined) {
    rules.fail('ECS015', "Invalid 'cpu' setting for task.", `Write cpu as CPU units ("256", "1024") or vCPUs ("1 vCPU"); ${JSON.stringify(cpuRaw)} is neither.`, ['cpu'], true);
  }
  if (typeof memRaw === 'string' && mem === undefined) {
    rules.fail('ECS015', "Invalid 'memory' setting for task.", `Write memory in MiB ("512", "2048") or GB ("2 GB"); ${JSON.stringify(memRaw)} is neither.`, ['memory'], true);
  }
  if (!fargate) return;
  if (cpuRaw === undefined) {
    rules.fail('ECS006', "Fargate requires that 'cpu' be defined at the task level.", 'Add "cpu" at the top level as a string, for example "256" (0.25 vCPU).', [], true, true);
  }
  if (memRaw === undefined) {
    rules.fail('ECS006', "Fargate requires that 'memory' be defined at the task level.", 'Add "memory" at the top level as a string, for example "512" (MiB).', [], true, true);
  }
  if (cpu !== undefined && mem !== undefined && !isFargateSize(cpu, mem)) {
    rules.fail(
      'ECS005',
      `No Fargate configuration exists for given values: ${cpu} CPU, ${mem} memory. See the Amazon ECS documentation for the valid values.`,
      fargateSizeHint(cpu, mem),
      ['memory'], true,
    );
  }
}

function checkNetworking(td: Obj, rules: AwsRules, fargate: boolean): void {
  const mode = typeof td['networkMode'] === 'string' ? td['networkMode'] : undefined;
  if (fargate && mode !== 'awsvpc') {
    rules.fail(
      'ECS007',
      'Fargate only supports network mode ‘awsvpc’.',
      mode === undefined ? 'Add "networkMode": "awsvpc"; when it is left out it defaults to bridge.' : `Change "networkMode" from "${mode}" to "awsvpc".`,
      mode === undefined ? [] : ['networkMode'], true, mode === undefined,
    );
  }
  const effective = mode ?? (fargate ? 'awsvpc' : 'bridge');
  if (effective !== 'awsvpc' && effective !== 'host') return;
  arr(td['containerDefinitions']).forEach((c, i) => {
    if (!isObj(c)) return;
    arr(c['portMappings']).forEach((p, j) => {
      if (!isObj(p)) return;
      const host = p['hostPort'];
      const container = p['containerPort'];
      if (typeof host === 'number' && typeof container === 'number' && host !== container && !(host === 0 && effective === 'awsvpc')) {
        rules.fail(
          'ECS008',
          `When networkMode=${effective}, the host ports and container ports in port mappings must match.`,
          `containerDefinitions[${i}].portMappings[${j}] maps ${host} to ${container}. Remove "hostPort" or set it to ${container}; each ${effective === 'awsvpc' ? 'task has its own network interface' : 'container uses the host\'s ports directly'}, so there is nothing to remap.`,
          ['containerDefinitions', i, 'portMappings', j, 'hostPort'], true,
        );
      }
    });
  });
}

function checkMemory(td: Obj, rules: AwsRules, fargate: boolean): void {
  const taskMemory = td['memory'];
  arr(td['containerDefinitions']).forEach((c, i) => {
    if (!isObj(c)) return;
    const name = typeof c['name'] === 'string' ? c['name'] : `containerDefinitions[${i}]`;
    const hard = c['memory'];
    const soft = c['memoryReservation'];
    if (typeof hard === 'number' && typeof soft === 'number' && soft >= hard) {
      rules.fail('ECS010', `Invalid setting for container '${name}'. 'memory' must be greater than 'memoryReservation'.`, `The hard limit ("memory": ${hard}) must be above the soft reservation ("memoryReservation": ${soft}). Raise memory or lower memoryReservation.`, ['containerDefinitions', i, 'memoryReservation'], true);
    }
    if (!fargate && taskMemory === undefined && hard === undefined && soft === undefined) {
      rules.fail('ECS010', `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`, 'On EC2, set "memory" (a hard limit in MiB) on the container, or "memory" at the task level.', ['containerDefinitions', i], true, true);
    }
  });
}

const FARGATE_FORBIDDEN_CONTAINER = ['links', 'dnsServers', 'dnsSearchDomains', 'extraHosts', 'dockerSecurityOptions', 'disableNetworking', 'hostname'];

function checkFargateOptions(td: Obj, rules: AwsRules): void {
  for (const key of ['ipcMode', 'placementConstraints']) {
    const v = td[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    rules.fail('ECS011', `${key} is not supported on Fargate.`, key === 'placementConstraints' ? 'Remove placementConstraints; Fargate spreads tasks across Availability Zones on its own.' : 'Remove ipcMode, or run the task on EC2.', [key], true, true);
  }
  if (td['pidMode'] === 'host') rules.fail('ECS011', 'pidMode "host" is not supported on Fargate.', 'Use "pidMode": "task" or remove it.', ['pidMode'], true);
  arr(td['containerDefinitions']).forEach((c, i) => {
    if (!isObj(c)) return;
    const base: PathSegment[] = ['containerDefinitions', i];
    if (c['privileged'] === true) rules.fail('ECS011', 'privileged is not supported on Fargate.', 'Remove "privileged": true; Fargate tasks cannot run privileged containers.', [...base, 'privileged'], true, true);
    for (const key of FARGATE_FORBIDDEN_CONTAINER) {
      const v = c[key];
      if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
      rules.fail('ECS011', `${key} is not supported on Fargate.`, `Remove "${key}" from containerDefinitions[${i}]; containers in a Fargate task reach each other on localhost.`, [...base, key], true, true);
    }
    const lp = c['linuxParameters'];
    if (isObj(lp)) {
      for (const key of ['devices', 'sharedMemorySize', 'tmpfs']) {
        if (lp[key] !== undefined) rules.fail('ECS011', `linuxParameters.${key} is not supported on Fargate.`, `Remove linuxParameters.${key}.`, [...base, 'linuxParameters', key], true, true);
      }
    }
    arr(c['resourceRequirements']).forEach((rr, j) => {
      if (isObj(rr) && rr['type'] === 'GPU') rules.fail('ECS011', 'GPU resource requirements are not supported on Fargate.', 'Run GPU workloads on EC2 instances with GPUs.', [...base, 'resourceRequirements', j], true);
    });
    const log = c['logConfiguration'];
    const driver = isObj(log) ? log['logDriver'] : undefined;
    if (typeof driver === 'string' && !FARGATE_LOG_DRIVERS.includes(driver)) {
      rules.fail('ECS011', `Log driver ${driver} is not supported on Fargate; use awslogs, splunk or awsfirelens.`, 'Use "logDriver": "awslogs" to send logs to CloudWatch.', [...base, 'logConfiguration', 'logDriver'], true);
    }
  });
}

function checkExecutionRole(td: Obj, rules: AwsRules, fargate: boolean): void {
  if (!fargate || (typeof td['executionRoleArn'] === 'string' && td['executionRoleArn'] !== '')) return;
  let awslogs = false;
  let ecr = false;
  arr(td['containerDefinitions']).forEach((c, i) => {
    if (!isObj(c)) return;
    const log = c['logConfiguration'];
    if (!awslogs && isObj(log) && log['logDriver'] === 'awslogs') {
      awslogs = true;
      rules.fail('ECS012', 'Fargate requires task definition to have execution role ARN to support log driver awslogs.', 'Add "executionRoleArn": "arn:aws:iam::<account>:role/ecsTaskExecutionRole"; Fargate uses it to write to CloudWatch Logs.', ['containerDefinitions', i, 'logConfiguration', 'logDriver'], true);
    }
    const image = c['image'];
    if (!ecr && typeof image === 'string' && ECR_PRIVATE.test(image)) {
      ecr = true;
      rules.fail('ECS013', 'Fargate requires task definition to have execution role ARN to support ECR images.', 'Add "executionRoleArn" (usually ecsTaskExecutionRole); Fargate uses it to pull from your private ECR repository.', ['containerDefinitions', i, 'image'], true);
    }
  });
}

function requiresFargate(td: Obj): boolean {
  return arr(td['requiresCompatibilities']).includes('FARGATE');
}

/** Runs every rule; returns the botocore lines and service errors AWS would raise. */
export function runTaskDefinitionRules(input: unknown, rules: AwsRules): string[] {
  const paramLines = paramStage(input, 'RegisterTaskDefinitionRequest', rules);
  if (!isObj(input)) return paramLines;
  const fargate = requiresFargate(input);
  checkContainers(input, rules);
  enumStage(input, 'RegisterTaskDefinitionRequest', rules);
  checkNetworking(input, rules, fargate);
  checkTaskSize(input, rules, fargate);
  checkMemory(input, rules, fargate);
  if (fargate) checkFargateOptions(input, rules);
  checkExecutionRole(input, rules, fargate);
  return paramLines;
}

export function awsErrorFor(operation: string, paramLines: string[], serviceErrors: string[]): AwsCliError | undefined {
  if (paramLines.length > 0) return { exitCode: 252, stderr: `\nParameter validation failed:\n${paramLines.join('\n')}\n` };
  const first = serviceErrors[0];
  if (first !== undefined) return { exitCode: 254, stderr: `\nAn error occurred (ClientException) when calling the ${operation} operation: ${first}\n` };
  return undefined;
}

/**
 * Validates a task definition (the object given to `--cli-input-json`). Returns the
 * diagnostics and, when AWS would refuse it, the CLI's stderr and exit code.
 */
export function validateTaskDefinition(input: unknown, options?: AwsValidateOptions): AwsValidationResult {
  const reporter = new Reporter(options?.file, options);
  const rules = new AwsRules(reporter, docLocator(options?.doc));
  const paramLines = runTaskDefinitionRules(input, rules);
  const awsError = awsErrorFor('RegisterTaskDefinition', paramLines, rules.serviceErrors);
  return awsError ? { diagnostics: reporter.diagnostics, awsError } : { diagnostics: reporter.diagnostics };
}
