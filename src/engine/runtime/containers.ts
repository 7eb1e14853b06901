/**
 * Containers built from the Linux simulation's primitives: the main process gets its own
 * PID, UTS, mount, IPC, net and cgroup namespaces, a cgroup under /system.slice carrying
 * memory.max and cpu.max, and the merged image as its root. Lifecycle: create → start →
 * (running workload) → exit or kill → remove.
 */
import { createCgroup, getCgroup, killProcess, PAGE, removeCgroup } from '../kernel/cgroup.ts';
import { unshareNamespaces } from '../kernel/namespaces.ts';
import { netNs } from '../kernel/net.ts';
import { reap, spawn, type NsSet, type Process } from '../kernel/process.ts';
import { fork } from '../kernel/workloads.ts';
import { LIMITS } from '../limits.ts';
import { HEX, randomString } from '../random.ts';
import { dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { flatten } from './layers.ts';
import { removeTree, writeDevices, writeTree } from './rootfs.ts';
import { docker, type Container, type ContainerLog, type Image } from './state.ts';

const DOCKER_ROOT = '/var/lib/docker';

/** Docker's name generator: adjective_surname from a short list, seeded. */
const ADJECTIVES = ['admiring', 'brave', 'clever', 'eager', 'focused', 'gallant', 'happy', 'jolly', 'keen', 'loving', 'nifty', 'quirky', 'serene', 'vibrant', 'zealous'];
const SURNAMES = ['albattani', 'babbage', 'curie', 'darwin', 'euclid', 'feynman', 'galileo', 'hopper', 'lovelace', 'meitner', 'noether', 'pasteur', 'ride', 'turing', 'wozniak'];

export function newContainerName(world: World): string {
  const taken = new Set(Object.values(docker(world).containers).map((c) => c.name));
  for (let i = 0; i < 50; i++) {
    const n = `${ADJECTIVES[nextIndex(world, ADJECTIVES.length)]}_${SURNAMES[nextIndex(world, SURNAMES.length)]}`;
    if (!taken.has(n)) return n;
  }
  return `container_${Object.keys(docker(world).containers).length}`;
}

function nextIndex(world: World, n: number): number {
  return parseInt(randomString(world.state.random, 4, HEX), 16) % n;
}

export interface CreateOptions {
  name?: string;
  imageRef: string;
  image: Image;
  path: string;
  args: string[];
  env: string[];
  workingDir: string;
  user: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  ports: Container['ports'];
  memory: number;
  nanoCpus: number;
  labels?: Record<string, string>;
  hostname?: string;
}

export function createContainer(world: World, o: CreateOptions): Container {
  const st = docker(world);
  if (Object.keys(st.containers).length >= LIMITS.dockerContainers) throw new Error(`too many containers (limit ${LIMITS.dockerContainers}); remove some with docker rm`);
  const id = randomString(world.state.random, 64, HEX);
  const c: Container = {
    id,
    name: o.name ?? newContainerName(world),
    imageRef: o.imageRef,
    imageId: o.image.id,
    created: world.now,
    path: o.path,
    args: o.args,
    env: o.env,
    workingDir: o.workingDir,
    user: o.user,
    hostname: o.hostname ?? id.slice(0, 12),
    tty: o.tty,
    openStdin: o.openStdin,
    autoRemove: o.autoRemove,
    ports: o.ports,
    exposed: Object.keys(o.image.config.ExposedPorts),
    memory: o.memory,
    nanoCpus: o.nanoCpus,
    labels: dict(Object.entries({ ...o.image.config.Labels, ...o.labels })),
    ip: '',
    mac: '',
    rootfs: `${DOCKER_ROOT}/overlay2/${id}/merged`,
    cgroup: `/system.slice/docker-${id}.scope`,
    state: { status: 'created', pid: 0, exitCode: 0, oomKilled: false, error: '', restartCount: 0 },
    logs: [],
  };
  writeTree(world, c.rootfs, flatten(world, o.image.layers));
  writeDevices(world, c.rootfs);
  st.containers[id] = c;
  return c;
}

/** Finds a container by full id, unique id prefix or name (with or without the leading slash). */
export function findContainer(world: World, key: string): Container | undefined {
  const all = Object.values(docker(world).containers);
  const name = key.replace(/^\//, '');
  const byName = all.find((c) => c.name === name);
  if (byName) return byName;
  const byId = all.filter((c) => c.id.startsWith(key));
  return key.length > 0 && byId.length === 1 ? byId[0] : undefined;
}

/** Lowest free 172.17.0.x, as the default bridge's IPAM hands them out. */
function allocateIp(world: World): string {
  const used = new Set(Object.values(docker(world).containers).filter((c) => c.state.status === 'running').map((c) => c.ip));
  for (let n = 2; n < 255; n++) if (!used.has(`172.17.0.${n}`)) return `172.17.0.${n}`;
  return '172.17.0.254';
}

/**
 * New namespaces for a container, made by the kernel the way runc asks for them
 * (clone with CLONE_NEWPID|NEWNS|NEWUTS|NEWIPC|NEWNET|NEWCGROUP), plus the container's
 * eth0 on the docker bridge.
 */
function newNamespaces(world: World, c: Container): NsSet {
  const { ns, pidForChildren } = unshareNamespaces(world, shim(world), { types: ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'uts'] });
  const out: NsSet = { ...ns, pid: pidForChildren ?? ns.pid };
  const net = netNs(world, out.net);
  net.links[0]!.up = true;
  net.links[0]!.addrs = ['127.0.0.1/8'];
  net.links.push({ ifindex: net.nextIfindex++, name: 'eth0', type: 'veth', mac: c.mac, mtu: 1500, up: true, addrs: [`${c.ip}/16`] });
  // The mount namespace starts as a copy of the host's; the container's root is its merged rootfs.
  world.state.fs.mounts[String(out.mnt)] = [];
  return out;
}

/** The container's cgroup with memory.max and cpu.max from --memory and --cpus. */
function makeCgroup(world: World, c: Container): void {
  if (!getCgroup(world, c.cgroup)) createCgroup(world, c.cgroup);
  const cg = getCgroup(world, c.cgroup)!;
  cg.memMax = c.memory > 0 ? Math.ceil(c.memory / PAGE) * PAGE : null;
  cg.cpuQuota = c.nanoCpus > 0 ? Math.round((c.nanoCpus / 1e9) * cg.cpuPeriod) : null;
}

/** The process fields a container's processes share (root, namespaces, cgroup, env). */
export function containerProcFields(c: Container): Partial<Process> {
  const uid = /^\d+$/.test(c.user.split(':')[0] ?? '') ? Number(c.user.split(':')[0]) : c.user && c.user !== 'root' ? 1000 : 0;
  return {
    uid,
    gid: uid,
    groups: [uid],
    root: c.rootfs,
    cwd: c.rootfs + (c.workingDir && c.workingDir !== '/' ? c.workingDir : ''),
    env: dict(c.env.map((e) => [e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), e.includes('=') ? e.slice(e.indexOf('=') + 1) : ''] as [string, string])),
    cgroup: c.cgroup,
    tty: c.tty ? 'pts/0' : '?',
  };
}

