/**
 * The in-memory filesystem: an inode table with permissions, symlinks and mounts.
 * Everything is plain JSON so a world snapshots and restores byte for byte.
 * Paths are resolved against a process's root and cwd, which is how chroot works here.
 */
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import { SysError } from './errors.ts';

export type InodeType = 'file' | 'dir' | 'symlink' | 'chardev';

export interface Inode {
  ino: number;
  type: InodeType;
  /** Permission bits, e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** Virtual ms of the last change to content. */
  mtime: number;
  ctime: number;
  /** File content (text; binaries hold a small marker, see binaries.ts). */
  data?: string;
  /** Directory entries: name → ino. */
  entries?: Dict<number>;
  /** Symlink target. */
  target?: string;
  /** A character device's major and minor numbers (devices.ts says what the device does). */
  rdev?: [number, number];
  /**
   * A synthetic file whose content is computed from engine state on read (/proc, /sys).
   * The key names a generator registered by the kernel; writes go to the same place.
   */
  synthetic?: string;
}

export interface Mount {
  /** Canonical absolute path of the mount point, in the host's root. */
  target: string;
  /** Root inode of the mounted tree. */
  rootIno: number;
  source: string;
  fstype: string;
  options: string;
}

export interface FsState {
  inodes: Dict<Inode>;
  /**
   * The root of each mount namespace after pivot_root (canonical host path). `..` never
   * climbs above it, so nothing outside the new root is reachable any more.
   */
  nsRoots?: Dict<string>;
  nextIno: number;
  rootIno: number;
  /** Sum of regular file sizes, checked against LIMITS.totalFsBytes. */
  bytes: number;
  /** Mount tables by mount-namespace id. */
  mounts: Dict<Mount[]>;
}

export interface Cred {
  uid: number;
  gid: number;
  groups?: number[];
}

/** Where a path is resolved from: the process's root and working directory (canonical host paths). */
export interface PathContext extends Cred {
  root: string;
  cwd: string;
  /** Mount namespace id, selecting the mount table. */
  mntns: string;
  /**
   * Directories computed from engine state (/proc, /sys/fs/cgroup): the provider for a
   * synthetic directory's key. Absent when the caller has no world (then they look empty).
   */
  virtual?: (key: string) => VirtualDir | undefined;
}

/**
 * A directory whose entries are computed (procfs, cgroupfs). Nodes it returns are not in the
 * inode table; their `synthetic` key tells the syscall layer how to read and write them.
 */
export interface VirtualDir {
  lookup(key: string, name: string): Inode | undefined;
  list(key: string): string[];
  /** mkdir inside it (cgroupfs creates a cgroup); absent means EPERM. */
  mkdir?(key: string, name: string): void;
  rmdir?(key: string, name: string): void;
}

/** The child `name` of directory `dir`, real or computed. */
function childNode(fs: FsState, ctx: PathContext, dir: Inode, name: string): Inode | undefined {
  if (dir.synthetic) {
    const v = ctx.virtual?.(dir.synthetic);
    return v ? v.lookup(dir.synthetic, name) : undefined;
  }
  const ino = dir.entries![name];
  return ino === undefined ? undefined : fs.inodes[ino];
}

/** Entry names of a directory node, real or computed. */
function entryNames(ctx: PathContext, dir: Inode): string[] {
  if (dir.synthetic) return ctx.virtual?.(dir.synthetic)?.list(dir.synthetic) ?? [];
  return Object.keys(dir.entries!).sort();
}

function virtualOf(ctx: PathContext, dir: Inode): VirtualDir | undefined {
  return dir.synthetic ? ctx.virtual?.(dir.synthetic) : undefined;
}

export interface Resolved {
  /** Canonical host path of the result. */
  path: string;
  ino: number;
  node: Inode;
}

export function createFs(now: number): FsState {
  const fs: FsState = { inodes: dict(), nextIno: 2, rootIno: 2, bytes: 0, mounts: dict() };
  const root = allocInode(fs, 'dir', 0o755, 0, 0, now);
  fs.rootIno = root.ino;
  root.nlink = 2;
  return fs;
}

export function allocInode(fs: FsState, type: InodeType, mode: number, uid: number, gid: number, now: number): Inode {
  if (Object.keys(fs.inodes).length >= LIMITS.inodes) throw new SysError('ENOSPC');
  const node: Inode = { ino: fs.nextIno++, type, mode, uid, gid, nlink: 1, mtime: now, ctime: now };
  if (type === 'dir') node.entries = dict();
  if (type === 'file') node.data = '';
  fs.inodes[node.ino] = node;
  return node;
}

