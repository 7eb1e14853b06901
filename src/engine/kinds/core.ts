/** The domains every world starts with: the Debian host and its base programs. */
import { hostDomain } from '../kernel/host.ts';
import { CORE_PROGRAMS } from '../shell/commands/index.ts';
import type { Domain } from '../world.ts';

export const coreDomain: Domain = { name: 'core', programs: CORE_PROGRAMS };
export const BASE: readonly Domain[] = [hostDomain, coreDomain];