/** The shim that parents every container process (`containerd-shim-runc-v2`), created on demand. */
function shim(world: World): Process {
  const procs = world.state.procs;
  const existing = Object.values(procs.procs).find((p) => p.comm === 'containerd-shim');
  if (existing) return existing;
  const init = procs.procs[1];
  return spawn(procs, init, { comm: 'containerd-shim', argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-address', '/run/containerd/containerd.sock'], uid: 0, gid: 0, root: '/', cwd: '/', cgroup: '/system.slice/containerd.service', tty: '?' }, world.now);
}

/** Makes the container's namespaces, IP and cgroup: everything but the main process. */
export function prepareStart(world: World, c: Container): NsSet {
  c.ip = allocateIp(world);
  const n = Number(c.ip.split('.')[3]);
  c.mac = `02:42:ac:11:00:${n.toString(16).padStart(2, '0')}`;
  const ns = newNamespaces(world, c);
  c.ns = { ...ns };
  world.state.hostnames[ns.uts] = c.hostname;
  makeCgroup(world, c);
  c.state.status = 'running';
  c.state.startedAt = world.now;
  c.state.exitCode = 0;
  c.state.oomKilled = false;
  c.state.error = '';
  return ns;
}

/** Spawns a long-running main process (PID 1 in the container) under the shim. */
export function spawnMain(world: World, c: Container, ns: NsSet, argv: string[], parent?: Process): Process {
  const comm = (argv[0] ?? 'sh').split('/').pop()!.slice(0, 15);
  const p = fork(world, parent ?? shim(world), { comm, argv, ...containerProcFields(c), ns: { ...ns } });
  c.state.pid = p.pid;
  return p;
}

export function log(world: World, c: Container, stream: ContainerLog['stream'], text: string): void {
  for (const line of text.split('\n')) {
    if (line === '' ) continue;
    c.logs.push({ at: world.now, stream, text: line });
  }
  if (c.logs.length > LIMITS.containerLogLines) c.logs.splice(0, c.logs.length - LIMITS.containerLogLines);
}

/** Kills every process in the container's PID namespace and records how it ended. */
export function finish(world: World, c: Container, exitCode: number, opts: { oom?: boolean } = {}): void {
  const procs = world.state.procs;
  if (c.state.pid && procs.procs[c.state.pid]) killProcess(world, c.state.pid, 9);
  if (c.ns) for (const p of Object.values(procs.procs)) if (p.ns.pid === c.ns.pid) reap(procs, p.pid);
  if (c.ns?.uts !== undefined) delete world.state.hostnames[c.ns.uts];
  c.state.status = 'exited';
  c.state.pid = 0;
  c.state.exitCode = exitCode;
  c.state.finishedAt = world.now;
  if (opts.oom) c.state.oomKilled = true;
  c.ip = '';
  c.mac = '';
  c.workload = undefined;
  const cg = getCgroup(world, c.cgroup);
  if (cg?.memEvents.oom_kill) c.state.oomKilled = true;
  c.oomKills = cg?.memEvents.oom_kill ?? c.oomKills;
  // runc removes the container's cgroup once its last process is gone.
  try {
    if (cg) removeCgroup(world, c.cgroup);
  } catch {
    /* still has processes: left for the kernel to clean */
  }
  if (c.autoRemove) removeContainer(world, c);
}

export function removeContainer(world: World, c: Container): void {
  try {
    removeCgroup(world, c.cgroup);
  } catch {
    /* already gone, or never started */
  }
  removeTree(world, `${DOCKER_ROOT}/overlay2/${c.id}`);
  delete docker(world).containers[c.id];
}

/** Bytes in the container's read-write layer: files in the merged tree that differ from the image. */
export function isRunning(c: Container): boolean {
  return c.state.status === 'running';
}
