// Validates an ECS service as `aws ecs create-service --cli-input-json` receives it:
// parameter checks, then networkConfiguration rules for awsvpc tasks and the launch
// type / capacity provider exclusion. Task definitions in the same file set are used to
// tell whether the service's tasks use awsvpc.

import { docLocator } from '../locator.ts';
import { Reporter } from '../reporter.ts';
import type { PathSegment } from '../types.ts';
import { AwsRules, awsErrorFor, enumStage, type AwsValidateOptions, type AwsValidationResult } from './task-definition.ts';
import { validateParams } from './params.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface ServiceValidateOptions extends AwsValidateOptions {
  /** Task definitions known to the caller, by family, to resolve `taskDefinition`. */
  taskDefinitions?: ReadonlyMap<string, Obj>;
}

function familyOf(ref: string): string {
  const afterSlash = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  return afterSlash.includes(':') ? afterSlash.slice(0, afterSlash.indexOf(':')) : afterSlash;
}

function runServiceRules(input: unknown, rules: AwsRules, taskDefs: ReadonlyMap<string, Obj> | undefined): string[] {
  const lines: string[] = [];
  for (const issue of validateParams(input, 'CreateServiceRequest')) {
    lines.push(issue.message);
    rules.r.report(issue.code, issue.message, issue.hint, issue.atKey ? rules.loc.atKey(issue.path) : rules.loc.at(issue.path));
  }
  if (!isObj(input)) return lines;
  enumStage(input, 'CreateServiceRequest', rules);
  const launchType = input['launchType'];
  const strategy = input['capacityProviderStrategy'];
  const hasStrategy = Array.isArray(strategy) && strategy.length > 0;
  if (launchType !== undefined && hasStrategy) {
    rules.fail('ECS018', 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.', 'Keep "launchType" for plain Fargate or EC2, or "capacityProviderStrategy" to mix FARGATE and FARGATE_SPOT, not both.', ['capacityProviderStrategy'], true, true);
  }
  const usesFargate = launchType === 'FARGATE' || (hasStrategy && strategy.some((s) => isObj(s) && typeof s['capacityProvider'] === 'string' && s['capacityProvider'].startsWith('FARGATE')));
  const td = typeof input['taskDefinition'] === 'string' ? taskDefs?.get(familyOf(input['taskDefinition'])) : undefined;
  const tdMode = td && typeof td['networkMode'] === 'string' ? td['networkMode'] : undefined;
  const awsvpc = usesFargate || tdMode === 'awsvpc';
  const nc = input['networkConfiguration'];
  const vpc = isObj(nc) ? nc['awsvpcConfiguration'] : undefined;
  if (awsvpc && !isObj(vpc)) {
    rules.fail(
      'ECS017',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
      'Add "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-..."], "securityGroups": ["sg-..."], "assignPublicIp": "ENABLED"}}.',
      isObj(nc) ? ['networkConfiguration'] : [], true, !isObj(nc),
    );
  }
  if (!awsvpc && td && isObj(vpc) && tdMode !== undefined && tdMode !== 'awsvpc') {
    rules.fail('ECS017', 'Network Configuration is not valid for the given networkMode of this task definition.', `The task definition uses networkMode "${tdMode}"; remove networkConfiguration, or switch the task definition to awsvpc.`, ['networkConfiguration'], true, true);
  }
  if (isObj(vpc)) {
    const base: PathSegment[] = ['networkConfiguration', 'awsvpcConfiguration'];
    const subnets = vpc['subnets'];
    if (Array.isArray(subnets) && subnets.length === 0) {
      rules.fail('ECS017', 'subnets can not be empty.', 'List at least one subnet ID, for example ["subnet-0abc1234"]; use subnets in two Availability Zones for resilience.', [...base, 'subnets'], true);
    } else if (Array.isArray(subnets) && subnets.length > 16) {
      rules.fail('ECS017', `subnets can have at most 16 items; ${subnets.length} were given.`, 'List at most 16 subnets.', [...base, 'subnets'], true);
    }
    const groups = vpc['securityGroups'];
    if (Array.isArray(groups) && groups.length > 5) {
      rules.fail('ECS017', `securityGroups can have at most 5 items; ${groups.length} were given.`, 'Combine rules into fewer security groups; a task takes at most 5.', [...base, 'securityGroups'], true);
    }
  }
  return lines;
}

/** Validates the input of `aws ecs create-service`, like validateTaskDefinition. */
export function validateEcsService(input: unknown, options?: ServiceValidateOptions): AwsValidationResult {
  const reporter = new Reporter(options?.file, options);
  const rules = new AwsRules(reporter, docLocator(options?.doc));
  const lines = runServiceRules(input, rules, options?.taskDefinitions);
  const awsError = awsErrorFor('CreateService', lines, rules.serviceErrors);
  return awsError ? { diagnostics: reporter.diagnostics, awsError } : { diagnostics: reporter.diagnostics };
}
