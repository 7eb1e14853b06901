/** Seeded identifiers and ARNs in AWS's shapes, and the CLI's timestamp format. */
import { clockDate } from '../clock.ts';
import { HEX, randomString } from '../random.ts';
import type { World } from '../world.ts';
import { ACCOUNT } from './state.ts';

export function hex(world: World, n: number): string {
  return randomString(world.state.random, n, HEX);
}

/** 32 hex digits in UUID form (8-4-4-4-12), as ECS prints attachment, container and event IDs. */
export function uuidOf(hex32: string): string {
  return `${hex32.slice(0, 8)}-${hex32.slice(8, 12)}-${hex32.slice(12, 16)}-${hex32.slice(16, 20)}-${hex32.slice(20, 32)}`;
}

export function arn(service: string, region: string, resource: string): string {
  return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

/** AWS CLI v2's default timestamp output (iso8601 with microseconds and offset). */
export function awsTime(world: World, at: number): string {
  return clockDate(world.state.clock, at).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** `2026-11-21 10:00:00` as eksctl's log lines print the time. */
export function logTime(world: World, at = world.now): string {
  return clockDate(world.state.clock, at).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}
