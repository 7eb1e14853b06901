/**
 * `docker build` with BuildKit's behaviour: stages, a step per filesystem instruction,
 * the build cache keyed by the parent state and the instruction (and, for COPY, the
 * content copied), and its progress output (`--progress=plain`, or the TTY summary).
 * RUN really runs: the stage's root filesystem is written to the host VFS, the command
 * runs there through the shell, and the layer is the difference it made.
 */
import * as sys from '../kernel/syscalls.ts';
import { isSysError, strerror } from '../kernel/errors.ts';
import * as vfs from '../kernel/vfs.ts';
import { LIMITS } from '../limits.ts';
import type { CommandContext } from '../shell/types.ts';
import { dict, type Dict } from '../util/dict.ts';
import { utf8Length } from '../util/text.ts';
import type { World } from '../world.ts';
import { parseDockerfile, parseKeyValues, splitWords, substitute, type Instruction } from './dockerfile.ts';
import { humanSize } from './format.ts';
import { addLayer, flatten, layer, storeImage, emptyConfig } from './layers.ts';
import { packagePayload } from './packages.ts';
import { familiarName, fullName, type ImageRef, parseRef } from './refs.ts';
import { resolveForPull, manifestDigest } from './registry.ts';
import { diffTrees, readTree, removeTree, writeTree } from './rootfs.ts';
import { sha256Hex } from './sha256.ts';
import { docker, type HistoryEntry, type Image, type ImageConfig, type LayerFile } from './state.ts';
import { findLocalImage, tagImage } from './images.ts';

export interface BuildOptions {
  contextDir: string;
  dockerfile: string;
  tags: ImageRef[];
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
  progress: 'plain' | 'tty';
  quiet: boolean;
}

interface Vertex {
  name: string;
  lines: string[];
  cached?: boolean;
  secs: number;
  error?: string;
}

interface Stage {
  name?: string;
  index: number;
  instructions: Instruction[];
  from: Instruction;
  tree: string;
  layers: string[];
  history: HistoryEntry[];
  config: ImageConfig;
  key: string;
  /** Files of the stage's final state, for COPY --from. */
  files?: Dict<LayerFile>;
  baseId?: string;
}

const STEP_CMDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

function goList(a: string[]): string {
  return `[${a.map((x) => JSON.stringify(x)).join(' ')}]`;
}

class Failure {
  constructor(
    readonly message: string,
    readonly instr?: Instruction,
  ) {}
}

