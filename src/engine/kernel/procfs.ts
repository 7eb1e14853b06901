/**
 * procfs: /proc computed from the process table. Each proc mount belongs to the pid
 * namespace of the process that mounted it, which is why `ps` after `unshare --pid --fork`
 * still lists the host's processes until /proc is mounted again (--mount-proc).
 */
import { clockDate } from '../clock.ts';
import type { World } from '../world.ts';
import { accountCpu, chargeOf, MEM_TOTAL, NCPU } from './cgroup.ts';
import { SysError } from './errors.ts';
import { formatMountinfo, formatMounts, mountsFor } from './mounts.ts';
import { idInNs, nsRecord } from './namespaces.ts';
import { INITIAL_NS, NS_TYPES, pidIn, type Process } from './process.ts';
import { registerSynthetic, registerVirtual } from './syscalls.ts';
import type { Inode } from './vfs.ts';
import { visiblePath } from './vfs.ts';

export const KERNEL_RELEASE = '6.1.0-28-amd64';
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)';

const TOP_FILES = ['cmdline', 'cpuinfo', 'filesystems', 'loadavg', 'meminfo', 'mounts', 'self', 'stat', 'thread-self', 'uptime', 'version'];
const PID_FILES = ['cgroup', 'cmdline', 'comm', 'cwd', 'environ', 'exe', 'gid_map', 'mountinfo', 'mounts', 'ns', 'root', 'setgroups', 'stat', 'status', 'uid_map'];
const NS_LINKS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return 1_000_000 + ((h >>> 0) % 90_000_000);
}

/** `proc:<pidns>:<path>` → its parts. */
function parseKey(key: string): { pidns: number; rel: string[] } {
  const body = key.slice('proc:'.length);
  const colon = body.indexOf(':');
  return { pidns: Number(body.slice(0, colon)), rel: body.slice(colon + 1).split('/').filter(Boolean) };
}

function node(world: World, key: string, type: Inode['type'], mode: number, owner: Process | undefined, target?: string): Inode {
  const t = owner?.start ?? 0;
  const n: Inode = { ino: hash(key), type, mode, uid: owner?.uid ?? 0, gid: owner?.gid ?? 0, nlink: type === 'dir' ? 2 : 1, mtime: t, ctime: t, synthetic: key };
  if (type === 'dir') n.entries = Object.create(null) as Record<string, number>;
  if (target !== undefined) n.target = target;
  void world;
  return n;
}

export function procByNsPid(world: World, pidns: number, pid: number): Process | undefined {
  if (pidns === INITIAL_NS.pid) return world.state.procs.procs[pid];
  return Object.values(world.state.procs.procs).find((p) => p.nsPids[pidns] === pid);
}

export function visibleProcs(world: World, pidns: number): { pid: number; proc: Process }[] {
  return Object.values(world.state.procs.procs)
    .map((proc) => ({ pid: pidIn(proc, pidns)!, proc }))
    .filter((x) => x.pid !== undefined)
    .sort((a, b) => a.pid - b.pid);
}

function nsLinkTarget(p: Process, name: string): string {
  const type = name.replace(/_for_children$/, '') as (typeof NS_TYPES)[number];
  const ino = name === 'pid_for_children' ? (p.pidChildNs ?? p.ns.pid) : p.ns[type];
  return `${type}:[${ino}]`;
}

