/**
 * The system-call layer: every command reaches the filesystem through these, with the
 * calling process's credentials, root, cwd and mount namespace. Synthetic filesystems
 * (/proc, /sys/fs/cgroup) hook in here, so no command needs to know about them.
 */
import type { World } from '../world.ts';
import { readDevice, writeDevice } from './devices.ts';
import { SysError } from './errors.ts';
import type { Process } from './process.ts';
import * as vfs from './vfs.ts';

/**
 * The credentials and view of the filesystem a process resolves paths with. Given the world,
 * computed directories (/proc, /sys/fs/cgroup) are filled in from engine state.
 */
export function pathContext(proc: Process, world?: World): vfs.PathContext {
  const ctx: vfs.PathContext = { uid: proc.uid, gid: proc.gid, groups: proc.groups, root: proc.root, cwd: proc.cwd, mntns: String(proc.ns.mnt) };
  if (world) ctx.virtual = (key) => virtuals.get(key.split(':', 1)[0]!)?.(world, proc);
  return ctx;
}

const virtuals = new Map<string, (world: World, proc: Process) => vfs.VirtualDir>();

/** Registers the provider of computed directories whose `synthetic` key starts with `prefix:`. */
export function registerVirtual(prefix: string, provider: (world: World, viewer: Process) => vfs.VirtualDir): void {
  virtuals.set(prefix, provider);
}

/** A synthetic file's behaviour: content computed on read, writes applied to engine state. */
export interface SyntheticHandler {
  read(world: World, key: string, proc: Process): string;
  /** Throws SysError (EBUSY, EINVAL...) to refuse a write, as the kernel would. */
  write?(world: World, key: string, data: string, proc: Process): void;
}

const synthetic = new Map<string, SyntheticHandler>();

/** Registers the handler for inodes whose `synthetic` key starts with `prefix:`. */
export function registerSynthetic(prefix: string, handler: SyntheticHandler): void {
  synthetic.set(prefix, handler);
}

function handlerFor(key: string): SyntheticHandler {
  const h = synthetic.get(key.split(':', 1)[0]!);
  if (!h) throw new SysError('EINVAL', key);
  return h;
}

export function stat(world: World, proc: Process, path: string, follow = true): vfs.Resolved {
  return vfs.resolve(world.state.fs, pathContext(proc, world), path, follow);
}

export function exists(world: World, proc: Process, path: string): boolean {
  return vfs.lookup(world.state.fs, pathContext(proc, world), path) !== undefined;
}

/**
 * The whole content of a file. A device gives `deviceBytes` bytes when asked for a size
 * (`head -c 16 /dev/urandom`), otherwise what reading it to the end gives (devices.ts).
 */
export function readFile(world: World, proc: Process, path: string, deviceBytes?: number): string {
  const r = vfs.readFile(world.state.fs, pathContext(proc, world), path);
  if (r.node.synthetic) return handlerFor(r.node.synthetic).read(world, r.node.synthetic, proc);
  if (r.node.type === 'symlink') throw new SysError('EINVAL', path);
  if (r.node.type === 'chardev') return readDevice(world, proc, r.node, path, deviceBytes);
  return r.node.data ?? '';
}

export function writeFile(world: World, proc: Process, path: string, data: string, append = false, mode?: number): void {
  const fs = world.state.fs;
  const existing = vfs.lookup(fs, pathContext(proc, world), path);
  if (existing?.node.type === 'chardev') return writeDevice(existing.node, data, path);
  if (existing?.node.synthetic) {
    if (!vfs.hasPermission(existing.node, pathContext(proc, world), 2)) throw new SysError('EACCES', path);
    const h = handlerFor(existing.node.synthetic);
    if (!h.write) throw new SysError('EACCES', path);
    h.write(world, existing.node.synthetic, data, proc);
    return;
  }
  vfs.writeFile(fs, pathContext(proc, world), path, data, world.state.clock.now, { append, mode });
}

export function readdir(world: World, proc: Process, path: string): string[] {
  return vfs.readdir(world.state.fs, pathContext(proc, world), path);
}

export function mkdir(world: World, proc: Process, path: string, mode = 0o755): void {
  vfs.mkdir(world.state.fs, pathContext(proc, world), path, world.state.clock.now, mode);
}

