/** `hatchway new lesson|lab NAME`: scaffolding is added with the authoring tools (issue 7). */
import type { CliIO } from '../lib/io.ts';

export async function run(_args: string[], io: CliIO): Promise<number> {
  io.err('hatchway new: not available yet in this version of Hatchway\n');
  return 1;
}
