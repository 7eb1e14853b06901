/** util-linux namespace tools: unshare, nsenter, lsns. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import { mount } from '../../kernel/mounts.ts';
import { capable, nsRecord, unshareNamespaces } from '../../kernel/namespaces.ts';
import { NS_TYPES, pidIn, type NsType, type Process } from '../../kernel/process.ts';
import { procByNsPid } from '../../kernel/procfs.ts';
import * as sys from '../../kernel/syscalls.ts';
import { userName } from '../../kernel/users.ts';
import type { CommandContext, Program } from '../types.ts';
import { NO_PROC, procfsNs } from './ps.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

const UNSHARE_HELP = `
Usage:
 unshare [options] [<program> [<argument>...]]

Run a program with some namespaces unshared from the parent.

Options:
 -m, --mount[=<file>]      unshare mounts namespace
 -u, --uts[=<file>]        unshare UTS namespace (hostname etc)
 -i, --ipc[=<file>]        unshare System V IPC namespace
 -n, --net[=<file>]        unshare network namespace
 -p, --pid[=<file>]        unshare pid namespace
 -U, --user[=<file>]       unshare user namespace
 -C, --cgroup[=<file>]     unshare cgroup namespace
 -T, --time[=<file>]       unshare time namespace

 -f, --fork                fork before launching <program>
 --map-user=<uid>|<name>   map current user to uid (implies --user)
 --map-group=<gid>|<name>  map current group to gid (implies --user)
 -r, --map-root-user       map current user to root (implies --user)
 -c, --map-current-user    map current user to itself (implies --user)
 --map-auto                map users and groups automatically (implies --user)
 --map-users=<outeruid>,<inneruid>,<count>
                           map count users from outeruid to inneruid (implies --user)
 --map-groups=<outergid>,<innergid>,<count>
                           map count groups from outergid to innergid (implies --user)

 --kill-child[=<signame>]  when dying, kill the forked child (implies --fork)
                             defaults to SIGKILL
 --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)
 --propagation slave|shared|private|unchanged
                           modify mount propagation in mount namespace
 --setgroups allow|deny    control the setgroups syscall in user namespaces
 --keep-caps               retain capabilities granted in user namespaces

 -R, --root=<dir>          run the command with root directory set to <dir>
 -w, --wd=<dir>            change working directory to <dir>
 -S, --setuid <uid>        set uid in entered namespace
 -G, --setgid <gid>        set gid in entered namespace
 --monotonic <offset>      set clock monotonic offset (seconds) in time namespaces
 --boottime <offset>       set clock boottime offset (seconds) in time namespaces

 -h, --help                display this help
 -V, --version             display version

For more details see unshare(1).
`;

const FLAG_TYPES: Record<string, NsType> = { m: 'mnt', u: 'uts', i: 'ipc', n: 'net', p: 'pid', U: 'user', C: 'cgroup', T: 'time' };
const LONG_TYPES: Record<string, NsType> = { mount: 'mnt', uts: 'uts', ipc: 'ipc', net: 'net', pid: 'pid', user: 'user', cgroup: 'cgroup', time: 'time' };

function defaultShell(proc: Process): string {
  return proc.env.SHELL || '/bin/sh';
}

export const unshare: Program = {
  name: 'unshare',
  summary: 'run program in new namespaces',
  async run(ctx) {
    const types = new Set<NsType>();
    let fork = false;
    let mountProc: string | undefined;
    let mapRoot = false;
    let mapUser: number | undefined;
    let mapGroup: number | undefined;
    let root: string | undefined;
    let wd: string | undefined;
    const args = [...ctx.args];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a.startsWith('--')) {
        const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
        const value = () => inline ?? args[++i];
        if (name === 'help') {
          ctx.stdout.write(UNSHARE_HELP);
          return 0;
        }
        if (name === 'version') {
          ctx.stdout.write('unshare from util-linux 2.38.1\n');
          return 0;
        }
        if (LONG_TYPES[name]) types.add(LONG_TYPES[name]!);
        else if (name === 'fork') fork = true;
        else if (name === 'kill-child') fork = true;
        else if (name === 'mount-proc') {
          mountProc = inline ?? '/proc';
          types.add('mnt');
        } else if (name === 'map-root-user') mapRoot = true;
        else if (name === 'map-current-user') mapUser = ctx.proc.uid;
        else if (name === 'map-user' || name === 'map-group') {
          const v = value();
          const n = Number(v);
          if (v === undefined || !Number.isInteger(n)) {
            ctx.stderr.write(`unshare: failed to parse uid: '${v ?? ''}'\n`);
            return 1;
          }
          if (name === 'map-user') mapUser = n;
          else mapGroup = n;
          types.add('user');
        } else if (name === 'root') root = value();
        else if (name === 'wd') wd = value();
        else if (name === 'propagation' || name === 'setgroups' || name === 'monotonic' || name === 'boottime') value();
        else if (name === 'keep-caps' || name === 'map-auto') continue;
        else return usageError(ctx, `unshare: unrecognized option '${a}'`, 1);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (FLAG_TYPES[c]) types.add(FLAG_TYPES[c]!);
        else if (c === 'f') fork = true;
        else if (c === 'r') mapRoot = true;
        else if (c === 'c') mapUser = ctx.proc.uid;
        else if (c === 'h') {
          ctx.stdout.write(UNSHARE_HELP);
          return 0;
        } else if (c === 'R' || c === 'w' || c === 'S' || c === 'G') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return usageError(ctx, `unshare: option requires an argument -- '${c}'`, 1);
          if (c === 'R') root = v;
          if (c === 'w') wd = v;
          break;
        } else return usageError(ctx, `unshare: invalid option -- '${c}'`, 1);
      }
    }
    if (mapRoot || mapUser !== undefined) types.add('user');
    const argv = args.slice(i);
    if (argv.length === 0) argv.push(defaultShell(ctx.proc));
    let created;
    try {
      created = unshareNamespaces(ctx.world, ctx.proc, { types: [...types], mapRoot, mapUser, mapGroup });
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`unshare: unshare failed: ${strerror(e)}\n`);
      return 1;
    }
    const ns = { ...created.ns };
    const overrides: Partial<Process> = { ns };
    if (created.pidForChildren !== undefined) {
      if (fork) ns.pid = created.pidForChildren;
      else overrides.pidChildNs = created.pidForChildren;
    }
    // The program is now root in a new user namespace; the kernel id stays the outer one.
    const child = { ...ctx.proc, ...overrides } as Process;
    if (mountProc) {
      try {
        mount(ctx.world, child, { source: 'proc', target: mountProc, fstype: 'proc' });
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`unshare: mount ${mountProc} failed: ${strerror(e)}\n`);
        return 1;
      }
    }
    if (root !== undefined) {
      try {
        const r = sys.stat(ctx.world, child, root);
        overrides.root = r.path;
        overrides.cwd = r.path;
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`unshare: cannot change root directory to '${root}': ${strerror(e)}\n`);
        return 1;
      }
    }
    if (wd !== undefined) {
      try {
        const r = sys.stat(ctx.world, { ...child, ...overrides } as Process, wd);
        overrides.cwd = r.path;
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`unshare: cannot chdir to '${wd}': ${strerror(e)}\n`);
        return 1;
      }
    }
    return ctx.exec(argv, { proc: overrides, notFound: (name) => `unshare: failed to execute ${name}: No such file or directory\n` });
  },
};

const NSENTER_HELP = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -a, --all              enter all namespaces
 -t, --target <pid>     target process to get namespaces from
 -m, --mount[=<file>]   enter mount namespace
 -u, --uts[=<file>]     enter UTS namespace (hostname etc)
 -i, --ipc[=<file>]     enter System V IPC namespace
 -n, --net[=<file>]     enter network namespace
 -p, --pid[=<file>]     enter pid namespace
 -C, --cgroup[=<file>]  enter cgroup namespace
 -U, --user[=<file>]    enter user namespace
 -T, --time[=<file>]    enter time namespace
 -S, --setuid <uid>     set uid in entered namespace
 -G, --setgid <gid>     set gid in entered namespace
     --preserve-credentials do not touch uids or gids
 -r, --root[=<dir>]     set the root directory
 -w, --wd[=<dir>]       set the working directory
 -W. --wdns <dir>       set the working directory in namespace
 -F, --no-fork          do not fork before exec'ing <program>
 -Z, --follow-context   set SELinux context according to --target PID

 -h, --help             display this help
 -V, --version          display version

For more details see nsenter(1).
`;

const NS_FILE: Record<NsType, string> = { mnt: 'mnt', uts: 'uts', ipc: 'ipc', net: 'net', pid: 'pid', user: 'user', cgroup: 'cgroup', time: 'time' };

export const nsenter: Program = {
  name: 'nsenter',
  summary: 'run program in different namespaces',
  async run(ctx) {
    const types = new Set<NsType>();
    let target: string | undefined;
    let all = false;
    let setRoot = false;
    let setWd = false;
    const args = [...ctx.args];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a.startsWith('--')) {
        const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
        if (name === 'help') {
          ctx.stdout.write(NSENTER_HELP);
          return 0;
        }
        if (LONG_TYPES[name]) types.add(LONG_TYPES[name]!);
        else if (name === 'all') all = true;
        else if (name === 'target') target = inline ?? args[++i];
        else if (name === 'root') setRoot = true;
        else if (name === 'wd') setWd = true;
        else if (name === 'no-fork' || name === 'preserve-credentials') continue;
        else if (name === 'setuid' || name === 'setgid') i++;
        else return usageError(ctx, `nsenter: unrecognized option '${a}'`, 1);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (FLAG_TYPES[c]) types.add(FLAG_TYPES[c]!);
        else if (c === 'a') all = true;
        else if (c === 'r') setRoot = true;
        else if (c === 'w') setWd = true;
        else if (c === 'F') continue;
        else if (c === 'h') {
          ctx.stdout.write(NSENTER_HELP);
          return 0;
        } else if (c === 't' || c === 'S' || c === 'G') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return usageError(ctx, `nsenter: option requires an argument -- '${c}'`, 1);
          if (c === 't') target = v;
          break;
        } else return usageError(ctx, `nsenter: invalid option -- '${c}'`, 1);
      }
    }
    const argv = args.slice(i);
    if (argv.length === 0) argv.push(defaultShell(ctx.proc));
    if (all) for (const t of NS_TYPES) types.add(t);
    if (types.size === 0 && target === undefined) return ctx.exec(argv);
    if (target === undefined) {
      ctx.stderr.write(`nsenter: neither filename nor target pid supplied for ns/${NS_FILE[[...types][0]!]}\n`);
      return 1;
    }
    if (!/^\d+$/.test(target)) {
      ctx.stderr.write(`nsenter: failed to parse pid: '${target}'\n`);
      return 1;
    }
    const ns = procfsNs(ctx);
    const tp = ns === undefined ? undefined : procByNsPid(ctx.world, ns, Number(target));
    if (!tp) {
      const first = [...types].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0] ?? 'mnt';
      ctx.stderr.write(`nsenter: cannot open /proc/${target}/ns/${NS_FILE[first]}: No such file or directory\n`);
      return 1;
    }
    // With --all, namespaces the caller already shares are skipped (setns to the same one is a no-op).
    const joined = [...types].filter((t) => !(all && tp.ns[t] === ctx.proc.ns[t]));
    if (!capable(ctx.world, ctx.proc) && joined.length) {
      const first = joined.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0]!;
      ctx.stderr.write(`nsenter: reassociate to namespace 'ns/${NS_FILE[first]}' failed: Operation not permitted\n`);
      return 1;
    }
    const next = { ...ctx.proc.ns };
    for (const t of joined) next[t] = tp.ns[t];
    const overrides: Partial<Process> = { ns: next };
    if (joined.includes('mnt') || setRoot) {
      // setns(CLONE_NEWNS) puts the caller at the root of that mount namespace.
      overrides.root = tp.root;
      overrides.cwd = setWd ? tp.cwd : tp.root;
    }
    if (setWd) overrides.cwd = tp.cwd;
    if (joined.includes('user')) overrides.uid = tp.uid;
    if (joined.includes('cgroup')) overrides.cgroup = tp.cgroup;
    return ctx.exec(argv, { proc: overrides, notFound: (name) => `nsenter: failed to execute ${name}: No such file or directory\n` });
  },
};

const ORDER: NsType[] = ['user', 'cgroup', 'ipc', 'uts', 'net', 'pid', 'mnt', 'time'];

const LSNS_HELP = `
Usage:
 lsns [options] [<namespace>]

List system namespaces.

Options:
 -J, --json             use JSON output format
 -l, --list             use list format output
 -n, --noheadings       don't print headings
 -o, --output <list>    define which output columns to use
     --output-all       output all columns
 -p, --task <pid>       print process namespaces
 -r, --raw              use the raw output format
 -u, --notruncate       don't truncate text in columns
 -W, --nowrap           don't use multi-line representation
 -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)
 -T, --tree <rel>       use tree format (parent, owner, or process)

 -h, --help             display this help
 -V, --version          display version

Available output columns:
          NS  namespace identifier (inode number)
        TYPE  kind of namespace
        PATH  path to the namespace
      NPROCS  number of processes in the namespace
         PID  lowest PID in the namespace
        PPID  PPID of the PID
     COMMAND  command line of the PID
         UID  UID of the PID
        USER  username of the PID
     NETNSID  namespace ID as used by network subsystem
        NSFS  nsfs mountpoint (usually used network subsystem)
         PNS  parent namespace identifier (inode number)
         ONS  owner namespace identifier (inode number)

For more details see lsns(8).
`;

export const lsns: Program = {
  name: 'lsns',
  summary: 'list namespaces',
  run(ctx) {
    if (wantsHelp(ctx, LSNS_HELP)) return 0;
    const p = parseArgs('lsns', ctx.args, { short: 'JlnPruW', shortValue: 'otp', long: { json: 'J', list: 'l', noheadings: 'n', persistent: 'P', raw: 'r', notruncate: 'u', nowrap: 'W' }, longValue: { output: 'o', type: 't', task: 'p' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const type = p.values.get('t');
    if (type !== undefined && !(NS_TYPES as readonly string[]).includes(type)) {
      ctx.stderr.write(`lsns: unknown namespace type: ${type}\n`);
      return 1;
    }
    const ns = procfsNs(ctx);
    if (ns === undefined) {
      ctx.stderr.write(NO_PROC);
      return 1;
    }
    const world = ctx.world;
    // Unprivileged users only see the namespaces of their own processes.
    const procs = Object.values(world.state.procs.procs)
      .map((proc) => ({ proc, pid: pidIn(proc, ns) }))
      .filter((x): x is { proc: Process; pid: number } => x.pid !== undefined && (ctx.proc.uid === 0 || x.proc.uid === ctx.proc.uid))
      .sort((a, b) => a.pid - b.pid);
    let only: Process | undefined;
    if (p.values.has('p')) {
      only = procs.find((x) => x.pid === Number(p.values.get('p')))?.proc;
      if (!only) {
        ctx.stderr.write(`lsns: cannot open /proc/${p.values.get('p')}/ns: No such file or directory\n`);
        return 1;
      }
    }
    const nsTypes = (NS_TYPES as readonly NsType[]).filter((t) => !type || t === type);
    const rows: string[][] = [];
    const seen = new Set<string>();
    const entries: { ino: number; type: NsType }[] = [];
    for (const { proc } of procs) for (const t of nsTypes) if (!seen.has(`${t}:${proc.ns[t]}`)) {
      seen.add(`${t}:${proc.ns[t]}`);
      entries.push({ ino: proc.ns[t], type: t });
    }
    entries.sort((a, b) => a.ino - b.ino);
    for (const e of entries) {
      if (only && only.ns[e.type] !== e.ino) continue;
      const members = procs.filter((x) => x.proc.ns[e.type] === e.ino);
      const first = members[0]!;
      rows.push([String(e.ino), e.type, String(members.length), String(first.pid), userName(world.state.fs, first.proc.uid), first.proc.argv.join(' ') || first.proc.comm]);
    }
    void nsRecord;
    const header = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND'];
    const all = p.flags.has('n') ? rows : [header, ...rows];
    const w = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
    const left = [false, true, false, false, true, true];
    ctx.stdout.write(all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : left[i] ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' ')).join('\n') + (all.length ? '\n' : ''));
    return 0;
  },
};

export type { CommandContext };
