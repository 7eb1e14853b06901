/** docker images, history, tag, rmi, inspect and system df. */
import type { CommandContext } from '../../shell/types.ts';
import { ellipsis, humanDuration, humanSize, table } from '../format.ts';
import { findLocalImage, goTimeString, imageInspect, imageRows, tagImage } from '../images.ts';
import { containerInspect } from '../inspect.ts';
import { imageSize, layer, shortId } from '../layers.ts';
import { familiarName, parseRef } from '../refs.ts';
import { findContainer } from '../containers.ts';
import { docker, type Image } from '../state.ts';
import { goJson, renderTemplate } from '../template.ts';
import { daemonError, dockerJson, parseOrFail } from './common.ts';
import { flag } from './flags.ts';
import { writeList, type ListFormatter } from './list-format.ts';

function created(ctx: CommandContext, at: number): string {
  return `${humanDuration(ctx.world.now - at)} ago`;
}

export function images(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'images', args, { max: 1 });
  if (typeof p === 'number') return p;
  if (p.args.length > 1) return 1;
  let rows = imageRows(ctx.world);
  if (!flag(p, 'all')) rows = rows.filter((r) => r.repo !== '<none>' || !Object.values(docker(ctx.world).images).some((i) => i.parent === r.image.id));
  if (p.args[0]) {
    const want = p.args[0];
    const [repo, tag] = want.includes(':') ? want.split(':') : [want, undefined];
    rows = rows.filter((r) => r.repo === repo && (tag === undefined || r.tag === tag));
  }
  for (const f of p.lists.filter ?? []) {
    if (f === 'dangling=true') rows = rows.filter((r) => r.repo === '<none>');
    else if (f === 'dangling=false') rows = rows.filter((r) => r.repo !== '<none>');
    else if (f.startsWith('reference=')) {
      const re = new RegExp(`^${f.slice(10).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      rows = rows.filter((r) => re.test(r.repo) || re.test(`${r.repo}:${r.tag}`));
    }
  }
  if (flag(p, 'quiet')) {
    const seen = new Set<string>();
    for (const r of rows) if (!seen.has(r.image.id)) seen.add(r.image.id), ctx.stdout.write(shortId(r.image.id) + '\n');
    return 0;
  }
  const fmt = p.values.format;
  // docker/cli fills in the digest only when it is asked for (--digests or {{.Digest}}).
  const digests = flag(p, 'digests') || !!fmt?.includes('.Digest');
  const data = rows.map((r) => {
    const size = humanSize(imageSize(ctx.world, r.image));
    const digest = r.image.repoDigests.find((d) => d.startsWith(`${r.repo}@`))?.split('@')[1];
    return { Containers: 'N/A', CreatedAt: goTimeString(ctx.world, r.image.created), CreatedSince: created(ctx, r.image.created), Digest: (digests && digest) || '<none>', ID: flag(p, 'no-trunc') ? r.image.id : shortId(r.image.id), Repository: r.repo, SharedSize: 'N/A', Size: size, Tag: r.tag, UniqueSize: 'N/A', VirtualSize: size };
  });
  return writeList(ctx, fmt, { ...IMAGES_FORMAT, defaultTable: flag(p, 'digests') ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}' : IMAGES_FORMAT.defaultTable }, data);
}

const TEMPLATE_ERRORS = { parse: 'template parsing error', execute: 'template parsing error' };

const IMAGES_FORMAT: ListFormatter = {
  defaultTable: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
  headers: { ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'VIRTUAL SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE' },
  contextType: '*formatter.imageContext',
  errors: TEMPLATE_ERRORS,
};

const HISTORY_FORMAT: ListFormatter = {
  defaultTable: 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}',
  headers: { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' },
  contextType: '*image.historyContext',
  errors: TEMPLATE_ERRORS,
};

export function history(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'history', args, { exactly: 1 });
  if (typeof p === 'number') return p;
  const img = findLocalImage(ctx.world, p.args[0]!);
  if (!img) return daemonError(ctx, `No such image: ${normalized(p.args[0]!)}`);
  const trunc = !flag(p, 'no-trunc');
  const entries = [...img.history].reverse();
  if (flag(p, 'quiet')) {
    entries.forEach((_, i) => ctx.stdout.write((i === 0 ? (trunc ? shortId(img.id) : img.id) : '<missing>') + '\n'));
    return 0;
  }
  const human = p.values.human !== 'false';
  const data = entries.map((h, i) => {
    const size = h.layer ? (layer(ctx.world, h.layer)?.size ?? 0) : 0;
    const at = new Date(ctx.world.state.clock.epoch + h.created).toISOString();
    return { Comment: h.comment ?? '', CreatedAt: at, CreatedBy: trunc ? ellipsis(h.createdBy, 45) : h.createdBy, CreatedSince: human ? created(ctx, h.created) : at, ID: i === 0 ? (trunc ? shortId(img.id) : img.id) : '<missing>', Size: human ? humanSize(size) : String(size) };
  });
  return writeList(ctx, p.values.format, HISTORY_FORMAT, data);
}

function normalized(text: string): string {
  const r = parseRef(text);
  return 'error' in r ? text : familiarName(r);
}

export function tag(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'tag', args, { exactly: 2 });
  if (typeof p === 'number') return p;
  const img = findLocalImage(ctx.world, p.args[0]!);
  if (!img) return daemonError(ctx, `No such image: ${normalized(p.args[0]!)}`);
  const target = parseRef(p.args[1]!);
  if ('error' in target) {
    ctx.stderr.write(`Error parsing reference: "${p.args[1]}" is not a valid repository/tag: ${target.error}\n`);
    return 1;
  }
  tagImage(ctx.world, img, target);
  return 0;
}

export function rmi(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'rmi', args, { min: 1 });
  if (typeof p === 'number') return p;
  const st = docker(ctx.world);
  let status = 0;
  for (const key of p.args) {
    const img = findLocalImage(ctx.world, key);
    if (!img) {
      status = daemonError(ctx, `No such image: ${normalized(key)}`);
      continue;
    }
    const byTag = !/^(sha256:)?[0-9a-f]{4,64}$/.test(key) || img.repoTags.includes(normalized(key));
    const user = Object.values(st.containers).find((c) => c.imageId === img.id);
    if (byTag && img.repoTags.length > 1) {
      img.repoTags = img.repoTags.filter((t) => t !== normalized(key));
      ctx.stdout.write(`Untagged: ${normalized(key)}\n`);
      continue;
    }
    if (user && !flag(p, 'force')) {
      status = byTag
        ? daemonError(ctx, `conflict: unable to remove repository reference "${key}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${shortId(img.id)}`)
        : daemonError(ctx, `conflict: unable to delete ${shortId(img.id)} (must be forced) - image is being used by stopped container ${user.id.slice(0, 12)}`);
      continue;
    }
    for (const t of img.repoTags) ctx.stdout.write(`Untagged: ${t}\n`);
    for (const d of img.repoDigests) ctx.stdout.write(`Untagged: ${d}\n`);
    delete st.images[img.id];
    ctx.stdout.write(`Deleted: ${img.id}\n`);
    const still = new Set(Object.values(st.images).flatMap((i) => i.layers));
    for (const d of [...img.layers].reverse()) if (!still.has(d)) ctx.stdout.write(`Deleted: ${d}\n`);
  }
  return status;
}