export function mkdirp(world: World, proc: Process, path: string, mode = 0o755): void {
  vfs.mkdirp(world.state.fs, pathContext(proc, world), path, world.state.clock.now, mode);
}

export function unlink(world: World, proc: Process, path: string): void {
  vfs.unlink(world.state.fs, pathContext(proc, world), path, world.state.clock.now);
}

export function rmdir(world: World, proc: Process, path: string): void {
  vfs.rmdir(world.state.fs, pathContext(proc, world), path, world.state.clock.now);
}

export function rename(world: World, proc: Process, from: string, to: string): void {
  vfs.rename(world.state.fs, pathContext(proc, world), from, to, world.state.clock.now);
}

export function symlink(world: World, proc: Process, target: string, path: string): void {
  vfs.symlink(world.state.fs, pathContext(proc, world), target, path, world.state.clock.now);
}

/** chdir(2): the directory must exist and be searchable. */
export function chdir(world: World, proc: Process, path: string): void {
  const r = vfs.resolve(world.state.fs, pathContext(proc, world), path);
  if (r.node.type !== 'dir') throw new SysError('ENOTDIR', path);
  if (!vfs.hasPermission(r.node, pathContext(proc, world), 1)) throw new SysError('EACCES', path);
  proc.cwd = r.path;
}

/** The process's cwd as it sees it (inside its root). */
export function getcwd(proc: Process): string {
  return vfs.visiblePath(proc, proc.cwd);
}

export function link(world: World, proc: Process, existing: string, path: string): void {
  vfs.link(world.state.fs, pathContext(proc, world), existing, path, world.state.clock.now);
}

/** lstat-like lookup that returns undefined for a missing path. */
export function lookup(world: World, proc: Process, path: string, follow = true): vfs.Resolved | undefined {
  return vfs.lookup(world.state.fs, pathContext(proc, world), path, follow);
}

/** readlink(2). */
export function readlink(world: World, proc: Process, path: string): string {
  const r = vfs.resolve(world.state.fs, pathContext(proc, world), path, false);
  if (r.node.type !== 'symlink') throw new SysError('EINVAL', path);
  return r.node.target ?? '';
}

/** chmod(2): only the owner or root. */
export function chmod(world: World, proc: Process, path: string, mode: number): void {
  const r = vfs.resolve(world.state.fs, pathContext(proc, world), path);
  if (r.node.synthetic && r.node.type !== 'dir') throw new SysError('EPERM', path);
  if (proc.uid !== 0 && proc.uid !== r.node.uid) throw new SysError('EPERM', path);
  r.node.mode = mode & 0o7777;
  r.node.ctime = world.now;
}

/** chown(2): only root may give files away. */
export function chown(world: World, proc: Process, path: string, uid: number | undefined, gid: number | undefined, follow = true): void {
  const r = vfs.resolve(world.state.fs, pathContext(proc, world), path, follow);
  if (proc.uid !== 0 && ((uid !== undefined && uid !== r.node.uid) || proc.uid !== r.node.uid)) throw new SysError('EPERM', path);
  if (proc.uid !== 0 && gid !== undefined && gid !== proc.gid && !proc.groups.includes(gid)) throw new SysError('EPERM', path);
  if (r.node.synthetic) return;
  if (uid !== undefined) r.node.uid = uid;
  if (gid !== undefined) r.node.gid = gid;
  r.node.ctime = world.now;
}

/** utimes(2) as touch uses it: creates the file if missing. */
export function touch(world: World, proc: Process, path: string, at = world.now, create = true): void {
  const fs = world.state.fs;
  const ctx = pathContext(proc, world);
  const r = vfs.lookup(fs, ctx, path);
  if (!r) {
    if (!create) return;
    vfs.writeFile(fs, ctx, path, '', world.now);
    const made = vfs.resolve(fs, ctx, path);
    made.node.mtime = at;
    return;
  }
  if (r.node.synthetic) return;
  if (proc.uid !== 0 && proc.uid !== r.node.uid && !vfs.hasPermission(r.node, ctx, 2)) throw new SysError('EACCES', path);
  r.node.mtime = at;
  r.node.ctime = world.now;
}
