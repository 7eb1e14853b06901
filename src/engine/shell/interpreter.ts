/**
 * Runs the syntax tree: expansions, redirects, pipelines, control flow, functions, and
 * the fork/exec of programs found on PATH. Loops are bounded (LIMITS.loopIterations) and
 * check for Ctrl-C between commands, yielding to the host so the interrupt can arrive.
 */
import { isElf, programOf } from '../kernel/binaries.ts';
import { takeEndless } from '../kernel/devices.ts';
import { isSysError, SysError, strerror } from '../kernel/errors.ts';
import { librariesOf, LIBRARY_PATH, LOADER } from '../kernel/libraries.ts';
import { pidIn, reap, type Process } from '../kernel/process.ts';
import { linux } from '../kernel/state.ts';
import * as sys from '../kernel/syscalls.ts';
import { userByName } from '../kernel/users.ts';
import { hasPermission } from '../kernel/vfs.ts';
import { fork } from '../kernel/workloads.ts';
import { wait } from '../time.ts';
import { LIMITS } from '../limits.ts';
import { dict } from '../util/dict.ts';
import type { ShellState, World } from '../world.ts';
import { ArithError, evalArith } from './arith.ts';
import type { AndOr, Command, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.ts';
import { braceExpand, newBraceBudget } from './brace.ts';
import { BUILTINS } from './builtins.ts';
import { expandGlob, globToRegExp, hasGlob } from './glob.ts';
import { BufferOutput, DeviceOutput, NULL_OUTPUT, Pipe, stoppedMessage, TRUNCATED_MESSAGE } from './output.ts';
import { parse, ParseError } from './parser.ts';
import { ExitSignal, ExpansionError, ForkFailed, Interrupted, LoopControl, ReturnSignal, StepLimit } from './signals.ts';
import { getProgram } from './registry.ts';
import type { CommandContext, ExecOptions, Output } from './types.ts';


export interface IO {
  stdin: string;
  stdout: Output;
  stderr: Output;
  /** stdin is the terminal. */
  tty: boolean;
  /** stdout is the terminal. */
  stdoutTty?: boolean;
  /**
   * Running as a background job: the last command of the script may become the job's live
   * process (what `exec` would make it in bash), e.g. `unshare ... bash -c 'sleep 1000' &`.
   */
  background?: boolean;
  /**
   * Standard input shared by the commands of a compound command, so that `read` in
   * `while read l; do ...; done` consumes it line by line instead of seeing it afresh.
   */
  stdinRef?: { text: string };
  /** stdin is the first part of a stream that went on; see StdinCut. */
  stdinCut?: StdinCut;
}

/**
 * stdin that is only the first part of a longer stream: a pipe that filled up, or an endless
 * device read with `<`. A command that reads it to the end (`wc -l`) is told once, with
 * `notice`; one that stops early (`head -3`) is not, just as its writer would get SIGPIPE.
 */
export interface StdinCut {
  notice: string;
  /** A command read past the cut. */
  hit?: boolean;
  reported?: boolean;
}

const YIELD_EVERY = 64;

/** Commands run by the current command line, per world (reset by the session for each line). */
const stepsByWorld = new WeakMap<World, { steps: number }>();

export function resetSteps(world: World): void {
  stepsByWorld.set(world, { steps: 0 });
}

export function newShellState(proc: Process): ShellState {
  return { vars: dict(Object.entries(proc.env)), status: 0, functions: dict(), positional: [] };
}

export class Shell {
  private steps = 0;
  /** Status of the last command substitution in the current simple command, for assignment-only commands. */
  private substitutionStatus: number | undefined;
  /** Nesting of function calls in this shell (bash's FUNCNEST). */
  funcDepth = 0;
  /** Loops and sourced files being run, so break/continue/return outside them are refused as bash does. */
  loopDepth = 0;
  sourceDepth = 0;
  /**
   * A non-interactive shell's name for messages: `bash -c` uses its argv[0], a script its path.
   * Errors then read `/bin/bash: line 1: nope: command not found`, as bash prints them.
   */
  scriptName?: string;
  private line = 1;

  /** The prefix of the shell's own error messages. */
  errPrefix(): string {
    return this.scriptName ? `${this.scriptName}: line ${this.line}: ` : 'bash: ';
  }

  constructor(
    readonly world: World,
    readonly pid: number,
    readonly depth = 0,
  ) {
    if (!this.world.state.shells[pid]) {
      const st = newShellState(this.proc);
      // bash reads the hostname once, at startup: $HOSTNAME and the prompt keep it.
      st.vars.HOSTNAME ??= this.world.state.hostnames[this.proc.ns.uts] ?? 'localhost';
      this.world.state.shells[pid] = st;
    }
  }

  get proc(): Process {
    const p = this.world.state.procs.procs[this.pid];
    if (!p) throw new Error(`shell process ${this.pid} is gone`);
    return p;
  }

  get state(): ShellState {
    return this.world.state.shells[this.pid]!;
  }

  getVar(name: string): string | undefined {
    const st = this.state;
    switch (name) {
      case '?':
        return String(st.status);
      case '$':
        return String(pidIn(this.proc, this.proc.ns.pid) ?? this.proc.pid);
      case '#':
        return String(st.positional.length);
      case '@':
      case '*':
        return st.positional.join(' ');
      case '0':
        // A script's path, `bash -c`'s name, or the shell's argv[0] (`-bash` for a login shell).
        return this.scriptName ?? this.proc.argv[0] ?? 'bash';
      case '!':
        return st.vars['!'];
      case 'PWD':
        return sys.getcwd(this.proc);
      case 'RANDOM':
        return String(Math.floor(Math.abs(Math.sin(++this.steps + this.world.now)) * 32768));
    }
    if (/^[1-9]$/.test(name)) return st.positional[Number(name) - 1];
    return st.vars[name] ?? this.proc.env[name];
  }

  setVar(name: string, value: string): void {
    this.state.vars[name] = value;
    if (name in this.proc.env) this.proc.env[name] = value;
  }

  exportVar(name: string, value?: string): void {
    if (value !== undefined) this.state.vars[name] = value;
    this.proc.env[name] = this.state.vars[name] ?? this.proc.env[name] ?? '';
  }

  unsetVar(name: string): void {
    delete this.state.vars[name];
    delete this.proc.env[name];
  }

  /**
   * Parses and runs source text. Syntax errors print bash's message and give status 2; an
   * expansion error abandons the rest of the text with status 1.
   */
  async run(source: string, io: IO): Promise<number> {
    let script: Script;
    try {
      script = parse(source);
    } catch (e) {
      if (e instanceof ParseError) {
        io.stderr.write(`bash: ${e.message}\n`);
        return (this.state.status = 2);
      }
      throw e;
    }
    return this.abandonOnExpansionError(() => this.runScript(script, io), io);
  }

  /** Runs `fn`; an ExpansionError inside it is reported and ends it with status 1, as bash ends the command line. */
  private async abandonOnExpansionError(fn: () => Promise<number>, io: IO): Promise<number> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      io.stderr.write(e.own ? `${e.message}\n` : `${this.errPrefix()}${e.message}\n`);
      return (this.state.status = 1);
    }
  }

  async runScript(script: Script, io: IO): Promise<number> {
    let status = this.state.status;
    const items = script.items;
    for (let i = 0; i < items.length; i++) {
      if (items[i]!.line !== undefined) this.line = items[i]!.line!;
      status = await this.runAndOr(items[i]!, io.background && i < items.length - 1 ? { ...io, background: false } : io);
    }
    return status;
  }

  private async runAndOr(item: AndOr, io: IO): Promise<number> {
    if (item.background) return this.runBackground(item, io);
    let status = await this.runPipeline(item.first, io);
    for (const { op, pipeline } of item.rest) {
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = await this.runPipeline(pipeline, io);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, io: IO): Promise<number> {
    let stdin = io.stdin;
    let cut = io.stdinCut;
    let status = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      const out = last ? io.stdout : new Pipe();
      const cio: IO = { stdin, stdout: out, stderr: io.stderr, tty: io.tty && i === 0, stdoutTty: last && io.stdoutTty, background: last && io.background, stdinRef: i === 0 ? io.stdinRef : undefined, stdinCut: cut };
      // Each command of a pipeline is a subshell in bash, so an expansion error ends only that command.
      status = p.commands.length > 1 ? await this.abandonOnExpansionError(() => this.runCommand(p.commands[i]!, cio), cio) : await this.runCommand(p.commands[i]!, cio);
      if (!last) {
        const piped = out as Pipe;
        // A pipe holds at most LIMITS.outputBytes, and its writer may have been stopped: its reader says so if it reads to the cut.
        cut = piped.truncated ? { notice: TRUNCATED_MESSAGE } : piped.stopped ? { notice: piped.stopped } : undefined;
        stdin = piped.text;
      }
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    return (this.state.status = status);
  }

  private async checkpoint(): Promise<void> {
    if (++this.steps % YIELD_EVERY === 0) await this.world.host.yield?.();
    if (this.world.signal.interrupted) throw new Interrupted('interrupted');
    const budget = stepsByWorld.get(this.world);
    if (budget && ++budget.steps > LIMITS.commandSteps) throw new StepLimit(`hatchway: command stopped after ${LIMITS.commandSteps} steps (the lab's limit, so the terminal stays responsive)`);
  }

  /**
   * `cmd &`. A program that can run unattended becomes a live background process (a job);
   * anything else runs to completion in a forked subshell. Either way the fork counts against
   * pids.max, and a subshell whose own fork fails stays behind, stuck retrying, as in a fork bomb.
   */
  private async runBackground(item: AndOr, io: IO): Promise<number> {
    const st = linux(this.world);
    const mine = st.jobs.filter((j) => j.shell === this.pid && (j.state === 'Running' || !j.reported));
    const id = mine.length ? Math.max(...mine.map((j) => j.id)) + 1 : 1;
    const bio: IO = { ...io, stdin: '', tty: false, stdinCut: undefined };
    const text = describe(item);
    const single = item.rest.length === 0 && item.first.commands.length === 1 && !item.first.negate ? item.first.commands[0]! : undefined;
    if (single?.type === 'simple') {
      const argv = await this.expandWords(single.words, io);
      const name = argv[0];
      if (name && !this.state.functions[name] && !BUILTINS.has(name) && single.redirects.length === 0) {
        let started: Process | undefined;
        const code = await this.execProgram(argv, bio, { background: true }, this.proc, (child) => (started = child));
        const alive = started && this.world.state.procs.procs[started.pid] && started.workload;
        const pid = started ? (pidIn(started, this.proc.ns.pid) ?? started.pid) : 0;
        if (started) {
          st.jobs.push({ shell: this.pid, id, pid: started.pid, command: text, state: alive ? 'Running' : code === 137 ? 'Killed' : code === 0 ? 'Done' : 'Exit', status: code });
          this.state.vars['!'] = String(pid);
          if (io.tty) io.stderr.write(`[${id}] ${pid}
`);
        }
        return (this.state.status = 0);
      }
    }
    let child: Process;
    try {
      child = fork(this.world, this.proc, { comm: 'bash', argv: this.proc.argv });
    } catch (e) {
      if (!isSysError(e)) throw e;
      return this.forkFailed(e.errno, io);
    }
    this.world.state.shells[child.pid] = restoreDict(JSON.parse(JSON.stringify(this.state)) as ShellState);
    const sub = new Shell(this.world, child.pid, this.depth + 1);
    sub.funcDepth = this.funcDepth;
    sub.scriptName = this.scriptName;
    const pid = pidIn(child, this.proc.ns.pid) ?? child.pid;
    if (io.tty) io.stderr.write(`[${id}] ${pid}
`);
    this.state.vars['!'] = String(pid);
    let status = 0;
    let stuck = false;
    try {
      status = await sub.abandonOnExpansionError(() => sub.runAndOr({ ...item, background: false }, bio), bio);
    } catch (e) {
      if (e instanceof ForkFailed) stuck = true;
      else if (e instanceof ExitSignal) status = e.code;
      else throw e;
    }
    if (stuck && this.world.state.procs.procs[child.pid]) {
      child.workload = { kind: 'stuck', cpu: 0.01 };
      st.jobs.push({ shell: this.pid, id, pid: child.pid, command: text, state: 'Running' });
    } else {
      reap(this.world.state.procs, child.pid);
      delete this.world.state.shells[child.pid];
      st.jobs.push({ shell: this.pid, id, pid: child.pid, command: text, state: status === 0 ? 'Done' : 'Exit', status });
    }
    return (this.state.status = 0);
  }

  /**
   * bash's answer to a failed fork. EAGAIN is retried with back-off (1+2+4+8 s) before it
   * gives up; either way the command line is abandoned (ForkFailed), which the session turns
   * into status 254.
   */
  private async forkFailed(errno: string, io: IO, retry?: () => boolean): Promise<never> {
    if (errno === 'EAGAIN') {
      if (this.depth === 0 || io.tty) {
        for (const delay of [1000, 2000, 4000, 8000]) {
          io.stderr.write(`${this.scriptName ?? 'bash'}: fork: retry: Resource temporarily unavailable\n`);
          await wait(this.world, delay);
          if (retry?.()) throw new ForkRetried();
        }
        io.stderr.write(`${this.scriptName ?? 'bash'}: fork: Resource temporarily unavailable\n`);
      } else io.stderr.write(`${this.scriptName ?? 'bash'}: fork: retry: Resource temporarily unavailable\n`);
    } else io.stderr.write(`${this.scriptName ?? 'bash'}: fork: ${errno === 'ENOMEM' ? 'Cannot allocate memory' : strerror(new SysError(errno as 'EAGAIN'))}\n`);
    throw new ForkFailed(errno);
  }

  async runCommand(cmd: Command, io: IO): Promise<number> {
    await this.checkpoint();
    switch (cmd.type) {
      case 'simple':
        return this.runSimple(cmd, io);
      case 'function':
        this.state.functions[cmd.name] = cmd.body;
        return 0;
      default:
        return this.withRedirects(cmd.redirects, io, 'bash', false, (rio) => this.runCompound(cmd, rio.stdinRef ? rio : { ...rio, stdinRef: { text: rio.stdin } }));
    }
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand | { type: 'function' }>, io: IO): Promise<number> {
    switch (cmd.type) {
      case 'group':
        return this.runScript(cmd.body, io);
      case 'subshell':
        return this.inSubshell(() => this.abandonOnExpansionError(() => this.runScript(cmd.body, io), io));
      case 'if': {
        for (const c of cmd.clauses) {
          if ((await this.runScript(c.cond, io)) === 0) return this.runScript(c.body, io);
        }
        return cmd.orElse ? this.runScript(cmd.orElse, io) : 0;
      }
      case 'for': {
        const items = cmd.items ? await this.expandWords(cmd.items, io) : [...this.state.positional];
        let status = 0;
        let n = 0;
        for (const item of items) {
          if (++n > LIMITS.loopIterations) return this.loopLimit(io);
          this.setVar(cmd.name, item);
          const r = await this.loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (let n = 0; ; n++) {
          if (n >= LIMITS.loopIterations) return this.loopLimit(io);
          await this.checkpoint();
          const c = await this.runScript(cmd.cond, io);
          if ((c === 0) === cmd.until) break;
          const r = await this.loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'case': {
        const value = await this.expandWordText(cmd.word, io);
        for (const arm of cmd.arms) {
          for (const pat of arm.patterns) {
            const p = await this.expandPattern(pat, io);
            if (globToRegExp(p).test(value)) return this.runScript(arm.body, io);
          }
        }
        return 0;
      }
    }
  }

  private loopLimit(io: IO): number {
    io.stderr.write(`hatchway: loop stopped after ${LIMITS.loopIterations} iterations (the lab's limit, so the terminal stays responsive)\n`);
    return 1;
  }

  private async loopBody(body: Script, io: IO): Promise<{ status: number; stop: boolean }> {
    this.loopDepth++;
    try {
      return { status: await this.runScript(body, io), stop: false };
    } catch (e) {
      if (e instanceof LoopControl) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return { status: 0, stop: e.kind === 'break' };
      }
      throw e;
    } finally {
      this.loopDepth--;
    }
  }

  loopControl(kind: 'break' | 'continue', levels: number): never {
    throw new LoopControl(kind, levels);
  }

  /** Runs `fn` with the shell's variables, functions and cwd restored afterwards, as a forked subshell would. */
  async inSubshell<T>(fn: () => Promise<T>): Promise<T> {
    const saved = JSON.stringify(this.state);
    const proc = this.proc;
    const savedEnv = JSON.stringify(proc.env);
    const { cwd, root } = proc;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal) return e.code as T;
      throw e;
    } finally {
      this.world.state.shells[this.pid] = restoreDict(JSON.parse(saved) as ShellState);
      proc.env = dict(Object.entries(JSON.parse(savedEnv) as Record<string, string>));
      proc.cwd = cwd;
      proc.root = root;
    }
  }

  private async runSimple(cmd: SimpleCommand, io: IO): Promise<number> {
    this.substitutionStatus = undefined;
    const argv = await this.expandWords(cmd.words, io);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, await this.expandWordText(a.value, io)]);
    if (argv.length === 0) {
      // With no command name, the status is the last command substitution's (`x=$(false)` is 1).
      const status = this.substitutionStatus ?? 0;
      for (const [k, v] of assigns) this.setVar(k, v);
      if (cmd.redirects.length) return this.withRedirects(cmd.redirects, io, 'bash', false, async () => status);
      return status;
    }
    const name = argv[0]!;
    const fn = this.state.functions[name] as Command | undefined;
    if (fn) return this.withRedirects(cmd.redirects, io, name, true, (rio) => this.callFunction(name, fn, argv.slice(1), rio));
    const builtin = BUILTINS.get(name);
    if (builtin) {
      return this.withRedirects(cmd.redirects, io, name, true, async (rio) => {
        const saved = assigns.map(([k]) => [k, this.state.vars[k]] as const);
        for (const [k, v] of assigns) this.state.vars[k] = v;
        try {
          return await builtin.run(this.context(this.proc, argv, rio));
        } finally {
          this.reportStopped(rio, this.proc, name);
          for (const [k, v] of saved) if (v === undefined) delete this.state.vars[k];
          else this.state.vars[k] = v;
        }
      });
    }
    return this.withRedirects(cmd.redirects, io, name, false, (rio) =>
      this.execProgram(argv, rio, { proc: assigns.length ? { env: dict([...Object.entries(this.proc.env), ...assigns]) } : undefined }),
    );
  }

  private async callFunction(name: string, body: Command, args: string[], io: IO): Promise<number> {
    if (this.depth + this.funcDepth + 1 > LIMITS.shellDepth) {
      io.stderr.write(`${this.errPrefix()}${name}: maximum function nesting level exceeded (${LIMITS.shellDepth})\n`);
      return 1;
    }
    const saved = this.state.positional;
    this.state.positional = args;
    this.funcDepth++;
    try {
      return await this.runCommand(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.funcDepth--;
      this.state.positional = saved;
    }
  }

  /** The context a program or builtin runs with. */
  context(proc: Process, argv: string[], io: IO): CommandContext {
    const stdin = io.stdinRef ? io.stdinRef.text : io.stdin;
    const cut = io.stdinCut;
    return {
      world: this.world,
      proc,
      argv,
      args: argv.slice(1),
      get stdin() {
        if (cut) cut.hit = true;
        return stdin;
      },
      stdinPrefix(end) {
        const n = end(stdin);
        if (cut && n > stdin.length) cut.hit = true;
        return stdin.slice(0, n);
      },
      stdinRef: io.stdinRef,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: io.tty,
      stdoutTty: io.stdoutTty === true,
      signal: this.world.signal,
      shell: this,
      exec: (childArgv, opts) => this.execProgram(childArgv, io, { ...opts, background: opts?.background ?? io.background }, proc),
    };
  }

  /** The dynamic loader and libraries a program needs, looked up in `proc`'s root; the first one missing. */
  private missingLibrary(program: string, proc: Process): { loader: boolean; lib?: string } | undefined {
    const fsRoot = this.world.state.fs.nsRoots?.[proc.ns.mnt];
    if (proc.root === '/' && fsRoot === undefined) return undefined;
    if (!sys.exists(this.world, proc, LOADER)) return { loader: true };
    for (const lib of librariesOf(program)) {
      if (!LIBRARY_PATH.some((dir) => sys.exists(this.world, proc, `${dir}/${lib}`))) return { loader: false, lib };
    }
    return undefined;
  }

  /**
   * fork+exec: finds the program on PATH in the child's root, runs it as a new process,
   * and reaps it unless it became (or leads to) an interactive shell in the session.
   */
  async execProgram(argv: string[], io: IO, opts: ExecOptions = {}, parent: Process = this.proc, onSpawn?: (child: Process) => void): Promise<number> {
    const name = argv[0] ?? '';
    const world = this.world;
    const overrides = opts.proc ?? {};
    // Look the program up as the child will see the filesystem.
    const viewer = { ...parent, ...overrides } as Process;
    // A program started by another program (sudo, env, chroot) searches the child's PATH, not the shell's.
    const found = this.findExecutable(name, viewer, parent === this.proc && !overrides.env ? undefined : (viewer.env.PATH ?? '/bin:/usr/bin'));
    if (typeof found === 'string') {
      const msg = opts.notFound?.(name, found === 'EACCES' ? 'EACCES' : 'ENOENT');
      if (msg) io.stderr.write(msg);
      else if (found === 'notfound') io.stderr.write(`${this.errPrefix()}${name}: command not found\n`);
      else io.stderr.write(`${this.errPrefix()}${name}: ${found === 'EACCES' ? 'Permission denied' : found === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`);
      return found === 'notfound' || found === 'ENOENT' ? 127 : 126;
    }
    if (found.program) {
      const missing = this.missingLibrary(found.program, viewer);
      if (missing?.loader) {
        const msg = opts.notFound?.(name, 'ENOENT');
        io.stderr.write(msg ?? `${this.errPrefix()}${found.path}: cannot execute: required file not found\n`);
        return 127;
      }
      if (missing?.lib) {
        io.stderr.write(`${name}: error while loading shared libraries: ${missing.lib}: cannot open shared object file: No such file or directory\n`);
        return 127;
      }
    }
    let child: Process | undefined;
    for (let attempt = 0; !child; attempt++) {
      try {
        child = fork(world, parent, { comm: basename(found.path).slice(0, 15), argv, ...overrides });
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (attempt > 0) throw new ForkFailed(e.errno);
        try {
          await this.forkFailed(e.errno, io, () => {
            try {
              child = fork(world, parent, { comm: basename(found.path).slice(0, 15), argv, ...overrides });
              return true;
            } catch {
              return false;
            }
          });
        } catch (f) {
          if (!(f instanceof ForkRetried)) throw f;
        }
      }
    }
    onSpawn?.(child);
    let code: number;
    try {
      if (found.program) {
        const program = getProgram(found.program);
        if (!program) {
          io.stderr.write(`${this.errPrefix()}${name}: cannot execute binary file: Exec format error\n`);
          code = 126;
        } else {
          const background = opts.background || io.background;
          const pio: IO = { ...io, stdin: opts.stdin ?? io.stdin, stdinCut: opts.stdin === undefined ? io.stdinCut : undefined, background };
          const ctx = this.context(child, argv, pio);
          if (background) ctx.background = true;
          const running = child;
          code = await this.runProgramSafely(() => program.run(ctx), name, io);
          this.reportStopped(pio, running, basename(name));
          const signal = linux(world).killed[running.pid];
          if (signal !== undefined) {
            delete linux(world).killed[running.pid];
            if (!background) io.stderr.write(signal === 9 ? 'Killed\n' : signal === 15 ? 'Terminated\n' : '');
            code = 128 + signal;
          }
        }
      } else {
        const sub = new Shell(world, child.pid, this.depth + 1);
        sub.scriptName = name;
        sub.state.positional = argv.slice(1);
        try {
          code = await sub.run(found.text.replace(/^#![^\n]*\n/, ''), { ...io, tty: false, background: opts.background || io.background });
        } catch (e) {
          if (e instanceof ExitSignal) code = e.code;
          else if (e instanceof ForkFailed) code = 254;
          else throw e;
        }
      }
    } finally {
      const background = opts.background || io.background;
      // A background chain (unshare -> bash -> sleep) stays alive while its last process runs.
      if (background && world.state.procs.procs[child.pid] && !child.workload && this.hasLiveWorkload(child.pid)) child.workload = { kind: 'parent' };
      const keep = this.keepsSessionShell(child.pid) || (background && child.workload && world.state.procs.procs[child.pid]);
      if (!keep) {
        reap(world.state.procs, child.pid);
        delete world.state.shells[child.pid];
      }
    }
    return code & 0xff;
  }

  /**
   * After a program or builtin: says that it read a cut stdin to the end, or was stopped in
   * the middle of something endless (`yes`, `wc -c /dev/zero`), unless its own output was
   * cut and already said so. Into a pipe, the notice is left for the reader, which says it
   * only if it reads to the end (`tr -dc a-z < /dev/urandom | head -c 8` says nothing).
   */
  private reportStopped(io: IO, proc: Process, name: string): void {
    const endless = takeEndless(proc);
    const cut = io.stdinCut?.hit && !io.stdinCut.reported ? io.stdinCut : undefined;
    if (cut) cut.reported = true;
    const notice = cut ? cut.notice : endless ? stoppedMessage(name, endless) : undefined;
    if (!notice || io.stdout.truncated) return;
    if (io.stdout instanceof Pipe) io.stdout.stopped ??= notice;
    else io.stderr.write(notice);
  }

  /** An exception inside a program is a bug; report it as that command's error and keep the world usable. */
  private async runProgramSafely(run: () => Promise<number> | number, name: string, io: IO): Promise<number> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof Interrupted || e instanceof LoopControl || e instanceof ReturnSignal || e instanceof ForkFailed || e instanceof StepLimit) throw e;
      if (isSysError(e)) {
        io.stderr.write(`${name}: ${e.path ? `${e.path}: ` : ''}${strerror(e)}\n`);
        return 1;
      }
      io.stderr.write(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\nhatchway: this is a bug in the simulation; the world is still usable.\n`);
      return 1;
    }
  }

  /** A descendant of `pid` is a live background workload. */
  private hasLiveWorkload(pid: number): boolean {
    const procs = Object.values(this.world.state.procs.procs);
    const below = (p: number, depth: number): boolean => depth < 64 && procs.some((c) => c.ppid === p && c.pid !== p && (c.workload !== undefined || below(c.pid, depth + 1)));
    return below(pid, 0);
  }

  /** True if `pid` is a session shell or an ancestor of one (sudo → unshare → bash). */
  private keepsSessionShell(pid: number): boolean {
    const procs = this.world.state.procs.procs;
    for (const top of this.world.state.session.stack) {
      for (let p = procs[top]; p; p = procs[p.ppid]) {
        if (p.pid === pid) return true;
        if (p.ppid === p.pid) break;
      }
    }
    return false;
  }

  /** PATH lookup in `proc`'s view of the filesystem. */
  findExecutable(name: string, proc: Process, pathVar?: string): { path: string; program?: string; text: string } | 'notfound' | 'ENOENT' | 'EACCES' | 'EISDIR' {
    const candidates = name.includes('/') ? [name] : (pathVar ?? this.getVar('PATH') ?? proc.env.PATH ?? '').split(':').filter(Boolean).map((d) => `${d}/${name}`);
    if (!name) return 'notfound';
    for (const path of candidates) {
      let r;
      try {
        r = sys.stat(this.world, proc, path);
      } catch (e) {
        if (isSysError(e) && name.includes('/')) return e.errno === 'EACCES' ? 'EACCES' : 'ENOENT';
        continue;
      }
      if (r.node.type === 'dir') {
        if (name.includes('/')) return 'EISDIR';
        continue;
      }
      if (!hasPermission(r.node, proc, 1)) {
        if (name.includes('/')) return 'EACCES';
        continue;
      }
      const text = r.node.data ?? '';
      const program = programOf(text);
      if (isElf(text) && !program) return 'EACCES';
      return { path, program, text };
    }
    return name.includes('/') ? 'ENOENT' : 'notfound';
  }

  // ---- redirects ----

  private async withRedirects(redirects: Redirect[], io: IO, cmdName: string, builtin: boolean, fn: (io: IO) => Promise<number>): Promise<number> {
    if (redirects.length === 0) return fn(io);
    const rio: IO = { ...io };
    const files: { path: string; append: boolean; buf: BufferOutput | DeviceOutput }[] = [];
    const fds: Record<number, Output> = { 1: io.stdout, 2: io.stderr };
    for (const r of redirects) {
      if (r.heredoc || r.op === '<<<' || r.op === '<') {
        rio.stdinRef = undefined;
        rio.stdinCut = undefined;
      }
      if (r.heredoc) {
        rio.stdin = r.heredoc.expand ? await this.expandHeredoc(r.heredoc.body, io) : r.heredoc.body;
        rio.tty = false;
        continue;
      }
      // A target brace-expands (here-strings excepted), and must stay one word.
      const targets = r.op === '<<<' ? [r.target] : braceExpand(r.target, newBraceBudget());
      if (targets.length > 1) {
        io.stderr.write(`${this.errPrefix()}${r.text}: ambiguous redirect\n`);
        return 1;
      }
      const target = await this.expandWordText(targets[0]!, io);
      // bash itself opens /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N: they are its own descriptors.
      const own = /^\/dev\/(?:std(in|out|err)|fd\/(\d+))$/.exec(target);
      const ownFd = own ? (own[1] ? ['in', 'out', 'err'].indexOf(own[1]) : Number(own[2])) : undefined;
      if (ownFd === 0 && r.op === '<') continue;
      if (ownFd !== undefined && fds[ownFd] && r.op !== '<' && r.op !== '<<<' && r.op !== '<&') {
        if (r.op === '&>' || r.op === '&>>' || r.op === '>&') fds[1] = fds[2] = fds[ownFd]!;
        else fds[r.fd] = fds[ownFd]!;
        continue;
      }
      if (r.op === '<<<') {
        rio.stdin = target + '\n';
        rio.tty = false;
      } else if (r.op === '<') {
        try {
          rio.stdin = sys.readFile(this.world, this.proc, target);
          rio.tty = false;
          const endless = takeEndless(this.proc);
          if (endless) rio.stdinCut = { notice: stoppedMessage(cmdName, endless) };
        } catch (e) {
          if (!isSysError(e)) throw e;
          io.stderr.write(`${this.errPrefix()}${target}: ${strerror(e)}\n`);
          return 1;
        }
      } else if (r.op === '>&' || r.op === '<&') {
        if (target === '-') fds[r.fd] = NULL_OUTPUT;
        else if (/^\d+$/.test(target) && fds[Number(target)]) fds[r.fd] = fds[Number(target)]!;
        else if (r.op === '>&' && !/^\d+$/.test(target)) {
          const f = this.openForWrite(target, false, io);
          if (!f) return 1;
          files.push(f);
          fds[1] = fds[2] = f.buf;
        } else {
          io.stderr.write(`${this.errPrefix()}${target}: Bad file descriptor\n`);
          return 1;
        }
      } else {
        const f = this.openForWrite(target, r.op === '>>' || r.op === '&>>', io);
        if (!f) return 1;
        files.push(f);
        if (r.op === '&>' || r.op === '&>>') fds[1] = fds[2] = f.buf;
        else fds[r.fd] = f.buf;
      }
    }
    if (fds[1] !== io.stdout) rio.stdoutTty = false;
    rio.stdout = fds[1]!;
    rio.stderr = fds[2]!;
    let status = await fn(rio);
    for (const f of files) {
      try {
        sys.writeFile(this.world, this.proc, f.path, f.buf.text, f.append);
      } catch (e) {
        if (!isSysError(e)) throw e;
        io.stderr.write(`${builtin ? this.errPrefix() : ''}${cmdName}: write error: ${strerror(e)}\n`);
        status = 1;
      }
    }
    return (this.state.status = status);
  }

  /** Opens a redirect target: truncates a regular file now (as bash does before the command runs). */
  private openForWrite(path: string, append: boolean, io: IO): { path: string; append: boolean; buf: BufferOutput | DeviceOutput } | undefined {
    try {
      const existing = sys.exists(this.world, this.proc, path) ? sys.stat(this.world, this.proc, path) : undefined;
      if (existing?.node.type === 'dir') throw new SysError('EISDIR', path);
      const special = existing?.node.synthetic !== undefined || existing?.node.type === 'chardev';
      // open(O_WRONLY) checks the mode before anything is written (cgroup files are root's).
      if (existing?.node.synthetic && !hasPermission(existing.node, sys.pathContext(this.proc), 2)) throw new SysError('EACCES', path);
      if (!special) sys.writeFile(this.world, this.proc, path, '', append);
      const buf = existing?.node.type === 'chardev' ? new DeviceOutput() : new BufferOutput(LIMITS.fileBytes + 1);
      return { path, append: append || !special, buf };
    } catch (e) {
      if (!isSysError(e)) throw e;
      io.stderr.write(`${this.errPrefix()}${path}: ${strerror(e)}\n`);
      return undefined;
    }
  }

  // ---- expansion ----

  private async expandHeredoc(body: string, io: IO): Promise<string> {
    // Expand $VAR, ${...}, $(...) and $((...)) in the body as a double-quoted string would.
    let out = '';
    const word = parseDoubleQuotedText(body);
    for (const part of word.parts) out += await this.partText(part, io);
    return out;
  }

  private async partText(part: Word['parts'][number], io: IO): Promise<string> {
    switch (part.type) {
      case 'lit':
        return part.value;
      case 'tilde':
        return this.tilde(part.user);
      case 'var':
        return this.varValue(part, io);
      case 'cmdsub':
        return this.commandSubstitution(part.script, io);
      case 'arith':
        return String(this.arith(part.expr));
    }
  }

  /** `~` is $HOME; `~name` is that user's home from /etc/passwd, or stays as typed for an unknown user. */
  private tilde(user: string): string {
    if (!user) return this.getVar('HOME') ?? '/';
    return userByName(this.world.state.fs, user, String(this.proc.ns.mnt))?.home ?? `~${user}`;
  }

  private async varValue(part: Extract<Word['parts'][number], { type: 'var' }>, io: IO): Promise<string> {
    const v = this.getVar(part.name);
    switch (part.op) {
      case '#':
        return String((v ?? '').length);
      case ':-':
        return v ? v : part.arg ? await this.expandWordText(part.arg, io) : '';
      case '-':
        return v !== undefined ? v : part.arg ? await this.expandWordText(part.arg, io) : '';
      case ':=': {
        if (v) return v;
        const d = part.arg ? await this.expandWordText(part.arg, io) : '';
        this.setVar(part.name, d);
        return d;
      }
      case ':+':
        return v ? (part.arg ? await this.expandWordText(part.arg, io) : '') : '';
      default:
        return v ?? '';
    }
  }

  arith(expr: string): number {
    return evalArith(expr, (n) => this.getVar(n), (n, v) => this.setVar(n, String(v)));
  }

  private async commandSubstitution(script: Script, io: IO): Promise<string> {
    if (this.depth + 1 > LIMITS.shellDepth) throw new ArithError('maximum nesting of command substitutions exceeded');
    const out = new BufferOutput();
    const sio: IO = { stdin: '', stdout: out, stderr: io.stderr, tty: false, stdoutTty: false };
    const status = await this.inSubshell(() => this.abandonOnExpansionError(() => this.runScript(script, sio), sio));
    this.state.status = status;
    this.substitutionStatus = status;
    if (out.truncated) io.stderr.write(TRUNCATED_MESSAGE);
    return out.text.replace(/\n+$/, '');
  }

  /** A word expanded without field splitting or globbing (assignments, redirect targets). */
  async expandWordText(word: Word, io: IO): Promise<string> {
    let out = '';
    for (const part of word.parts) out += await this.partText(part, io);
    return out;
  }

  /** A `case` pattern: quoted parts match literally. */
  private async expandPattern(word: Word, io: IO): Promise<string> {
    let out = '';
    for (const part of word.parts) {
      const t = await this.partText(part, io);
      out += part.type === 'lit' && !part.quoted ? t : t.replace(/[*?[\]\\]/g, '\\$&');
    }
    return out;
  }

  /** Full expansion: braces, then parameters and substitutions, field splitting, then pathname globbing. */
  async expandWords(words: Word[], io: IO): Promise<string[]> {
    const out: string[] = [];
    const budget = newBraceBudget();
    for (const w of words) for (const b of braceExpand(w, budget)) out.push(...(await this.expandWord(b, io)));
    return out;
  }

  private async expandWord(word: Word, io: IO): Promise<string[]> {
    type Field = { text: string; pattern: string; glob: boolean; keep: boolean };
    const fields: Field[] = [];
    let cur: Field | undefined;
    const ensure = (): Field => (cur ??= { text: '', pattern: '', glob: false, keep: false });
    const addText = (t: string, quoted: boolean) => {
      const f = ensure();
      f.text += t;
      f.pattern += quoted ? t.replace(/[*?[\]\\]/g, '\\$&') : t;
      if (quoted) f.keep = true;
      else if (hasGlob(t)) f.glob = true;
    };
    for (const part of word.parts) {
      if (part.type === 'lit') addText(part.value, part.quoted);
      else if (part.type === 'tilde') addText(this.tilde(part.user), true);
      else if (part.type === 'var' && part.quoted && part.name === '@' && !part.op) {
        const pos = this.state.positional;
        pos.forEach((p, i) => {
          if (i > 0 && cur) {
            fields.push(cur);
            cur = undefined;
          }
          addText(p, true);
        });
      } else {
        const value = await this.partText(part, io);
        if (part.quoted) {
          addText(value, true);
          continue;
        }
        const pieces = value.split(/[ \t\n]+/);
        pieces.forEach((piece, i) => {
          if (i > 0 && cur) {
            fields.push(cur);
            cur = undefined;
          }
          if (piece) addText(piece, false);
        });
      }
    }
    if (cur) fields.push(cur);
    const result: string[] = [];
    for (const f of fields) {
      if (!f.text && !f.keep) continue;
      if (f.glob) {
        const matches = expandGlob(f.pattern, (dir) => {
          try {
            return sys.readdir(this.world, this.proc, dir);
          } catch {
            return undefined;
          }
        });
        if (matches.length) {
          result.push(...matches);
          continue;
        }
      }
      result.push(f.text);
    }
    return result;
  }
}

/** A successful retry inside forkFailed(). */
class ForkRetried extends Error {}

/** The command text bash shows in job notifications (`sleep 30`, `stress --cpu 1`). */
function describe(item: AndOr): string {
  const cmd = (c: Command): string => {
    if (c.type !== 'simple') return c.type === 'function' ? c.name : '...';
    return c.words.map((w) => w.parts.map((p) => (p.type === 'lit' ? p.value : p.type === 'var' ? `$${p.name}` : p.type === 'tilde' ? `~${p.user}` : '$(...)')).join('')).join(' ');
  };
  const pipe = (p: Pipeline) => (p.negate ? '! ' : '') + p.commands.map(cmd).join(' | ');
  return [pipe(item.first), ...item.rest.map((r) => `${r.op} ${pipe(r.pipeline)}`)].join(' ');
}

function basename(p: string): string {
  return p.split('/').filter(Boolean).pop() ?? p;
}

function restoreDict(s: ShellState): ShellState {
  return { vars: dict(Object.entries(s.vars)), status: s.status, functions: dict(Object.entries(s.functions)), positional: s.positional };
}

/** Parses heredoc text as the inside of double quotes. */
function parseDoubleQuotedText(body: string): Word {
  // The parser's double-quote reader handles $, ` and backslash escapes; a quote character
  // in a heredoc is ordinary text, so escape it before handing the body over.
  const escaped = body.replace(/\\(?![$`\\\n])/g, '\\\\').replace(/"/g, '\\"');
  const script = parse(`: "${escaped}"`);
  const cmd = script.items[0]?.first.commands[0];
  if (cmd?.type !== 'simple' || !cmd.words[1]) return { parts: [{ type: 'lit', value: body, quoted: true }] };
  return cmd.words[1];
}