export function inspect(ctx: CommandContext, args: string[], only?: 'image' | 'container'): number {
  const p = parseOrFail(ctx, only ? `${only === 'image' ? 'image' : 'container'} inspect` : 'inspect', args, { min: 1 });
  if (typeof p === 'number') return p;
  const out: Record<string, unknown>[] = [];
  let status = 0;
  const errors: string[] = [];
  for (const key of p.args) {
    const c = only === 'image' ? undefined : findContainer(ctx.world, key);
    const img = c || only === 'container' ? undefined : findLocalImage(ctx.world, key);
    if (c) out.push(containerInspect(ctx.world, c));
    else if (img) out.push(imageInspect(ctx.world, img));
    else {
      errors.push(only === 'image' ? `Error response from daemon: No such image: ${key}` : only === 'container' ? `Error response from daemon: No such container: ${key}` : `Error: No such object: ${key}`);
      status = 1;
    }
  }
  const fmt = p.values.format;
  if (fmt === 'json') ctx.stdout.write(goJson(out) + '\n');
  else if (fmt) {
    // docker parses the template once (a parse error exits 64), then runs it per object; an
    // object it fails on prints its error, and then only a blank line goes to stdout.
    const texts: string[] = [];
    const failed: string[] = [];
    for (const o of out) {
      const r = renderTemplate(fmt, o);
      if (r.ok) texts.push(r.text);
      else if (r.phase === 'parse') {
        ctx.stderr.write(`template parsing error: ${r.error}\n`);
        return 64;
      } else failed.push(`template parsing error: ${r.error}`);
    }
    if (failed.length) {
      ctx.stdout.write('\n');
      for (const e of failed) ctx.stderr.write(e + '\n');
      return 1;
    }
    for (const t of texts) ctx.stdout.write(t + '\n');
  } else if (out.length || status === 0) ctx.stdout.write(dockerJson(out) + '\n');
  for (const e of errors) ctx.stderr.write(e + '\n');
  return status;
}

