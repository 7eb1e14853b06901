/**
 * Shell builtins: commands that change or read the shell itself (cd, export, exit...) and
 * so run inside the shell process rather than as a child.
 */
import { isSysError, strerror } from '../kernel/errors.ts';
import * as sys from '../kernel/syscalls.ts';
import { allPrograms } from './registry.ts';
import { ExitSignal, ReturnSignal } from './signals.ts';
import { formatPrintf, interpretEscapes } from './printf.ts';
import { evalTest } from './test-expr.ts';
import { fg, jobs, kill, waitBuiltin } from './jobs.ts';
import type { CommandContext, Program } from './types.ts';

type Builtin = Program;

const cd: Builtin = {
  name: 'cd',
  summary: 'Change the shell working directory.',
  run(ctx) {
    const sh = ctx.shell;
    const args = ctx.args.filter((a) => a !== '--');
    if (args.length > 1) {
      ctx.stderr.write(ctx.shell.errPrefix() + 'cd: too many arguments\n');
      return 1;
    }
    let target = args[0] ?? sh.getVar('HOME');
    if (target === undefined) {
      ctx.stderr.write(ctx.shell.errPrefix() + 'cd: HOME not set\n');
      return 1;
    }
    if (target === '-') {
      target = sh.getVar('OLDPWD') ?? '';
      if (!target) {
        ctx.stderr.write(ctx.shell.errPrefix() + 'cd: OLDPWD not set\n');
        return 1;
      }
      ctx.stdout.write(target + '\n');
    }
    const old = sys.getcwd(ctx.proc);
    try {
      sys.chdir(ctx.world, ctx.proc, target);
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`${ctx.shell.errPrefix()}cd: ${target}: ${strerror(e)}\n`);
      return 1;
    }
    sh.setVar('OLDPWD', old);
    sh.setVar('PWD', sys.getcwd(ctx.proc));
    return 0;
  },
};

const pwd: Builtin = {
  name: 'pwd',
  summary: 'Print the name of the current working directory.',
  run(ctx) {
    ctx.stdout.write(sys.getcwd(ctx.proc) + '\n');
    return 0;
  },
};

const echo: Builtin = {
  name: 'echo',
  summary: 'Write arguments to the standard output.',
  run(ctx) {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < ctx.args.length; i++) {
      const a = ctx.args[i]!;
      if (!/^-[neE]+$/.test(a)) break;
      for (const f of a.slice(1)) {
        if (f === 'n') newline = false;
        else if (f === 'e') escapes = true;
        else escapes = false;
      }
    }
    let text = ctx.args.slice(i).join(' ');
    if (escapes) {
      const r = interpretEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.stdout.write(newline ? text + '\n' : text);
    return 0;
  },
};

const printf: Builtin = {
  name: 'printf',
  summary: 'Format and print arguments under control of a format.',
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stderr.write('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const r = formatPrintf(ctx.args[0]!, ctx.args.slice(1));
    ctx.stdout.write(r.text);
    for (const e of r.errors) ctx.stderr.write(`${ctx.shell.errPrefix()}printf: ${e}\n`);
    return r.errors.length ? 1 : 0;
  },
};

const exportB: Builtin = {
  name: 'export',
  summary: 'Set export attribute for shell variables.',
  run(ctx) {
    const args = ctx.args.filter((a) => a !== '-n' && a !== '--');
    if (args.length === 0 || ctx.args[0] === '-p') {
      for (const k of Object.keys(ctx.proc.env).sort()) ctx.stdout.write(`declare -x ${k}="${ctx.proc.env[k]!.replace(/(["\\$`])/g, '\\$1')}"\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(a);
      if (!m) {
        ctx.stderr.write(`${ctx.shell.errPrefix()}export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      ctx.shell.exportVar(m[1]!, m[2]);
    }
    return status;
  },
};

const unset: Builtin = {
  name: 'unset',
  summary: 'Unset values and attributes of shell variables and functions.',
  run(ctx) {
    for (const a of ctx.args) {
      if (a === '-v') continue;
      if (a === '-f') continue;
      ctx.shell.unsetVar(a);
      delete ctx.shell.state.functions[a];
    }
    return 0;
  },
};

const exit: Builtin = {
  name: 'exit',
  summary: 'Exit the shell.',
  run(ctx) {
    const a = ctx.args[0];
    if (a !== undefined && !/^-?\d+$/.test(a)) {
      ctx.stderr.write(`${ctx.shell.errPrefix()}exit: ${a}: numeric argument required\n`);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(a === undefined ? ctx.shell.state.status : Number(a) & 0xff);
  },
};

const returnB: Builtin = {
  name: 'return',
  summary: 'Return from a shell function.',
  run(ctx) {
    if (ctx.shell.funcDepth === 0 && ctx.shell.sourceDepth === 0) {
      ctx.stderr.write(ctx.shell.errPrefix() + "return: can only `return' from a function or sourced script\n");
      return 2;
    }
    throw new ReturnSignal(ctx.args[0] ? Number(ctx.args[0]) & 0xff : ctx.shell.state.status);
  },
};

