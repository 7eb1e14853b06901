/**
 * Worker methods behind the editor pane: list, read and write the learner's files, and
 * validate a buffer as they type. Every access goes through the kernel's syscalls as the
 * learner's shell process, so the editor sees exactly what `cat` sees and can do no more
 * than the learner could (permissions, read-only mounts, size limits all apply).
 */
import { isSysError } from '../../engine/kernel/errors.ts';
import * as sys from '../../engine/kernel/syscalls.ts';
import type { Process } from '../../engine/kernel/process.ts';
import type { World } from '../../engine/world.ts';
import { emit, registerMethods, state } from './state.ts';

/** What the file tree shows; bounded so a learner's `mkdir -p a/b/c/...` loop cannot stall it. */
const TREE_MAX_ENTRIES = 500;
const TREE_MAX_DEPTH = 8;
/** The editor opens text files up to this size; larger ones are left to the terminal. */
const EDITOR_MAX_BYTES = 512 * 1024;

export interface TreeEntry {
  /** Absolute path in the learner's view of the filesystem. */
  path: string;
  type: 'file' | 'dir';
  depth: number;
  size?: number;
}

export interface TreeResult {
  root: string;
  entries: TreeEntry[];
  /** True when the bound was hit and some entries are missing. */
  truncated: boolean;
}

export interface FileDiagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  line?: number;
  column?: number;
  /** The docs page for the code, so the page needs no copy of the code table. */
  href: string;
}

function learner(): { world: World; proc: Process } {
  const world = state.world;
  const proc = state.session?.shell.proc;
  if (!world || !proc) throw new Error('the lab is still starting');
  return { world, proc };
}

function homeOf(proc: Process): string {
  return proc.env.HOME || '/home/learner';
}

/** Turns a syscall failure into the sentence a learner would recognise from the shell. */
function explain(e: unknown, path: string): Error {
  if (isSysError(e)) return new Error(`${path}: ${e.message}`);
  return e instanceof Error ? e : new Error(String(e));
}

function isBinary(data: string): boolean {
  return data.startsWith('\x7fELF') || data.includes('\0');
}

export function listTree(world: World, proc: Process, root: string): TreeResult {
  const entries: TreeEntry[] = [];
  let truncated = false;
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = sys.readdir(world, proc, dir).filter((n) => n !== '.' && n !== '..' && !n.startsWith('.'));
    } catch {
      return; // unreadable directories are simply not expanded, as `ls -R` would skip them
    }
    names.sort((a, b) => a.localeCompare(b));
    for (const name of names) {
      if (entries.length >= TREE_MAX_ENTRIES) {
        truncated = true;
        return;
      }
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const r = sys.lookup(world, proc, path);
      if (!r) continue;
      if (r.node.type === 'dir') {
        entries.push({ path, type: 'dir', depth });
        if (depth + 1 < TREE_MAX_DEPTH) walk(path, depth + 1);
        else truncated = true;
      } else if (r.node.type === 'file') {
        entries.push({ path, type: 'file', depth, size: (r.node.data ?? '').length });
      }
    }
  };
  walk(root, 0);
  return { root, entries, truncated };
}

export function readText(world: World, proc: Process, path: string): { path: string; content: string; mtime: number } {
  try {
    const r = sys.stat(world, proc, path);
    if (r.node.type === 'dir') throw new Error(`${path}: Is a directory`);
    const content = sys.readFile(world, proc, path);
    if (content.length > EDITOR_MAX_BYTES) throw new Error(`${path} is larger than ${EDITOR_MAX_BYTES / 1024} KiB; open it with less in the terminal`);
    if (isBinary(content)) throw new Error(`${path} is a binary file`);
    return { path, content, mtime: r.node.mtime };
  } catch (e) {
    throw explain(e, path);
  }
}

export function writeText(world: World, proc: Process, path: string, content: string): { path: string; mtime: number } {
  try {
    sys.writeFile(world, proc, path, content);
    return { path, mtime: sys.stat(world, proc, path).node.mtime };
  } catch (e) {
    throw explain(e, path);
  }
}

/** Resolves a path the page sent: relative paths are in the learner's home. */
function absolute(proc: Process, path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new Error('a file path is required');
  return path.startsWith('/') ? path : `${homeOf(proc)}/${path}`;
}

let validator: Promise<typeof import('../../checks/validate/index.ts')> | undefined;

/** Runs the manifest validator on an unsaved buffer; the validator loads on first use. */
export async function validateBuffer(path: string, content: string): Promise<FileDiagnostic[]> {
  validator ??= import('../../checks/validate/index.ts');
  const v = await validator;
  const name = path.split('/').pop() ?? path;
  // Only files the validator understands get diagnostics; a shell script is not a manifest.
  if (!/\.(ya?ml|json)$/i.test(name) && !v.isDockerfileName(name)) return [];
  const diagnostics = await v.validateFiles([{ path: name, content }], { severity: state.lab?.severity });
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    hint: d.hint,
    line: d.line,
    column: d.column,
    href: v.codeDocHref(d.code),
  }));
}

registerMethods({
  'files.tree': () => {
    const { world, proc } = learner();
    return listTree(world, proc, homeOf(proc));
  },
  'files.read': (params: { path: string }) => {
    const { world, proc } = learner();
    return readText(world, proc, absolute(proc, params.path));
  },
  'files.write': (params: { path: string; content: string }) => {
    const { world, proc } = learner();
    if (typeof params.content !== 'string') throw new Error('file content must be text');
    const r = writeText(world, proc, absolute(proc, params.path), params.content);
    // Persistence and other panes listen for this; a save is a change like a command's.
    emit('files.changed', { paths: [r.path] });
    return r;
  },
  /** A new file from the editor's tree: its folders are made as `mkdir -p` would; an existing file is kept. */
  'files.create': (params: { path: string }) => {
    const { world, proc } = learner();
    const path = absolute(proc, params.path);
    try {
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      sys.mkdirp(world, proc, dir);
      if (!sys.exists(world, proc, path)) sys.writeFile(world, proc, path, '');
    } catch (e) {
      throw explain(e, path);
    }
    emit('files.changed', { paths: [path] });
    return { path };
  },
  'files.validate': (params: { path: string; content: string }) => validateBuffer(String(params.path ?? ''), String(params.content ?? '')),
});
