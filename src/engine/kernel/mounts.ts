/**
 * Mounts as a process sees them: the host's initial table, mounting proc/tmpfs/cgroup2/bind,
 * unmounting, pivot_root, and the per-process view (/proc/PID/mounts, findmnt) that lists
 * only what lies under the process's root, relative to it.
 */
import type { World } from '../world.ts';
import { SysError } from './errors.ts';
import { INITIAL_NS, type Process } from './process.ts';
import { pathContext } from './syscalls.ts';
import * as vfs from './vfs.ts';

export const DEFAULT_OPTIONS: Record<string, string> = {
  proc: 'rw,nosuid,nodev,noexec,relatime',
  tmpfs: 'rw,relatime',
  cgroup2: 'rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot',
  sysfs: 'rw,nosuid,nodev,noexec,relatime',
};

const ROOT_CTX = { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(INITIAL_NS.mnt) };

/** A new root inode for a filesystem of `fstype` (proc and cgroup2 are computed). */
function newFsRoot(world: World, fstype: string, proc: Process): number {
  const node = vfs.allocInode(world.state.fs, 'dir', fstype === 'tmpfs' ? 0o1777 : 0o555, 0, 0, world.now);
  node.nlink = 2;
  if (fstype === 'proc') node.synthetic = `proc:${proc.ns.pid}:`;
  if (fstype === 'cgroup2') {
    node.synthetic = 'cgroup:/';
    node.mode = 0o755;
  }
  return node.ino;
}

