/**
 * The terminal session: the prompt, the foreground shell (a stack, since `bash`, `chroot`
 * and `unshare` start shells inside shells), history, per-command output limits, and the
 * rule that after each command the world's controllers catch up.
 */
import { isSysError } from '../kernel/errors.ts';
import { reap } from '../kernel/process.ts';
import * as sys from '../kernel/syscalls.ts';
import { userName } from '../kernel/users.ts';
import { LIMITS } from '../limits.ts';
import type { World } from '../world.ts';
import { linux } from '../kernel/state.ts';
import { dict } from '../util/dict.ts';
import { resetSteps, Shell } from './interpreter.ts';
import { limitOutput } from './output.ts';
import { parse, ParseError } from './parser.ts';
import { ExitSignal, ForkFailed, Interrupted, StepLimit } from './signals.ts';
import type { Output } from './types.ts';

export interface CommandResult {
  exitCode: number;
}

/** Whether `source` is a whole command, needs more lines (open quote, heredoc, `if`), or is an error. */
export function completeness(source: string): 'complete' | 'incomplete' | 'error' {
  try {
    parse(source);
    return 'complete';
  } catch (e) {
    if (e instanceof ParseError) return e.incomplete ? 'incomplete' : 'error';
    throw e;
  }
}

/** Splits a script into complete commands, as a terminal would receive them (heredocs stay whole). */
export function splitCommands(script: string): string[] {
  const out: string[] = [];
  let buf = '';
  for (const line of script.split('\n')) {
    buf = buf ? `${buf}\n${line}` : line;
    if (completeness(buf) !== 'incomplete') {
      if (buf.trim()) out.push(buf);
      buf = '';
    }
  }
  if (buf.trim()) out.push(buf);
  return out;
}

/**
 * What a program does when the interactive shell it opened ends (kubectl's messages after
 * `kubectl exec -it`): gets the shell's exit status, may print, and returns the status the
 * command line ends with. Handlers are code, so the session records a handler's name and its
 * data by shell pid, and a saved world still knows what to do.
 */
export type ShellExitHandler = (world: World, data: unknown, status: number, out: { stdout: Output; stderr: Output }) => number;

const exitHandlers = new Map<string, ShellExitHandler>();

export function onShellExit(name: string, handler: ShellExitHandler): void {
  exitHandlers.set(name, handler);
}

/** Has `handler` run when the session shell `pid` exits. */
export function whenShellExits(world: World, pid: number, handler: string, data: unknown): void {
  (world.state.session.exits ??= dict())[pid] = { handler, data };
}

export class Session {
  constructor(readonly world: World) {}

  /** The foreground shell. */
  get shell(): Shell {
    const stack = this.world.state.session.stack;
    const procs = this.world.state.procs.procs;
    // Drop shells that no longer exist (killed from elsewhere).
    while (stack.length > 1 && !procs[stack[stack.length - 1]!]) delete this.world.state.session.exits?.[stack.pop()!];
    return new Shell(this.world, stack[stack.length - 1]!);
  }

  /**
   * `learner@hatchway:~$ ` or `root@box:/# `, from the foreground shell's user, UTS namespace
   * and cwd; a shell that sets PS1 (busybox's `\w \$ `) gets its own, with bash's escapes.
   */
  prompt(): string {
    const shell = this.shell;
    const proc = shell.proc;
    const user = userName(this.world.state.fs, proc.uid, String(proc.ns.mnt));
    const host = (shell.state.vars.HOSTNAME ?? this.world.state.hostnames[proc.ns.uts] ?? 'localhost').split('.')[0]!;
    const cwd = sys.getcwd(proc);
    const home = proc.env.HOME;
    const shown = home && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
    const sign = proc.uid === 0 ? '#' : '$';
    const ps1 = shell.state.vars.PS1;
    if (ps1 === undefined) return `${user}@${host}:${shown}${sign} `;
    const escapes: Record<string, string> = { u: user, h: host, w: shown, W: shown === '/' ? '/' : shown.slice(shown.lastIndexOf('/') + 1), $: sign, '\\': '\\', n: '\n', '[': '', ']': '' };
    return ps1.replace(/\\([uhwW$\\n[\]])/g, (_m, c: string) => escapes[c]!);
  }

