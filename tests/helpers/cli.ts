/** Runs the hatchway CLI in-process with captured output and a given stdin. */
import { readFile } from 'node:fs/promises';
import { main } from '../../bin/cli.ts';

export async function cli(args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    readStdin: async () => stdin ?? '',
    readFile: (p) => readFile(p, 'utf8'),
    stdinIsTTY: stdin === undefined,
  });
  return { stdout, stderr, exitCode };
}
