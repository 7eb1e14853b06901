/** What a command sees when it runs, and what a command is. */
import type { Process } from '../kernel/process.ts';
import type { Signal, World } from '../world.ts';
import type { Shell } from './interpreter.ts';

export interface Output {
  write(text: string): void;
  /** The sink dropped text past its limit (and said so). */
  readonly truncated?: boolean;
}

export interface CommandContext {
  world: World;
  /** The process running this command (a child of the shell, or the shell for builtins). */
  proc: Process;
  /** argv[0] is the name as typed. */
  argv: string[];
  /** argv without argv[0]. */
  args: string[];
  /** All of standard input (reading it all is what `cat` does; see stdinPrefix). */
  readonly stdin: string;
  /**
   * The start of standard input, for a reader that stops early (`head -3`, `read`): `end`
   * gets the text and returns how many characters it uses, or more than there are when it
   * wanted more. Only a reader that wanted more is told that a cut pipe was cut.
   */
  stdinPrefix(end: (text: string) => number): string;
  /** Shared standard input of the enclosing compound command; `read` consumes from it. */
  stdinRef?: { text: string };
  stdout: Output;
  stderr: Output;
  /** True when stdin is the terminal: a top-level command with no pipe or `<` into it. */
  tty: boolean;
  /** True when stdout is the terminal (ls prints columns, colours would apply). */
  stdoutTty: boolean;
  signal: Signal;
  /** The shell that started this command. */
  shell: Shell;
  /**
   * Started with `&`. A program that can run unattended (sleep, stress, memhog) sets
   * `proc.workload` and returns at once; the process then stays alive as a background job.
   */
  background?: boolean;
  /**
   * Runs a program as a child of `proc` (sudo, chroot, unshare, nsenter, env, xargs).
   * `proc` overrides apply to the child (uid, root, ns...). Looks the name up on PATH
   * in the child's root, so a chroot without /bin/bash fails the real way.
   */
  exec(argv: string[], opts?: ExecOptions): Promise<number>;
}

export interface ExecOptions {
  proc?: Partial<Process>;
  stdin?: string;
  /** Run in the background (see CommandContext.background). */
  background?: boolean;
  /** Report a missing program as `<who>: failed to run command ‘X’: No such file or directory`. */
  notFound?: (name: string, errno: 'ENOENT' | 'EACCES') => string;
}

export interface Program {
  name: string;
  /** One line for `help` and `whatis`. */
  summary: string;
  /** Where the binary lives; defaults to /usr/bin/NAME. */
  path?: string;
  run(ctx: CommandContext): Promise<number> | number;
}
