/**
 * Simulated load generators: stress(1) (cpu and vm workers), memhog (one allocation), and
 * top(1) in batch mode. They act through the kernel's cgroup accounting, so limits bite.
 */
import { clockDate } from '../../clock.ts';
import { allocate, cpuRates, killProcess, MEM_TOTAL, memoryCurrent, NCPU, parseMemory } from '../../kernel/cgroup.ts';
import { idInNs } from '../../kernel/namespaces.ts';
import { pidIn, type Process } from '../../kernel/process.ts';
import { visibleProcs } from '../../kernel/procfs.ts';
import { userName } from '../../kernel/users.ts';
import { exitProcess, fork } from '../../kernel/workloads.ts';
import { linux } from '../../kernel/state.ts';
import { isSysError } from '../../kernel/errors.ts';
import { LIMITS } from '../../limits.ts';
import { wait } from '../../time.ts';
import { Interrupted } from '../signals.ts';
import type { CommandContext, Program } from '../types.ts';
import { memOf, NO_PROC, procfsNs } from './ps.ts';

function parseDurationArg(s: string): number | undefined {
  const m = /^(\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as ''];
}

/** Waits for a foreground workload: until `ms`, or until Ctrl-C (bounded in scripted use). */
async function runFor(ctx: CommandContext, ms: number | undefined): Promise<'done' | 'interrupted' | 'capped'> {
  const world = ctx.world;
  const total = ms ?? (world.host.sleep ? Infinity : LIMITS.foregroundWorkloadMs);
  try {
    for (let left = total; left > 0; left -= 1000) await wait(world, Math.min(1000, left));
  } catch (e) {
    if (e instanceof Interrupted) return 'interrupted';
    throw e;
  }
  return ms === undefined ? 'capped' : 'done';
}

const STRESS_HELP = `\`stress' imposes certain types of compute stress on your system

Usage: stress [OPTION [ARG]] ...
 -?, --help         show this help statement
     --version      show version statement
 -v, --verbose      be verbose
 -q, --quiet        be quiet
 -n, --dry-run      show what would have been done
 -t, --timeout N    timeout after N seconds
     --backoff N    wait factor of N microseconds before work starts
 -c, --cpu N        spawn N workers spinning on sqrt()
 -i, --io N         spawn N workers spinning on sync()
 -m, --vm N         spawn N workers spinning on malloc()/free()
     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)
     --vm-stride B  touch a byte every B bytes (default is 4096)
     --vm-hang N    sleep N secs before free (default none, 0 is inf)
     --vm-keep      redirty memory instead of freeing and reallocating
 -d, --hdd N        spawn N workers spinning on write()/unlink()
     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)

Example: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s

Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).
`;