const loop = (kind: 'break' | 'continue'): Builtin => ({
  name: kind,
  summary: kind === 'break' ? 'Exit for, while, or until loops.' : 'Resume for, while, or until loops.',
  run(ctx): number {
    if (ctx.shell.loopDepth === 0) {
      ctx.stderr.write(`${ctx.shell.errPrefix()}${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    return ctx.shell.loopControl(kind, Math.min(ctx.shell.loopDepth, Math.max(1, Number(ctx.args[0] ?? 1) || 1)));
  },
});

const history: Builtin = {
  name: 'history',
  summary: 'Display the command history list.',
  run(ctx) {
    if (ctx.args[0] === '-c') {
      ctx.world.state.history = [];
      return 0;
    }
    const all = ctx.world.state.history;
    const n = ctx.args[0] ? Number(ctx.args[0]) : all.length;
    if (!Number.isInteger(n) || n < 0) {
      ctx.stderr.write(`${ctx.shell.errPrefix()}history: ${ctx.args[0]}: numeric argument required\n`);
      return 1;
    }
    const start = Math.max(0, all.length - n);
    for (let i = start; i < all.length; i++) ctx.stdout.write(`${String(i + 1).padStart(5)}  ${all[i]}\n`);
    return 0;
  },
};

const help: Builtin = {
  name: 'help',
  summary: 'Display information about commands.',
  run(ctx) {
    const onPath = allPrograms().filter((p) => ctx.shell.findExecutable(p.name, ctx.proc) !== 'notfound');
    const width = Math.max(...[...BUILTINS.keys(), ...onPath.map((p) => p.name)].map((n) => n.length)) + 2;
    ctx.stdout.write('Hatchway shell: a bash subset running in your browser. Nothing here touches a real machine.\n');
    ctx.stdout.write('Syntax: quoting, $VAR, $(...), $((...)), | && || ;, > >> < << (heredocs), if/for/while/case, functions.\n\n');
    ctx.stdout.write('Shell builtins:\n');
    for (const b of [...BUILTINS.values()].sort((a, b) => a.name.localeCompare(b.name))) ctx.stdout.write(`  ${b.name.padEnd(width)}${b.summary}\n`);
    ctx.stdout.write('\nPrograms on PATH:\n');
    for (const p of onPath) ctx.stdout.write(`  ${p.name.padEnd(width)}${p.summary}\n`);
    ctx.stdout.write('\nMost programs print their own help with --help.\n');
    return 0;
  },
};

const trueB: Builtin = { name: 'true', summary: 'Return a successful result.', run: () => 0 };
const falseB: Builtin = { name: 'false', summary: 'Return an unsuccessful result.', run: () => 1 };
const colon: Builtin = { name: ':', summary: 'Null command; always succeeds.', run: () => 0 };

const test: Builtin = {
  name: 'test',
  summary: 'Evaluate conditional expression.',
  run(ctx) {
    return runTest(ctx, ctx.args);
  },
};

const bracket: Builtin = {
  name: '[',
  summary: 'Evaluate conditional expression (needs a closing ]).',
  run(ctx) {
    if (ctx.args[ctx.args.length - 1] !== ']') {
      ctx.stderr.write(ctx.shell.errPrefix() + "[: missing `]'\n");
      return 2;
    }
    return runTest(ctx, ctx.args.slice(0, -1));
  },
};

function runTest(ctx: CommandContext, args: string[]): number {
  const r = evalTest(args, (path) => {
    try {
      return sys.stat(ctx.world, ctx.proc, path, false);
    } catch {
      return undefined;
    }
  }, ctx.proc, (path) => {
    try {
      return sys.stat(ctx.world, ctx.proc, path);
    } catch {
      return undefined;
    }
  });
  if (typeof r === 'string') {
    ctx.stderr.write(`${ctx.shell.errPrefix()}${ctx.argv[0]}: ${r}\n`);
    return 2;
  }
  return r ? 0 : 1;
}

const type: Builtin = {
  name: 'type',
  summary: 'Display information about command type.',
  run(ctx) {
    let status = 0;
    for (const name of ctx.args) {
      if (ctx.shell.state.functions[name]) ctx.stdout.write(`${name} is a function\n`);
      else if (BUILTINS.has(name)) ctx.stdout.write(`${name} is a shell builtin\n`);
      else {
        const found = ctx.shell.findExecutable(name, ctx.proc);
        if (typeof found === 'object') ctx.stdout.write(`${name} is ${found.path}\n`);
        else {
          ctx.stderr.write(`${ctx.shell.errPrefix()}type: ${name}: not found\n`);
          status = 1;
        }
      }
    }
    return status;
  },
};

const read: Builtin = {
  name: 'read',
  summary: 'Read a line from the standard input and split it into fields.',
  run(ctx) {
    const names = ctx.args.filter((a) => !a.startsWith('-'));
    // One line: a read that finds no newline wants more, which matters on a cut pipe.
    const taken = ctx.stdinPrefix((text) => {
      const nl = text.indexOf('\n');
      return nl === -1 ? Infinity : nl + 1;
    });
    const complete = taken.endsWith('\n');
    const line = complete ? taken.slice(0, -1) : taken;
    // Consume the line, so the next read in the same loop gets the next one.
    if (ctx.stdinRef) ctx.stdinRef.text = ctx.stdinRef.text.slice(taken.length);
    const vars = names.length ? names : ['REPLY'];
    const fields = line.trim().split(/[ \t]+/);
    vars.forEach((v, i) => ctx.shell.setVar(v, i === vars.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
    // bash's read fails at end of file, even after a last line without a newline.
    return complete ? 0 : 1;
  },
};

const source: Builtin = {
  name: 'source',
  summary: 'Execute commands from a file in the current shell.',
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) {
      ctx.stderr.write(ctx.shell.errPrefix() + 'source: filename argument required\nsource: usage: source filename [arguments]\n');
      return 2;
    }
    let text: string;
    try {
      text = sys.readFile(ctx.world, ctx.proc, file);
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`${ctx.shell.errPrefix()}${file}: ${strerror(e)}\n`);
      return 1;
    }
    ctx.shell.sourceDepth++;
    try {
      return await ctx.shell.run(text, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: false });
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      ctx.shell.sourceDepth--;
    }
  },
};

