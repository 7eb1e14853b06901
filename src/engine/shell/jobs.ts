/** Job and signal builtins: kill, jobs, wait, fg. */
import { killProcess } from '../kernel/cgroup.ts';
import { uidOf } from '../kernel/namespaces.ts';
import { INITIAL_NS, pidIn, type Process } from '../kernel/process.ts';
import { linux } from '../kernel/state.ts';
import { LIMITS } from '../limits.ts';
import { waitUntil } from '../time.ts';
import type { CommandContext, Program } from './types.ts';

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];
const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return Number(spec) >= 0 && Number(spec) <= 64 ? Number(spec) : undefined;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  const i = SIGNALS.indexOf(name);
  return i === -1 ? undefined : i + 1;
}

function myJobs(ctx: CommandContext) {
  return linux(ctx.world).jobs.filter((j) => j.shell === ctx.shell.pid);
}

/** Which pid a `kill` operand means, as the caller's pid namespace numbers it. */
function findTarget(ctx: CommandContext, n: number): Process | undefined {
  return Object.values(ctx.world.state.procs.procs).find((p) => pidIn(p, ctx.proc.ns.pid) === n);
}

/** Interactive shells ignore SIGTERM; the init of a pid namespace ignores signals from inside it. */
function ignores(ctx: CommandContext, target: Process, sig: number): boolean {
  const session = ctx.world.state.session.stack.includes(target.pid);
  if (session && sig !== 9) return true;
  if (target.pid === 1) return true;
  const nsPid = pidIn(target, target.ns.pid);
  return target.ns.pid !== INITIAL_NS.pid && nsPid === 1 && ctx.proc.ns.pid === target.ns.pid && sig !== 0;
}

export const kill: Program = {
  name: 'kill',
  summary: 'Send a signal to a job.',
  run(ctx) {
    const args = [...ctx.args];
    if (args[0] === '-l' || args[0] === '-L') {
      if (args[1]) {
        const n = Number(args[1]);
        ctx.stdout.write((Number.isInteger(n) ? SIGNALS[(n & 127) - 1] : signalNumber(args[1])) + '\n');
        return 0;
      }
      ctx.stdout.write(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).reduce((acc, cur, i) => acc + cur + ((i + 1) % 5 === 0 ? '\n' : '\t'), '').replace(/\t$/, '\n'));
      return 0;
    }
    let sig = 15;
    if (args[0] === '-s' || args[0] === '-n') {
      args.shift();
      const s = args.shift();
      const n = s === undefined ? undefined : signalNumber(s);
      if (n === undefined) {
        ctx.stderr.write(s === undefined ? `${ctx.shell.errPrefix()}kill: -s: option requires an argument\n${KILL_USAGE}` : `${ctx.shell.errPrefix()}kill: ${s}: invalid signal specification\n`);
        return s === undefined ? 2 : 1;
      }
      sig = n;
    } else if (args[0] !== undefined && args[0].startsWith('-') && args[0].length > 1 && args[0] !== '--') {
      const n = signalNumber(args[0]!.slice(1));
      if (n === undefined) {
        ctx.stderr.write(`${ctx.shell.errPrefix()}kill: ${args[0]!.slice(1)}: invalid signal specification\n`);
        return 1;
      }
      sig = n;
      args.shift();
    }
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      ctx.stderr.write(KILL_USAGE);
      return 2;
    }
    let status = 0;
    for (const a of args) {
      let target: Process | undefined;
      if (a.startsWith('%')) {
        const jobs = myJobs(ctx).filter((j) => j.state === 'Running');
        const spec = a.slice(1);
        const job = spec === '' || spec === '%' || spec === '+' ? jobs[jobs.length - 1] : spec === '-' ? jobs[jobs.length - 2] : jobs.find((j) => String(j.id) === spec);
        if (!job) {
          ctx.stderr.write(`${ctx.shell.errPrefix()}kill: ${a}: no such job\n`);
          status = 1;
          continue;
        }
        target = ctx.world.state.procs.procs[job.pid];
      } else if (/^-?\d+$/.test(a)) {
        target = findTarget(ctx, Math.abs(Number(a)));
        if (!target) {
          ctx.stderr.write(`${ctx.shell.errPrefix()}kill: (${a}) - No such process\n`);
          status = 1;
          continue;
        }
      } else {
        ctx.stderr.write(`${ctx.shell.errPrefix()}kill: ${a}: arguments must be process or job IDs\n`);
        status = 1;
        continue;
      }
      if (!target) continue;
      if (ctx.proc.uid !== 0 && uidOf(ctx.world, ctx.proc) !== 0 && target.uid !== ctx.proc.uid) {
        ctx.stderr.write(`${ctx.shell.errPrefix()}kill: (${a}) - Operation not permitted\n`);
        status = 1;
        continue;
      }
      if (sig === 0 || ignores(ctx, target, sig)) continue;
      if (sig === 19 || sig === 20) target.state = 'T';
      else if (sig === 18) target.state = target.workload?.cpu ? 'R' : 'S';
      else if (sig !== 17 && sig !== 28) killProcess(ctx.world, target.pid, sig);
    }
    return status;
  },
};