export const stress: Program = {
  name: 'stress',
  summary: 'impose load on and stress test systems',
  async run(ctx) {
    const a = [...ctx.args];
    let cpu = 0;
    let vm = 0;
    let io = 0;
    let hdd = 0;
    let bytes = 256 * 1024 * 1024;
    let timeout: number | undefined;
    let quiet = false;
    for (let i = 0; i < a.length; i++) {
      const o = a[i]!;
      const val = () => a[++i] ?? '';
      const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : NaN);
      if (o === '-?' || o === '--help') {
        ctx.stdout.write(STRESS_HELP);
        return 0;
      } else if (o === '--version') {
        ctx.stdout.write('stress 1.0.7\n');
        return 0;
      } else if (o === '-c' || o === '--cpu') cpu = num(val());
      else if (o === '-m' || o === '--vm') vm = num(val());
      else if (o === '-i' || o === '--io') io = num(val());
      else if (o === '-d' || o === '--hdd') hdd = num(val());
      else if (o === '--vm-bytes') {
        const v = val();
        const b = parseMemory(v.replace(/B$/i, ''));
        if (b === undefined || b === null) {
          ctx.stderr.write(`stress: FAIL: [${pidIn(ctx.proc, ctx.proc.ns.pid)}] (244) invalid number: ${v}\n`);
          return 1;
        }
        bytes = b;
      } else if (o === '-t' || o === '--timeout') {
        const v = val();
        timeout = parseDurationArg(v);
        if (timeout === undefined) {
          ctx.stderr.write(`stress: FAIL: [${pidIn(ctx.proc, ctx.proc.ns.pid)}] (244) invalid time: ${v}\n`);
          return 1;
        }
      } else if (o === '-q' || o === '--quiet') quiet = true;
      else if (o === '-v' || o === '--verbose' || o === '--vm-keep' || o === '-n' || o === '--dry-run') continue;
      else if (o === '--vm-stride' || o === '--vm-hang' || o === '--hdd-bytes' || o === '--backoff') i++;
      else {
        ctx.stderr.write(`stress: FAIL: [${pidIn(ctx.proc, ctx.proc.ns.pid)}] (244) unrecognized option: ${o}\n`);
        return 1;
      }
      if ([cpu, vm, io, hdd].some((n) => Number.isNaN(n))) {
        ctx.stderr.write(`stress: FAIL: [${pidIn(ctx.proc, ctx.proc.ns.pid)}] (244) invalid number: ${a[i]}\n`);
        return 1;
      }
    }
    const me = pidIn(ctx.proc, ctx.proc.ns.pid) ?? ctx.proc.pid;
    if (cpu + vm + io + hdd === 0) {
      ctx.stdout.write(STRESS_HELP);
      return 1;
    }
    if (!quiet) ctx.stdout.write(`stress: info: [${me}] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
    const world = ctx.world;
    const until = timeout !== undefined ? world.now + timeout : undefined;
    const workers: Process[] = [];
    const started = world.now;
    const failRun = (worker: Process) => {
      const wpid = pidIn(worker, ctx.proc.ns.pid) ?? worker.pid;
      ctx.stderr.write(`stress: FAIL: [${me}] (415) <-- worker ${wpid} got signal 9\n`);
      ctx.stderr.write(`stress: WARN: [${me}] (417) now reaping child worker processes\n`);
      for (const w of workers) if (world.state.procs.procs[w.pid]) exitProcess(world, w.pid, 0);
      ctx.stderr.write(`stress: FAIL: [${me}] (451) failed run completed in ${Math.round((world.now - started) / 1000)}s\n`);
      return 1;
    };
    try {
      for (let i = 0; i < cpu + io + hdd + vm; i++) {
        const kind = i < cpu ? 'cpu' : i < cpu + io ? 'io' : i < cpu + io + hdd ? 'hdd' : 'vm';
        const w = fork(world, ctx.proc, { comm: 'stress', argv: ctx.argv });
        w.workload = { kind: `stress-${kind}`, cpu: kind === 'io' || kind === 'hdd' ? 0.2 : 1, dieWithParent: true, until };
        w.state = 'R';
        workers.push(w);
        if (kind === 'vm' && !allocate(world, w, bytes)) return failRun(w);
      }
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`stress: FAIL: [${me}] (420) <-- fork failed: Resource temporarily unavailable\n`);
      for (const w of workers) if (world.state.procs.procs[w.pid]) exitProcess(world, w.pid, 0);
      return 1;
    }
    if (ctx.background) {
      // The parent stays to supervise its workers; it ends with them.
      ctx.proc.workload = { kind: 'stress', cpu: 0, until };
      ctx.proc.state = 'S';
      return 0;
    }
    ctx.proc.state = 'S';
    const how = await runFor(ctx, timeout);
    const killed = workers.find((w) => linux(world).killed[w.pid] !== undefined);
    for (const w of workers) delete linux(world).killed[w.pid];
    if (killed && how !== 'interrupted') return failRun(killed);
    for (const w of workers) if (world.state.procs.procs[w.pid]) exitProcess(world, w.pid, 0);
    if (how === 'interrupted') throw new Interrupted('interrupted');
    if (how === 'capped') {
      ctx.stderr.write(`hatchway: stress has no --timeout; stopped after ${LIMITS.foregroundWorkloadMs / 1000}s of virtual time in this scripted run (in the terminal, press Ctrl-C)\n`);
      return 130;
    }
    if (!quiet) ctx.stdout.write(`stress: info: [${me}] successful run completed in ${Math.round((world.now - started) / 1000)}s\n`);
    return 0;
  },
};

export const memhog: Program = {
  name: 'memhog',
  summary: 'allocate memory (numactl test helper)',
  async run(ctx) {
    const args = ctx.args.filter((x) => !/^-[rf]/.test(x));
    if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
      ctx.stderr.write('memhog [-rNUM] size[kmg] [policy [nodeset]]\n-rNUM repeat memset NUM times\n-H disable transparent hugepages\n-f<filename> mmap is backed by a file\n');
      return 1;
    }
    const size = parseMemory(args[0]!.replace(/[bB]$/, '').toUpperCase());
    if (size === undefined || size === null) {
      ctx.stderr.write(`memhog: cannot parse size ${args[0]}\n`);
      return 1;
    }
    ctx.proc.state = 'R';
    // The page-by-page touching of real memhog is one allocation here; past memory.max the OOM killer ends it.
    if (!allocate(ctx.world, ctx.proc, size)) return 137;
    if (ctx.background) {
      ctx.proc.workload = { ...(ctx.proc.workload ?? { kind: 'memhog' }), kind: 'memhog', memBytes: size };
      ctx.proc.state = 'S';
      return 0;
    }
    ctx.stdout.write('.'.repeat(Math.min(64, Math.ceil(size / (1024 * 1024 * 16)))) + '\n');
    return 0;
  },
};

function uptime(ms: number): string {
  const m = Math.floor(ms / 60000);
  if (m < 60) return `${m} min`;
  return `${String(Math.floor(m / 60)).padStart(2)}:${String(m % 60).padStart(2, '0')}`;
}

export const top: Program = {
  name: 'top',
  summary: 'display Linux processes',
  async run(ctx) {
    const args = ctx.args.join(' ');
    if (/(^|\s)-h\b|--help/.test(args)) {
      ctx.stdout.write('  procps-ng 4.0.2\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n');
      return 0;
    }
    const bad = ctx.args.find((x) => /^-/.test(x) && !/^-[bcHiS1]*[dnpuUow]?\d*$/.test(x));
    if (bad) {
      ctx.stderr.write(`top: unknown option '${bad.replace(/^-+/, '').slice(0, 1)}'\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`);
      return 1;
    }
    const batch = /(^|\s)-\w*b/.test(args);
    const nMatch = /-\w*n\s*(\d+)/.exec(args);
    const iterations = nMatch ? Number(nMatch[1]) : batch ? (ctx.world.host.sleep ? Infinity : 1) : 1;
    if (!batch && !ctx.stdoutTty) {
      ctx.stderr.write('top: failed tty get\n');
      return 1;
    }
    const ns = procfsNs(ctx);
    if (ns === undefined) {
      ctx.stderr.write(NO_PROC);
      return 1;
    }
    const world = ctx.world;
    for (let it = 0; it < iterations; it++) {
      if (it > 0) {
        try {
          await wait(world, 3000);
        } catch (e) {
          if (e instanceof Interrupted) {
            ctx.signal.interrupted = false;
            return 0;
          }
          throw e;
        }
        ctx.stdout.write('\n');
      }
      const rates = cpuRates(world);
      const procs = visibleProcs(world, ns);
      const running = procs.filter((x) => (rates.get(x.proc.pid) ?? 0) > 0 || x.proc.pid === ctx.proc.pid).length;
      const stopped = procs.filter((x) => x.proc.state === 'T').length;
      const busy = [...rates.values()].reduce((a, b) => a + b, 0);
      const us = Math.min(100, (busy / NCPU) * 100);
      const d = clockDate(world.state.clock);
      const hms = d.toISOString().slice(11, 19);
      const totalMb = MEM_TOTAL / 1048576;
      const used = (memoryCurrent(world, '/') + 380_000 * 1024) / 1048576;
      const cache = 878.9;
      let out = `top - ${hms} up ${uptime(world.now + 3_600_000)},  1 user,  load average: ${(busy * 0.63).toFixed(2)}, ${(busy * 0.21).toFixed(2)}, ${(busy * 0.07).toFixed(2)}\n`;
      out += `Tasks: ${String(procs.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(procs.length - running - stopped).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped,   0 zombie\n`;
      out += `%Cpu(s): ${us.toFixed(1).padStart(4)} us,  0.0 sy,  0.0 ni,${(100 - us).toFixed(1).padStart(5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n`;
      out += `MiB Mem : ${totalMb.toFixed(1).padStart(8)} total, ${(totalMb - used - cache).toFixed(1).padStart(8)} free, ${used.toFixed(1).padStart(8)} used, ${cache.toFixed(1).padStart(8)} buff/cache     \n`;
      out += `MiB Swap:      0.0 total,      0.0 free,      0.0 used. ${(totalMb - used).toFixed(1).padStart(8)} avail Mem \n\n`;
      out += '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n';
      const rows = procs
        .map((x) => ({ ...x, rate: rates.get(x.proc.pid) ?? 0 }))
        .sort((a, b) => b.rate - a.rate || a.pid - b.pid);
      for (const r of rows) {
        const p = r.proc;
        const mem = memOf(p);
        const user = userName(world.state.fs, idInNs(world, ctx.proc.ns.user, p.uid));
        const cs = Math.floor((p.cpuUsec ?? 0) / 10_000);
        const time = `${Math.floor(cs / 6000)}:${String(Math.floor((cs % 6000) / 100)).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
        const state = p.pid === ctx.proc.pid || r.rate > 0 ? 'R' : p.state === 'T' ? 'T' : 'S';
        const u = user.length > 8 ? user.slice(0, 7) + '+' : user;
        out += `${String(r.pid).padStart(7)} ${u.padEnd(8)}  20   0 ${String(mem.vsz).padStart(7)} ${String(mem.rss).padStart(6)} ${String(Math.round(mem.rss * 0.7)).padStart(6)} ${state} ${(r.rate * 100).toFixed(1).padStart(5)} ${((mem.rss * 1024 * 100) / MEM_TOTAL).toFixed(1).padStart(5)} ${time.padStart(9)} ${p.comm}\n`;
      }
      ctx.stdout.write(out);
      void killProcess;
    }
    return 0;
  },
};
