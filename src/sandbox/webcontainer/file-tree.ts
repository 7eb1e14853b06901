/** Converting between flat file lists (what the worker sends) and WebContainer trees. */
import type { ContainerFs, FileTree } from './types.ts';

export interface FlatFile {
  path: string;
  content: string;
}

export function toFileTree(files: FlatFile[]): FileTree {
  const root: FileTree = Object.create(null) as FileTree;
  for (const f of files) {
    const parts = f.path.split('/').filter((p) => p && p !== '.');
    if (parts.length === 0 || parts.includes('..')) continue;
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir[part];
      if (next && 'directory' in next) dir = next.directory;
      else {
        const made: FileTree = Object.create(null) as FileTree;
        dir[part] = { directory: made };
        dir = made;
      }
    }
    dir[parts[parts.length - 1]!] = { file: { contents: f.content } };
  }
  return root;
}

/** Folders a build context never needs, and that would be huge to copy. */
const SKIP = new Set(['node_modules', '.git', '.hatchway', '.cache']);

/** Reads a WebContainer folder into a flat list, bounded in count and bytes. */
export async function readFiles(fs: ContainerFs, dir: string, limits = { files: 300, bytes: 4 * 1024 * 1024 }): Promise<FlatFile[]> {
  const out: FlatFile[] = [];
  let bytes = 0;
  const walk = async (rel: string, depth: number): Promise<void> => {
    if (depth > 8) return;
    const entries = await fs.readdir(rel ? `${dir}/${rel}` : dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (out.length >= limits.files || bytes >= limits.bytes || SKIP.has(e.name)) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path, depth + 1);
      else if (e.isFile()) {
        const content = await fs.readFile(`${dir}/${path}`, 'utf-8');
        bytes += content.length;
        if (bytes <= limits.bytes) out.push({ path, content });
      }
    }
  };
  await walk('', 0);
  return out;
}