export async function build(ctx: CommandContext, o: BuildOptions): Promise<number> {
  const world = ctx.world;
  const out: Vertex[] = [];
  const err = (s: string) => ctx.stderr.write(s);
  let text: string;
  const dfPath = o.dockerfile.startsWith('/') ? o.dockerfile : `${o.contextDir}/${o.dockerfile}`;
  try {
    text = sys.readFile(world, ctx.proc, dfPath);
  } catch (e) {
    if (!isSysError(e)) throw e;
    err(`ERROR: failed to build: failed to solve: failed to read dockerfile: open ${o.dockerfile}: no such file or directory\n`);
    return 1;
  }
  const parsed = parseDockerfile(text);
  const dfName = vfs.basename(o.dockerfile);
  const v1: Vertex = { name: `[internal] load build definition from ${dfName}`, lines: [`transferring dockerfile: ${utf8Length(text)}B done`], secs: 0 };
  out.push(v1);
  if (!parsed.ok) {
    flush(ctx, o, out, 0);
    err(`${dfName}:${parsed.line}\n--------------------\n${snippet(text, parsed.line, parsed.line)}--------------------\nERROR: failed to build: failed to solve: ${parsed.message}\n`);
    return 1;
  }
  // Global ARGs (before the first FROM) and stages.
  const globals = dict<string>();
  const instrs = parsed.instructions;
  let i = 0;
  for (; i < instrs.length && instrs[i]!.cmd !== 'FROM'; i++) {
    if (instrs[i]!.cmd === 'ARG') for (const [k, v] of argPairs(instrs[i]!.rest)) globals[k] = o.buildArgs[k] ?? v ?? '';
  }
  const stages: Stage[] = [];
  for (; i < instrs.length; i++) {
    const ins = instrs[i]!;
    if (ins.cmd === 'FROM') {
      const words = splitWords(ins.rest);
      const name = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      stages.push({ name, index: stages.length, instructions: [], from: ins, tree: '', layers: [], history: [], config: emptyConfig(), key: '' });
    } else stages[stages.length - 1]!.instructions.push(ins);
  }
  let targetIdx = stages.length - 1;
  if (o.target) {
    targetIdx = stages.findIndex((s) => s.name === o.target);
    if (targetIdx < 0) {
      err(`ERROR: failed to build: failed to solve: target stage "${o.target}" could not be found\n`);
      return 1;
    }
  }
  const multi = stages.length > 1;
  const clock = { t: 0 };
  let n = 0;
  try {
    // Metadata for each external base image, in order of first use.
    const bases = new Map<string, Image>();
    for (const s of stages.slice(0, targetIdx + 1)) {
      const ref = substitute(splitWords(s.from.rest)[0] ?? '', globals);
      if (ref === 'scratch' || stages.some((p) => p.name === ref && p.index < s.index) || bases.has(ref)) continue;
      const parsedRef = parseRef(ref);
      if ('error' in parsedRef) throw new Failure(`failed to parse stage name "${ref}": invalid reference format: repository name must be lowercase`, s.from);
      const local = findLocalImage(world, ref);
      out.push({ name: `[internal] load metadata for ${fullName(parsedRef)}`, lines: [], secs: local ? 0 : 0.6 });
      if (local) {
        bases.set(ref, local);
        continue;
      }
      const r = resolveForPull(world, ctx.proc, parsedRef);
      if ('error' in r) {
        const msg = r.error.includes('pull access denied') || r.error.includes('does not exist') ? `${ref}: failed to resolve source metadata for ${fullName(parsedRef)}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` : `${ref}: failed to resolve source metadata for ${fullName(parsedRef)}: ${r.error.replace(/^manifest for .*? not found: /, '')}`;
        out[out.length - 1]!.error = msg;
        throw new Failure(msg);
      }
      bases.set(ref, r.image);
    }
    out.push({ name: '[internal] load .dockerignore', lines: ['transferring context: 2B done'], secs: 0 });
    let contextSent = false;
    for (const s of stages.slice(0, targetIdx + 1)) {
      const fromRef = substitute(splitWords(s.from.rest)[0] ?? '', globals);
      const steps = 1 + s.instructions.filter((x) => STEP_CMDS.has(x.cmd)).length;
      const label = (k: number) => (multi ? `[${s.name ?? `stage-${s.index}`} ${k}/${steps}]` : `[${k}/${steps}]`);
      let step = 1;
      const parent = stages.find((p) => p.name === fromRef && p.index < s.index);
      const base = parent ? undefined : fromRef === 'scratch' ? undefined : bases.get(fromRef);
      s.tree = `/var/lib/docker/buildkit/executor/${world.now}-${n++}/rootfs`;
      if (parent) {
        s.layers = [...parent.layers];
        s.history = [...parent.history];
        s.config = structuredCloneConfig(parent.config);
        s.key = parent.key;
        writeTree(world, s.tree, parent.files ?? dict());
      } else if (base) {
        s.layers = [...base.layers];
        s.history = [...base.history];
        s.config = structuredCloneConfig(base.config);
        s.key = `from:${base.id}`;
        s.baseId = base.id;
        const cachedBase = docker(world).images[base.id] !== undefined;
        const pinned = `${fullName(parseRef(fromRef) as ImageRef)}@${manifestDigest(base)}`;
        out.push({ name: `${label(step)} FROM ${pinned}`, lines: [`resolve ${pinned} done`, ...(cachedBase ? [] : base.layers.map((d) => `extracting ${d} 0.1s done`))], secs: cachedBase ? 0 : 0.4 });
        writeTree(world, s.tree, flatten(world, base.layers));
      } else {
        s.key = 'scratch';
        out.push({ name: `${label(step)} FROM scratch`, lines: [], secs: 0 });
        vfs.mkdirp(world.state.fs, { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(ctx.proc.ns.mnt) }, s.tree, world.now);
      }
      if (parent) out.push({ name: `${label(step)} FROM ${fromRef}`, lines: [], secs: 0, cached: true });
      const vars = dict<string>();
      const stageArgs = dict<string>();
      const envVars = () => {
        const e = dict<string>();
        for (const kv of s.config.Env) e[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
        return Object.assign(dict<string>(), stageArgs, e);
      };
      for (const ins of s.instructions) {
        Object.assign(vars, envVars());
        const rest = ['RUN', 'CMD', 'ENTRYPOINT'].includes(ins.cmd) ? ins.rest : substitute(ins.rest, vars);
        const now = world.now;
        switch (ins.cmd) {
          case 'ARG':
            for (const [k, v] of argPairs(rest)) {
              stageArgs[k] = o.buildArgs[k] ?? v ?? globals[k] ?? '';
              s.history.push({ created: now, createdBy: `ARG ${k}${v !== undefined ? `=${v}` : ''}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            }
            break;
          case 'ENV':
            for (const [k, v] of parseKeyValues(rest)) {
              s.config.Env = [...s.config.Env.filter((e) => !e.startsWith(k + '=')), `${k}=${v}`];
              s.history.push({ created: now, createdBy: `ENV ${k}=${v}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            }
            break;
          case 'LABEL':
            for (const [k, v] of parseKeyValues(rest)) {
              s.config.Labels[k] = v;
              s.history.push({ created: now, createdBy: `LABEL ${k}=${v}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            }
            break;
          case 'EXPOSE': {
            for (const p of splitWords(rest)) s.config.ExposedPorts[p.includes('/') ? p : `${p}/tcp`] = {};
            s.history.push({ created: now, createdBy: `EXPOSE map[${splitWords(rest).map((p) => `${p.includes('/') ? p : `${p}/tcp`}:{}`).join(' ')}]`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            break;
          }
          case 'USER':
            s.config.User = rest;
            s.history.push({ created: now, createdBy: `USER ${rest}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            break;
          case 'CMD':
          case 'ENTRYPOINT': {
            const argv = ins.json ?? ['/bin/sh', '-c', ins.rest];
            if (ins.cmd === 'CMD') s.config.Cmd = argv;
            else {
              s.config.Entrypoint = argv;
              s.config.Cmd = undefined;
            }
            s.history.push({ created: now, createdBy: `${ins.cmd} ${goList(argv)}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            break;
          }
          case 'STOPSIGNAL':
            s.config.StopSignal = rest;
            s.history.push({ created: now, createdBy: `STOPSIGNAL ${rest}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            break;
          case 'MAINTAINER':
          case 'VOLUME':
          case 'SHELL':
          case 'HEALTHCHECK':
          case 'ONBUILD':
            s.history.push({ created: now, createdBy: `${ins.cmd} ${rest}`, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
            break;
          case 'WORKDIR':
          case 'RUN':
          case 'COPY':
          case 'ADD': {
            step++;
            let extra = '';
            let sources: Dict<LayerFile> | undefined;
            if (ins.cmd === 'COPY' || ins.cmd === 'ADD') {
              if (!ins.flags.from && !contextSent) {
                contextSent = true;
                out.push({ name: '[internal] load build context', lines: [`transferring context: ${contextBytes(world, ctx, o.contextDir)}B done`], secs: 0 });
              }
              sources = collectSources(world, ctx, o.contextDir, stages, ins, rest);
              extra = sha256Hex(JSON.stringify(Object.entries(sources).sort()));
            }
            const runArgs = Object.keys(stageArgs).filter((k) => k in o.buildArgs || stageArgs[k] !== '');
            const createdBy =
              ins.cmd === 'RUN'
                ? `RUN ${runArgs.length ? `|${runArgs.length} ${runArgs.map((k) => `${k}=${stageArgs[k]}`).join(' ')} ` : ''}${ins.json ? ins.json.join(' ') : `/bin/sh -c ${ins.rest}`} # buildkit`
                : ins.cmd === 'WORKDIR'
                  ? `WORKDIR ${rest}`
                  : `${ins.cmd} ${splitWords(rest).join(' ')} # buildkit`;
            const key = sha256Hex(`${s.key}\n${ins.cmd} ${rest}\n${extra}\n${JSON.stringify(runArgs.map((k) => [k, stageArgs[k]]))}\n${s.config.WorkingDir}|${s.config.User}`);
            const cached = o.noCache ? undefined : docker(world).buildCache[key];
            const v: Vertex = { name: `${label(step)} ${ins.original.replace(/\s+/g, ' ')}`, lines: [], secs: 0 };
            out.push(v);
            let layerDigest: string | undefined;
            if (cached) {
              v.cached = true;
              layerDigest = cached.layer;
              if (layerDigest) applyToTree(world, s.tree, layerDigest);
              if (ins.cmd === 'WORKDIR') s.config.WorkingDir = absWorkdir(s.config.WorkingDir, rest);
            } else {
              const before = readTree(world, s.tree);
              if (ins.cmd === 'WORKDIR') {
                s.config.WorkingDir = absWorkdir(s.config.WorkingDir, rest);
                vfs.mkdirp(world.state.fs, { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(ctx.proc.ns.mnt) }, s.tree + s.config.WorkingDir, world.now);
              } else if (ins.cmd === 'RUN') {
                const r = await runStep(ctx, s, ins, Object.assign(dict<string>(), envVars()), clock);
                v.lines.push(...r.lines);
                v.secs = r.secs;
                if (r.code !== 0) {
                  const msg = r.exec ?? `process "${ins.json ? ins.json.join(' ') : `/bin/sh -c ${ins.rest}`}" did not complete successfully: exit code: ${r.code}`;
                  v.error = msg;
                  throw new Failure(msg, ins);
                }
              } else {
                const dest = destPath(s.config.WorkingDir, splitWords(rest).slice(-1)[0] ?? '.');
                const chown = ins.flags.chown;
                const owned = dict<LayerFile>();
                const destIsDir = vfs.lookup(world.state.fs, { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(ctx.proc.ns.mnt) }, s.tree + dest)?.node.type === 'dir';
                for (const [p, f] of Object.entries(sources!)) owned[(p.startsWith('?') ? (destIsDir ? vfs.joinPath(dest, p.slice(1)) : vfs.joinPath(dest)) : vfs.joinPath(dest, p)).slice(1)] = chown ? { ...f, uid: /^\d+$/.test(chown.split(':')[0]!) ? Number(chown.split(':')[0]) : 1000, gid: /^\d+$/.test(chown.split(':')[1] ?? '') ? Number(chown.split(':')[1]) : 1000 } : f;
                writeTree(world, s.tree, owned);
              }
              const diff = diffTrees(before, readTree(world, s.tree));
              if (Object.keys(diff).length > 0) {
                const size = Object.values(diff).reduce((n2, f) => n2 + (f && !f.dir ? utf8Length(f.data) : 0), 0) + packagePayload(diff);
                layerDigest = addLayer(world, diff, size);
              }
              docker(world).buildCache[key] = { layer: layerDigest, at: world.now };
            }
            s.key = key;
            if (layerDigest) s.layers.push(layerDigest);
            s.history.push({ created: now, createdBy, emptyLayer: !layerDigest, layer: layerDigest, comment: 'buildkit.dockerfile.v0' });
            break;
          }
        }
      }
      s.files = readTree(world, s.tree);
      removeTree(world, vfs.dirname(s.tree));
    }
    const finalStage = stages[targetIdx]!;
    const img = storeImage(world, { layers: finalStage.layers, history: finalStage.history, config: finalStage.config, created: world.now, parent: finalStage.baseId });
    const exportLines = ['exporting layers 0.0s done', `writing image ${img.id} done`, ...o.tags.map((t) => `naming to ${fullName(t)} done`)];
    out.push({ name: 'exporting to image', lines: exportLines, secs: 0.1 });
    for (const t of o.tags) tagImage(world, img, t);
    if (o.quiet) ctx.stdout.write(img.id + '\n');
    else flush(ctx, o, out, clock.t);
    return 0;
  } catch (e) {
    for (const s of stages) if (s.tree) removeTree(world, vfs.dirname(s.tree));
    if (!(e instanceof Failure)) throw e;
    if (!o.quiet) flush(ctx, o, out, clock.t, true);
    const failed = out.find((x) => x.error);
    if (failed && e.instr) err(`------\n > ${failed.name}:\n${failed.lines.map((l) => l.replace(/^\d+\.\d+ /, (m) => m)).join('\n')}${failed.lines.length ? '\n' : ''}------\n`);
    if (e.instr) err(`${dfName}:${e.instr.line}\n--------------------\n${snippet(text, e.instr.line, e.instr.endLine)}--------------------\n`);
    err(`ERROR: failed to build: failed to solve: ${e.message}\n`);
    return 1;
  }
}

function structuredCloneConfig(c: ImageConfig): ImageConfig {
  return JSON.parse(JSON.stringify(c)) as ImageConfig;
}

function argPairs(rest: string): [string, string | undefined][] {
  return splitWords(rest).map((w) => (w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined]));
}

function absWorkdir(cur: string, p: string): string {
  return p.startsWith('/') ? vfs.joinPath(p) : vfs.joinPath(cur || '/', p);
}

function destPath(workdir: string, dest: string): string {
  const d = dest.startsWith('/') ? dest : vfs.joinPath(workdir || '/', dest);
  return d;
}

/** The lines BuildKit shows around the failing instruction, with `>>>` on it. */
function snippet(text: string, from: number, to: number): string {
  const lines = text.split('\n');
  const start = Math.max(1, from - 2);
  const end = Math.min(lines.length, to + 2);
  let out = '';
  for (let n = start; n <= end; n++) {
    if (n === lines.length && lines[n - 1] === '') break;
    out += `${String(n).padStart(4)} | ${n >= from && n <= to ? '>>>' : '   '} ${lines[n - 1] ?? ''}\n`;
  }
  return out;
}

function contextBytes(world: World, ctx: CommandContext, dir: string): number {
  let total = 0;
  let count = 0;
  const walk = (d: string) => {
    let names: string[];
    try {
      names = sys.readdir(world, ctx.proc, d);
    } catch {
      return;
    }
    for (const name of names) {
      if (++count > LIMITS.layerFiles) return;
      const p = `${d}/${name}`;
      const st = sys.stat(world, ctx.proc, p, false);
      if (st.node.type === 'dir') walk(p);
      else total += utf8Length(st.node.data ?? '');
    }
  };
  walk(dir);
  return total;
}

/** Files COPY/ADD bring in: from the context, or from an earlier stage with --from. */
function collectSources(world: World, ctx: CommandContext, contextDir: string, stages: Stage[], ins: Instruction, rest: string): Dict<LayerFile> {
  const words = ins.json ?? splitWords(rest);
  const srcs = words.slice(0, -1);
  const dest = words[words.length - 1] ?? '.';
  const out = dict<LayerFile>();
  const multi = srcs.length > 1 || dest.endsWith('/');
  if (ins.flags.from) {
    const st = stages.find((s) => s.name === ins.flags.from || String(s.index) === ins.flags.from);
    if (!st?.files) throw new Failure(`failed to resolve source metadata for docker.io/library/${ins.flags.from}:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, ins);
    for (const src of srcs) {
      const key = src.replace(/^\/+/, '').replace(/\/+$/, '');
      const f = st.files[key];
      if (!f) throw new Failure(`failed to compute cache key: failed to calculate checksum of ref: "/${key}": not found`, ins);
      if (f.dir) {
        for (const [p, g] of Object.entries(st.files)) if (p.startsWith(key + '/')) out[p.slice(key.length + 1)] = g;
      } else out[multi || dest.endsWith('/') ? vfs.basename(key) : `?${vfs.basename(key)}`] = f;
    }
    return fixSingle(out);
  }
  for (const src of srcs) {
    if (/^https?:\/\//.test(src)) throw new Failure(`ADD from a URL (${src}) is not available in this lab environment: the simulated builder has no network`, ins);
    const matches = globContext(world, ctx, contextDir, src);
    if (matches.length === 0) throw new Failure(`failed to compute cache key: failed to calculate checksum of ref: "/${src.replace(/^\.?\/+/, '')}": not found`, ins);
    for (const m of matches) {
      const full = `${contextDir}/${m}`;
      const st = sys.stat(world, ctx.proc, full);
      if (st.node.type === 'dir') {
        for (const [p, f] of Object.entries(readHostTree(world, ctx, full))) out[p] = f;
      } else out[multi || matches.length > 1 ? vfs.basename(m) : `?${vfs.basename(m)}`] = { data: sys.readFile(world, ctx.proc, full), mode: st.node.mode & 0o777 };
    }
  }
  return fixSingle(out);
}

/** A single file copied to a path without a trailing slash is keyed `?name`: it becomes the destination, or goes inside it when that is a directory. */
function fixSingle(files: Dict<LayerFile>): Dict<LayerFile> {
  return files;
}

function globContext(world: World, ctx: CommandContext, dir: string, pattern: string): string[] {
  const clean = pattern.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (clean === '.' || clean === '') return ['.'];
  if (!/[*?]/.test(clean)) return sys.exists(world, ctx.proc, `${dir}/${clean}`) ? [clean] : [];
  const parent = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : '';
  const re = new RegExp(`^${clean.slice(parent ? parent.length + 1 : 0).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  try {
    return sys.readdir(world, ctx.proc, parent ? `${dir}/${parent}` : dir).filter((n) => re.test(n)).map((n) => (parent ? `${parent}/${n}` : n));
  } catch {
    return [];
  }
}

function readHostTree(world: World, ctx: CommandContext, dir: string): Dict<LayerFile> {
  const out = dict<LayerFile>();
  let count = 0;
  const walk = (d: string, rel: string) => {
    for (const name of sys.readdir(world, ctx.proc, d)) {
      if (++count > LIMITS.layerFiles) return;
      if (rel === '' && (name === 'Dockerfile' || name === '.dockerignore')) {
        // BuildKit sends them too; they are ordinary files in the context.
      }
      const p = `${d}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      const st = sys.stat(world, ctx.proc, p, false);
      if (st.node.type === 'dir') {
        out[r] = { data: '', mode: st.node.mode & 0o7777, dir: true };
        walk(p, r);
      } else if (st.node.type === 'file') out[r] = { data: st.node.data ?? '', mode: st.node.mode & 0o777 };
    }
  };
  walk(dir, '');
  return out;
}

function applyToTree(world: World, tree: string, digest: string): void {
  const l = layer(world, digest);
  if (!l) return;
  const files = dict<LayerFile>();
  for (const [p, f] of Object.entries(l.files)) {
    if (f === null) removeTree(world, vfs.joinPath(tree, p));
    else files[p] = f;
  }
  writeTree(world, tree, files);
}

/** Runs a RUN instruction as a process rooted in the stage's filesystem. */
async function runStep(ctx: CommandContext, s: Stage, ins: Instruction, env: Dict<string>, clock: { t: number }): Promise<{ code: number; lines: string[]; secs: number; exec?: string }> {
  const argv = ins.json ?? ['/bin/sh', '-c', ins.rest];
  const world = ctx.world;
  let buf = '';
  const sink = { write: (t: string) => (buf += t) };
  const user = s.config.User;
  const uid = user === '' || user === 'root' || user === '0' ? 0 : /^\d+/.test(user) ? Number(/^\d+/.exec(user)![0]) : 1000;
  const cwd = s.tree + (s.config.WorkingDir && s.config.WorkingDir !== '/' ? s.config.WorkingDir : '');
  if (!env.PATH) env.PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const viewer = { ...ctx.proc, root: s.tree, cwd, uid, gid: uid };
  if (typeof ctx.shell.findExecutable(argv[0]!, viewer) === 'string') {
    return { code: 1, lines: [], secs: 0, exec: `process "${argv.join(' ')}" did not complete successfully: runc run failed: unable to start container process: error during container init: exec: "${argv[0]}": stat ${argv[0]}: no such file or directory: unknown` };
  }
  let code: number;
  try {
    code = await ctx.shell.execProgram(argv, { stdin: '', stdout: sink, stderr: sink, tty: false, stdoutTty: false }, { proc: { root: s.tree, cwd, uid, gid: uid, groups: [uid], env } }, ctx.proc);
  } catch (e) {
    if (!isSysError(e)) throw e;
    buf += `${strerror(e)}\n`;
    code = 1;
  }
  const raw = buf.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const start = clock.t;
  const lines = raw.map((l, k) => `${(start + 0.15 + k * 0.011).toFixed(3)} ${l}`);
  const secs = 0.3 + raw.length * 0.05;
  clock.t += secs;
  void world;
  return { code, lines, secs: Math.round(secs * 10) / 10 };
}

/** Prints the progress the way BuildKit does: `--progress=plain`, or the TTY summary. */
function flush(ctx: CommandContext, o: BuildOptions, vertices: Vertex[], runSecs: number, failed = false): void {
  const w = (s: string) => ctx.stderr.write(s);
  if (o.progress === 'plain') {
    w('#0 building with "default" instance using docker driver\n\n');
    vertices.forEach((v, k) => {
      const id = `#${k + 1}`;
      w(`${id} ${v.name}\n`);
      for (const l of v.lines) w(`${id} ${l}\n`);
      if (v.error) w(`${id} ERROR: ${v.error}\n`);
      else w(v.cached ? `${id} CACHED\n` : `${id} DONE ${v.secs.toFixed(1)}s\n`);
      w('\n');
    });
    return;
  }
  const width = Math.max(60, ctx.world.terminalColumns);
  const total = (vertices.reduce((n, v) => n + v.secs, 0) + runSecs * 0 + 0.1).toFixed(1);
  const done = failed ? vertices.filter((v) => !v.error).length : vertices.length;
  const head = `[+] Building ${total}s (${done}/${vertices.length}) ${failed ? 'FINISHED' : 'FINISHED'}`;
  w(`${head}${' '.repeat(Math.max(1, width - head.length - 'docker:default'.length))}docker:default\n`);
  const row = (text: string, secs: string) => {
    const room = width - secs.length - 1;
    const t = text.length > room ? text.slice(0, room - 1) : text;
    w(`${t}${' '.repeat(Math.max(1, width - t.length - secs.length))}${secs}\n`);
  };
  for (const v of vertices) {
    row(` => ${v.error ? 'ERROR ' : v.cached ? 'CACHED ' : ''}${v.name}`, `${v.secs.toFixed(1)}s`);
    if (!v.cached && !v.error) for (const l of v.lines) if (!/^\d+\.\d+ /.test(l)) row(` => => ${l.replace(/ (\d+\.\d+s )?done$/, '')}`, '0.0s');
  }
  if (!failed) w(` => => ${vertices.length ? '' : ''}`.slice(0, 0));
}

/** Size text for `docker history`. */
export function layerSizeText(world: World, digest: string | undefined): string {
  return digest ? humanSize(layer(world, digest)?.size ?? 0) : '0B';
}

export { familiarName };
