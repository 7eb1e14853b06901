/**
 * The cgroup2 filesystem at /sys/fs/cgroup: directories are cgroups, files are computed from
 * and written into the cgroup state, with the kernel's formats, defaults and errors.
 */
import type { World } from '../world.ts';
import * as cg from './cgroup.ts';
import { SysError } from './errors.ts';
import { pidIn, type Process } from './process.ts';
import { registerSynthetic, registerVirtual } from './syscalls.ts';
import type { Inode } from './vfs.ts';

const CORE = ['cgroup.controllers', 'cgroup.events', 'cgroup.freeze', 'cgroup.kill', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.pressure', 'cgroup.procs', 'cgroup.stat', 'cgroup.subtree_control', 'cgroup.threads', 'cgroup.type', 'cpu.pressure', 'cpu.stat', 'cpu.stat.local', 'io.pressure', 'irq.pressure', 'memory.pressure'];
const ROOT_FILES = ['cgroup.controllers', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.pressure', 'cgroup.procs', 'cgroup.stat', 'cgroup.subtree_control', 'cgroup.threads', 'cpu.pressure', 'cpu.stat', 'cpu.stat.local', 'cpuset.cpus.effective', 'cpuset.cpus.isolated', 'cpuset.mems.effective', 'io.cost.model', 'io.cost.qos', 'io.pressure', 'io.prio.class', 'io.stat', 'irq.pressure', 'memory.numa_stat', 'memory.pressure', 'memory.reclaim', 'memory.stat', 'memory.zswap.writeback', 'misc.capacity', 'misc.current', 'misc.peak'];
const BY_CONTROLLER: Record<string, string[]> = {
  cpu: ['cpu.idle', 'cpu.max', 'cpu.max.burst', 'cpu.uclamp.max', 'cpu.uclamp.min', 'cpu.weight', 'cpu.weight.nice'],
  cpuset: ['cpuset.cpus', 'cpuset.cpus.effective', 'cpuset.cpus.exclusive', 'cpuset.cpus.exclusive.effective', 'cpuset.cpus.partition', 'cpuset.mems', 'cpuset.mems.effective'],
  io: ['io.max', 'io.prio.class', 'io.stat', 'io.weight'],
  memory: ['memory.current', 'memory.events', 'memory.events.local', 'memory.high', 'memory.low', 'memory.max', 'memory.min', 'memory.numa_stat', 'memory.oom.group', 'memory.peak', 'memory.reclaim', 'memory.stat', 'memory.swap.current', 'memory.swap.events', 'memory.swap.high', 'memory.swap.max', 'memory.swap.peak', 'memory.zswap.current', 'memory.zswap.max', 'memory.zswap.writeback'],
  pids: ['pids.current', 'pids.events', 'pids.events.local', 'pids.max', 'pids.peak'],
  hugetlb: ['hugetlb.2MB.current', 'hugetlb.2MB.events', 'hugetlb.2MB.events.local', 'hugetlb.2MB.max', 'hugetlb.2MB.rsvd.current', 'hugetlb.2MB.rsvd.max'],
  rdma: ['rdma.current', 'rdma.max'],
  misc: ['misc.current', 'misc.events', 'misc.max', 'misc.peak'],
};
const WRITABLE = new Set(['cgroup.freeze', 'cgroup.kill', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.pressure', 'cgroup.procs', 'cgroup.subtree_control', 'cgroup.threads', 'cgroup.type', 'cpu.idle', 'cpu.max', 'cpu.max.burst', 'cpu.uclamp.max', 'cpu.uclamp.min', 'cpu.weight', 'cpu.weight.nice', 'cpuset.cpus', 'cpuset.cpus.exclusive', 'cpuset.cpus.partition', 'cpuset.mems', 'io.max', 'io.prio.class', 'io.weight', 'memory.high', 'memory.low', 'memory.max', 'memory.min', 'memory.oom.group', 'memory.reclaim', 'memory.swap.high', 'memory.swap.max', 'memory.zswap.max', 'memory.zswap.writeback', 'pids.max', 'hugetlb.2MB.max', 'hugetlb.2MB.rsvd.max', 'rdma.max', 'misc.max', 'cpu.pressure', 'io.pressure', 'memory.pressure', 'irq.pressure']);

export function filesOf(world: World, path: string): string[] {
  if (path === '/') return ROOT_FILES;
  const files = [...CORE];
  for (const c of cg.controllersOf(world, path)) files.push(...(BY_CONTROLLER[c] ?? []));
  return files.sort();
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return 100_000_000 + ((h >>> 0) % 900_000_000);
}

function fileNode(key: string, name: string, created: number): Inode {
  const mode = name === 'cgroup.kill' ? 0o200 : WRITABLE.has(name) ? 0o644 : 0o444;
  return { ino: hash(key), type: 'file', mode, uid: 0, gid: 0, nlink: 1, mtime: created, ctime: created, synthetic: key };
}

function dirNode(path: string, created: number): Inode {
  return { ino: hash('cgroup:' + path), type: 'dir', mode: 0o755, uid: 0, gid: 0, nlink: 2, mtime: created, ctime: created, synthetic: 'cgroup:' + path, entries: Object.create(null) };
}

function pathOfDirKey(key: string): string {
  return key.slice('cgroup:'.length) || '/';
}

registerVirtual('cgroup', (world) => ({
  lookup(key, name) {
    const path = pathOfDirKey(key);
    const group = cg.getCgroup(world, path);
    if (!group) return undefined;
    if (filesOf(world, path).includes(name)) return fileNode(`cgroupf:${path}|${name}`, name, group.created);
    const child = cg.joinCg(path, name);
    const c = cg.getCgroup(world, child);
    return c ? dirNode(child, c.created) : undefined;
  },
  list(key) {
    const path = pathOfDirKey(key);
    if (!cg.getCgroup(world, path)) return [];
    return [...filesOf(world, path), ...cg.childNames(world, path)].sort();
  },
  mkdir(key, name) {
    cg.createCgroup(world, cg.joinCg(pathOfDirKey(key), name));
  },
  rmdir(key, name) {
    cg.removeCgroup(world, cg.joinCg(pathOfDirKey(key), name));
  },
}));

const PRESSURE = 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n';
const lines = (...l: string[]) => l.map((x) => x + '\n').join('');
const limit = (v: number | null) => (v === null ? 'max' : String(v));

function splitKey(key: string): { path: string; file: string } {
  const body = key.slice('cgroupf:'.length);
  const bar = body.lastIndexOf('|');
  return { path: body.slice(0, bar) || '/', file: body.slice(bar + 1) };
}

/** Pids of `path` as the reader's pid namespace numbers them (others are not listed). */
function visiblePids(world: World, path: string, reader: Process): number[] {
  return cg
    .procsIn(world, path)
    .map((p) => pidIn(p, reader.ns.pid))
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
}

function memEvents(world: World, path: string, local: boolean) {
  const sum = { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 };
  for (const [p, group] of Object.entries(world.state.ext.linux!.cgroups)) {
    if (local ? p !== path : !(p === path || path === '/' || p.startsWith(path + '/'))) continue;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += group.memEvents[k];
  }
  return sum;
}

function read(world: World, key: string, reader: Process): string {
  const { path, file } = splitKey(key);
  const g = cg.getCgroup(world, path);
  if (!g) throw new SysError('ENODEV');
  cg.accountCpu(world);
  const nproc = cg.procsIn(world, path, true).length;
  switch (file) {
    case 'cgroup.controllers':
      return cg.controllersOf(world, path).join(' ') + '\n';
    case 'cgroup.subtree_control':
      return cg.ALL_CONTROLLERS.filter((c) => g.subtree.includes(c)).join(' ') + '\n';
    case 'cgroup.procs':
    case 'cgroup.threads':
      return visiblePids(world, path, reader).map((p) => `${p}\n`).join('');
    case 'cgroup.events':
      return lines(`populated ${nproc > 0 ? 1 : 0}`, `frozen ${g.frozen ? 1 : 0}`);
    case 'cgroup.type':
      return 'domain\n';
    case 'cgroup.max.depth':
    case 'cgroup.max.descendants':
      return 'max\n';
    case 'cgroup.stat': {
      const all = Object.keys(world.state.ext.linux!.cgroups).filter((p) => p !== path && (path === '/' || p.startsWith(path + '/')));
      return lines(`nr_descendants ${all.length}`, 'nr_subsys_cpu 1', 'nr_subsys_memory 1', 'nr_subsys_pids 1', `nr_dying_descendants 0`);
    }
    case 'cgroup.freeze':
      return g.frozen ? '1\n' : '0\n';
    case 'cgroup.kill':
      throw new SysError('EINVAL');
    case 'cpu.stat':
    case 'cpu.stat.local': {
      const c = g.cpu;
      const base = [`usage_usec ${Math.round(c.usage)}`, `user_usec ${Math.round(c.user)}`, `system_usec ${Math.round(c.system)}`];
      if (file === 'cpu.stat.local') return lines(`throttled_usec ${Math.round(c.throttledUsec)}`);
      if (path === '/' || !cg.controllersOf(world, path).includes('cpu')) return lines(...base, 'nice_usec 0');
      return lines(...base, 'nice_usec 0', `nr_periods ${c.periods}`, `nr_throttled ${c.throttled}`, `throttled_usec ${Math.round(c.throttledUsec)}`, 'nr_bursts 0', 'burst_usec 0');
    }
    case 'cpu.max':
      return `${g.cpuQuota === null ? 'max' : g.cpuQuota} ${g.cpuPeriod}\n`;
    case 'cpu.weight':
      return `${g.cpuWeight}\n`;
    case 'cpu.weight.nice':
    case 'cpu.idle':
    case 'cpu.max.burst':
    case 'memory.oom.group':
    case 'memory.swap.current':
    case 'memory.swap.peak':
    case 'memory.zswap.current':
    case 'hugetlb.2MB.current':
    case 'hugetlb.2MB.rsvd.current':
      return '0\n';
    case 'cpu.uclamp.min':
      return '0.00\n';
    case 'cpu.uclamp.max':
      return 'max\n';
    case 'memory.current':
      return `${cg.memoryCurrent(world, path)}\n`;
    case 'memory.peak':
      return `${Math.max(g.memPeak, cg.memoryCurrent(world, path))}\n`;
    case 'memory.max':
      return `${limit(g.memMax)}\n`;
    case 'memory.high':
      return `${limit(g.memHigh)}\n`;
    case 'memory.low':
      return `${g.memLow}\n`;
    case 'memory.min':
      return `${g.memMin}\n`;
    case 'memory.swap.max':
    case 'memory.swap.high':
    case 'memory.zswap.max':
    case 'hugetlb.2MB.max':
    case 'hugetlb.2MB.rsvd.max':
      return 'max\n';
    case 'memory.zswap.writeback':
      return '1\n';
    case 'memory.events':
    case 'memory.events.local': {
      const e = memEvents(world, path, file === 'memory.events.local');
      return lines(`low ${e.low}`, `high ${e.high}`, `max ${e.max}`, `oom ${e.oom}`, `oom_kill ${e.oom_kill}`, `oom_group_kill ${e.oom_group_kill}`);
    }
    case 'memory.swap.events':
      return lines('high 0', 'max 0', 'fail 0');
    case 'hugetlb.2MB.events':
    case 'hugetlb.2MB.events.local':
      return 'max 0\n';
    case 'memory.stat': {
      const cur = cg.memoryCurrent(world, path);
      const anon = cg.procsIn(world, path, true).reduce((s, p) => s + (p.workload?.memBytes ?? 0), 0);
      return lines(`anon ${anon}`, 'file 0', `kernel ${cur - anon}`, `kernel_stack ${nproc * 16384}`, 'pagetables 0', 'sock 0', 'shmem 0', 'file_mapped 0', 'file_dirty 0', 'file_writeback 0', 'swapcached 0', 'inactive_anon 0', `active_anon ${anon}`, 'inactive_file 0', 'active_file 0', 'unevictable 0', 'slab 0', 'pgfault 0', 'pgmajfault 0');
    }
    case 'pids.current':
      return `${nproc}\n`;
    case 'pids.max':
      return `${limit(g.pidsMax)}\n`;
    case 'pids.peak':
      return `${Math.max(g.pidsPeak, nproc)}\n`;
    case 'pids.events':
    case 'pids.events.local':
      return `max ${g.pidsEvents}\n`;
    case 'cpuset.cpus.effective':
      return `0-${cg.NCPU - 1}\n`;
    case 'cpuset.mems.effective':
      return '0\n';
    case 'cpuset.cpus.partition':
      return path === '/' ? 'root\n' : 'member\n';
    case 'io.weight':
      return 'default 100\n';
    case 'io.prio.class':
      return 'no-change\n';
    case 'misc.capacity':
    case 'misc.current':
    case 'misc.peak':
    case 'misc.max':
    case 'misc.events':
      return '';
    default:
      if (file.endsWith('.pressure')) return file === 'cpu.pressure' ? 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n' : PRESSURE;
      return '';
  }
}

function parseIntStrict(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function write(world: World, key: string, data: string, writer: Process): void {
  const { path, file } = splitKey(key);
  const g = cg.getCgroup(world, path);
  if (!g) throw new SysError('ENODEV');
  const text = data.trim();
  cg.accountCpu(world);
  switch (file) {
    case 'cgroup.procs':
    case 'cgroup.threads': {
      const n = parseIntStrict(text.split(/\s+/)[0] ?? '');
      if (n === undefined) throw new SysError('EINVAL');
      const target = n === 0 ? writer : Object.values(world.state.procs.procs).find((p) => pidIn(p, writer.ns.pid) === n);
      if (!target) throw new SysError('ESRCH');
      cg.moveProcess(world, target, path);
      return;
    }
    case 'cgroup.subtree_control': {
      const enable = new Set(g.subtree);
      const available = cg.controllersOf(world, path);
      for (const tok of text.split(/\s+/).filter(Boolean)) {
        const m = /^([+-])([a-z_]+)$/.exec(tok);
        if (!m) throw new SysError('EINVAL');
        if (!available.includes(m[2]!)) throw new SysError('ENOENT');
        if (m[1] === '+') enable.add(m[2]!);
        else {
          // A controller a child still distributes cannot be taken away from it.
          if (cg.childNames(world, path).some((c) => cg.getCgroup(world, cg.joinCg(path, c))?.subtree.includes(m[2]!))) throw new SysError('EBUSY');
          enable.delete(m[2]!);
        }
      }
      const adds = [...enable].some((c) => !g.subtree.includes(c));
      if (adds && path !== '/' && cg.procsIn(world, path).length > 0) throw new SysError('EBUSY');
      g.subtree = cg.ALL_CONTROLLERS.filter((c) => enable.has(c));
      return;
    }
    case 'cgroup.kill':
      if (text !== '1') throw new SysError('ERANGE');
      cg.killCgroup(world, path);
      return;
    case 'cgroup.freeze': {
      if (text !== '0' && text !== '1') throw new SysError('ERANGE');
      g.frozen = text === '1';
      for (const p of cg.procsIn(world, path, true)) p.state = g.frozen ? 'T' : p.workload?.cpu ? 'R' : 'S';
      return;
    }
    case 'memory.max':
    case 'memory.high':
    case 'memory.low':
    case 'memory.min': {
      const v = cg.parseMemory(text);
      if (v === undefined) throw new SysError('EINVAL');
      if (file === 'memory.max') {
        g.memMax = v;
        cg.enforceMemory(world, path);
      } else if (file === 'memory.high') g.memHigh = v;
      else if (file === 'memory.low') g.memLow = v ?? Number.MAX_SAFE_INTEGER;
      else g.memMin = v ?? Number.MAX_SAFE_INTEGER;
      return;
    }
    case 'cpu.max': {
      const [max, period] = text.split(/\s+/);
      const p = period === undefined ? g.cpuPeriod : parseIntStrict(period);
      const q = max === 'max' ? null : parseIntStrict(max ?? '');
      if (p === undefined || q === undefined || p < 1000 || p > 1_000_000 || (q !== null && q < 1000)) throw new SysError('EINVAL');
      g.cpuQuota = q;
      g.cpuPeriod = p;
      return;
    }
    case 'cpu.weight': {
      const w = parseIntStrict(text);
      if (w === undefined) throw new SysError('EINVAL');
      if (w < 1 || w > 10000) throw new SysError('ERANGE');
      g.cpuWeight = w;
      return;
    }
    case 'pids.max': {
      const v = text === 'max' ? null : parseIntStrict(text);
      if (v === undefined) throw new SysError('EINVAL');
      g.pidsMax = v;
      return;
    }
    case 'memory.oom.group':
      if (text !== '0' && text !== '1') throw new SysError('EINVAL');
      return;
    default:
      if (!WRITABLE.has(file)) throw new SysError('EACCES');
      // Accepted and ignored: io, cpuset, hugetlb and pressure tuning have no effect in the simulation.
      return;
  }
}

registerSynthetic('cgroupf', { read, write });
