/**
 * The images the simulated registry knows and how their containers behave. An image not
 * listed here fails to pull, as a typo in an image name does on a real cluster.
 */
import { LIMITS } from '../limits.ts';
import { HEX } from '../random.ts';

export type ImageKind = 'nginx' | 'httpd' | 'redis' | 'busybox' | 'hello-app' | 'stress' | 'alpine' | 'system';

export interface ImageInfo {
  kind: ImageKind;
  /** Tags that exist in the registry. */
  tags: string[];
  entrypoint: string[];
  cmd: string[];
  /** The port the server listens on, if it is one. */
  port?: number;
  /** Memory and CPU a running container uses (for `kubectl top` and OOM). */
  memoryMi: number;
  cpuMilli: number;
  /** Programs available inside the container for `kubectl exec` and scripts. */
  tools: string[];
  /** Seconds the process takes to exit on SIGTERM (a shell as PID 1 ignores it, so the grace period runs out). */
  stopSeconds: number;
  sizeMb: number;
}

const SHELL_TOOLS = ['sh', 'echo', 'cat', 'ls', 'env', 'printenv', 'hostname', 'date', 'sleep', 'touch', 'rm', 'mkdir', 'true', 'false', 'ps', 'id', 'whoami', 'pwd', 'uname'];

function sys(tags: string[], memoryMi: number, sizeMb: number): ImageInfo {
  return { kind: 'system', tags, entrypoint: [], cmd: [], memoryMi, cpuMilli: Math.max(1, Math.round(memoryMi / 8)), tools: [], stopSeconds: 0, sizeMb };
}

export const IMAGES: Record<string, ImageInfo> = {
  'docker.io/library/nginx': { kind: 'nginx', tags: ['latest', 'stable', 'alpine', 'mainline', '1.25', '1.25.5', '1.26', '1.26.3', '1.27', '1.27.0', '1.27.3', '1.27.4', '1.27.5', '1.27-alpine', '1.28', '1.28.0', '1.29', '1.29.1'], entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], port: 80, memoryMi: 3, cpuMilli: 0, tools: [...SHELL_TOOLS, 'bash', 'curl', 'nginx'], stopSeconds: 0, sizeMb: 72 },
  'docker.io/library/httpd': { kind: 'httpd', tags: ['latest', 'alpine', '2.4', '2.4.62', '2.4.63', '2.4-alpine'], entrypoint: [], cmd: ['httpd-foreground'], port: 80, memoryMi: 6, cpuMilli: 1, tools: [...SHELL_TOOLS, 'bash'], stopSeconds: 1, sizeMb: 58 },
  'docker.io/library/redis': { kind: 'redis', tags: ['latest', 'alpine', '7', '7.2', '7.4', '7.4.2', '8', '8.0'], entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], port: 6379, memoryMi: 4, cpuMilli: 2, tools: [...SHELL_TOOLS, 'bash', 'redis-cli'], stopSeconds: 0, sizeMb: 45 },
  'docker.io/library/busybox': { kind: 'busybox', tags: ['latest', 'stable', '1.36', '1.36.1', '1.37', '1.37.0', 'musl', 'glibc'], entrypoint: [], cmd: ['sh'], memoryMi: 0, cpuMilli: 0, tools: [...SHELL_TOOLS, 'wget', 'nslookup', 'ping', 'top', 'vi'], stopSeconds: 30, sizeMb: 2 },
  'docker.io/library/alpine': { kind: 'alpine', tags: ['latest', '3', '3.20', '3.21', '3.22'], entrypoint: [], cmd: ['/bin/sh'], memoryMi: 0, cpuMilli: 0, tools: [...SHELL_TOOLS, 'wget', 'nslookup'], stopSeconds: 30, sizeMb: 4 },
  'gcr.io/google-samples/hello-app': { kind: 'hello-app', tags: ['1.0', '2.0'], entrypoint: ['/hello-app'], cmd: [], port: 8080, memoryMi: 2, cpuMilli: 0, tools: [], stopSeconds: 0, sizeMb: 11 },
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app': { kind: 'hello-app', tags: ['1.0', '2.0'], entrypoint: ['/hello-app'], cmd: [], port: 8080, memoryMi: 2, cpuMilli: 0, tools: [], stopSeconds: 0, sizeMb: 11 },
  'registry.k8s.io/etcd': sys(['3.6.4-0', '3.5.21-0'], 60, 23),
  'registry.k8s.io/kube-apiserver': sys(['v1.34.1'], 230, 35),
  'registry.k8s.io/kube-controller-manager': sys(['v1.34.1'], 48, 22),
  'registry.k8s.io/kube-scheduler': sys(['v1.34.1'], 22, 13),
  'registry.k8s.io/kube-proxy': sys(['v1.34.1'], 15, 25),
  'registry.k8s.io/coredns/coredns': sys(['v1.12.1'], 14, 21),
  'registry.k8s.io/metrics-server/metrics-server': sys(['v0.8.0'], 18, 19),
  'registry.k8s.io/pause': sys(['3.10', '3.10.1'], 0, 1),
  'docker.io/polinux/stress': { kind: 'stress', tags: ['latest', '1.0.4'], entrypoint: [], cmd: ['stress'], memoryMi: 1, cpuMilli: 0, tools: [...SHELL_TOOLS, 'stress'], stopSeconds: 0, sizeMb: 4 },
};

