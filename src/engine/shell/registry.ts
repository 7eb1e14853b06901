/**
 * The program registry: the engine's implementation of each simulated executable.
 * Whether a program can run in a given world is decided by the filesystem (is its binary
 * on PATH in this root?), not here.
 */
import type { Program } from './types.ts';

const programs = new Map<string, Program>();

export function registerPrograms(list: readonly Program[]): void {
  for (const p of list) programs.set(p.name, p);
}

export function getProgram(name: string): Program | undefined {
  return programs.get(name);
}

export function allPrograms(): Program[] {
  return [...programs.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function programPath(p: Program): string {
  return p.path ?? `/usr/bin/${p.name}`;
}
