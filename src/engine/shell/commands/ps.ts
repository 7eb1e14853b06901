/**
 * ps(1) from procps-ng 4: reads the process list through the /proc the caller sees, so
 * inside a new pid namespace it shows the host until /proc is mounted again.
 */
import { clockDate } from '../../clock.ts';
import { chargeOf, cpuRates, MEM_TOTAL } from '../../kernel/cgroup.ts';
import { idInNs } from '../../kernel/namespaces.ts';
import { INITIAL_NS, pidIn, type Process } from '../../kernel/process.ts';
import { cgroupPathFor, visibleProcs } from '../../kernel/procfs.ts';
import * as sys from '../../kernel/syscalls.ts';
import { userName } from '../../kernel/users.ts';
import type { World } from '../../world.ts';
import type { CommandContext, Program } from '../types.ts';

/** The pid namespace of the procfs mounted at /proc in the caller's view, or undefined if none is. */
export function procfsNs(ctx: CommandContext): number | undefined {
  const r = sys.lookup(ctx.world, ctx.proc, '/proc');
  const key = r?.node.synthetic;
  if (!key?.startsWith('proc:')) return undefined;
  return Number(key.slice(5, key.indexOf(':', 5)));
}

export const NO_PROC = 'Error, do this: mount -t proc proc /proc\n';

/** Virtual memory figures by program, in KiB: [VSZ, RSS]. */
const MEM: Record<string, [number, number]> = {
  systemd: [167_780, 12_416], 'systemd-journal': [48_916, 15_360], cron: [6_612, 2_688], sshd: [15_432, 9_216], bash: [8_236, 5_120], ps: [11_164, 4_480], top: [11_628, 5_376], sleep: [5_480, 1_024], stress: [3_704, 1_152], memhog: [2_580, 896],
};

export function memOf(p: Process): { vsz: number; rss: number } {
  const [vsz, rss] = MEM[p.comm] ?? [7_000, 3_000];
  const extra = Math.round((chargeOf(p) - 66 * 4096) / 1024);
  return { vsz: vsz + extra, rss: rss + extra };
}

export interface Row {
  proc: Process;
  pid: number;
  ppid: number;
}

function rowsFor(world: World, ns: number): Row[] {
  return visibleProcs(world, ns).map(({ pid, proc }) => {
    const parent = world.state.procs.procs[proc.ppid];
    return { proc, pid, ppid: parent ? (pidIn(parent, ns) ?? 0) : 0 };
  });
}

