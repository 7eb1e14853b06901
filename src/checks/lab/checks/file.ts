/** `file` checks: existence, type, mode and content of a file in the world. */
import { LEARNER } from '../../../engine/kernel/host.ts';
import * as vfs from '../../../engine/kernel/vfs.ts';
import * as sys from '../../../engine/kernel/syscalls.ts';
import type { World } from '../../../engine/world.ts';
import { labPath } from '../lab-world.ts';
import type { CheckFailure, FileCheck } from '../types.ts';
import { matchText } from './text.ts';

export function checkFile(world: World, c: FileCheck): CheckFailure | undefined {
  const path = labPath(c.path);
  const shown = c.path;
  const rootProc = world.state.procs.procs[1]!;
  const found = vfs.lookup(world.state.fs, { uid: 0, gid: 0, root: '/', cwd: LEARNER.home, mntns: String(rootProc.ns.mnt) }, path, c.type !== 'symlink');
  if (!c.exists) {
    return found ? { code: 'LAB002', message: `${shown} should not exist` } : undefined;
  }
  if (!found) return { code: 'LAB001', message: `${shown} does not exist yet`, file: shown };
  const type = { file: 'file', dir: 'dir', symlink: 'symlink', chardev: 'file' }[found.node.type];
  if (c.type && c.type !== type) {
    const names = { file: 'a regular file', dir: 'a directory', symlink: 'a symbolic link' };
    return { code: 'LAB003', message: `${shown} is ${names[type as keyof typeof names]}, not ${names[c.type]}`, file: shown };
  }
  if (c.mode && (found.node.mode & 0o7777) !== parseInt(c.mode, 8)) {
    return { code: 'LAB003', message: `${shown} has mode ${(found.node.mode & 0o7777).toString(8).padStart(4, '0')}, the task asks for ${c.mode.padStart(4, '0')}`, file: shown };
  }
  if (c.content) {
    const text = found.node.type === 'dir' ? '' : sys.readFile(world, rootProc, path);
    const problem = matchText(text, c.content);
    if (problem) return { code: 'LAB004', message: `${shown}: ${problem}`, file: shown };
  }
  return undefined;
}
