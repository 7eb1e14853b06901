/**
 * Root filesystems on the host's VFS: a container's merged (overlay) view is written under
 * /var/lib/docker/overlay2/<id>/merged, and its process runs with that directory as its
 * root, so `docker exec`, `nsenter -t PID -m` and `ls /proc/PID/root` all see it. The
 * read-write layer is the difference between that tree and the image's layers.
 */
import { installDevices } from '../kernel/devices.ts';
import { INITIAL_NS } from '../kernel/process.ts';
import * as vfs from '../kernel/vfs.ts';
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import type { LayerFile } from './state.ts';

const ROOT: vfs.PathContext = { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(INITIAL_NS.mnt) };

/** Writes a flattened file map under `base` (a canonical path in mount namespace `mntns`, the host's by default). */
export function writeTree(world: World, base: string, files: Dict<LayerFile>, mntns = ROOT.mntns): void {
  const fs = world.state.fs;
  const now = world.now;
  const ctx: vfs.PathContext = { ...ROOT, mntns };
  vfs.mkdirp(fs, ctx, base, now);
  // Parents first, so modes set on directories are not overwritten by mkdirp.
  for (const path of Object.keys(files).sort()) {
    const f = files[path]!;
    const full = vfs.joinPath(base, path);
    try {
      vfs.mkdirp(fs, ctx, vfs.dirname(full), now);
      const existing = vfs.lookup(fs, ctx, full, false);
      if (f.link !== undefined) {
        if (existing) vfs.unlink(fs, ctx, full, now);
        vfs.symlink(fs, ctx, f.link, full, now);
        continue;
      }
      if (f.dir) {
        if (!existing) vfs.mkdir(fs, ctx, full, now, f.mode);
        const node = vfs.resolve(fs, ctx, full, false).node;
        node.mode = f.mode;
        node.uid = f.uid ?? 0;
        node.gid = f.gid ?? 0;
        continue;
      }
      const r = vfs.writeFile(fs, ctx, full, f.data, now, { mode: f.mode });
      r.node.mode = f.mode;
      r.node.uid = f.uid ?? 0;
      r.node.gid = f.gid ?? 0;
    } catch {
      // A file whose parent is a file in a lower layer: the union hides it, as overlayfs would.
    }
  }
}

/** Reads the tree under `base` into a file map (paths relative, without a leading slash). */
/** The standard character devices (null, zero, urandom...) in `base`/dev, as a runtime gives every container. */
export function writeDevices(world: World, base: string): void {
  const fs = world.state.fs;
  vfs.mkdirp(fs, ROOT, `${base}/dev`, world.now);
  installDevices(fs, vfs.resolve(fs, ROOT, `${base}/dev`).node, world.now);
}

export function readTree(world: World, base: string): Dict<LayerFile> {
  const fs = world.state.fs;
  const out = dict<LayerFile>();
  const start = vfs.lookup(fs, ROOT, base, false);
  if (!start || start.node.type !== 'dir') return out;
  const stack: [string, number][] = [['', start.ino]];
  let count = 0;
  while (stack.length) {
    const [rel, ino] = stack.pop()!;
    const dirNode = fs.inodes[ino];
    if (!dirNode?.entries) continue;
    for (const [name, childIno] of Object.entries(dirNode.entries)) {
      if (++count > LIMITS.layerFiles) return out;
      const node = fs.inodes[childIno];
      if (!node) continue;
      const path = rel ? `${rel}/${name}` : name;
      if (node.type === 'dir') {
        out[path] = { data: '', mode: node.mode, dir: true, uid: node.uid, gid: node.gid };
        stack.push([path, childIno]);
      } else if (node.type === 'symlink') out[path] = { data: '', mode: 0o777, link: node.target ?? '' };
      else if (node.type === 'file') out[path] = { data: node.data ?? '', mode: node.mode, uid: node.uid, gid: node.gid };
    }
  }
  return out;
}

function same(a: LayerFile, b: LayerFile): boolean {
  return a.data === b.data && a.mode === b.mode && a.link === b.link && !!a.dir === !!b.dir && (a.uid ?? 0) === (b.uid ?? 0) && (a.gid ?? 0) === (b.gid ?? 0);
}

/** What changed from `before` to `after`: new or changed files, and whiteouts (null) for removals. */
export function diffTrees(before: Dict<LayerFile>, after: Dict<LayerFile>): Dict<LayerFile | null> {
  const out = dict<LayerFile | null>();
  for (const [path, f] of Object.entries(after)) {
    const b = before[path];
    if (!b || !same(b, f)) {
      // An unchanged directory that only gained children is not itself part of the layer.
      if (b && f.dir && b.dir && b.mode === f.mode) continue;
      out[path] = f;
    }
  }
  for (const path of Object.keys(before)) {
    if (after[path]) continue;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent && !after[parent]) continue; // covered by the parent's whiteout
    out[path] = null;
  }
  return out;
}

/** Removes a directory tree from the host VFS (container removal, build cleanup). */
export function removeTree(world: World, base: string): void {
  const fs = world.state.fs;
  const r = vfs.lookup(fs, ROOT, base, false);
  if (!r) return;
  const drop = (ino: number): void => {
    const node = fs.inodes[ino];
    if (!node) return;
    if (node.entries) for (const child of Object.values(node.entries)) drop(child);
    if (node.type === 'file') fs.bytes -= (node.data ?? '').length;
    delete fs.inodes[ino];
  };
  const parent = vfs.lookup(fs, ROOT, vfs.dirname(base), false);
  drop(r.ino);
  if (parent?.node.entries) delete parent.node.entries[vfs.basename(base)];
}
