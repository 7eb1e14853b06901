/** The `docker` world: the host plus a container engine and registries. */
import { dockerDomain } from '../runtime/domain.ts';
import { registerKind } from '../worlds.ts';
import { BASE } from './core.ts';

registerKind('docker', [...BASE, dockerDomain]);