export function systemDf(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'system df', args, { max: 0 });
  if (typeof p === 'number') return p;
  const world = ctx.world;
  const st = docker(world);
  const imgs = Object.values(st.images);
  const containers = Object.values(st.containers);
  const usedIds = new Set(containers.map((c) => c.imageId));
  const layerSize = (d: string) => layer(world, d)?.size ?? 0;
  const all = new Set(imgs.flatMap((i) => i.layers));
  const used = new Set(imgs.filter((i) => usedIds.has(i.id)).flatMap((i) => i.layers));
  const total = [...all].reduce((n, d) => n + layerSize(d), 0);
  const reclaim = [...all].filter((d) => !used.has(d)).reduce((n, d) => n + layerSize(d), 0);
  const pct = (a: number, b: number) => `${humanSize(a)} (${b ? Math.round((a * 100) / b) : 0}%)`;
  const rwSize = (cid: string) => (st.containers[cid]!.state.status === 'created' ? 0 : 1_090);
  const cTotal = containers.reduce((n, c) => n + rwSize(c.id), 0);
  const cReclaim = containers.filter((c) => c.state.status !== 'running').reduce((n, c) => n + rwSize(c.id), 0);
  const cache = Object.values(st.buildCache);
  const cacheSize = cache.reduce((n, e) => n + (e.layer ? layerSize(e.layer) : 0), 0);
  if (flag(p, 'verbose')) {
    ctx.stdout.write('Images space usage:\n\n');
    const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS']];
    for (const r of imageRows(world)) {
      const shared = r.image.layers.filter((d) => imgs.some((o: Image) => o !== r.image && o.layers.includes(d))).reduce((n, d) => n + layerSize(d), 0);
      const size = imageSize(world, r.image);
      rows.push([r.repo, r.tag, shortId(r.image.id), created(ctx, r.image.created), humanSize(size), humanSize(shared), humanSize(size - shared), String(containers.filter((c) => c.imageId === r.image.id).length)]);
    }
    ctx.stdout.write(table(rows) + '\nContainers space usage:\n\n');
    const crow = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES']];
    for (const c of containers) crow.push([c.id.slice(0, 12), c.imageRef, JSON.stringify(ellipsis([c.path, ...c.args].join(' '), 20)), '0', humanSize(rwSize(c.id)), created(ctx, c.created), c.state.status === 'running' ? 'Up' : c.state.status, c.name]);
    ctx.stdout.write(table(crow) + '\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\n\nBuild cache usage: ' + humanSize(cacheSize) + '\n\n');
    return 0;
  }
  const rows = [
    ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
    ['Images', String(imgs.length), String(imgs.filter((i) => usedIds.has(i.id)).length), humanSize(total), pct(reclaim, total)],
    ['Containers', String(containers.length), String(containers.filter((c) => c.state.status === 'running').length), humanSize(cTotal), pct(cReclaim, cTotal)],
    ['Local Volumes', '0', '0', '0B', '0B'],
    ['Build Cache', String(cache.length), '0', humanSize(cacheSize), humanSize(cacheSize)],
  ];
  ctx.stdout.write(table(rows));
  return 0;
}
