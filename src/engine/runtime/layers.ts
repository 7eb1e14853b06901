/**
 * Content-addressed layers and images. A built layer's digest is the sha256 of its files, so
 * two images built from the same base hold the same layer once, and `docker system df` and
 * `docker image inspect` show it as shared. A base image's layer is named by what it is
 * instead (see library.ts), as a registry names the layer it serves.
 */
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import { utf8Length } from '../util/text.ts';
import type { World } from '../world.ts';
import { digestOf } from './sha256.ts';
import { docker, type HistoryEntry, type Image, type ImageConfig, type Layer, type LayerFile } from './state.ts';

function canonical(files: Dict<LayerFile | null>): string {
  return JSON.stringify(Object.keys(files).sort().map((k) => [k, files[k]]));
}

/**
 * Stores a layer (once per digest) and returns its digest: the sha256 of its files, or of
 * `identity` when given, for base image layers whose simulated files are not their content.
 */
export function addLayer(world: World, files: Dict<LayerFile | null>, size?: number, identity?: string): string {
  const digest = digestOf(identity === undefined ? canonical(files) : `layer:${identity}`);
  const layers = docker(world).layers;
  if (!layers[digest]) {
    const bytes = size ?? Object.values(files).reduce((n, f) => n + (f ? utf8Length(f.data) : 0), 0);
    layers[digest] = { digest, size: bytes, files };
  }
  return digest;
}

export function layer(world: World, digest: string): Layer | undefined {
  return docker(world).layers[digest];
}

/** The union of stored layers, top wins; whiteouts remove what is below. */
export function flatten(world: World, digests: readonly string[]): Dict<LayerFile> {
  return union(digests.map((d) => layer(world, d)?.files ?? dict<LayerFile | null>()));
}

/** The union of layers' file maps, bottom first: top wins, whiteouts remove what is below. */
export function union(layers: readonly Dict<LayerFile | null>[]): Dict<LayerFile> {
  const out = dict<LayerFile>();
  for (const files of layers) {
    for (const [path, f] of Object.entries(files)) {
      if (f === null) {
        for (const k of Object.keys(out)) if (k === path || k.startsWith(path + '/')) delete out[k];
      } else out[path] = f;
    }
  }
  return out;
}

export function imageSize(world: World, image: Image): number {
  return image.layers.reduce((n, d) => n + (layer(world, d)?.size ?? 0), 0);
}

export interface NewImage {
  layers: string[];
  history: HistoryEntry[];
  config: ImageConfig;
  created: number;
  parent?: string;
}

/** The image id is the digest of its config document, as in the OCI image spec. */
export function imageId(img: NewImage): string {
  return digestOf(JSON.stringify({ architecture: 'amd64', os: 'linux', config: img.config, rootfs: { type: 'layers', diff_ids: img.layers }, history: img.history, created: img.created }));
}

/** Registers an image in the local store (or returns the existing one with that id). */
export function storeImage(world: World, img: NewImage, where: 'local' | 'remote' = 'local'): Image {
  const id = imageId(img);
  const st = docker(world);
  const table = where === 'local' ? st.images : st.remoteImages;
  const existing = table[id];
  if (existing) return existing;
  if (where === 'local' && Object.keys(st.images).length >= LIMITS.dockerImages) throw new Error(`too many images (limit ${LIMITS.dockerImages})`);
  const image: Image = { id, repoTags: [], repoDigests: [], created: img.created, layers: [...img.layers], history: img.history, config: img.config, parent: img.parent };
  table[id] = image;
  return image;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function emptyConfig(): ImageConfig {
  return { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], WorkingDir: '', User: '', ExposedPorts: dict(), Labels: dict() };
}
