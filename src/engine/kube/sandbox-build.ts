/**
 * Builds a container's sandbox (sandbox.ts) the way a node's runtime and kubelet prepare it:
 * the image's root filesystem, the pod's /etc files, each volume mounted where the container
 * asks (ConfigMaps and Secrets in kubelet's `..data` layout), /proc, the pod's hostname and
 * IP. Loaded on the first `kubectl exec` or attach, since it brings the image library.
 */
import { clockDate } from '../clock.ts';
import { binaryContent } from '../kernel/binaries.ts';
import { installDevices } from '../kernel/devices.ts';
import { mount } from '../kernel/mounts.ts';
import { unshareNamespaces } from '../kernel/namespaces.ts';
import { netNs } from '../kernel/net.ts';
import type { NsSet, Process } from '../kernel/process.ts';
import * as vfs from '../kernel/vfs.ts';
import { randomString } from '../random.ts';
import { hubRootfs } from '../runtime/library.ts';
import { writeTree } from '../runtime/rootfs.ts';
import type { LayerFile } from '../runtime/state.ts';
import { dict, type Dict } from '../util/dict.ts';
import { podEtcFiles, volumeContents, type View } from './container.ts';
import { parseImage } from './images.ts';
import { dropTree, findSandbox, sandboxes, syncFiles, treeRead, type Sandbox } from './sandbox.ts';
import type { PodSpec } from './types.ts';

/** Tools whose behaviour comes from the cluster model (the network, the pod's processes), served by the `pod-tool` program. */
const CLUSTER_TOOLS = ['curl', 'wget', 'nslookup', 'redis-cli', 'ps', 'nginx'];
const PATH_DIRS = ['usr/local/sbin', 'usr/local/bin', 'usr/sbin', 'usr/bin', 'sbin', 'bin'];
/** A `kubectl exec` shell is rarely PID 2: the runtime's own helpers have taken a few numbers by then. */
const FIRST_EXEC_PID = 7;

const file = (data: string, mode = 0o644): LayerFile => ({ data, mode });
const dir = (mode = 0o755): LayerFile => ({ data: '', mode, dir: true });

