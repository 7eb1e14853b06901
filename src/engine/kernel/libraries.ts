/**
 * Shared libraries of the simulated binaries, as `ldd` reports them on Debian 12 (recorded
 * with ldd 2.36). Exec checks them inside the process's root, so a chroot that lacks the
 * loader or a library fails the way a real one does.
 */
import type { World } from '../world.ts';
import { INITIAL_NS } from './process.ts';
import * as vfs from './vfs.ts';

export const LIB_DIR = '/lib/x86_64-linux-gnu';
export const LOADER = '/lib64/ld-linux-x86-64.so.2';

/** Libraries each program links, in ldd's order (`linux-vdso` and the loader are implied). */
const LIBS: Record<string, string[]> = {
  bash: ['libtinfo.so.6', 'libc.so.6'],
  ls: ['libselinux.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  ps: ['libproc2.so.0', 'libc.so.6', 'libsystemd.so.0'],
  top: ['libproc2.so.0', 'libncursesw.so.6', 'libtinfo.so.6', 'libc.so.6', 'libsystemd.so.0'],
  mount: ['libmount.so.1', 'libselinux.so.1', 'libc.so.6', 'libblkid.so.1', 'libpcre2-8.so.0'],
  umount: ['libmount.so.1', 'libselinux.so.1', 'libc.so.6', 'libblkid.so.1', 'libpcre2-8.so.0'],
  findmnt: ['libmount.so.1', 'libblkid.so.1', 'libsmartcols.so.1', 'libc.so.6', 'libselinux.so.1', 'libpcre2-8.so.0'],
  lsns: ['libsmartcols.so.1', 'libmount.so.1', 'libc.so.6', 'libblkid.so.1', 'libselinux.so.1', 'libpcre2-8.so.0'],
  ip: ['libbpf.so.1', 'libelf.so.1', 'libmnl.so.0', 'libbsd.so.0', 'libcap.so.2', 'libc.so.6', 'libz.so.1', 'libmd.so.0'],
  grep: ['libpcre2-8.so.0', 'libc.so.6'],
  tar: ['libacl.so.1', 'libselinux.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  cp: ['libselinux.so.1', 'libacl.so.1', 'libattr.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  mv: ['libselinux.so.1', 'libacl.so.1', 'libattr.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  mkdir: ['libselinux.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  stat: ['libselinux.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  id: ['libselinux.so.1', 'libc.so.6', 'libpcre2-8.so.0'],
  sudo: ['libaudit.so.1', 'libselinux.so.1', 'libc.so.6', 'libcap-ng.so.0', 'libpcre2-8.so.0'],
  ping: ['libcap.so.2', 'libidn2.so.0', 'libc.so.6', 'libunistring.so.2'],
};

export function librariesOf(program: string): string[] {
  return LIBS[program] ?? ['libc.so.6'];
}

export function allLibraries(): string[] {
  return [...new Set(Object.values(LIBS).flat())].sort();
}

export function libraryContent(name: string): string {
  return `\x7fELF\x02\x01\x01 hatchway-library ${name}\n`;
}

/** Installs every library and the loader on the host. */
export function setupLibraries(world: World): void {
  const fs = world.state.fs;
  const root = { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(INITIAL_NS.mnt) };
  vfs.mkdirp(fs, root, LIB_DIR, world.now);
  vfs.mkdirp(fs, root, '/lib64', world.now);
  for (const lib of [...allLibraries(), 'ld-linux-x86-64.so.2']) {
    const r = vfs.writeFile(fs, root, `${LIB_DIR}/${lib}`, libraryContent(lib), world.now);
    r.node.mode = 0o755;
  }
  vfs.symlink(fs, root, `${LIB_DIR}/ld-linux-x86-64.so.2`, LOADER, world.now);
}

/** Where the dynamic loader searches, in order. */
export const LIBRARY_PATH = [LIB_DIR, '/usr/lib/x86_64-linux-gnu', '/lib64', '/lib', '/usr/lib'];

/** A load address that looks real and never changes for the same program and library. */
export function loadAddress(program: string, lib: string): string {
  let h = 2166136261;
  for (const c of program + '\0' + lib) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return '0x00007f' + ((h >>> 0) % 0xfffff).toString(16).padStart(5, '0') + '0000';
}
