/**
 * bash and sh as programs: `bash -c CMD`, `bash script.sh`, and an interactive child
 * shell when started from the terminal, which becomes the session's foreground shell
 * until `exit` (the way `unshare ... bash` and `chroot DIR` put the learner inside).
 */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { Shell } from '../interpreter.ts';
import { ExitSignal, ForkFailed } from '../signals.ts';
import type { CommandContext, Program } from '../types.ts';

async function runShell(ctx: CommandContext, name: string): Promise<number> {
  const args = ctx.args;
  if (args[0] === '--help') {
    ctx.stdout.write(`GNU bash, version 5.2.15(1)-release-(x86_64-pc-linux-gnu)\nUsage:\t${name} [GNU long option] [option] ...\n\t${name} [GNU long option] [option] script-file ...\nShell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n`);
    return 0;
  }
  if (args[0] === '--version') {
    ctx.stdout.write('GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n');
    return 0;
  }
  // bash's own option check, before anything runs.
  for (const a of args) {
    if (a === '-c' || !a.startsWith('-') || a === '-') break;
    const known = ['--login', '--norc', '--noprofile', '--posix', '--noediting', '-l', '-i', '-s', '-e', '-x', '-u', '-v', '-r'];
    if (!known.includes(a)) {
      ctx.stderr.write(`${name}: ${a}: invalid option\nUsage:\t${name} [GNU long option] [option] ...\n\t${name} [GNU long option] [option] script-file ...\nGNU long options:\n\t--debug\n\t--debugger\n\t--dump-po-strings\n\t--dump-strings\n\t--help\n\t--init-file\n\t--login\n\t--noediting\n\t--noprofile\n\t--norc\n\t--posix\n\t--pretty-print\n\t--rcfile\n\t--restricted\n\t--verbose\n\t--version\nShell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n`);
      return 2;
    }
  }
  const sh = new Shell(ctx.world, ctx.proc.pid, ctx.shell.depth + 1);
  const io = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: false, stdoutTty: ctx.stdoutTty, background: ctx.background };
  const run = async (source: string): Promise<number> => {
    try {
      return await sh.run(source, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      // A script whose fork fails exits, as non-interactive bash does.
      if (e instanceof ForkFailed) return 254;
      throw e;
    }
  };
  const rest = args.filter((a) => !['-l', '--login', '-i', '--norc', '--noprofile', '--posix', '--noediting'].includes(a));
  if (rest[0] === '-c') {
    if (rest[1] === undefined) {
      ctx.stderr.write(`${name}: -c: option requires an argument\n`);
      return 2;
    }
    // `bash -c CMD NAME ARGS...`: NAME is $0 (and names the shell in its messages), ARGS are $1...
    sh.state.positional = rest.slice(3);
    sh.scriptName = rest[2] ?? ctx.proc.argv[0] ?? ctx.argv[0];
    return run(rest[1]);
  }
  if (rest[0] !== undefined && !rest[0].startsWith('-')) {
    let text: string;
    try {
      text = sys.readFile(ctx.world, ctx.proc, rest[0]);
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`${name}: ${rest[0]}: ${strerror(e)}\n`);
      return 127;
    }
    sh.state.positional = rest.slice(1);
    sh.scriptName = rest[0];
    return run(text.replace(/^#![^\n]*\n/, ''));
  }
  if (ctx.tty) {
    // An interactive shell: it becomes the foreground of the terminal session.
    ctx.world.state.session.stack.push(ctx.proc.pid);
    // After `unshare --pid` without --fork, interactive bash's first fork at startup becomes
    // PID 1 of the new namespace and exits at once, so the namespace is already dead.
    const pending = ctx.proc.pidChildNs;
    const rec = pending !== undefined ? ctx.world.state.procs.pidns?.[pending] : undefined;
    if (rec && rec.init === undefined) {
      rec.init = -1;
      rec.dead = true;
    }
    return 0;
  }
  return run(ctx.stdin);
}

export const bash: Program = { name: 'bash', summary: 'GNU Bourne-Again SHell', run: (ctx) => runShell(ctx, 'bash') };
export const sh: Program = { name: 'sh', summary: 'command interpreter (shell)', run: (ctx) => runShell(ctx, 'sh') };