const evalB: Builtin = {
  name: 'eval',
  summary: 'Execute arguments as a shell command.',
  run(ctx) {
    return ctx.shell.run(ctx.args.join(' '), { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: ctx.tty });
  },
};

const shift: Builtin = {
  name: 'shift',
  summary: 'Shift positional parameters.',
  run(ctx) {
    const n = Number(ctx.args[0] ?? 1);
    const pos = ctx.shell.state.positional;
    if (n > pos.length) return 1;
    ctx.shell.state.positional = pos.slice(n);
    return 0;
  },
};

const local: Builtin = {
  name: 'local',
  summary: 'Define local variables.',
  run(ctx) {
    for (const a of ctx.args) {
      const [k, ...v] = a.split('=');
      ctx.shell.setVar(k!, v.join('='));
    }
    return 0;
  },
};

const set: Builtin = {
  name: 'set',
  summary: 'Set or unset values of shell options and positional parameters.',
  run(ctx) {
    if (ctx.args.length === 0) {
      const vars = ctx.shell.state.vars;
      for (const k of Object.keys(vars).sort()) ctx.stdout.write(`${k}=${vars[k]}\n`);
      return 0;
    }
    const dash = ctx.args.indexOf('--');
    if (dash !== -1) ctx.shell.state.positional = ctx.args.slice(dash + 1);
    // Options such as -e, -u and -o pipefail are accepted; this shell does not change behaviour for them.
    return 0;
  },
};

export const BUILTINS: Map<string, Builtin> = new Map(
  [cd, pwd, echo, printf, exportB, unset, exit, returnB, loop('break'), loop('continue'), history, help, trueB, falseB, colon, test, bracket, type, read, source, { ...source, name: '.' }, evalB, shift, local, set, kill, jobs, waitBuiltin, fg].map((b) => [b.name, b]),
);
