/**
 * Registries: Docker Hub (the base-image library plus learners' own repositories), a
 * password-protected private registry, `localhost:PORT` served by a running `registry:2`
 * container, and Amazon ECR (added by the aws domain). Credentials live where the real
 * CLI keeps them, in ~/.docker/config.json, so `cat ~/.docker/config.json` teaches it.
 */
import * as sys from '../kernel/syscalls.ts';
import type { Process } from '../kernel/process.ts';
import { dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { base64, unbase64 } from '../util/base64.ts';
import { hubHasRepo, hubImage } from './library.ts';
import { HUB, type ImageRef } from './refs.ts';
import { digestOf } from './sha256.ts';
import { docker, type Image, type Registry } from './state.ts';

/** The protected registry every docker world has (user `learner`, password `hatchway`). */
export const PRIVATE_REGISTRY = 'registry.example.com';
export const PRIVATE_USERS = { learner: 'hatchway' };
/** The key docker login stores Docker Hub credentials under. */
export const HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** A registry hook for hosts other domains serve (ECR): checks a password, may create repos. */
export interface RegistryProvider {
  matches(host: string): boolean;
  /** Whether user/password are valid now (ECR tokens expire after 12 hours). */
  login(world: World, host: string, user: string, password: string): boolean;
  /** Error text when the repository does not exist (ECR does not create repos on push). */
  missingRepo?(world: World, host: string, repo: string): string | undefined;
}

const providers: RegistryProvider[] = [];
export function registerRegistryProvider(p: RegistryProvider): void {
  if (!providers.includes(p)) providers.push(p);
}

export function registryFor(world: World, host: string): Registry | undefined {
  const st = docker(world);
  if (host === HUB) return (st.registries[HUB] ??= { host: HUB, publicRead: true, users: dict(), repos: dict(), kind: 'hub' });
  if (host === PRIVATE_REGISTRY) return (st.registries[host] ??= { host, publicRead: false, users: dict(Object.entries(PRIVATE_USERS)), repos: dict(), kind: 'private' });
  if (providers.some((p) => p.matches(host))) return (st.registries[host] ??= { host, publicRead: false, users: dict(), repos: dict(), kind: 'ecr' });
  const local = /^(localhost|127\.0\.0\.1):(\d+)$/.exec(host);
  if (local && localRegistryRunning(world, Number(local[2]))) return (st.registries[host] ??= { host, publicRead: true, users: dict(), repos: dict(), kind: 'private' });
  return undefined;
}

function localRegistryRunning(world: World, port: number): boolean {
  return Object.values(docker(world).containers).some((c) => c.state.status === 'running' && c.workload?.server === 'registry' && c.ports.some((p) => p.hostPort === port && p.containerPort === 5000));
}

/** Why a host cannot be reached, in the daemon's words. */
export function unreachable(host: string, scheme: 'https' | 'http' = 'https'): string {
  const local = /^(localhost|127\.0\.0\.1):(\d+)$/.exec(host);
  if (local) return `Get "http://${host}/v2/": dial tcp 127.0.0.1:${local[2]}: connect: connection refused`;
  return `Get "${scheme}://${host}/v2/": dial tcp: lookup ${host.replace(/:\d+$/, '')} on 127.0.0.11:53: no such host`;
}

function authKey(host: string): string {
  return host === HUB ? HUB_AUTH_KEY : host;
}

function configPath(proc: Process): string {
  return `${proc.env.HOME ?? '/root'}/.docker/config.json`;
}

/** Credentials the CLI would send for `host`, read from ~/.docker/config.json. */
export function credentialsFor(world: World, proc: Process, host: string): { user: string; password: string } | undefined {
  let text: string;
  try {
    text = sys.readFile(world, proc, configPath(proc));
  } catch {
    return undefined;
  }
  try {
    const cfg = JSON.parse(text) as { auths?: Record<string, { auth?: string }> };
    const auth = cfg.auths && Object.prototype.hasOwnProperty.call(cfg.auths, authKey(host)) ? cfg.auths[authKey(host)]?.auth : undefined;
    const decoded = auth ? unbase64(auth) : undefined;
    if (!decoded || !decoded.includes(':')) return undefined;
    const i = decoded.indexOf(':');
    return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
  } catch {
    return undefined;
  }
}

/** Checks a login against the registry; returns an error text or undefined on success. */
export function checkLogin(world: World, host: string, user: string, password: string): string | undefined {
  const provider = providers.find((p) => p.matches(host));
  if (provider) return provider.login(world, host, user, password) ? undefined : `login attempt to https://${host}/v2/ failed with status: 400 Bad Request`;
  if (host === HUB) return user && password.length >= 8 ? undefined : `Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password`;
  const reg = registryFor(world, host);
  if (!reg) return unreachable(host);
  if (reg.publicRead && Object.keys(reg.users).length === 0) return undefined;
  return reg.users[user] === password ? undefined : `Get "https://${host}/v2/": unauthorized: incorrect username or password`;
}

/** Stores credentials in ~/.docker/config.json as `docker login` does. */
export function saveLogin(world: World, proc: Process, host: string, user: string, password: string): void {
  const path = configPath(proc);
  let cfg: { auths: Record<string, { auth: string }> } = { auths: {} };
  try {
    const parsed = JSON.parse(sys.readFile(world, proc, path)) as { auths?: Record<string, { auth: string }> };
    cfg = { ...parsed, auths: dict(Object.entries(parsed.auths ?? {})) };
  } catch {
    /* no config yet */
  }
  cfg.auths[authKey(host)] = { auth: base64(`${user}:${password}`) };
  sys.mkdirp(world, proc, `${proc.env.HOME ?? '/root'}/.docker`, 0o700);
  sys.writeFile(world, proc, path, JSON.stringify(cfg, null, '\t') + '\n', false, 0o600);
}

export function removeLogin(world: World, proc: Process, host: string): boolean {
  const path = configPath(proc);
  try {
    const parsed = JSON.parse(sys.readFile(world, proc, path)) as { auths?: Record<string, unknown> };
    if (!parsed.auths || !Object.prototype.hasOwnProperty.call(parsed.auths, authKey(host))) return false;
    delete parsed.auths[authKey(host)];
    sys.writeFile(world, proc, path, JSON.stringify(parsed, null, '\t') + '\n');
    return true;
  } catch {
    return false;
  }
}

/** Whether the CLI's stored credentials are accepted by `host` now. */
export function authorized(world: World, proc: Process, host: string): boolean {
  const c = credentialsFor(world, proc, host);
  return !!c && checkLogin(world, host, c.user, c.password) === undefined;
}

export type Resolve = { image: Image; digest: string } | { error: string };

/** The manifest digest of an image as a registry reports it. */
export function manifestDigest(image: Image): string {
  return digestOf(`manifest:${image.id}:${image.layers.join(',')}`);
}

/** Resolves `ref` for a pull, with the errors the daemon prints. */
export function resolveForPull(world: World, proc: Process, ref: ImageRef): Resolve {
  const reg = registryFor(world, ref.registry);
  if (!reg) return { error: unreachable(ref.registry) };
  const name = ref.registry === HUB ? ref.repo.replace(/^library\//, '') : `${ref.registry}/${ref.repo}`;
  const ok = reg.publicRead || authorized(world, proc, ref.registry);
  if (!ok) {
    if (reg.kind === 'ecr') return { error: `Head "https://${ref.registry}/v2/${ref.repo}/manifests/${ref.tag}": no basic auth credentials` };
    return { error: `Head "https://${ref.registry}/v2/${ref.repo}/manifests/${ref.tag}": no basic auth credentials` };
  }
  const repo = reg.repos[ref.repo];
  const pushedId = ref.digest ? repo?.manifests[ref.digest] : repo?.tags[ref.tag] !== undefined ? repo.manifests[repo.tags[ref.tag]!] : undefined;
  const pushed = pushedId ? (docker(world).remoteImages[pushedId] ?? docker(world).images[pushedId]) : undefined;
  if (pushed) return { image: pushed, digest: manifestDigest(pushed) };
  if (reg.kind === 'hub') {
    const img = hubImage(world, ref.repo, ref.tag);
    if (img) return { image: img, digest: manifestDigest(img) };
    if (hubHasRepo(ref.repo) || repo) return { error: `manifest for ${name}:${ref.tag} not found: manifest unknown: manifest unknown` };
    return { error: `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied` };
  }
  const provider = providers.find((p) => p.matches(ref.registry));
  const missing = provider?.missingRepo?.(world, ref.registry, ref.repo);
  if (missing) return { error: missing };
  return { error: `manifest for ${ref.registry}/${ref.repo}:${ref.tag} not found: manifest unknown: manifest unknown` };
}

/** Records a pushed image under repo:tag; returns the manifest digest. */
export function storePush(world: World, reg: Registry, repoName: string, tag: string, image: Image): string {
  const repo = (reg.repos[repoName] ??= { tags: dict(), manifests: dict() });
  const digest = manifestDigest(image);
  repo.manifests[digest] = image.id;
  repo.tags[tag] = digest;
  const st = docker(world);
  st.remoteImages[image.id] ??= { ...image, repoTags: [], repoDigests: [] };
  return digest;
}

export function providerFor(host: string): RegistryProvider | undefined {
  return providers.find((p) => p.matches(host));
}