registerVirtual('proc', (world, viewer) => ({
  lookup(key, name) {
    const { pidns, rel } = parseKey(key);
    if (rel.length === 0) {
      if (/^\d+$/.test(name)) {
        const p = procByNsPid(world, pidns, Number(name));
        return p ? node(world, `${key}${name}`, 'dir', 0o555, p) : undefined;
      }
      if (name === 'self' || name === 'thread-self') {
        const self = pidIn(viewer, pidns);
        const target = self === undefined ? '' : name === 'self' ? String(self) : `${self}/task/${self}`;
        return node(world, `${key}${name}`, 'symlink', 0o777, undefined, target);
      }
      if (name === 'mounts') return node(world, `${key}mounts`, 'symlink', 0o777, undefined, 'self/mounts');
      return TOP_FILES.includes(name) ? node(world, `${key}${name}`, 'file', 0o444, undefined) : undefined;
    }
    const p = procByNsPid(world, pidns, Number(rel[0]));
    if (!p) return undefined;
    const base = `${key}/${name}`.replace(/:\/+/, ':').replace(/\/\//g, '/');
    const k = `proc:${pidns}:${rel.join('/')}/${name}`;
    void base;
    if (rel.length === 1) {
      if (!PID_FILES.includes(name)) return undefined;
      if (name === 'ns') return node(world, k, 'dir', 0o511, p);
      if (name === 'cwd') return node(world, k, 'symlink', 0o777, p, visiblePath(viewer, p.cwd));
      if (name === 'root') return node(world, k, 'symlink', 0o777, p, visiblePath(viewer, p.root));
      if (name === 'exe') return node(world, k, 'symlink', 0o777, p, exePath(p));
      const mode = name === 'environ' ? 0o400 : ['uid_map', 'gid_map', 'setgroups', 'comm'].includes(name) ? 0o644 : 0o444;
      return node(world, k, 'file', mode, p);
    }
    if (rel.length === 2 && rel[1] === 'ns' && NS_LINKS.includes(name)) return node(world, k, 'symlink', 0o777, p, nsLinkTarget(p, name));
    return undefined;
  },
  list(key) {
    const { pidns, rel } = parseKey(key);
    if (rel.length === 0) return [...visibleProcs(world, pidns).map((x) => String(x.pid)), ...TOP_FILES];
    if (!procByNsPid(world, pidns, Number(rel[0]))) return [];
    if (rel.length === 1) return PID_FILES;
    if (rel[1] === 'ns') return NS_LINKS;
    return [];
  },
}));

function exePath(p: Process): string {
  const a = p.argv[0] ?? p.comm;
  return a.startsWith('/') ? a : `/usr/bin/${p.comm}`;
}

function mapLines(map: [number, number, number][] | undefined): string {
  return (map ?? []).map(([a, b, c]) => `${String(a).padStart(10)} ${String(b).padStart(10)} ${String(c).padStart(10)}\n`).join('');
}

const STATE_NAME = { R: 'R (running)', S: 'S (sleeping)', Z: 'Z (zombie)', T: 'T (stopped)' };

function status(world: World, p: Process, pidns: number, viewer: Process): string {
  const chain = [p.pid, ...Object.entries(p.nsPids).sort(([a], [b]) => Number(a) - Number(b)).map(([, n]) => n)];
  const levels = chain.filter((_, i) => i === 0 || true);
  const ppid = world.state.procs.procs[p.ppid];
  const uid = idInNs(world, viewer.ns.user, p.uid);
  const gid = idInNs(world, viewer.ns.user, p.gid, 'gid');
  const rssKb = Math.round(chargeOf(p) / 1024) + 3000;
  void pidns;
  return [
    `Name:\t${p.comm}`,
    'Umask:\t0022',
    `State:\t${STATE_NAME[p.state]}`,
    `Tgid:\t${pidIn(p, pidns) ?? 0}`,
    'Ngid:\t0',
    `Pid:\t${pidIn(p, pidns) ?? 0}`,
    `PPid:\t${ppid ? (pidIn(ppid, pidns) ?? 0) : 0}`,
    'TracerPid:\t0',
    `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`,
    `Gid:\t${gid}\t${gid}\t${gid}\t${gid}`,
    'FDSize:\t256',
    `Groups:\t${p.groups.map((g) => idInNs(world, viewer.ns.user, g, 'gid')).join(' ')} `,
    `NStgid:\t${levels.join('\t')}`,
    `NSpid:\t${levels.join('\t')}`,
    `NSpgid:\t${levels.join('\t')}`,
    `NSsid:\t${levels.join('\t')}`,
    'Kthread:\t0',
    `VmPeak:\t${String(rssKb + 4000).padStart(8)} kB`,
    `VmSize:\t${String(rssKb + 4000).padStart(8)} kB`,
    `VmRSS:\t${String(rssKb).padStart(8)} kB`,
    'Threads:\t1',
    'SigQ:\t0/15419',
    `CapEff:\t${p.uid === 0 ? '000001ffffffffff' : '0000000000000000'}`,
    'Seccomp:\t0',
    'NoNewPrivs:\t0',
    `Cpus_allowed_list:\t0-${NCPU - 1}`,
    'voluntary_ctxt_switches:\t12',
    'nonvoluntary_ctxt_switches:\t0',
  ].join('\n') + '\n';
}

/** The cgroup path as seen from `viewer`'s cgroup namespace. */
export function cgroupPathFor(world: World, p: Process, viewer: Process): string {
  const root = nsRecord(world, viewer.ns.cgroup)?.cgroupRoot ?? '/';
  if (root === '/') return p.cgroup;
  if (p.cgroup === root) return '/';
  if (p.cgroup.startsWith(root + '/')) return p.cgroup.slice(root.length);
  const ups = root.split('/').filter(Boolean).length;
  return '/..'.repeat(ups) + p.cgroup;
}

function read(world: World, key: string, viewer: Process): string {
  const { pidns, rel } = parseKey(key);
  accountCpu(world);
  if (rel.length === 1) return topFile(world, rel[0]!, pidns);
  const p = procByNsPid(world, pidns, Number(rel[0]));
  if (!p) throw new SysError('ESRCH');
  switch (rel[1]) {
    case 'status':
      return status(world, p, pidns, viewer);
    case 'cgroup':
      return `0::${cgroupPathFor(world, p, viewer)}\n`;
    case 'comm':
      return p.comm + '\n';
    case 'cmdline':
      return p.argv.map((a) => a + '\0').join('');
    case 'environ':
      return Object.entries(p.env).map(([k, v]) => `${k}=${v}\0`).join('');
    case 'mounts':
      return formatMounts(mountsFor(world, p));
    case 'mountinfo':
      return formatMountinfo(mountsFor(world, p));
    case 'uid_map':
    case 'gid_map': {
      if (p.ns.user === INITIAL_NS.user) return mapLines([[0, 0, 4294967295]]);
      const rec = nsRecord(world, p.ns.user);
      return mapLines(rel[1] === 'uid_map' ? rec?.uidMap : rec?.gidMap);
    }
    case 'setgroups':
      return 'allow\n';
    case 'stat': {
      const ppid = world.state.procs.procs[p.ppid];
      const pid = pidIn(p, pidns) ?? 0;
      return `${pid} (${p.comm}) ${p.state} ${ppid ? (pidIn(ppid, pidns) ?? 0) : 0} ${pid} ${pid} 34816 ${pid} 4194560 0 0 0 0 ${Math.round((p.cpuUsec ?? 0) / 10000)} 0 0 0 20 0 1 0 ${Math.round(p.start / 10)} 8704000 ${Math.round(chargeOf(p) / 4096) + 750} 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
    }
  }
  throw new SysError('EINVAL');
}

function topFile(world: World, name: string, pidns: number): string {
  const up = world.now / 1000 + 3600;
  switch (name) {
    case 'uptime':
      return `${up.toFixed(2)} ${(up * NCPU * 0.97).toFixed(2)}\n`;
    case 'loadavg':
      return `0.08 0.03 0.01 1/${visibleProcs(world, pidns).length} ${world.state.procs.nextPid - 1}\n`;
    case 'version':
      return `Linux version ${KERNEL_RELEASE} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${KERNEL_VERSION}\n`;
    case 'cmdline':
      return `BOOT_IMAGE=/boot/vmlinuz-${KERNEL_RELEASE} root=/dev/vda1 ro quiet\n`;
    case 'filesystems':
      return ['nodev\tsysfs', 'nodev\ttmpfs', 'nodev\tbdev', 'nodev\tproc', 'nodev\tcgroup', 'nodev\tcgroup2', 'nodev\tdevtmpfs', 'nodev\tdevpts', 'nodev\tmqueue', '\text4', 'nodev\toverlay'].join('\n') + '\n';
    case 'meminfo': {
      const kb = MEM_TOTAL / 1024;
      const used = Object.values(world.state.procs.procs).reduce((s, p) => s + chargeOf(p), 0) / 1024 + 380_000;
      return `MemTotal:       ${String(kb).padStart(8)} kB\nMemFree:        ${String(Math.round(kb - used - 900_000)).padStart(8)} kB\nMemAvailable:   ${String(Math.round(kb - used)).padStart(8)} kB\nBuffers:           52000 kB\nCached:           848000 kB\nSwapCached:            0 kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n`;
    }
    case 'cpuinfo': {
      let out = '';
      for (let i = 0; i < NCPU; i++) out += `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncpu cores\t: ${NCPU}\n\n`;
      return out;
    }
    case 'stat':
      return `cpu  1000 0 500 100000 0 0 0 0 0 0\nbtime ${Math.floor(clockDate(world.state.clock, 0).getTime() / 1000) - 3600}\nprocesses ${world.state.procs.nextPid - 1}\n`;
  }
  throw new SysError('EINVAL');
}

function write(world: World, key: string, data: string, writer: Process): void {
  const { pidns, rel } = parseKey(key);
  const p = procByNsPid(world, pidns, Number(rel[0]));
  if (!p) throw new SysError('ESRCH');
  if (rel[1] === 'comm') {
    p.comm = data.replace(/\n$/, '').slice(0, 15);
    return;
  }
  if (rel[1] === 'uid_map' || rel[1] === 'gid_map') {
    const rec = nsRecord(world, p.ns.user);
    if (!rec || p.ns.user === INITIAL_NS.user) throw new SysError('EPERM');
    const field = rel[1] === 'uid_map' ? 'uidMap' : 'gidMap';
    if (rec[field]) throw new SysError('EPERM');
    const lines = data.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    if (lines.some((l) => l.length !== 3 || l.some((n) => !Number.isInteger(n) || n < 0))) throw new SysError('EINVAL');
    // An unprivileged writer may map only its own id.
    if (writer.uid !== 0 && lines.some((l) => l[1] !== (field === 'uidMap' ? writer.uid : writer.gid) || l[2] !== 1)) throw new SysError('EPERM');
    rec[field] = lines as [number, number, number][];
    return;
  }
  if (rel[1] === 'setgroups') return;
  throw new SysError('EACCES');
}

registerSynthetic('proc', { read, write });
