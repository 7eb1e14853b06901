/** The base system's programs (coreutils and friends), installed in every world. */
import type { Program } from '../types.ts';
import { cat } from './cat.ts';
import { ls } from './ls.ts';
import { clear, falseProgram, sleep, trueProgram } from './misc.ts';
import { mkdir } from './mkdir.ts';
import { rm } from './rm.ts';
import { bash, sh } from './shell-programs.ts';

export const CORE_PROGRAMS: readonly Program[] = [bash, sh, cat, ls, mkdir, rm, clear, sleep, trueProgram, falseProgram];
