/**
 * Pod containers in the kernel. The first `kubectl exec` or `attach` into a container gives it
 * a sandbox: PID, mount, UTS, IPC, network and cgroup namespaces, and a root filesystem of its
 * own (the image, the pod's /etc files, its volumes as mounts) that the learner's host never
 * sees. From then on that tree is the container's files: exec probes read it and what the main
 * process writes lands in it. It goes away with the container (exit, restart or deletion).
 * Building one is in sandbox-build.ts, loaded on first use.
 */
import { reap, type NsSet, type Process } from '../kernel/process.ts';
import { linux } from '../kernel/state.ts';
import * as vfs from '../kernel/vfs.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { System, World } from '../world.ts';
import { getCluster, type Cluster, type ContainerRuntime } from './store.ts';

export interface Sandbox {
  cluster: string;
  /** Pod uid and container name. */
  pod: string;
  container: string;
  containerId: string;
  ns: NsSet;
  /** Trees this sandbox owns, freed with it: its root and its volumes. */
  trees: number[];
  /** The image's config that processes started in it inherit. */
  image: { env: string[]; workingDir: string; user: string };
  /** Which of the main process's file changes (ContainerRuntime.files) are in the tree: removals up to `synced`, writes by index. */
  synced: number;
  seen: number;
  /** Writes it has planned for later (indexes into ContainerRuntime.files). */
  waiting: number[];
}

declare module '../world.ts' {
  interface WorldExtensions {
    /** Sandboxes by container id. */
    podSandboxes: Dict<Sandbox>;
  }
}

export function sandboxes(world: World): Dict<Sandbox> {
  return (world.state.ext.podSandboxes ??= dict());
}

export function findSandbox(world: World, containerId: string): Sandbox | undefined {
  return containerId ? world.state.ext.podSandboxes?.[containerId] : undefined;
}

/** The sandbox a process runs in (tools inside pods find their container this way). */
export function sandboxOfProcess(world: World, proc: Process): Sandbox | undefined {
  return Object.values(world.state.ext.podSandboxes ?? {}).find((sb) => sb.ns.mnt === proc.ns.mnt);
}

/** The running container a sandbox belongs to, or undefined once it has stopped or been replaced. */
export function sandboxContainer(world: World, sb: Sandbox): { c: Cluster; r: ContainerRuntime } | undefined {
  const c = getCluster(world, sb.cluster);
  const r = c?.s.runtime[sb.pod]?.containers.find((x) => x.name === sb.container && !x.init);
  return c && r && r.containerId === sb.containerId && r.state === 'running' ? { c, r } : undefined;
}

function treeContext(sb: Sandbox): vfs.PathContext {
  return { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(sb.ns.mnt) };
}

/**
 * Brings the main process's file changes up to `at` into the tree. Its writes are planned on
 * the virtual clock when it starts (container.ts), so they arrive as time passes; tools write
 * there too (wget -O) and are brought in right after they run.
 */
export function syncFiles(world: World, sb: Sandbox, files: readonly { path: string; content: string; from: number; to?: number }[], at: number): void {
  if (files.length === sb.seen && !sb.waiting.length && at <= sb.synced) return;
  const events: { at: number; path: string; content?: string }[] = [];
  const write = (i: number): boolean => {
    const f = files[i]!;
    if (f.from > at) return false;
    events.push({ at: f.from, path: f.path, content: f.content });
    return true;
  };
  sb.waiting = sb.waiting.filter((i) => !write(i));
  for (let i = sb.seen; i < files.length; i++) if (!write(i)) sb.waiting.push(i);
  sb.seen = files.length;
  for (const f of files) if (f.to !== undefined && f.to > sb.synced && f.to <= at) events.push({ at: f.to, path: f.path });
  events.sort((a, b) => a.at - b.at);
  const fs = world.state.fs;
  const ctx = treeContext(sb);
  for (const e of events) {
    try {
      if (e.content === undefined) vfs.unlink(fs, ctx, e.path, e.at);
      else {
        vfs.mkdirp(fs, ctx, vfs.dirname(e.path), e.at);
        vfs.writeFile(fs, ctx, e.path, e.content, e.at);
      }
    } catch {
      // Gone already, or a directory there: the process's write fails as it would.
    }
  }
  sb.synced = Math.max(sb.synced, at);
}

