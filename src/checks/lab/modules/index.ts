/**
 * Check modules: TypeScript checks for what declarative checks cannot express. A lab names
 * one with `module: { name: "area/check", args: {...} }`. Each domain adds its checks in its
 * own file here and lists them below.
 */
import type { World } from '../../../engine/world.ts';
import type { CheckFailure } from '../types.ts';
import { LINUX_CHECKS } from './linux.ts';

export interface CheckModule {
  name: string;
  /** What it checks, for the authoring guide. */
  description: string;
  run(world: World, args: Record<string, unknown>): Promise<CheckFailure | undefined> | CheckFailure | undefined;
}

const MODULES: CheckModule[] = [...LINUX_CHECKS];

export function registerCheckModules(list: CheckModule[]): void {
  MODULES.push(...list);
}

export function findCheckModule(name: string): CheckModule | undefined {
  return MODULES.find((m) => m.name === name);
}

export function allCheckModules(): readonly CheckModule[] {
  return MODULES;
}
