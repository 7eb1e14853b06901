/** Users and groups, read from the world's /etc/passwd and /etc/group like libc would. */
import type { FsState } from './vfs.ts';
import { lookup } from './vfs.ts';

export interface User {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

const ROOT_CTX = { uid: 0, gid: 0, root: '/', cwd: '/', mntns: '' };

function readTable(fs: FsState, path: string, mntns: string): string[][] {
  const r = lookup(fs, { ...ROOT_CTX, mntns }, path);
  return (r?.node.data ?? '').split('\n').filter(Boolean).map((l) => l.split(':'));
}

export function users(fs: FsState, mntns = ''): User[] {
  return readTable(fs, '/etc/passwd', mntns).map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/', shell: f[6] ?? '/bin/sh' }));
}

export function userName(fs: FsState, uid: number, mntns = ''): string {
  return users(fs, mntns).find((u) => u.uid === uid)?.name ?? String(uid);
}

export function userByName(fs: FsState, name: string, mntns = ''): User | undefined {
  return users(fs, mntns).find((u) => u.name === name);
}

export function groupName(fs: FsState, gid: number, mntns = ''): string {
  return readTable(fs, '/etc/group', mntns).find((f) => Number(f[2]) === gid)?.[0] ?? String(gid);
}

/** Supplementary groups of a user (from the member lists in /etc/group). */
export function groupsOf(fs: FsState, user: string, mntns = ''): { name: string; gid: number }[] {
  return readTable(fs, '/etc/group', mntns)
    .filter((f) => (f[3] ?? '').split(',').includes(user))
    .map((f) => ({ name: f[0]!, gid: Number(f[2]) }));
}
