/** Test helpers: a fresh world, and a runner that captures one command's stdout, stderr and exit code. */
import { Session, splitCommands } from '../../src/engine/shell/session.ts';
import type { WorldKind } from '../../src/engine/world.ts';
import { createWorld } from '../../src/engine/worlds.ts';

export interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runIn(session: Session, line: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const r = await session.execute(line, { stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) } });
  return { stdout, stderr, exitCode: r.exitCode };
}

export function newSession(kind: WorldKind = 'linux', seed = 1): Session {
  return new Session(createWorld({ kind, seed }));
}

/** Runs several lines, failing loudly if any setup line fails. */
export async function runAll(session: Session, script: string): Promise<void> {
  for (const line of splitCommands(script)) {
    const r = await runIn(session, line);
    if (r.exitCode !== 0) throw new Error(`setup command failed: ${line}\n${r.stderr}`);
  }
}