export function inode(fs: FsState, ino: number): Inode {
  const node = fs.inodes[ino];
  if (!node) throw new SysError('ENOENT');
  return node;
}

/** Splits and normalizes nothing: `a//b/` → ['a','b']. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

export function joinPath(...parts: string[]): string {
  const joined = parts.join('/').replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined || '/';
}

export function dirname(path: string): string {
  const parts = splitPath(path);
  parts.pop();
  return path.startsWith('/') ? '/' + parts.join('/') : parts.join('/') || '.';
}

export function basename(path: string): string {
  const parts = splitPath(path);
  return parts[parts.length - 1] ?? '/';
}

/** The mount whose target is exactly `path` (the last one mounted wins, as on Linux). */
function mountAt(fs: FsState, mntns: string, path: string): Mount | undefined {
  const table = fs.mounts[mntns];
  if (!table) return undefined;
  for (let i = table.length - 1; i >= 0; i--) if (table[i]!.target === path) return table[i];
  return undefined;
}

/** The node at a canonical host path with no symlinks in it, crossing mounts. */
function nodeAtCanonical(fs: FsState, ctx: PathContext, path: string): Inode {
  let node = inode(fs, mountAt(fs, ctx.mntns, '/')?.rootIno ?? fs.rootIno);
  let at = '';
  for (const name of splitPath(path)) {
    if (node.type !== 'dir') throw new SysError('ENOTDIR');
    at += '/' + name;
    const m = mountAt(fs, ctx.mntns, at);
    if (m && fs.inodes[m.rootIno]) {
      node = fs.inodes[m.rootIno]!;
      continue;
    }
    const child = childNode(fs, ctx, node, name);
    if (!child) throw new SysError('ENOENT');
    node = child;
  }
  return node;
}

function canSearch(node: Inode, cred: Cred): boolean {
  return hasPermission(node, cred, 1);
}

/** rwx check: want is a mask of 4 (read), 2 (write), 1 (execute/search). Root passes all but exec of non-executables. */
export function hasPermission(node: Inode, cred: Cred, want: number): boolean {
  if (cred.uid === 0) return want & 1 && node.type === 'file' ? (node.mode & 0o111) !== 0 : true;
  let bits: number;
  if (cred.uid === node.uid) bits = (node.mode >> 6) & 7;
  else if (cred.gid === node.gid || cred.groups?.includes(node.gid)) bits = (node.mode >> 3) & 7;
  else bits = node.mode & 7;
  return (bits & want) === want;
}

/**
 * Resolves a path to its inode, following symlinks (the last one only if `followLast`).
 * `..` never climbs above the process's root: the chroot rule. A cwd outside the root
 * (the classic escape) is not clamped, exactly like the kernel.
 */
export function resolve(fs: FsState, ctx: PathContext, path: string, followLast = true): Resolved {
  if (path === '') throw new SysError('ENOENT');
  let hops = 0;
  const walk = (start: string[], rest: string[]): Resolved => {
    const cur = [...start];
    for (let i = 0; i < rest.length; i++) {
      const name = rest[i]!;
      const last = i === rest.length - 1;
      const here = '/' + cur.join('/');
      const dir = nodeAtCanonical(fs, ctx, here);
      if (dir.type !== 'dir') throw new SysError('ENOTDIR', path);
      if (!canSearch(dir, ctx)) throw new SysError('EACCES', path);
      if (name === '.') continue;
      if (name === '..') {
        if (here !== normalizeRoot(ctx.root) && here !== (fs.nsRoots?.[ctx.mntns] ?? '/')) cur.pop();
        continue;
      }
      const child = childNode(fs, ctx, dir, name);
      if (!child) throw new SysError('ENOENT', path);
      if (child.type === 'symlink' && (!last || followLast)) {
        if (++hops > LIMITS.symlinkHops) throw new SysError('ELOOP', path);
        const target = child.target ?? '';
        const base = target.startsWith('/') ? splitPath(ctx.root) : cur;
        const resolvedLink = walk(base, splitPath(target));
        const after = rest.slice(i + 1);
        return after.length ? walk(splitPath(resolvedLink.path), after) : resolvedLink;
      }
      cur.push(name);
    }
    const finalPath = '/' + cur.join('/');
    const node = nodeAtCanonical(fs, ctx, finalPath);
    return { path: finalPath, ino: node.ino, node };
  };
  const start = path.startsWith('/') ? splitPath(ctx.root) : splitPath(ctx.cwd);
  const r = walk(start, splitPath(path));
  if (path.endsWith('/') && r.node.type !== 'dir') throw new SysError('ENOTDIR', path);
  return r;
}

