/**
 * Tab completion for the terminal: command names (builtins, functions, programs on PATH)
 * for the first word, and file paths after that, as bash's default completion does.
 */
import * as sys from '../kernel/syscalls.ts';
import { BUILTINS } from './builtins.ts';
import { allPrograms } from './registry.ts';
import type { Session } from './session.ts';

export interface Completion {
  /** The word being completed. */
  word: string;
  /** Full candidates for that word (directories end with `/`). */
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function complete(session: Session, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  const word = /[^\s;|&<>()]*$/.exec(before)![0];
  const head = before.slice(0, before.length - word.length);
  const isCommand = /(^|[;|&(]\s*|&&\s*|\|\|\s*|sudo\s+)$/.test(head.trimEnd() === '' ? '' : head) && !word.includes('/');
  const shell = session.shell;
  if (isCommand) {
    const names = new Set<string>([...BUILTINS.keys(), ...Object.keys(shell.state.functions)]);
    for (const p of allPrograms()) if (typeof shell.findExecutable(p.name, shell.proc) === 'object') names.add(p.name);
    return { word, candidates: [...names].filter((n) => n.startsWith(word)).sort() };
  }
  const slash = word.lastIndexOf('/');
  const dir = slash === -1 ? '' : word.slice(0, slash + 1);
  const base = slash === -1 ? word : word.slice(slash + 1);
  const expandedDir = dir.startsWith('~') ? (shell.getVar('HOME') ?? '') + dir.slice(1) : dir;
  let names: string[];
  try {
    names = sys.readdir(session.world, shell.proc, expandedDir || '.');
  } catch {
    return { word, candidates: [] };
  }
  const candidates = names
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => {
      let isDir = false;
      try {
        isDir = sys.stat(session.world, shell.proc, expandedDir + n).node.type === 'dir';
      } catch {
        /* a dangling symlink completes as a file */
      }
      return dir + n + (isDir ? '/' : '');
    })
    .sort();
  return { word, candidates };
}

/** What to insert for a completion: the unambiguous rest, plus a space after a unique non-directory. */
export function completionInsert(c: Completion): string {
  if (c.candidates.length === 0) return '';
  const prefix = commonPrefix(c.candidates);
  const rest = prefix.slice(c.word.length);
  if (c.candidates.length === 1 && !prefix.endsWith('/')) return rest + ' ';
  return rest;
}
