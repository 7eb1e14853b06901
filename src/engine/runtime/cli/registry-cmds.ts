/** docker pull, push, login and logout, with the daemon's progress lines and auth errors. */
import type { CommandContext } from '../../shell/types.ts';
import { findLocalImage, tagImage } from '../images.ts';
import { flatten } from '../layers.ts';
import { familiarName, familiarRepo, fullName, HUB, parseRef, type ImageRef } from '../refs.ts';
import { authorized, checkLogin, manifestDigest, providerFor, registryFor, removeLogin, resolveForPull, saveLogin, storePush, unreachable, HUB_AUTH_KEY } from '../registry.ts';
import { docker, type Image } from '../state.ts';
import { daemonError, parseOrFail } from './common.ts';

void flatten;

/**
 * Pulls `text` into the local store, printing what `docker pull` prints (or, for run and
 * create, what they print on stderr). Returns the image or an exit status.
 */
export function pullImage(ctx: CommandContext, text: string, mode: 'pull' | 'run', quiet = false): Image | number {
  const world = ctx.world;
  const ref = parseRef(text);
  const out = mode === 'pull' ? ctx.stdout : ctx.stderr;
  if ('error' in ref) {
    if (mode === 'pull') ctx.stderr.write(`${ref.error}\n`);
    else ctx.stderr.write(`docker: ${ref.error}\n\nRun 'docker run --help' for more information\n`);
    return mode === 'pull' ? 1 : 125;
  }
  if (mode === 'pull' && !quiet && !text.includes(':') && !text.includes('@')) out.write('Using default tag: latest\n');
  const r = resolveForPull(world, ctx.proc, ref);
  if ('error' in r) {
    if (mode === 'pull') {
      if (!quiet && !r.error.startsWith('Get ') && !r.error.startsWith('Head ') && !r.error.includes('not found')) {
        // the daemon prints the tag line before it knows the repository is missing
      }
      return daemonError(ctx, r.error);
    }
    ctx.stderr.write(`docker: Error response from daemon: ${r.error}\n\nRun 'docker run --help' for more information\n`);
    return 125;
  }
  const st = docker(world);
  const name = familiarName(ref);
  const repoPath = ref.registry === HUB ? ref.repo : `${ref.registry}/${ref.repo}`;
  const existing = st.images[r.image.id];
  const digestRef = `${familiarRepo(ref)}@${r.digest}`;
  if (existing && existing.repoTags.includes(name)) {
    if (!quiet) out.write(`${ref.digest ? '' : `${ref.tag}: Pulling from ${repoPath}\n`}Digest: ${r.digest}\nStatus: Image is up to date for ${name}\n`);
    if (mode === 'pull') ctx.stdout.write(`${fullName(ref)}\n`);
    return existing;
  }
  if (!quiet) {
    out.write(`${ref.tag}: Pulling from ${repoPath}\n`);
    const have = new Set(Object.values(st.images).flatMap((i) => i.layers));
    for (const d of r.image.layers) out.write(`${d.slice(7, 19)}: ${have.has(d) ? 'Already exists' : 'Pull complete'}\n`);
    out.write(`Digest: ${r.digest}\nStatus: Downloaded newer image for ${name}\n`);
  }
  const local = (st.images[r.image.id] ??= { ...r.image, repoTags: [], repoDigests: [] });
  if (!local.repoDigests.includes(digestRef)) local.repoDigests.push(digestRef);
  tagImage(world, local, ref);
  if (mode === 'pull') ctx.stdout.write(`${fullName(ref)}\n`);
  return local;
}

export function pull(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'pull', args, { exactly: 1 });
  if (typeof p === 'number') return p;
  const r = pullImage(ctx, p.args[0]!, 'pull', !!p.values.quiet);
  return typeof r === 'number' ? r : 0;
}