/** The host's mounts at boot, as a Debian 12 VM shows them. */
export function setupMounts(world: World, init: Process): void {
  const fs = world.state.fs;
  const ns = String(INITIAL_NS.mnt);
  const at = (p: string) => vfs.resolve(fs, ROOT_CTX, p).ino;
  vfs.mkdirp(fs, ROOT_CTX, '/sys/fs/cgroup', world.now);
  vfs.mkdirp(fs, ROOT_CTX, '/dev/pts', world.now);
  vfs.mkdirp(fs, ROOT_CTX, '/dev/shm', world.now);
  const table: vfs.Mount[] = [
    { target: '/', rootIno: fs.rootIno, source: '/dev/vda1', fstype: 'ext4', options: 'rw,relatime,errors=remount-ro' },
    { target: '/sys', rootIno: at('/sys'), source: 'sysfs', fstype: 'sysfs', options: DEFAULT_OPTIONS.sysfs! },
    { target: '/proc', rootIno: newFsRoot(world, 'proc', init), source: 'proc', fstype: 'proc', options: DEFAULT_OPTIONS.proc! },
    { target: '/dev', rootIno: at('/dev'), source: 'udev', fstype: 'devtmpfs', options: 'rw,nosuid,relatime,size=1995300k,nr_inodes=498825,mode=755,inode64' },
    { target: '/dev/pts', rootIno: at('/dev/pts'), source: 'devpts', fstype: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000' },
    { target: '/run', rootIno: at('/run'), source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=401812k,mode=755,inode64' },
    { target: '/dev/shm', rootIno: at('/dev/shm'), source: 'tmpfs', fstype: 'tmpfs', options: 'rw,nosuid,nodev,inode64' },
    { target: '/sys/fs/cgroup', rootIno: newFsRoot(world, 'cgroup2', init), source: 'cgroup2', fstype: 'cgroup2', options: DEFAULT_OPTIONS.cgroup2! },
  ];
  fs.mounts[ns] = table;
}

export interface MountRequest {
  source: string;
  target: string;
  fstype?: string;
  options?: string;
  bind?: boolean;
  recursive?: boolean;
}

/** mount(2) for `proc`. Needs CAP_SYS_ADMIN over its mount namespace (checked by the caller). */
export function mount(world: World, proc: Process, req: MountRequest): void {
  const fs = world.state.fs;
  const ctx = pathContext(proc, world);
  const target = vfs.resolve(fs, ctx, req.target);
  if (target.node.type !== 'dir' && !req.bind) throw new SysError('ENOTDIR', req.target);
  const table = (fs.mounts[ctx.mntns] ??= []);
  if (req.bind) {
    const src = vfs.resolve(fs, ctx, req.source);
    if ((src.node.type === 'dir') !== (target.node.type === 'dir')) throw new SysError(src.node.type === 'dir' ? 'ENOTDIR' : 'EISDIR', req.target);
    const from = vfs.deviceOf(fs, ctx.mntns, src.path);
    const base = table.find((m) => m.target === from);
    table.push({ target: target.path, rootIno: src.ino, source: base?.source ?? 'none', fstype: base?.fstype ?? 'none', options: base?.options ?? 'rw' });
    if (req.recursive) {
      for (const m of [...table]) {
        if (m.target.startsWith(src.path + '/')) table.push({ ...m, target: target.path + m.target.slice(src.path.length) });
      }
    }
    return;
  }
  const fstype = req.fstype ?? 'none';
  if (!['proc', 'tmpfs', 'cgroup2', 'sysfs', 'devpts', 'mqueue'].includes(fstype)) throw new SysError('ENODEV', req.target);
  const options = req.options ? `rw,${req.options.split(',').filter((o) => o !== 'rw').join(',')}`.replace(/,$/, '') : DEFAULT_OPTIONS[fstype] ?? 'rw,relatime';
  let rootIno: number;
  if (fstype === 'sysfs') rootIno = vfs.resolve(fs, { ...ROOT_CTX }, '/sys').ino;
  else rootIno = newFsRoot(world, fstype, proc);
  table.push({ target: target.path, rootIno, source: req.source, fstype, options });
}

/** umount(2): the newest mount at the target; EBUSY while something is mounted below it or a process works inside it. */
export function umount(world: World, proc: Process, path: string, lazy = false): void {
  const fs = world.state.fs;
  const ctx = pathContext(proc, world);
  let canonical: string;
  try {
    canonical = vfs.resolve(fs, ctx, path).path;
  } catch (e) {
    if (e instanceof SysError && e.errno === 'ENOENT') throw new SysError('ENOENT', path);
    throw e;
  }
  const table = fs.mounts[ctx.mntns] ?? [];
  const idx = table.map((m) => m.target).lastIndexOf(canonical);
  if (idx === -1) throw new SysError('EINVAL', path);
  const under = (p: string) => p === canonical || p.startsWith(canonical === '/' ? '/' : canonical + '/');
  if (lazy) {
    for (let i = table.length - 1; i >= idx; i--) if (under(table[i]!.target)) table.splice(i, 1);
    return;
  }
  if (table.some((m, j) => j > idx && m.target !== canonical && under(m.target))) throw new SysError('EBUSY', path);
  const busy = Object.values(world.state.procs.procs).some((p) => String(p.ns.mnt) === ctx.mntns && p.pid !== proc.pid && (under(p.cwd) || under(p.root)) && canonical !== '/');
  if (busy) throw new SysError('EBUSY', path);
  table.splice(idx, 1);
}

/**
 * pivot_root(2): `newRoot` (a mount point) becomes the root of the mount namespace and the
 * old root is mounted at `putOld` under it. Processes of the namespace whose root was the
 * old root move with it, which is how a container runtime leaves the host behind.
 */
export function pivotRoot(world: World, proc: Process, newRoot: string, putOld: string): void {
  const fs = world.state.fs;
  const ctx = pathContext(proc, world);
  const nr = vfs.resolve(fs, ctx, newRoot);
  const po = vfs.resolve(fs, ctx, putOld);
  if (nr.node.type !== 'dir' || po.node.type !== 'dir') throw new SysError('ENOTDIR', newRoot);
  const mntns = ctx.mntns;
  // new_root must differ from the current root (EBUSY) and be a mount point in a new mount namespace.
  if (nr.path === vfs.joinPath(proc.root)) throw new SysError('EBUSY', newRoot);
  if (mntns === String(INITIAL_NS.mnt)) throw new SysError('EINVAL', newRoot);
  const table = fs.mounts[mntns] ?? [];
  if (!table.some((m) => m.target === nr.path)) throw new SysError('EINVAL', newRoot);
  if (!(po.path === nr.path || po.path.startsWith(nr.path + '/'))) throw new SysError('EINVAL', putOld);
  if (nr.path === vfs.joinPath(proc.root)) throw new SysError('EBUSY', newRoot);
  const oldRoot = vfs.joinPath(proc.root);
  // Everything mounted outside the new root reappears under put_old.
  const oldRootIno = vfs.resolve(fs, { ...ctx, root: '/', cwd: '/' }, oldRoot).ino;
  const moved: vfs.Mount[] = [];
  for (const m of table) {
    if (m.target === nr.path || m.target.startsWith(nr.path + '/')) moved.push(m);
    else moved.push({ ...m, target: vfs.joinPath(po.path, m.target === '/' ? '' : m.target.slice(oldRoot === '/' ? 0 : oldRoot.length)) });
  }
  if (!moved.some((m) => m.target === po.path)) moved.push({ target: po.path, rootIno: oldRootIno, source: table[0]?.source ?? '/dev/vda1', fstype: table[0]?.fstype ?? 'ext4', options: table[0]?.options ?? 'rw' });
  // The new root's own mount now sits at `/` of the namespace.
  fs.mounts[mntns] = moved;
  (fs.nsRoots ??= Object.create(null) as Record<string, string>)[mntns] = nr.path;
  for (const p of Object.values(world.state.procs.procs)) {
    if (String(p.ns.mnt) !== mntns) continue;
    if (vfs.joinPath(p.root) === oldRoot) p.root = nr.path;
    if (vfs.joinPath(p.cwd) === oldRoot) p.cwd = nr.path;
  }
}

export interface MountView {
  source: string;
  /** Target as the process sees it (relative to its root). */
  target: string;
  fstype: string;
  options: string;
  /** Index in the namespace's table, for mountinfo ids. */
  id: number;
  parent: number;
}

/** The mounts `proc` can see: those at or under its root, with targets relative to it. */
export function mountsFor(world: World, proc: Process): MountView[] {
  const table = world.state.fs.mounts[String(proc.ns.mnt)] ?? [];
  const root = vfs.joinPath(proc.root);
  const out: MountView[] = [];
  table.forEach((m, i) => {
    const visible = root === '/' || m.target === root || m.target.startsWith(root + '/');
    if (!visible) return;
    const target = vfs.visiblePath({ root }, m.target);
    let parent = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = table[j]!.target;
      if (m.target !== t && (t === '/' || m.target.startsWith(t + '/'))) {
        parent = j;
        break;
      }
    }
    out.push({ source: m.source, target, fstype: m.fstype, options: m.options, id: 20 + i, parent: 20 + parent });
  });
  // A mount shadowed by a later one at the same target is still listed (as in /proc/mounts).
  return out;
}

/** /proc/PID/mounts: `source target fstype options 0 0`. */
export function formatMounts(views: MountView[]): string {
  return views.map((v) => `${v.source} ${v.target} ${v.fstype} ${v.options} 0 0\n`).join('');
}

/** /proc/PID/mountinfo. */
export function formatMountinfo(views: MountView[]): string {
  return views
    .map((v) => {
      const [vfsOpts, superOpts] = splitOptions(v.options);
      return `${v.id} ${v.parent} 0:${v.id} / ${v.target} ${vfsOpts} - ${v.fstype} ${v.source} ${superOpts}\n`;
    })
    .join('');
}

function splitOptions(options: string): [string, string] {
  const per = new Set(['rw', 'ro', 'nosuid', 'nodev', 'noexec', 'relatime', 'noatime', 'nodiratime']);
  const opts = options.split(',');
  const a = opts.filter((o) => per.has(o));
  const b = opts.filter((o) => !per.has(o) || o === 'rw' || o === 'ro');
  return [a.join(','), b.join(',') || 'rw'];
}