function cputime(usec: number, long: boolean): string {
  const s = Math.floor(usec / 1e6);
  if (long) {
    const d = Math.floor(s / 86400);
    const hms = `${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    return d ? `${d}-${hms}` : hms;
  }
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function startTime(world: World, at: number): string {
  const d = clockDate(world.state.clock, at);
  const now = clockDate(world.state.clock);
  if (now.getTime() - d.getTime() < 86_400_000) return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return d.toUTCString().slice(8, 11) + String(d.getUTCDate()).padStart(2, '0');
}

function etime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const mm = `${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  if (s < 3600) return mm;
  const h = Math.floor((s % 86400) / 3600);
  const d = Math.floor(s / 86400);
  return `${d ? `${d}-` : ''}${String(h).padStart(2, '0')}:${mm}`;
}

interface Column {
  header: string;
  width: number;
  left?: boolean;
  value(r: Row, ctx: CommandContext, rates: Map<number, number>): string;
}

function stat(r: Row, ctx: CommandContext): string {
  const p = r.proc;
  const leader = p.argv[0]?.startsWith('-') || (p.ppid <= 1 && p.pid !== ctx.proc.pid);
  let fg = false;
  for (let q: Process | undefined = ctx.proc; q; q = ctx.world.state.procs.procs[q.ppid]) if (q.pid === p.pid) fg = p.tty !== '?';
  return p.state + (leader ? 's' : '') + (fg ? '+' : '');
}

const COLUMNS: Record<string, Column> = {
  pid: { header: 'PID', width: 7, value: (r) => String(r.pid) },
  ppid: { header: 'PPID', width: 7, value: (r) => String(r.ppid) },
  uid: { header: 'UID', width: 5, value: (r, ctx) => String(idInNs(ctx.world, ctx.proc.ns.user, r.proc.uid)) },
  user: { header: 'USER', width: 8, left: true, value: (r, ctx) => userName(ctx.world.state.fs, idInNs(ctx.world, ctx.proc.ns.user, r.proc.uid), String(ctx.proc.ns.mnt)) },
  comm: { header: 'COMMAND', width: 15, left: true, value: (r) => r.proc.comm },
  args: { header: 'COMMAND', width: 27, left: true, value: (r) => r.proc.argv.join(' ') || `[${r.proc.comm}]` },
  cmd: { header: 'CMD', width: 27, left: true, value: (r) => r.proc.argv.join(' ') || `[${r.proc.comm}]` },
  stat: { header: 'STAT', width: 4, left: true, value: (r, ctx) => stat(r, ctx) },
  s: { header: 'S', width: 1, value: (r) => r.proc.state },
  pcpu: { header: '%CPU', width: 4, value: (r, ctx) => pcpu(r.proc, ctx) },
  pmem: { header: '%MEM', width: 4, value: (r) => ((memOf(r.proc).rss * 1024 * 100) / MEM_TOTAL).toFixed(1) },
  rss: { header: 'RSS', width: 5, value: (r) => String(memOf(r.proc).rss) },
  vsz: { header: 'VSZ', width: 6, value: (r) => String(memOf(r.proc).vsz) },
  tty: { header: 'TT', width: 8, left: true, value: (r) => r.proc.tty },
  time: { header: 'TIME', width: 8, value: (r) => cputime(r.proc.cpuUsec ?? 0, true) },
  etime: { header: 'ELAPSED', width: 11, value: (r, ctx) => etime(ctx.world.now - r.proc.start) },
  cgroup: { header: 'CGROUP', width: 27, left: true, value: (r, ctx) => `0::${cgroupPathFor(ctx.world, r.proc, ctx.proc)}` },
  pidns: { header: 'PIDNS', width: 10, value: (r) => String(r.proc.ns.pid) },
  utsns: { header: 'UTSNS', width: 10, value: (r) => String(r.proc.ns.uts) },
  netns: { header: 'NETNS', width: 10, value: (r) => String(r.proc.ns.net) },
  mntns: { header: 'MNTNS', width: 10, value: (r) => String(r.proc.ns.mnt) },
  ni: { header: 'NI', width: 3, value: () => '0' },
  lstart: { header: 'STARTED', width: 24, left: true, value: (r, ctx) => clockDate(ctx.world.state.clock, r.proc.start).toUTCString() },
};
const ALIASES: Record<string, string> = { '%cpu': 'pcpu', '%mem': 'pmem', command: 'args', ucmd: 'comm', tname: 'tty', tt: 'tty', euid: 'uid', euser: 'user', uname: 'user', state: 's', cputime: 'time', rssize: 'rss', vsize: 'vsz', nice: 'ni', sid: 'pid', pgid: 'pid', tid: 'pid', lwp: 'pid' };

function pcpu(p: Process, ctx: CommandContext): string {
  const elapsed = (ctx.world.now - p.start) * 1000;
  if (elapsed <= 0) return '0.0';
  return Math.min(999, ((p.cpuUsec ?? 0) * 100) / elapsed).toFixed(1);
}

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const HELP = `
Usage:
 ps [options]

Basic options:
 -A, -e               all processes
 -a                   all with tty, except session leaders
  a                   all with tty, including other users
 -d                   all except session leaders
 -N, --deselect       negate selection
  r                   only running processes
  T                   all processes on this terminal
  x                   processes without controlling ttys

Output formats:
 -F                   extra full
 -f                   full-format, including command lines
  f, --forest         ascii art process tree
 -l                   long format
  u                   user-oriented format
 -o, o, --format <format>
                      user-defined format

Selection by list:
 -C <command>         command name
 -p, p, --pid <PID>   process id
 --ppid <PID>         parent process id
 -u, U, --user <UID>  effective user id or name

 --help <simple|list|output|threads|misc|all>
                      display help and exit
For more details see ps(1).
`;

function fail(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`${msg}\n${USAGE}`);
  return 1;
}

export const ps: Program = {
  name: 'ps',
  summary: 'report a snapshot of the current processes',
  path: '/usr/bin/ps',
  run(ctx) {
    let all = false;
    let bsdA = false;
    let bsdX = false;
    let full = false;
    let user = false;
    let headers = true;
    const formats: string[] = [];
    const pids: number[] = [];
    const ppids: number[] = [];
    const names: string[] = [];
    const users: string[] = [];
    const args = [...ctx.args];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--help') {
        ctx.stdout.write(HELP);
        return 0;
      }
      const takes = (v: string | undefined, set: string[]) => {
        if (v === undefined) return false;
        set.push(...v.split(/[,\s]+/).filter(Boolean));
        return true;
      };
      if (a.startsWith('--')) {
        const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
        if (name === 'no-headers' || name === 'no-heading') headers = false;
        else if (name === 'format') {
          if (!takes(inline ?? args[++i], formats)) return fail(ctx, 'error: unknown gnu long option');
        } else if (name === 'pid' || name === 'ppid' || name === 'user') {
          const list: string[] = [];
          if (!takes(inline ?? args[++i], list)) return fail(ctx, 'error: unknown gnu long option');
          if (name === 'user') users.push(...list);
          else (name === 'pid' ? pids : ppids).push(...list.map(Number));
        } else if (name === 'forest' || name === 'sort=-%cpu' || name.startsWith('sort')) continue;
        else return fail(ctx, 'error: unknown gnu long option');
        continue;
      }
      const bsd = !a.startsWith('-');
      const letters = bsd ? a : a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const c = letters[j]!;
        const rest = letters.slice(j + 1) || undefined;
        if (c === 'e' || c === 'A') all = true;
        else if (c === 'a' && bsd) bsdA = true;
        else if (c === 'x' && bsd) bsdX = true;
        else if (c === 'u' && bsd) user = true;
        else if (c === 'f' || c === 'F') full = !bsd || full;
        else if (c === 'o' || c === 'O') {
          if (!takes(rest ?? args[++i], formats)) return fail(ctx, 'error: improper list');
          break;
        } else if (c === 'p' || c === 'q') {
          const list: string[] = [];
          if (!takes(rest ?? args[++i], list)) return fail(ctx, 'error: list of process IDs must follow -p');
          if (list.some((x) => !/^\d+$/.test(x))) return fail(ctx, 'error: process ID list syntax error');
          pids.push(...list.map(Number));
          break;
        } else if (c === 'C') {
          if (!takes(rest ?? args[++i], names)) return fail(ctx, 'error: list of command names must follow -C');
          break;
        } else if (c === 'u' || c === 'U') {
          if (!takes(rest ?? args[++i], users)) return fail(ctx, 'error: list of users must follow -u');
          break;
        } else if (c === 'w' || c === 'l' || c === 'H' || c === 'j') continue;
        else return fail(ctx, bsd ? 'error: unsupported option (BSD syntax)' : 'error: unsupported SysV option');
      }
    }
    const ns = procfsNs(ctx);
    if (ns === undefined) {
      ctx.stderr.write(NO_PROC);
      return 1;
    }
    const world = ctx.world;
    const rates = cpuRates(world);
    let rows = rowsFor(world, ns);
    const mnt = String(ctx.proc.ns.mnt);
    if (pids.length || ppids.length || names.length || users.length) {
      rows = rows.filter((r) => pids.includes(r.pid) || ppids.includes(r.ppid) || names.includes(r.proc.comm) || users.some((u) => u === String(r.proc.uid) || u === userName(world.state.fs, r.proc.uid, mnt)));
    } else if (!all && !(bsdA && bsdX)) {
      if (bsdA) rows = rows.filter((r) => r.proc.tty !== '?');
      else if (bsdX) rows = rows.filter((r) => r.proc.uid === ctx.proc.uid);
      else rows = rows.filter((r) => r.proc.tty === ctx.proc.tty && r.proc.uid === ctx.proc.uid);
    }
    let cols: string[];
    if (formats.length) {
      cols = [];
      for (const f of formats) {
        const [name] = f.split('=');
        const key = ALIASES[name!.toLowerCase()] ?? name!.toLowerCase();
        if (!COLUMNS[key]) return fail(ctx, `error: unknown user-defined format specifier "${name}"`);
        cols.push(f.includes('=') ? `${key}=${f.slice(f.indexOf('=') + 1)}` : key);
      }
    } else if (user) cols = ['user', 'pid', 'pcpu', 'pmem', 'vsz', 'rss', 'tty', 'stat', 'start', 'btime', 'args'];
    else if (full) cols = ['user', 'pid', 'ppid', 'c', 'stime', 'tty', 'time', 'cmd'];
    else cols = ['pid', 'tty', 'time', 'comm'];
    const extra: Record<string, Column> = {
      c: { header: 'C', width: 2, value: (r) => String(Math.floor(Number(pcpu(r.proc, ctx)))) },
      stime: { header: 'STIME', width: 5, left: true, value: (r) => startTime(world, r.proc.start) },
      start: { header: 'START', width: 5, left: true, value: (r) => startTime(world, r.proc.start) },
      btime: { header: 'TIME', width: 6, value: (r) => cputime(r.proc.cpuUsec ?? 0, false) },
    };
    const defs = cols.map((c) => {
      const [key, custom] = c.split('=') as [string, string | undefined];
      const base = extra[key] ?? COLUMNS[key]!;
      const def = { ...base };
      if (key === 'user' && full) def.header = 'UID';
      if (key === 'comm' && !formats.length) def.header = 'CMD';
      if (key === 'tty') def.header = formats.length ? 'TT' : 'TTY';
      if (custom !== undefined) def.header = custom;
      return def;
    });
    const showHeader = headers && defs.some((d) => d.header !== '');
    const table = rows.map((r) => defs.map((d) => d.value(r, ctx, rates)));
    if (!table.length && !showHeader) return 1;
    const widths = defs.map((d, i) => Math.max(d.header.length, d.left ? 0 : d.width, ...(d.left && i < defs.length - 1 ? [d.width, ...table.map((r) => r[i]!.length)] : [0])));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => {
          if (i === cells.length - 1) return defs[i]!.left ? c : c.padStart(widths[i]!);
          return defs[i]!.left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!);
        })
        .join(' ')
        .replace(/\s+$/, '');
    let out = showHeader ? line(defs.map((d) => d.header)) + '\n' : '';
    for (const r of table) out += line(r) + '\n';
    ctx.stdout.write(out);
    void INITIAL_NS;
    return rows.length ? 0 : 1;
  },
};
