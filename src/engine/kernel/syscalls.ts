/**
 * The system-call layer: every command reaches the filesystem through these, with the
 * calling process's credentials, root, cwd and mount namespace. Synthetic filesystems
 * (/proc, /sys/fs/cgroup) hook in here, so no command needs to know about them.
 */
import type { World } from '../world.ts';
import { SysError } from './errors.ts';
import type { Process } from './process.ts';
import * as vfs from './vfs.ts';

export function pathContext(proc: Process): vfs.PathContext {
  return { uid: proc.uid, gid: proc.gid, groups: proc.groups, root: proc.root, cwd: proc.cwd, mntns: String(proc.ns.mnt) };
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
  return vfs.resolve(world.state.fs, pathContext(proc), path, follow);
}

export function exists(world: World, proc: Process, path: string): boolean {
  return vfs.lookup(world.state.fs, pathContext(proc), path) !== undefined;
}

export function readFile(world: World, proc: Process, path: string): string {
  const r = vfs.readFile(world.state.fs, pathContext(proc), path);
  if (r.node.synthetic) return handlerFor(r.node.synthetic).read(world, r.node.synthetic, proc);
  if (r.node.type === 'chardev') return '';
  return r.node.data ?? '';
}

export function writeFile(world: World, proc: Process, path: string, data: string, append = false, mode?: number): void {
  const fs = world.state.fs;
  const existing = vfs.lookup(fs, pathContext(proc), path);
  if (existing?.node.type === 'chardev') return; // /dev/null and friends swallow writes
  if (existing?.node.synthetic) {
    if (!vfs.hasPermission(existing.node, pathContext(proc), 2)) throw new SysError('EACCES', path);
    const h = handlerFor(existing.node.synthetic);
    if (!h.write) throw new SysError('EACCES', path);
    h.write(world, existing.node.synthetic, data, proc);
    return;
  }
  vfs.writeFile(fs, pathContext(proc), path, data, world.state.clock.now, { append, mode });
}

export function readdir(world: World, proc: Process, path: string): string[] {
  return vfs.readdir(world.state.fs, pathContext(proc), path);
}

export function mkdir(world: World, proc: Process, path: string, mode = 0o755): void {
  vfs.mkdir(world.state.fs, pathContext(proc), path, world.state.clock.now, mode);
}

export function mkdirp(world: World, proc: Process, path: string, mode = 0o755): void {
  vfs.mkdirp(world.state.fs, pathContext(proc), path, world.state.clock.now, mode);
}

export function unlink(world: World, proc: Process, path: string): void {
  vfs.unlink(world.state.fs, pathContext(proc), path, world.state.clock.now);
}

export function rmdir(world: World, proc: Process, path: string): void {
  vfs.rmdir(world.state.fs, pathContext(proc), path, world.state.clock.now);
}

export function rename(world: World, proc: Process, from: string, to: string): void {
  vfs.rename(world.state.fs, pathContext(proc), from, to, world.state.clock.now);
}

export function symlink(world: World, proc: Process, target: string, path: string): void {
  vfs.symlink(world.state.fs, pathContext(proc), target, path, world.state.clock.now);
}

/** chdir(2): the directory must exist and be searchable. */
export function chdir(world: World, proc: Process, path: string): void {
  const r = vfs.resolve(world.state.fs, pathContext(proc), path);
  if (r.node.type !== 'dir') throw new SysError('ENOTDIR', path);
  if (!vfs.hasPermission(r.node, pathContext(proc), 1)) throw new SysError('EACCES', path);
  proc.cwd = r.path;
}

/** The process's cwd as it sees it (inside its root). */
export function getcwd(proc: Process): string {
  return vfs.visiblePath(proc, proc.cwd);
}
