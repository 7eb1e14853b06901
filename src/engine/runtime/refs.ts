/**
 * Image references the way the docker CLI normalizes them: `nginx` is
 * `docker.io/library/nginx:latest`, `polinux/stress` is `docker.io/polinux/stress:latest`,
 * `localhost:5000/web:1` names a private registry.
 */
export const HUB = 'docker.io';

export interface ImageRef {
  /** Registry host (`docker.io` for Docker Hub). */
  registry: string;
  /** Repository path inside the registry (`library/nginx`). */
  repo: string;
  tag: string;
  digest?: string;
}

const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses a reference; returns an error text (the daemon's wording) for an invalid one. */
export function parseRef(text: string): ImageRef | { error: string } {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return { error: `invalid reference format` };
  }
  let tag = 'latest';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { error: 'invalid reference format' };
  }
  const parts = rest.split('/');
  let registry = HUB;
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (parts.length === 0 || parts.some((p) => !NAME_COMPONENT.test(p))) {
    if (/[A-Z]/.test(rest)) return { error: 'invalid reference format: repository name (' + rest + ') must be lowercase' };
    return { error: 'invalid reference format' };
  }
  if (registry === HUB && parts.length === 1) parts.unshift('library');
  return { registry, repo: parts.join('/'), tag, digest };
}

/** The short form docker prints in `docker images` REPOSITORY (`nginx`, `polinux/stress`, `localhost:5000/web`). */
export function familiarRepo(ref: ImageRef): string {
  if (ref.registry !== HUB) return `${ref.registry}/${ref.repo}`;
  return ref.repo.startsWith('library/') ? ref.repo.slice('library/'.length) : ref.repo;
}

/** `nginx:latest`, `localhost:5000/web:1`: the tag as `docker images` and RepoTags show it. */
export function familiarName(ref: ImageRef): string {
  return `${familiarRepo(ref)}:${ref.tag}`;
}

/** `docker.io/library/nginx:latest`, as BuildKit and pulls print it. */
export function fullName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repo}:${ref.tag}`;
}