/** The image's files: the library's root filesystem, or an empty one for images built from scratch (hello-app, system images). */
function imageRootfs(v: View): { files: Dict<LayerFile>; config: Sandbox['image'] } {
  const ref = parseImage(v.ctr.image ?? '');
  const hub = hubRootfs(ref.repo.replace(/^docker\.io\//, ''), ref.tag);
  if (hub) return { files: hub.files, config: { env: hub.config.Env, workingDir: hub.config.WorkingDir, user: hub.config.User } };
  const files = dict<LayerFile>();
  for (const d of ['dev', 'etc', 'proc', 'sys', 'var', 'root']) files[d] = dir();
  files['tmp'] = dir(0o1777);
  return { files, config: { env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], workingDir: '', user: '' } };
}

/** The tree a container starts from: image, kubelet's /etc files, and the tools the cluster model provides. */
function rootFiles(v: View, image: Dict<LayerFile>): Dict<LayerFile> {
  const files = dict<LayerFile>();
  Object.assign(files, image);
  for (const [path, data] of Object.entries(podEtcFiles(v.pod))) files[path.slice(1)] = file(data);
  const onPath = (name: string) => PATH_DIRS.map((d) => `${d}/${name}`).find((p) => files[p]);
  for (const tool of v.info.tools) {
    if (!CLUSTER_TOOLS.includes(tool) && onPath(tool)) continue;
    files[onPath(tool) ?? `usr/bin/${tool}`] = file(binaryContent('pod-tool'), 0o755);
  }
  return files;
}

/** `..2026_11_21_10_00_00.123456789`: the directory kubelet's atomic writer makes for each version of a volume. */
function versionDir(v: View): string {
  const d = clockDate(v.c.world.state.clock, v.c.world.now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.${randomString(v.c.world.state.random, 9, '0123456789')}`;
}

/** ConfigMap, Secret and token volumes as kubelet writes them: `key -> ..data/key`, `..data -> ..<time>`. */
function atomicWriterFiles(v: View, contents: Dict<string>): Dict<LayerFile> {
  const files = dict<LayerFile>();
  const version = versionDir(v);
  files[version] = dir();
  for (const [path, data] of Object.entries(contents)) files[`${version}/${path}`] = file(data);
  files['..data'] = { data: '', mode: 0o777, link: version };
  for (const top of new Set(Object.keys(contents).map((p) => p.split('/')[0]!))) files[top] = { data: '', mode: 0o777, link: `..data/${top}` };
  return files;
}

/**
 * kubelet's sync of ConfigMap, Secret and token volumes in a running container: when the
 * source has changed, a new `..<time>` directory, `..data` pointed at it, links for the keys
 * there are now, and the old version gone. subPath mounts keep what they had, as on a node.
 */
function refreshVolumes(v: View, sb: Sandbox): void {
  const world = v.c.world;
  const fs = world.state.fs;
  const mntns = String(sb.ns.mnt);
  const ctx: vfs.PathContext = { uid: 0, gid: 0, root: '/', cwd: '/', mntns };
  for (const m of v.ctr.volumeMounts ?? []) {
    const vol = ((v.pod.spec as unknown as PodSpec).volumes ?? []).find((x) => x.name === m.name);
    const contents = !m.subPath && vol ? volumeContents(v.c, v.pod, vol) : undefined;
    const target = '/' + vfs.splitPath(m.mountPath).join('/');
    const old = contents && vfs.lookup(fs, ctx, `${target}/..data`, false)?.node.target;
    if (!contents || !old) continue;
    const tops = (keys: string[]) => [...new Set(keys.map((p) => p.split('/')[0]!))].sort().join('\n');
    const unchanged = tops(Object.keys(contents)) === tops(Object.keys(vfs.lookup(fs, ctx, `${target}/${old}`)?.node.entries ?? {})) && Object.entries(contents).every(([path, data]) => treeRead(world, sb, `${target}/${old}/${path}`) === data);
    if (unchanged) continue;
    const dirNode = vfs.lookup(fs, ctx, target)!.node;
    for (const name of Object.keys(dirNode.entries ?? {})) {
      const child = fs.inodes[dirNode.entries![name]!];
      if (child?.type === 'symlink' || name === old) {
        delete dirNode.entries![name];
        dropTree(world, child!.ino);
      }
    }
    writeTree(world, target, atomicWriterFiles(v, contents), mntns);
  }
}

/** Mounts the container's volumes at their mount paths; returns the trees it made. */
function mountVolumes(v: View, mntns: string, table: vfs.Mount[]): number[] {
  const fs = v.c.world.state.fs;
  const now = v.c.world.now;
  const ctx: vfs.PathContext = { uid: 0, gid: 0, root: '/', cwd: '/', mntns };
  const trees: number[] = [];
  for (const m of v.ctr.volumeMounts ?? []) {
    const vol = ((v.pod.spec as unknown as PodSpec).volumes ?? []).find((x) => x.name === m.name);
    if (!vol) continue;
    const target = '/' + vfs.splitPath(m.mountPath).join('/');
    const contents = volumeContents(v.c, v.pod, vol);
    const memory = !!vol.secret || !!(vol as { projected?: unknown }).projected;
    const where = memory ? { source: 'tmpfs', fstype: 'tmpfs' } : { source: '/dev/vda1', fstype: 'ext4' };
    const options = m.readOnly || contents ? 'ro,relatime' : 'rw,relatime';
    if (m.subPath) {
      // One file of the volume, bind-mounted over a file of the image.
      const node = vfs.allocInode(fs, 'file', 0o644, 0, 0, now);
      node.data = contents?.[m.subPath] ?? '';
      fs.bytes += node.data.length;
      vfs.mkdirp(fs, ctx, vfs.dirname(target), now);
      if (!vfs.lookup(fs, ctx, target)) vfs.writeFile(fs, ctx, target, '', now);
      table.push({ target, rootIno: node.ino, ...where, options });
      trees.push(node.ino);
      continue;
    }
    const root = vfs.allocInode(fs, 'dir', 0o777, 0, 0, now);
    root.nlink = 2;
    vfs.mkdirp(fs, ctx, target, now);
    table.push({ target, rootIno: root.ino, ...where, options });
    trees.push(root.ino);
    if (contents) writeTree(v.c.world, target, atomicWriterFiles(v, contents), mntns);
  }
  return trees;
}

/**
 * The container's sandbox, made on first use. An attach makes the shell PID 1 of the
 * container (it is its main process); an exec comes after the main process.
 */
export function openSandbox(v: View, forAttach: boolean): Sandbox {
  const world = v.c.world;
  const existing = findSandbox(world, v.rt.containerId);
  if (existing) {
    syncFiles(world, existing, v.rt.files ?? [], world.now);
    refreshVolumes(v, existing);
    return existing;
  }
  const fs = world.state.fs;
  const init = world.state.procs.procs[1]!;
  const made = unshareNamespaces(world, init, { types: ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'uts'] });
  const ns: NsSet = { ...made.ns, pid: made.pidForChildren ?? made.ns.pid };
  world.state.procs.nsNextPid[ns.pid] = forAttach ? 1 : FIRST_EXEC_PID;
  world.state.hostnames[ns.uts] = v.pod.metadata.name;
  const net = netNs(world, ns.net);
  net.links[0]!.up = true;
  net.links[0]!.addrs = ['127.0.0.1/8'];
  const ip = String(v.pod.status?.podIP ?? '');
  if (ip) net.links.push({ ifindex: net.nextIfindex++, name: 'eth0', type: 'veth', mac: `0a:58:${ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0')).join(':')}`, mtu: 1450, up: true, addrs: [`${ip}/24`] });
  const mntns = String(ns.mnt);
  const root = vfs.allocInode(fs, 'dir', 0o755, 0, 0, world.now);
  root.nlink = 2;
  const table: vfs.Mount[] = [{ target: '/', rootIno: root.ino, source: 'overlay', fstype: 'overlay', options: 'rw,relatime' }];
  fs.mounts[mntns] = table;
  const image = imageRootfs(v);
  writeTree(world, '/', rootFiles(v, image.files), mntns);
  const ctx: vfs.PathContext = { uid: 0, gid: 0, root: '/', cwd: '/', mntns };
  // The runtime makes the working directory the spec asks for.
  if (v.ctr.workingDir) vfs.mkdirp(fs, ctx, v.ctr.workingDir, world.now);
  vfs.mkdirp(fs, ctx, '/dev', world.now);
  installDevices(fs, vfs.resolve(fs, ctx, '/dev').node, world.now);
  const trees = [root.ino, ...mountVolumes(v, mntns, table)];
  mount(world, { ...init, ns, root: '/', cwd: '/' } as Process, { source: 'proc', target: '/proc', fstype: 'proc' });
  trees.push(table[table.length - 1]!.rootIno);
  const sb: Sandbox = { cluster: v.c.s.name, pod: v.pod.metadata.uid, container: v.ctr.name, containerId: v.rt.containerId, ns, trees, image: image.config, synced: -1, seen: 0, waiting: [] };
  sandboxes(world)[sb.containerId] = sb;
  syncFiles(world, sb, v.rt.files ?? [], world.now);
  return sb;
}

/** What a process started in the container gets: its root, namespaces, user, working directory and environment. */
export function processFields(v: View, sb: Sandbox, tty: boolean): Partial<Process> {
  const image = sb.image;
  const spec = v.pod.spec as unknown as PodSpec;
  const uid = v.ctr.securityContext?.runAsUser ?? spec.securityContext?.runAsUser ?? (/^\d+$/.test(image.user) ? Number(image.user) : 0);
  const gid = v.ctr.securityContext?.runAsGroup ?? spec.securityContext?.runAsGroup ?? uid;
  // The runtime adds the groups /etc/group lists the user in (root is in busybox's wheel).
  const user = (treeRead(v.c.world, sb, '/etc/passwd') ?? '').split('\n').find((l) => l.split(':')[2] === String(uid))?.split(':')[0];
  const groups = [gid];
  for (const line of (treeRead(v.c.world, sb, '/etc/group') ?? '').split('\n')) {
    const [, , id, members] = line.split(':');
    if (user && id !== undefined && members?.split(',').includes(user) && !groups.includes(Number(id))) groups.push(Number(id));
  }
  const env = dict<string>();
  for (const e of image.env) env[e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('='))] = e.includes('=') ? e.slice(e.indexOf('=') + 1) : '';
  const path = env.PATH;
  Object.assign(env, v.rt.env ?? {});
  // The pod spec's PATH is kubelet's default unless it sets one; the image's own PATH wins over that default.
  if (path && !(v.ctr.env ?? []).some((e) => e.name === 'PATH')) env.PATH = path;
  if (tty) env.TERM = 'xterm';
  const cwd = v.ctr.workingDir ?? (image.workingDir || '/');
  return { uid, gid, groups, root: '/', cwd, env, ns: { ...sb.ns }, cgroup: '/', tty: tty ? 'pts/0' : '?' };
}