export const jobs: Program = {
  name: 'jobs',
  summary: 'Display status of jobs.',
  run(ctx) {
    const list = myJobs(ctx);
    const showPid = ctx.args.includes('-l') || ctx.args.includes('-p');
    list.forEach((j, i) => {
      const mark = i === list.length - 1 ? '+' : i === list.length - 2 ? '-' : ' ';
      if (ctx.args.includes('-p')) {
        ctx.stdout.write(`${j.pid}\n`);
        return;
      }
      const what = j.state === 'Exit' ? `Exit ${j.status ?? 1}` : j.state;
      ctx.stdout.write(`[${j.id}]${mark}  ${showPid ? `${j.pid} ` : ''}${what.padEnd(24)}${j.command}${j.state === 'Running' ? ' &' : ''}\n`);
      if (j.state !== 'Running') j.reported = true;
    });
    return 0;
  },
};

async function waitFor(ctx: CommandContext, pids: number[]): Promise<number> {
  const world = ctx.world;
  const done = () => pids.every((p) => !world.state.procs.procs[p]);
  // A job that never ends by itself (stress without --timeout) would wait forever; stop at the lab's bound.
  const ok = await waitUntil(world, done, LIMITS.settleMs);
  if (!ok) {
    ctx.stderr.write(`hatchway: still running after ${LIMITS.settleMs / 60000} minutes of virtual time; use kill to stop it\n`);
    return 1;
  }
  const job = linux(world).jobs.find((j) => j.pid === pids[pids.length - 1]);
  return job?.status ?? 0;
}

export const waitBuiltin: Program = {
  name: 'wait',
  summary: 'Wait for job completion and return exit status.',
  run(ctx) {
    const running = myJobs(ctx).filter((j) => j.state === 'Running').map((j) => j.pid);
    if (ctx.args.length === 0) return running.length ? waitFor(ctx, running).then(() => 0) : 0;
    const pids: number[] = [];
    for (const a of ctx.args) {
      const t = a.startsWith('%') ? myJobs(ctx).find((j) => String(j.id) === a.slice(1))?.pid : findTarget(ctx, Number(a))?.pid;
      if (t === undefined) {
        ctx.stderr.write(`${ctx.shell.errPrefix()}wait: pid ${a} is not a child of this shell\n`);
        return 127;
      }
      pids.push(t);
    }
    return waitFor(ctx, pids);
  },
};

export const fg: Program = {
  name: 'fg',
  summary: 'Move job to the foreground.',
  async run(ctx) {
    const list = myJobs(ctx).filter((j) => j.state === 'Running');
    const spec = ctx.args[0]?.replace(/^%/, '');
    const job = spec ? list.find((j) => String(j.id) === spec) : list[list.length - 1];
    if (!job) {
      ctx.stderr.write(`${ctx.shell.errPrefix()}fg: ${ctx.args[0] ?? 'current'}: no such job\n`);
      return 1;
    }
    ctx.stdout.write(job.command + '\n');
    job.reported = true;
    const code = await waitFor(ctx, [job.pid]);
    job.reported = true;
    return code;
  },
};
