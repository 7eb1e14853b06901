/**
 * The local image store: lookup by name, tag or id prefix, tagging (a retagged image
 * leaves the old one dangling as `<none>:<none>`), and the JSON `docker image inspect` prints.
 */
import { rfc3339 } from '../clock.ts';
import type { World } from '../world.ts';
import { imageSize, shortId } from './layers.ts';
import { familiarName, familiarRepo, parseRef, type ImageRef } from './refs.ts';
import { docker, type Image } from './state.ts';

/** Finds a local image by reference (`nginx`, `web:1`), full or short id (`sha256:ab…`, `ab12`). */
export function findLocalImage(world: World, text: string): Image | undefined {
  const images = Object.values(docker(world).images);
  const hex = text.replace(/^sha256:/, '');
  if (/^[0-9a-f]{4,64}$/.test(hex)) {
    const byId = images.filter((i) => i.id.slice(7).startsWith(hex));
    if (byId.length === 1) return byId[0];
  }
  const ref = parseRef(text);
  if ('error' in ref) return undefined;
  if (ref.digest) return images.find((i) => i.repoDigests.some((d) => d.endsWith('@' + ref.digest)));
  const name = familiarName(ref);
  return images.find((i) => i.repoTags.includes(name));
}

export function tagImage(world: World, image: Image, ref: ImageRef): void {
  const name = familiarName(ref);
  for (const other of Object.values(docker(world).images)) {
    if (other !== image) other.repoTags = other.repoTags.filter((t) => t !== name);
  }
  if (!image.repoTags.includes(name)) image.repoTags.push(name);
  image.lastTagTime = world.now;
}

/** Docker's RFC 3339 with nanoseconds trimmed, as inspect prints times. */
/** Go's time.Time String() in UTC, as docker's list formatters print CreatedAt (whole seconds). */
export function goTimeString(world: World, at: number): string {
  return new Date(world.state.clock.epoch + Math.floor(at / 1000) * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0000 UTC');
}

export function dockerTime(world: World, at: number): string {
  const base = rfc3339(world.state.clock, at);
  const ms = ((at % 1000) + 1000) % 1000;
  return ms ? base.replace(/Z$/, `.${String(ms).padStart(3, '0').replace(/0+$/, '')}Z`) : base;
}

export function imageInspect(world: World, img: Image): Record<string, unknown> {
  return {
    Id: img.id,
    RepoTags: img.repoTags,
    RepoDigests: img.repoDigests,
    Parent: '',
    Comment: img.history.some((h) => h.comment === 'buildkit.dockerfile.v0') ? 'buildkit.dockerfile.v0' : '',
    Created: dockerTime(world, img.created),
    DockerVersion: '',
    Author: '',
    Config: {
      Hostname: '',
      Domainname: '',
      User: img.config.User,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(Object.keys(img.config.ExposedPorts).length ? { ExposedPorts: img.config.ExposedPorts } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: img.config.Env,
      Cmd: img.config.Cmd ?? null,
      Image: '',
      Volumes: null,
      WorkingDir: img.config.WorkingDir,
      Entrypoint: img.config.Entrypoint ?? null,
      OnBuild: null,
      Labels: Object.keys(img.config.Labels).length ? img.config.Labels : null,
      ...(img.config.StopSignal ? { StopSignal: img.config.StopSignal } : {}),
    },
    Architecture: 'amd64',
    Os: 'linux',
    Size: imageSize(world, img),
    GraphDriver: {
      Data: {
        LowerDir: img.layers.slice(0, -1).reverse().map((d) => `/var/lib/docker/overlay2/${d.slice(7, 33)}/diff`).join(':') || undefined,
        MergedDir: `/var/lib/docker/overlay2/${img.layers[img.layers.length - 1]?.slice(7, 33) ?? 'none'}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${img.layers[img.layers.length - 1]?.slice(7, 33) ?? 'none'}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${img.layers[img.layers.length - 1]?.slice(7, 33) ?? 'none'}/work`,
      },
      Name: 'overlay2',
    },
    RootFS: { Type: 'layers', Layers: img.layers },
    Metadata: { LastTagTime: img.lastTagTime !== undefined ? dockerTime(world, img.lastTagTime) : '0001-01-01T00:00:00Z' },
  };
}

/** Rows for `docker images`: one per tag, and `<none>` for dangling images. */
export function imageRows(world: World): { repo: string; tag: string; image: Image }[] {
  const rows: { repo: string; tag: string; image: Image }[] = [];
  for (const img of Object.values(docker(world).images)) {
    if (img.repoTags.length === 0) rows.push({ repo: '<none>', tag: '<none>', image: img });
    for (const t of img.repoTags) {
      const ref = parseRef(t);
      if ('error' in ref) continue;
      rows.push({ repo: familiarRepo(ref), tag: ref.tag, image: img });
    }
  }
  // Newest first, then by name, as the daemon lists them.
  return rows.sort((a, b) => b.image.created - a.image.created || a.repo.localeCompare(b.repo) || a.tag.localeCompare(b.tag));
}

export { shortId };