function normalizeRoot(root: string): string {
  return '/' + splitPath(root).join('/');
}

/** The path as the process sees it: the canonical host path with its root stripped. */
export function visiblePath(ctx: { root: string }, canonical: string): string {
  const root = normalizeRoot(ctx.root);
  if (root === '/') return canonical;
  if (canonical === root) return '/';
  if (canonical.startsWith(root + '/')) return canonical.slice(root.length);
  return canonical; // outside the jail, as after a chroot escape
}

/** The parent directory and final name for creating or removing `path`. */
export function resolveParent(fs: FsState, ctx: PathContext, path: string): { dir: Resolved; name: string } {
  const parts = splitPath(path);
  const name = parts.pop();
  if (name === undefined || name === '.' || name === '..') throw new SysError(name ? 'EINVAL' : 'EEXIST', path);
  if (name.length > 255) throw new SysError('ENAMETOOLONG', path);
  const parentPath = (path.startsWith('/') ? '/' : '') + parts.join('/');
  const dir = resolve(fs, ctx, parentPath || '.');
  if (dir.node.type !== 'dir') throw new SysError('ENOTDIR', path);
  return { dir, name };
}

function requireWrite(dir: Inode, ctx: PathContext, path: string): void {
  if (!hasPermission(dir, ctx, 3)) throw new SysError('EACCES', path);
}

export function lookup(fs: FsState, ctx: PathContext, path: string, followLast = true): Resolved | undefined {
  try {
    return resolve(fs, ctx, path, followLast);
  } catch (e) {
    if (e instanceof SysError && (e.errno === 'ENOENT' || e.errno === 'ENOTDIR')) return undefined;
    throw e;
  }
}

export function mkdir(fs: FsState, ctx: PathContext, path: string, now: number, mode = 0o755): Inode {
  const { dir, name } = resolveParent(fs, ctx, path);
  if (dir.node.synthetic) {
    if (childNode(fs, ctx, dir.node, name)) throw new SysError('EEXIST', path);
    requireWrite(dir.node, ctx, path);
    const v = virtualOf(ctx, dir.node);
    if (!v?.mkdir) throw new SysError('EPERM', path);
    v.mkdir(dir.node.synthetic, name);
    return childNode(fs, ctx, dir.node, name)!;
  }
  if (dir.node.entries![name] !== undefined) throw new SysError('EEXIST', path);
  requireWrite(dir.node, ctx, path);
  const node = allocInode(fs, 'dir', mode, ctx.uid, ctx.gid, now);
  node.nlink = 2;
  dir.node.entries![name] = node.ino;
  dir.node.nlink++;
  dir.node.mtime = now;
  return node;
}

/** mkdir -p: creates missing parents, succeeds on existing directories. */
export function mkdirp(fs: FsState, ctx: PathContext, path: string, now: number, mode = 0o755): void {
  const parts = splitPath(path);
  let at = path.startsWith('/') ? '' : '.';
  for (const part of parts) {
    at += '/' + part;
    const found = lookup(fs, ctx, at);
    if (!found) mkdir(fs, ctx, at, now, mode);
    else if (found.node.type !== 'dir') throw new SysError('EEXIST', at);
  }
}

export function readFile(fs: FsState, ctx: PathContext, path: string): Resolved {
  const r = resolve(fs, ctx, path);
  if (r.node.type === 'dir') throw new SysError('EISDIR', path);
  if (!hasPermission(r.node, ctx, 4)) throw new SysError('EACCES', path);
  return r;
}

function setData(fs: FsState, node: Inode, data: string, now: number, path: string): void {
  if (data.length > LIMITS.fileBytes) throw new SysError('EFBIG', path);
  const delta = data.length - (node.data?.length ?? 0);
  if (fs.bytes + delta > LIMITS.totalFsBytes) throw new SysError('ENOSPC', path);
  fs.bytes += delta;
  node.data = data;
  node.mtime = now;
  node.ctime = now;
}

