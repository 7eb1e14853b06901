/** The `linux` world: one host; learner has sudo. */
import { registerKind } from '../worlds.ts';
import { BASE } from './core.ts';

registerKind('linux', BASE);
