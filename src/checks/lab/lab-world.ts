/**
 * Building a lab's world (preset + files + hidden setup) and running commands in it:
 * as the learner through a Session, or as root in a throwaway copy for probes.
 */
import { isSysError } from '../../engine/kernel/errors.ts';
import { installFile, LEARNER, ROOT_PATH } from '../../engine/kernel/host.ts';
import { reap, spawn } from '../../engine/kernel/process.ts';
import { Shell } from '../../engine/shell/interpreter.ts';
import { Session, splitCommands } from '../../engine/shell/session.ts';
import { ExitSignal } from '../../engine/shell/signals.ts';
import type { Output } from '../../engine/shell/types.ts';
import { dict } from '../../engine/util/dict.ts';
import type { World } from '../../engine/world.ts';
import { createWorld, restoreWorld } from '../../engine/worlds.ts';
import type { Lab } from './types.ts';

export interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Absolute path of a lab file: relative paths live in the learner's home. */
export function labPath(path: string): string {
  return path.startsWith('/') ? path : `${LEARNER.home}/${path}`;
}

/** Writes files owned by the learner. */
export function writeLearnerFiles(world: World, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) installFile(world, labPath(path), content, 0o644, LEARNER.uid, LEARNER.gid);
}

/** Runs a script as root in a fresh root shell of `world` (not the learner's session). */
export async function runAsRoot(world: World, script: string): Promise<Captured> {
  const procs = world.state.procs;
  const init = procs.procs[1];
  const proc = spawn(procs, init, { comm: 'bash', argv: ['bash'], uid: 0, gid: 0, groups: [0], cwd: '/root', root: '/', env: dict(Object.entries({ PATH: ROOT_PATH, HOME: '/root', USER: 'root', LOGNAME: 'root', SHELL: '/bin/bash' })) }, world.now);
  const shell = new Shell(world, proc.pid);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  try {
    for (const cmd of splitCommands(script)) {
      exitCode = await shell.run(cmd, { stdin: '', stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) }, tty: false });
      world.reconcile();
    }
  } catch (e) {
    if (e instanceof ExitSignal) exitCode = e.code;
    else if (isSysError(e)) {
      stderr += `bash: ${e.message}\n`;
      exitCode = 1;
    } else throw e;
  } finally {
    reap(procs, proc.pid);
    delete world.state.shells[proc.pid];
  }
  return { stdout, stderr, exitCode };
}

/** A probe: runs as root in a copy of the world, so the learner's state never changes. */
export async function probe(world: World, script: string): Promise<Captured> {
  return runAsRoot(restoreWorld(world.snapshot()), script);
}

/** The lab's starting world: the preset, the starting files, then the hidden setup. */
export async function createLabWorld(lab: Lab): Promise<World> {
  const world = createWorld({ kind: lab.world, seed: lab.seed });
  writeLearnerFiles(world, lab.files);
  if (lab.setup.trim()) {
    const r = await runAsRoot(world, lab.setup);
    if (r.exitCode !== 0) throw new Error(`lab ${lab.id}: setup failed (exit ${r.exitCode}): ${r.stderr.trim()}`);
  }
  world.reconcile();
  return world;
}

/** Types a script into the learner's terminal, command by command. */
export async function typeCommands(session: Session, script: string, out?: { stdout: Output; stderr: Output }): Promise<Captured[]> {
  const results: Captured[] = [];
  for (const cmd of splitCommands(script)) {
    let stdout = '';
    let stderr = '';
    const r = await session.execute(cmd, {
      stdout: { write: (s) => ((stdout += s), out?.stdout.write(s)) },
      stderr: { write: (s) => ((stderr += s), out?.stderr.write(s)) },
    });
    results.push({ stdout, stderr, exitCode: r.exitCode });
  }
  return results;
}