/**
 * Creates or truncates/appends a regular file. Returns the inode so callers can apply
 * synthetic-file writes (cgroup files) themselves.
 */
export function writeFile(
  fs: FsState,
  ctx: PathContext,
  path: string,
  data: string,
  now: number,
  opts: { append?: boolean; mode?: number } = {},
): Resolved {
  const existing = lookup(fs, ctx, path);
  if (existing) {
    if (existing.node.type === 'dir') throw new SysError('EISDIR', path);
    if (!hasPermission(existing.node, ctx, 2)) throw new SysError('EACCES', path);
    if (!existing.node.synthetic) setData(fs, existing.node, opts.append ? (existing.node.data ?? '') + data : data, now, path);
    return existing;
  }
  const { dir, name } = resolveParent(fs, ctx, path);
  requireWrite(dir.node, ctx, path);
  if (dir.node.synthetic) throw new SysError(dir.node.synthetic.startsWith('proc') ? 'ENOENT' : 'EACCES', path);
  const node = allocInode(fs, 'file', opts.mode ?? 0o644, ctx.uid, ctx.gid, now);
  setData(fs, node, data, now, path);
  dir.node.entries![name] = node.ino;
  dir.node.mtime = now;
  return { path: joinPath(dir.path, name), ino: node.ino, node };
}

export function symlink(fs: FsState, ctx: PathContext, target: string, path: string, now: number): void {
  const { dir, name } = resolveParent(fs, ctx, path);
  if (dir.node.synthetic) throw new SysError(childNode(fs, ctx, dir.node, name) ? 'EEXIST' : 'EPERM', path);
  if (dir.node.entries![name] !== undefined) throw new SysError('EEXIST', path);
  requireWrite(dir.node, ctx, path);
  const node = allocInode(fs, 'symlink', 0o777, ctx.uid, ctx.gid, now);
  node.target = target;
  dir.node.entries![name] = node.ino;
}

export function link(fs: FsState, ctx: PathContext, existing: string, path: string, now: number): void {
  const src = resolve(fs, ctx, existing, false);
  if (src.node.type === 'dir' || src.node.synthetic) throw new SysError('EPERM', existing);
  const { dir, name } = resolveParent(fs, ctx, path);
  if (dir.node.synthetic) throw new SysError('EPERM', path);
  if (dir.node.entries![name] !== undefined) throw new SysError('EEXIST', path);
  requireWrite(dir.node, ctx, path);
  dir.node.entries![name] = src.ino;
  src.node.nlink++;
  src.node.ctime = now;
}

function dropLink(fs: FsState, node: Inode): void {
  node.nlink--;
  if (node.nlink <= 0 || (node.type === 'dir' && node.nlink <= 1)) {
    fs.bytes -= node.data?.length ?? 0;
    delete fs.inodes[node.ino];
  }
}

/** unlink(2): removes a non-directory entry. */
export function unlink(fs: FsState, ctx: PathContext, path: string, now: number): void {
  const { dir, name } = resolveParent(fs, ctx, path);
  if (dir.node.synthetic) {
    const child = childNode(fs, ctx, dir.node, name);
    if (!child) throw new SysError('ENOENT', path);
    throw new SysError(child.type === 'dir' ? 'EISDIR' : 'EPERM', path);
  }
  const ino = dir.node.entries![name];
  if (ino === undefined) throw new SysError('ENOENT', path);
  const node = inode(fs, ino);
  if (node.type === 'dir') throw new SysError('EISDIR', path);
  requireWrite(dir.node, ctx, path);
  delete dir.node.entries![name];
  dir.node.mtime = now;
  dropLink(fs, node);
}

/** rmdir(2): removes an empty directory that is not a mount point. */
export function rmdir(fs: FsState, ctx: PathContext, path: string, now: number): void {
  const { dir, name } = resolveParent(fs, ctx, path);
  if (dir.node.synthetic) {
    const child = childNode(fs, ctx, dir.node, name);
    if (!child) throw new SysError('ENOENT', path);
    if (child.type !== 'dir') throw new SysError('ENOTDIR', path);
    requireWrite(dir.node, ctx, path);
    const v = virtualOf(ctx, dir.node);
    if (!v?.rmdir) throw new SysError('EPERM', path);
    v.rmdir(dir.node.synthetic, name);
    return;
  }
  const ino = dir.node.entries![name];
  if (ino === undefined) throw new SysError('ENOENT', path);
  const node = inode(fs, ino);
  if (node.type !== 'dir') throw new SysError('ENOTDIR', path);
  if (Object.keys(node.entries!).length > 0) throw new SysError('ENOTEMPTY', path);
  if (mountAt(fs, ctx.mntns, joinPath(dir.path, name))) throw new SysError('EBUSY', path);
  requireWrite(dir.node, ctx, path);
  delete dir.node.entries![name];
  dir.node.nlink--;
  dir.node.mtime = now;
  node.nlink = 0;
  delete fs.inodes[node.ino];
}

