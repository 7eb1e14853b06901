/**
 * Worker methods for the WebContainer backend: files move between the WebContainer and the
 * simulated world (both ways, around a `docker build`), and one engine command runs with its
 * output returned instead of printed, since the terminal then belongs to the WebContainer.
 */
import * as sys from '../../engine/kernel/syscalls.ts';
import { listTree, readText, writeText } from './files.ts';
import { emit, registerMethods, state } from './state.ts';

/** Bounds on one sync, so a `node_modules` folder does not flood the world. */
const SYNC_MAX_FILES = 300;
const SYNC_MAX_BYTES = 4 * 1024 * 1024;

export interface SyncFile {
  /** Relative to the learner's home (and to the WebContainer's workdir). */
  path: string;
  content: string;
}

function learner() {
  const world = state.world;
  const proc = state.session?.shell.proc;
  if (!world || !proc) throw new Error('the lab is still starting');
  return { world, proc, home: proc.env.HOME || '/home/learner' };
}

function safeRelative(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new Error(`refusing to sync ${JSON.stringify(path)}`);
  return parts.join('/');
}

registerMethods({
  'files.import': (params: { files: SyncFile[] }) => {
    const { world, proc, home } = learner();
    const files = Array.isArray(params.files) ? params.files.slice(0, SYNC_MAX_FILES) : [];
    let bytes = 0;
    const written: string[] = [];
    for (const f of files) {
      if (typeof f?.path !== 'string' || typeof f.content !== 'string') continue;
      bytes += f.content.length;
      if (bytes > SYNC_MAX_BYTES) break;
      const path = `${home}/${safeRelative(f.path)}`;
      sys.mkdirp(world, proc, path.slice(0, path.lastIndexOf('/')));
      writeText(world, proc, path, f.content);
      written.push(path);
    }
    emit('files.changed', { paths: written });
    return { written: written.length };
  },
  'files.export': () => {
    const { world, proc, home } = learner();
    const out: SyncFile[] = [];
    let bytes = 0;
    for (const e of listTree(world, proc, home).entries) {
      if (e.type !== 'file' || out.length >= SYNC_MAX_FILES) continue;
      try {
        const { content } = readText(world, proc, e.path);
        bytes += content.length;
        if (bytes > SYNC_MAX_BYTES) break;
        out.push({ path: e.path.slice(home.length + 1), content });
      } catch {
        // binaries and unreadable files stay in the world
      }
    }
    return out;
  },
  'shell.run': async (params: { command: string }) => {
    const session = state.session;
    if (!session) throw new Error('the lab is still starting');
    if (state.busy) throw new Error('another command is running');
    let stdout = '';
    let stderr = '';
    state.busy = true;
    try {
      const r = await session.execute(String(params.command), { stdout: { write: (d) => (stdout += d) }, stderr: { write: (d) => (stderr += d) } });
      return { stdout, stderr, exitCode: r.exitCode };
    } finally {
      state.busy = false;
    }
  },
});
