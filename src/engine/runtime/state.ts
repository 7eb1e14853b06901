/**
 * The container engine's state (`world.state.ext.docker`): content-addressed layers,
 * images that stack them, containers with their read-write layer, registries, and the
 * build cache. Plain JSON, so the world snapshots and restores exactly.
 */
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';

/** One file in a layer; `null` in a layer's file map is a whiteout (deleted below). */
export interface LayerFile {
  data: string;
  mode: number;
  uid?: number;
  gid?: number;
  /** A symlink target instead of data. */
  link?: string;
  /** Directory entry (kept so empty directories survive). */
  dir?: boolean;
}

export interface Layer {
  /** sha256 of the layer's content (its DiffID; the simulation uses it as the blob digest too). */
  digest: string;
  /** Bytes the layer stands for (real images are bigger than the files we model). */
  size: number;
  files: Dict<LayerFile | null>;
}

export interface HistoryEntry {
  created: number;
  createdBy: string;
  emptyLayer?: boolean;
  comment?: string;
  /** Digest of the layer this step produced (absent for metadata-only steps). */
  layer?: string;
}

export interface ImageConfig {
  Env: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir: string;
  User: string;
  ExposedPorts: Dict<Record<string, never>>;
  Labels: Dict<string>;
  StopSignal?: string;
}

export interface Image {
  /** `sha256:…` of the image config: the IMAGE ID. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Virtual ms (negative for images published before the world began). */
  created: number;
  layers: string[];
  history: HistoryEntry[];
  config: ImageConfig;
  /** Parent image id for locally built images (shows shared layers). */
  parent?: string;
  lastTagTime?: number;
}

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
}

export type ContainerStatus = 'created' | 'running' | 'exited' | 'paused' | 'restarting' | 'removing' | 'dead';

export interface ContainerLog {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Container {
  id: string;
  name: string;
  /** The image as the learner typed it (`nginx`, `web:1`). */
  imageRef: string;
  imageId: string;
  created: number;
  path: string;
  args: string[];
  env: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  ports: PortBinding[];
  exposed: string[];
  /** Bytes; 0 means no limit. */
  memory: number;
  nanoCpus: number;
  labels: Dict<string>;
  ip: string;
  mac: string;
  /** Host path of the merged (overlay) root filesystem. */
  rootfs: string;
  /** Host path of the container's cgroup (`/system.slice/docker-<id>.scope`). */
  cgroup: string;
  state: {
    status: ContainerStatus;
    pid: number;
    exitCode: number;
    oomKilled: boolean;
    error: string;
    startedAt?: number;
    finishedAt?: number;
    restartCount: number;
  };
  /** Namespace inodes of the running container (for nsenter and /proc/PID/ns). */
  ns?: { cgroup: number; ipc: number; mnt: number; net: number; pid: number; time: number; user: number; uts: number };
  /** What the main process does once it runs (see workloads.ts). */
  workload?: Workload;
  logs: ContainerLog[];
  /** memory.events oom_kill for the container's cgroup. */
  oomKills?: number;
}

/** The simulated behaviour of a container's main process. */
export interface Workload {
  kind: 'server' | 'stress' | 'sleep' | 'idle' | 'shell';
  /** Server: ports it listens on, and what it is (nginx, httpd, redis, python, node). */
  listens?: number[];
  server?: string;
  /** Root of the files a static server serves (inside the container). */
  docroot?: string;
  /** Memory the process wants (stress --vm), bytes. */
  memBytes?: number;
  /** Virtual ms at which something happens (sleep ends, OOM kill). */
  at?: number;
  /** What happens at `at`. */
  then?: 'exit0' | 'oom';
}

export interface RegistryRepo {
  /** tag → manifest digest */
  tags: Dict<string>;
  /** manifest digest → image id */
  manifests: Dict<string>;
}

export interface Registry {
  host: string;
  /** Anonymous pull allowed (Docker Hub public images). */
  publicRead: boolean;
  /** username → password; empty for Docker Hub's anonymous pulls. */
  users: Dict<string>;
  repos: Dict<RegistryRepo>;
  /** Images the registry holds (by image id), with their layers known to the world. */
  kind: 'hub' | 'private' | 'ecr';
}

export interface DockerState {
  layers: Dict<Layer>;
  /** Image store of the local daemon, by image id. */
  images: Dict<Image>;
  /** Images known to registries but not pulled (by id); shared across registries. */
  remoteImages: Dict<Image>;
  containers: Dict<Container>;
  registries: Dict<Registry>;
  /** registry host → username the daemon is logged in as. */
  auths: Dict<string>;
  /** Build cache: cache key → the image-state after that step. */
  buildCache: Dict<{ layer?: string; at: number }>;
  nextIp: number;
  /** Counter for namespace inode numbers handed to containers until the kernel exports its own. */
  nextNs: number;
}

declare module '../world.ts' {
  interface WorldExtensions {
    docker: DockerState;
  }
}

export function createDockerState(): DockerState {
  return {
    layers: dict(),
    images: dict(),
    remoteImages: dict(),
    containers: dict(),
    registries: dict(),
    auths: dict(),
    buildCache: dict(),
    nextIp: 2,
    nextNs: 4026532600,
  };
}

/** The engine state, created on first use so any world kind can host containers (aws labs push images). */
export function docker(world: World): DockerState {
  return (world.state.ext.docker ??= createDockerState());
}