/** A file's content in the container's tree, or undefined. */
export function treeRead(world: World, sb: Sandbox, path: string): string | undefined {
  const r = vfs.lookup(world.state.fs, treeContext(sb), path);
  return r?.node.type === 'file' ? (r.node.data ?? '') : undefined;
}

/** A directory's entries in the container's tree, or undefined when there is no such directory. */
export function treeList(world: World, sb: Sandbox, path: string): string[] | undefined {
  const r = vfs.lookup(world.state.fs, treeContext(sb), path);
  return r?.node.type === 'dir' ? Object.keys(r.node.entries ?? {}).sort() : undefined;
}

/** Frees a detached tree's inodes. */
export function dropTree(world: World, ino: number): void {
  const fs = world.state.fs;
  const stack = [ino];
  while (stack.length) {
    const node = fs.inodes[stack.pop()!];
    if (!node) continue;
    if (node.entries) stack.push(...Object.values(node.entries));
    if (node.type === 'file' && --node.nlink > 0) continue;
    if (node.type === 'file') fs.bytes -= (node.data ?? '').length;
    delete fs.inodes[node.ino];
  }
}

/**
 * The sandbox's processes that the terminal session is using: its shells, and what a command
 * line run from the session still runs there (`kubectl exec` of a command). Pulling those out
 * from under a running command would break it, so they end when it returns.
 */
function sessionProcesses(world: World, sb: Sandbox): { inUse: Process[]; others: Process[] } {
  const procs = world.state.procs.procs;
  const stack = new Set(world.state.session.stack);
  const inUse: Process[] = [];
  const others: Process[] = [];
  for (const p of Object.values(procs)) {
    if (p.ns.mnt !== sb.ns.mnt) continue;
    let used = false;
    for (let q: Process | undefined = p, hops = 0; q && hops < 64 && !used; q = q.ppid === q.pid ? undefined : procs[q.ppid], hops++) used = stack.has(q.pid);
    (used ? inUse : others).push(p);
  }
  return { inUse, others };
}

/**
 * Ends a sandbox: its processes die with the container, and its namespaces and files go. A
 * session shell inside is marked killed (the session ends it, shell/session.ts), and the
 * sandbox stays until nothing the session runs is left in it.
 */
function removeSandbox(world: World, sb: Sandbox): void {
  const { inUse, others } = sessionProcesses(world, sb);
  for (const p of others) {
    reap(world.state.procs, p.pid);
    delete world.state.shells[p.pid];
  }
  const stack = world.state.session.stack;
  for (const p of inUse) if (stack.includes(p.pid)) linux(world).killed[p.pid] = 9;
  if (inUse.length) return;
  for (const ino of sb.trees) dropTree(world, ino);
  delete world.state.fs.mounts[String(sb.ns.mnt)];
  delete world.state.hostnames[sb.ns.uts];
  delete sandboxes(world)[sb.containerId];
}

/** A sandbox whose container has stopped, restarted or gone, with something left to end or free. */
function due(world: World, sb: Sandbox): boolean {
  if (sandboxContainer(world, sb)) return false;
  const { inUse, others } = sessionProcesses(world, sb);
  const killed = linux(world).killed;
  const stack = world.state.session.stack;
  return !inUse.length || others.length > 0 || inUse.some((p) => stack.includes(p.pid) && killed[p.pid] === undefined);
}

/** Tears sandboxes down once their container has stopped, restarted or gone. */
export const sandboxSystem: System = {
  name: 'pod-sandboxes',
  nextWake(world) {
    return Object.values(world.state.ext.podSandboxes ?? {}).some((sb) => due(world, sb)) ? world.now : undefined;
  },
  tick(world) {
    let changed = false;
    for (const sb of Object.values(world.state.ext.podSandboxes ?? {})) {
      if (!due(world, sb)) continue;
      removeSandbox(world, sb);
      changed = true;
    }
    return changed;
  },
};
