/**
 * Namespaces: creating them (unshare, clone), the per-type state each one copies from its
 * parent, user-namespace id mapping, and the capability rule that decides who may change
 * what (root of the owning user namespace).
 */
import type { World } from '../world.ts';
import { SysError } from './errors.ts';
import { addPidNs, INITIAL_NS, NS_TYPES, type NsSet, type NsType, type Process } from './process.ts';
import { linux, type NsRecord } from './state.ts';
import { newNetNs } from './net.ts';
import { cloneMounts } from './vfs.ts';

export const OVERFLOW_UID = 65534;

export function nsRecord(world: World, ino: number): NsRecord | undefined {
  return linux(world).ns[ino];
}

/** The user namespace that owns namespace `ino` (the initial one for the host's). */
export function nsOwner(world: World, ino: number): number {
  return nsRecord(world, ino)?.owner ?? INITIAL_NS.user;
}

/** User namespaces from `user` up to the initial one, innermost first. */
function userChain(world: World, user: number): number[] {
  const chain: number[] = [];
  for (let cur: number | undefined = user; cur !== undefined && cur !== INITIAL_NS.user && chain.length < 64; cur = nsRecord(world, cur)?.parent) chain.push(cur);
  return chain;
}

/** Maps a kernel (host) id to the id a process in user namespace `user` sees; unmapped ids show as 65534. */
export function idInNs(world: World, user: number, hostId: number, kind: 'uid' | 'gid' = 'uid'): number {
  let id = hostId;
  for (const ns of userChain(world, user).reverse()) {
    const rec = nsRecord(world, ns);
    const map = (kind === 'uid' ? rec?.uidMap : rec?.gidMap) ?? [];
    const line = map.find(([, outside, count]) => id >= outside && id < outside + count);
    if (!line) return OVERFLOW_UID;
    id = line[0] + (id - line[1]);
  }
  return id;
}

/** The uid `proc` sees itself as (id, whoami, $UID, the prompt's `#`). */
export function uidOf(world: World, proc: Process): number {
  return idInNs(world, proc.ns.user, proc.uid);
}

export function gidOf(world: World, proc: Process): number {
  return idInNs(world, proc.ns.user, proc.gid, 'gid');
}

/** Maps an id as seen inside `proc`'s user namespace back to the host id (for chown, kill...). */
export function hostId(world: World, proc: Process, id: number, kind: 'uid' | 'gid' = 'uid'): number | undefined {
  let cur = id;
  for (const ns of userChain(world, proc.ns.user)) {
    const rec = nsRecord(world, ns);
    const map = (kind === 'uid' ? rec?.uidMap : rec?.gidMap) ?? [];
    const line = map.find(([inside, , count]) => cur >= inside && cur < inside + count);
    if (!line) return undefined;
    cur = line[1] + (cur - line[0]);
  }
  return cur;
}

/**
 * CAP_SYS_ADMIN (and friends) over a namespace: real root in the initial user namespace, or
 * uid 0 inside a user namespace that owns the target (directly or through its ancestors).
 */
export function capable(world: World, proc: Process, target?: number): boolean {
  if (proc.ns.user === INITIAL_NS.user) return proc.uid === 0;
  if (uidOf(world, proc) !== 0) return false;
  if (target === undefined) return true;
  // The target must be owned by the process's user namespace or one of its descendants.
  for (let owner: number | undefined = nsOwner(world, target); owner !== undefined && owner !== INITIAL_NS.user; owner = nsRecord(world, owner)?.parent) {
    if (owner === proc.ns.user) return true;
  }
  return false;
}

export interface UnshareRequest {
  types: NsType[];
  /** -r / --map-root-user: map the caller's uid to 0 in the new user namespace. */
  mapRoot?: boolean;
  mapUser?: number;
  mapGroup?: number;
}

/**
 * unshare(2) for the calling process: returns the new namespace set (pid is returned as
 * `pidForChildren`, since the caller itself never changes pid namespace).
 */
export function unshareNamespaces(world: World, proc: Process, req: UnshareRequest): { ns: NsSet; pidForChildren?: number } {
  const ns: NsSet = { ...proc.ns };
  const st = linux(world);
  const types = [...req.types].sort((a, b) => (a === 'user' ? -1 : b === 'user' ? 1 : 0));
  // Creating any namespace but a user one needs CAP_SYS_ADMIN in the current user namespace,
  // unless a new user namespace is created in the same call (then the caller is root in it).
  if (!types.includes('user') && !capable(world, proc)) throw new SysError('EPERM');
  let pidForChildren: number | undefined;
  for (const type of types) {
    const ino = st.nextNs++;
    const rec: NsRecord = { type, ino, owner: type === 'user' ? proc.ns.user : ns.user, creator: proc.pid };
    if (type === 'user') {
      rec.parent = proc.ns.user;
      if (req.mapRoot || req.mapUser !== undefined) rec.uidMap = [[req.mapUser ?? 0, proc.uid, 1]];
      if (req.mapRoot || req.mapGroup !== undefined) rec.gidMap = [[req.mapGroup ?? 0, proc.gid, 1]];
    }
    st.ns[ino] = rec;
    switch (type) {
      case 'uts':
        world.state.hostnames[ino] = world.state.hostnames[proc.ns.uts] ?? 'localhost';
        break;
      case 'mnt':
        cloneMounts(world.state.fs, String(proc.ns.mnt), String(ino));
        if (world.state.fs.nsRoots?.[proc.ns.mnt] !== undefined) world.state.fs.nsRoots[ino] = world.state.fs.nsRoots[proc.ns.mnt]!;
        break;
      case 'net':
        newNetNs(world, ino);
        break;
      case 'pid':
        rec.parent = proc.pidChildNs ?? proc.ns.pid;
        addPidNs(world.state.procs, ino, rec.parent);
        pidForChildren = ino;
        continue;
      case 'cgroup':
        rec.cgroupRoot = proc.cgroup;
        break;
    }
    ns[type] = ino;
  }
  return { ns, pidForChildren };
}

/** The namespaces of `target` that `nsenter` would join, by type. */
export function namespacesOf(proc: Process): NsSet {
  return { ...proc.ns };
}

export function isNsType(s: string): s is NsType {
  return (NS_TYPES as readonly string[]).includes(s);
}