  /** Runs one complete command line typed at the prompt. */
  async execute(source: string, out: { stdout: Output; stderr: Output }): Promise<CommandResult> {
    const world = this.world;
    const line = source.replace(/\n+$/, '');
    if (line.trim()) {
      world.state.history.push(line);
      if (world.state.history.length > LIMITS.historyEntries) world.state.history.splice(0, world.state.history.length - LIMITS.historyEntries);
    }
    world.signal.interrupted = false;
    resetSteps(world);
    const stderr = limitOutput(out.stderr, out.stderr);
    const stdout = limitOutput(out.stdout, stderr);
    this.endKilledShells(stdout, stderr);
    const shell = this.shell;
    let exitCode: number;
    try {
      exitCode = await shell.run(source, { stdin: '', stdout, stderr, tty: true, stdoutTty: true });
    } catch (e) {
      if (e instanceof ExitSignal) {
        exitCode = this.exitShell(e.code, stdout, stderr);
      } else if (e instanceof Interrupted) {
        exitCode = 130;
      } else if (e instanceof ForkFailed) {
        exitCode = 254;
      } else if (e instanceof StepLimit) {
        // Past any output truncation: the learner must see why the command stopped.
        out.stderr.write(e.message + '\n');
        exitCode = 1;
      } else if (isSysError(e)) {
        stderr.write(`bash: ${e.message}\n`);
        exitCode = 1;
      } else throw e;
    } finally {
      world.signal.interrupted = false;
    }
    world.reconcile();
    exitCode = this.endKilledShells(stdout, stderr) ?? exitCode;
    const fg = world.state.shells[this.shell.pid];
    if (fg) fg.status = exitCode;
    for (const f of world.takeFaults()) {
      stderr.write(`hatchway: internal error in the simulated ${f.system}: ${f.message} (a bug in the simulation; the world is still usable)\n`);
    }
    this.reportJobs(stderr);
    return { exitCode };
  }

  /** bash's notices before the next prompt: `[1]+  Done                    sleep 5`. */
  private reportJobs(stderr: Output): void {
    const st = linux(this.world);
    const pid = this.shell.pid;
    const mine = st.jobs.filter((j) => j.shell === pid);
    const current = mine[mine.length - 1];
    const previous = mine[mine.length - 2];
    for (const j of mine) {
      if (j.state === 'Running' || j.reported) continue;
      j.reported = true;
      const mark = j === current ? '+' : j === previous ? '-' : ' ';
      const what = j.state === 'Exit' ? `Exit ${j.status ?? 1}` : j.state;
      stderr.write(`[${j.id}]${mark}  ${what.padEnd(24)}${j.command}\n`);
    }
    st.jobs = st.jobs.filter((j) => !j.reported && (this.world.state.procs.procs[j.shell] !== undefined || j.state === 'Running'));
  }

  /**
   * `exit` in the foreground shell: return to the shell below, reaping the chain that started
   * it. Returns the status the command line ends with: the shell's, or what the program that
   * opened it makes of it.
   */
  private exitShell(status: number, stdout: Output, stderr: Output): number {
    const world = this.world;
    const stack = world.state.session.stack;
    // bash says `exit` as it leaves, or `logout` as a login shell (argv[0] `-bash`, or -l: sudo -i,
    // su -, bash -l); dash and busybox's ash (sh in images) leave silently.
    const argv = this.shell.proc.argv;
    const login = argv[0]?.startsWith('-') || argv.slice(1).some((a) => a === '--login' || /^-[a-z]*l[a-z]*$/.test(a));
    const name = (argv[0] ?? '').split('/').pop()!.replace(/^-/, '');
    if (!['sh', 'ash', 'dash'].includes(name)) stderr.write(login ? 'logout\n' : 'exit\n');
    if (stack.length <= 1) {
      stderr.write("hatchway: this is the lab's login shell, so it stays open (use Reset to start the lab over)\n");
      return status;
    }
    return this.leaveShell(status, stdout, stderr);
  }

  /** Pops the foreground shell, reaps the chain that started it, and does what its opener asked for then. */
  private leaveShell(status: number, stdout: Output, stderr: Output): number {
    const world = this.world;
    const stack = world.state.session.stack;
    const gone = stack.pop()!;
    const below = stack[stack.length - 1]!;
    const procs = world.state.procs;
    for (let p = procs.procs[gone]; p && p.pid !== below; p = procs.procs[p.ppid]) {
      reap(procs, p.pid);
      delete world.state.shells[p.pid];
    }
    const then = world.state.session.exits?.[gone];
    if (!then) return status;
    delete world.state.session.exits![gone];
    return exitHandlers.get(then.handler)?.(world, then.data, status, { stdout, stderr }) ?? status;
  }

  /**
   * A foreground shell that something killed (its container stopped) ends once the command it
   * was running returns, or before the next one runs: killing it mid-command would pull the
   * shell out from under that command. Returns the status the last one ended with, if any did.
   */
  private endKilledShells(stdout: Output, stderr: Output): number | undefined {
    const stack = this.world.state.session.stack;
    const killed = linux(this.world).killed;
    let status: number | undefined;
    for (let top = stack[stack.length - 1]!; stack.length > 1 && killed[top] !== undefined; top = stack[stack.length - 1]!) {
      const signal = killed[top]!;
      delete killed[top];
      status = this.leaveShell(128 + signal, stdout, stderr);
    }
    return status;
  }
}

