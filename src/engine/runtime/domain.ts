/** The container engine domain: the docker CLI and curl on the host, image-only programs, and dockerd's clock. */
import { registerPrograms } from '../shell/registry.ts';
import type { Domain } from '../world.ts';
import { dockerProgram } from './cli/docker.ts';
import { curl } from './curl.ts';
import { IMAGE_PROGRAMS } from './programs.ts';
import { docker } from './state.ts';
import { dockerd } from './system.ts';

// Programs that live only inside images still need implementations in the registry.
registerPrograms(IMAGE_PROGRAMS);
registerPrograms([curl]);

export const dockerDomain: Domain = {
  name: 'docker',
  programs: [dockerProgram, curl],
  setup(world) {
    docker(world);
  },
  systems: () => [dockerd],
};
