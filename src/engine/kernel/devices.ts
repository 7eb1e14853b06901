/**
 * The character devices in /dev: their Linux device numbers (`ls -l` shows `1, 3`) and what
 * reading and writing them does. /dev/zero and /dev/urandom never end, so a read without a
 * size gets LIMITS.endlessBytes and the process is marked, for the shell to say it was stopped.
 * Random bytes come from the world's seeded source, so transcripts stay deterministic.
 */
import { LIMITS } from '../limits.ts';
import { nextInt } from '../random.ts';
import { utf8Decode } from '../util/text.ts';
import type { World } from '../world.ts';
import { SysError } from './errors.ts';
import type { Process } from './process.ts';
import { allocInode, type FsState, type Inode } from './vfs.ts';

interface Device {
  name: string;
  major: number;
  minor: number;
  /** What a read returns: end of file, NUL bytes, or random bytes. */
  reads: 'eof' | 'zeros' | 'random';
  /** Writes fail with ENOSPC (/dev/full); other devices accept and discard them. */
  full?: true;
}

/** The devices every Linux host has, as drivers/char/mem.c and tty_io.c number them. */
export const DEVICES: readonly Device[] = [
  { name: 'null', major: 1, minor: 3, reads: 'eof' },
  { name: 'zero', major: 1, minor: 5, reads: 'zeros' },
  { name: 'full', major: 1, minor: 7, reads: 'zeros', full: true },
  { name: 'random', major: 1, minor: 8, reads: 'random' },
  { name: 'urandom', major: 1, minor: 9, reads: 'random' },
  // Reading the terminal would wait for keys; the simulation gives end of file instead.
  { name: 'tty', major: 5, minor: 0, reads: 'eof' },
];

/** Creates the device nodes in the directory `dev` (a host's or a container's /dev). */
export function installDevices(fs: FsState, dev: Inode, now: number): void {
  for (const d of DEVICES) {
    const node = allocInode(fs, 'chardev', 0o666, 0, 0, now);
    node.rdev = [d.major, d.minor];
    dev.entries![d.name] = node.ino;
  }
}

/** Processes that were stopped at the end of a never-ending source, and what they were doing. */
const endlessReads = new WeakMap<Process, string>();

/** Marks `proc` as stopped in the middle of something endless (`yes`, `cat /dev/zero`): `what` says what. */
export function noteEndless(proc: Process, what: string): void {
  endlessReads.set(proc, what);
}

/** Marks `proc` as stopped after reading LIMITS.endlessBytes of the device at `path`. */
export function noteEndlessRead(proc: Process, path: string): void {
  noteEndless(proc, `reading ${LIMITS.endlessBytes >> 20} MiB of ${path}, which never ends`);
}

/** What `proc` was stopped in the middle of, if anything; clears the mark. */
export function takeEndless(proc: Process): string | undefined {
  const what = endlessReads.get(proc);
  endlessReads.delete(proc);
  return what;
}

function deviceOf(node: Inode): Device | undefined {
  const [major, minor] = node.rdev ?? [];
  return DEVICES.find((d) => d.major === major && d.minor === minor);
}

/** Reads never end on this device (zero, full, random, urandom). */
export function isEndless(node: Inode): boolean {
  const reads = deviceOf(node)?.reads;
  return reads === 'zeros' || reads === 'random';
}

/**
 * read(2) from a device: up to `bytes` bytes, or when `bytes` is undefined, everything a
 * program reading to the end would get (bounded by LIMITS.endlessBytes, and noted).
 */
export function readDevice(world: World, proc: Process, node: Inode, path: string, bytes?: number): string {
  const dev = deviceOf(node);
  if (!dev || dev.reads === 'eof') return '';
  const wanted = bytes ?? Infinity;
  const n = Math.min(wanted, LIMITS.endlessBytes);
  if (wanted > n) noteEndlessRead(proc, path);
  if (dev.reads === 'zeros') return '\0'.repeat(n);
  const random = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const word = nextInt(world.state.random, 2 ** 32);
    for (let k = 0; k < 4 && i + k < n; k++) random[i + k] = (word >>> (8 * k)) & 255;
  }
  return utf8Decode(random);
}

/** write(2) to a device: /dev/full refuses anything written; the others discard it. */
export function writeDevice(node: Inode, data: string, path: string): void {
  if (data !== '' && deviceOf(node)?.full) throw new SysError('ENOSPC', path);
}