export interface ImageRef {
  /** As written in the pod spec. */
  image: string;
  /** `docker.io/library/nginx:1.27` */
  full: string;
  repo: string;
  tag: string;
}

/** An image reference split the way containerd resolves it (remembered: every pod sync asks). */
export function parseImage(image: string): ImageRef {
  let ref = parsedImages.get(image);
  if (!ref) {
    ref = Object.freeze(splitImage(image));
    if (parsedImages.size >= LIMITS.imageCache) parsedImages.clear();
    parsedImages.set(image, ref);
  }
  return ref;
}
const parsedImages = new Map<string, ImageRef>();

function splitImage(image: string): ImageRef {
  let rest = image;
  let tag = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const first = rest.split('/')[0]!;
  let repo = rest;
  if (!rest.includes('/')) repo = `docker.io/library/${rest}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') repo = `docker.io/${rest}`;
  return { image, full: `${repo}${at >= 0 ? '@' : ':'}${tag}`, repo, tag };
}

/** Other registries (the docker engine's, ECR) can teach the kubelet more images. */
export type ImageSource = (ref: ImageRef) => ImageInfo | undefined;
const sources: ImageSource[] = [];
export function registerImageSource(source: ImageSource): void {
  sources.push(source);
}

export type PullResult = { ok: true; info: ImageInfo } | { ok: false; message: string };

/** What containerd answers to a pull: the image, or the exact error the kubelet reports. */
export function pullImage(image: string): PullResult {
  const ref = parseImage(image);
  for (const s of sources) {
    const info = s(ref);
    if (info) return { ok: true, info };
  }
  const info = IMAGES[ref.repo];
  const prefix = `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  if (!info) {
    if (ref.repo.startsWith('docker.io/')) return { ok: false, message: `Failed to pull image "${image}": failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
    return { ok: false, message: `${prefix}: ${ref.full}: not found` };
  }
  if (!info.tags.includes(ref.tag) && !ref.tag.startsWith('sha256:')) return { ok: false, message: `${prefix}: ${ref.full}: not found` };
  return { ok: true, info };
}

/** A stable fake digest for an image (content addressing without content). */
export function imageDigest(repo: string, tag: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  const s = `${repo}:${tag}`;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h1 = Math.imul(h1 ^ round, 0x01000193) >>> 0;
    for (let k = 0; k < 8; k++) out += HEX[(h1 >>> (k * 4)) & 15];
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** `repo@sha256:...` of an image as a pod's container status shows it. */
export function imageId(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    const ref = parseImage(image);
    id = `${ref.repo}@${imageDigest(ref.repo, ref.tag)}`;
    // Every status write of every pod asks; a pure function of the name, so remember a bounded number.
    if (imageIds.size >= LIMITS.imageCache) imageIds.clear();
    imageIds.set(image, id);
  }
  return id;
}
const imageIds = new Map<string, string>();