/** rename(2) within one filesystem. */
export function rename(fs: FsState, ctx: PathContext, from: string, to: string, now: number): void {
  const src = resolveParent(fs, ctx, from);
  if (src.dir.node.synthetic) throw new SysError(childNode(fs, ctx, src.dir.node, src.name) ? 'EPERM' : 'ENOENT', from);
  const ino = src.dir.node.entries![src.name];
  if (ino === undefined) throw new SysError('ENOENT', from);
  const dst = resolveParent(fs, ctx, to);
  if (dst.dir.node.synthetic) throw new SysError('EXDEV', to);
  if (src.dir.path !== dst.dir.path && deviceOf(fs, ctx.mntns, src.dir.path) !== deviceOf(fs, ctx.mntns, dst.dir.path)) throw new SysError('EXDEV', to);
  requireWrite(src.dir.node, ctx, from);
  requireWrite(dst.dir.node, ctx, to);
  const node = inode(fs, ino);
  if (node.type === 'dir' && (joinPath(dst.dir.path, dst.name) + '/').startsWith(joinPath(src.dir.path, src.name) + '/')) {
    throw new SysError('EINVAL', to);
  }
  const replaced = dst.dir.node.entries![dst.name];
  if (replaced !== undefined && replaced !== ino) {
    const old = inode(fs, replaced);
    if (old.type === 'dir') {
      if (node.type !== 'dir') throw new SysError('EISDIR', to);
      if (Object.keys(old.entries!).length) throw new SysError('ENOTEMPTY', to);
    } else if (node.type === 'dir') throw new SysError('ENOTDIR', to);
    dropLink(fs, old);
  }
  delete src.dir.node.entries![src.name];
  dst.dir.node.entries![dst.name] = ino;
  if (node.type === 'dir') {
    src.dir.node.nlink--;
    dst.dir.node.nlink++;
  }
  src.dir.node.mtime = dst.dir.node.mtime = now;
}

/** Sorted entry names of a directory (no `.` and `..`). */
export function readdir(fs: FsState, ctx: PathContext, path: string): string[] {
  const r = resolve(fs, ctx, path);
  if (r.node.type !== 'dir') throw new SysError('ENOTDIR', path);
  if (!hasPermission(r.node, ctx, 4)) throw new SysError('EACCES', path);
  return entryNames(ctx, r.node);
}

/** The mount a canonical path lives on (its target), which is what `rename` and `df` care about. */
export function deviceOf(fs: FsState, mntns: string, path: string): string {
  let best = '/';
  for (const m of fs.mounts[mntns] ?? []) {
    if ((path === m.target || path.startsWith(m.target === '/' ? '/' : m.target + '/')) && m.target.length >= best.length) best = m.target;
  }
  return best;
}

export function mount(fs: FsState, mntns: string, m: Mount): void {
  (fs.mounts[mntns] ??= []).push(m);
}

/** Copies a mount table for a new mount namespace (unshare --mount). */
export function cloneMounts(fs: FsState, from: string, to: string): void {
  fs.mounts[to] = (fs.mounts[from] ?? []).map((m) => ({ ...m }));
}

export function umount(fs: FsState, mntns: string, target: string): void {
  const table = fs.mounts[mntns] ?? [];
  for (let i = table.length - 1; i >= 0; i--) {
    if (table[i]!.target === target) {
      if (table.some((m, j) => j !== i && m.target.startsWith(target === '/' ? '/' : target + '/'))) throw new SysError('EBUSY', target);
      table.splice(i, 1);
      return;
    }
  }
  throw new SysError('EINVAL', target);
}

export function mountsOf(fs: FsState, mntns: string): Mount[] {
  return fs.mounts[mntns] ?? [];
}