export function push(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'push', args, { exactly: 1 });
  if (typeof p === 'number') return p;
  const world = ctx.world;
  const text = p.args[0]!;
  const ref = parseRef(text);
  if ('error' in ref) {
    ctx.stderr.write(`${ref.error}\n`);
    return 1;
  }
  const img = findLocalImage(world, familiarName(ref));
  if (!img) {
    ctx.stderr.write(`Error response from daemon: No such image: ${familiarName(ref)}\n`);
    return 1;
  }
  const repoPath = `${ref.registry}/${ref.repo}`;
  ctx.stdout.write(`The push refers to repository [${repoPath}]\n`);
  const layers = [...img.layers].reverse();
  const reg = registryFor(world, ref.registry);
  if (!reg) {
    for (const d of layers) ctx.stdout.write(`${d.slice(7, 19)}: Preparing\n`);
    ctx.stderr.write(`${unreachable(ref.registry)}\n`);
    return 1;
  }
  const canWrite = reg.kind === 'hub' ? authorized(world, ctx.proc, ref.registry) && ref.repo.split('/')[0] !== 'library' : authorized(world, ctx.proc, ref.registry) || (reg.publicRead && Object.keys(reg.users).length === 0);
  if (!canWrite) {
    for (const d of layers) ctx.stdout.write(`${d.slice(7, 19)}: Preparing\n`);
    const provider = providerFor(ref.registry);
    if (reg.kind === 'ecr' || reg.kind === 'private') ctx.stderr.write(provider || reg.kind === 'ecr' ? 'no basic auth credentials\n' : 'unauthorized: authentication required\n');
    else ctx.stderr.write('denied: requested access to the resource is denied\n');
    return 1;
  }
  const missing = providerFor(ref.registry)?.missingRepo?.(world, ref.registry, ref.repo);
  if (missing) {
    for (const d of layers) ctx.stdout.write(`${d.slice(7, 19)}: Preparing\n`);
    ctx.stderr.write(`${missing}\n`);
    return 1;
  }
  const inRepo = new Set(Object.values(reg.repos[ref.repo]?.manifests ?? {}).flatMap((id) => docker(world).remoteImages[id]?.layers ?? []));
  const inRegistry = new Map<string, string>();
  for (const [repoName, repo] of Object.entries(reg.repos)) for (const id of Object.values(repo.manifests)) for (const d of docker(world).remoteImages[id]?.layers ?? []) inRegistry.set(d, repoName);
  for (const d of layers) {
    const other = inRegistry.get(d);
    const status = inRepo.has(d) ? 'Layer already exists' : other && other !== ref.repo ? `Mounted from ${other}` : 'Pushed';
    ctx.stdout.write(`${d.slice(7, 19)}: ${status}\n`);
  }
  const digest = storePush(world, reg, ref.repo, ref.tag, img);
  const dref = `${familiarRepo(ref)}@${digest}`;
  if (!img.repoDigests.includes(dref)) img.repoDigests.push(dref);
  ctx.stdout.write(`${ref.tag}: digest: ${digest} size: ${528 + img.layers.length * 211}\n`);
  void manifestDigest;
  return 0;
}

export function login(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'login', args, { max: 1 });
  if (typeof p === 'number') return p;
  if (p.args.length > 1) {
    ctx.stderr.write(`"docker login" requires at most 1 argument.\nSee 'docker login --help'.\n\nUsage:  docker login [OPTIONS] [SERVER]\n\nAuthenticate to a registry\n`);
    return 1;
  }
  const server = (p.args[0] ?? HUB).replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const host = server === 'index.docker.io' || server === 'registry-1.docker.io' ? HUB : server;
  const user = p.values.username;
  let password = p.values.password;
  if (p.values['password-stdin']) {
    if (password) {
      ctx.stderr.write('--password and --password-stdin are mutually exclusive\n');
      return 1;
    }
    if (!user) {
      ctx.stderr.write('Must provide --username with --password-stdin\n');
      return 1;
    }
    password = ctx.stdin.replace(/\r?\n$/, '');
  }
  if (!user || password === undefined) {
    if (!ctx.tty) {
      ctx.stderr.write('Error: Cannot perform an interactive login from a non TTY device\n');
      return 1;
    }
    ctx.stderr.write('hatchway: interactive login prompts are not available in this lab environment; use --username with --password-stdin\n');
    return 1;
  }
  if (p.values.password) ctx.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  const bad = checkLogin(ctx.world, host, user, password);
  if (bad) return daemonError(ctx, bad);
  saveLogin(ctx.world, ctx.proc, host, user, password);
  ctx.stderr.write(`WARNING! Your credentials are stored unencrypted in '${ctx.proc.env.HOME ?? '/root'}/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  ctx.stdout.write('Login Succeeded\n');
  return 0;
}

export function logout(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'logout', args, { max: 1 });
  if (typeof p === 'number') return p;
  const server = p.args[0] ?? HUB;
  const host = server === HUB_AUTH_KEY ? HUB : server;
  if (removeLogin(ctx.world, ctx.proc, host)) ctx.stdout.write(`Removing login credentials for ${host === HUB ? 'https://index.docker.io/v1/' : host}\n`);
  else ctx.stdout.write(`Not logged in to ${host === HUB ? 'https://index.docker.io/v1/' : host}\n`);
  return 0;
}

export type { ImageRef };
