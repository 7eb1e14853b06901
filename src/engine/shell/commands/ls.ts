/** ls(1): GNU coreutils layout: columns on a terminal, one per line in a pipe, and -l long format. */
import { clockDate } from '../../clock.ts';
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { idInNs } from '../../kernel/namespaces.ts';
import { groupName, userName } from '../../kernel/users.ts';
import type { Inode } from '../../kernel/vfs.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, usageError } from './util.ts';
import { utf8Length } from '../../util/text.ts';

const HELP = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
  -d, --directory            list directories themselves, not their contents
  -F, --classify             append indicator (one of */=>@|) to entries
  -h, --human-readable       with -l, print sizes like 1K 234M 2G etc.
  -i, --inode                print the index number of each file
  -l                         use a long listing format
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -S                         sort by file size, largest first
  -t                         sort by time, newest first
  -1                         list one file per line
      --help        display this help and exit
`;

export function modeString(node: Inode): string {
  const t = { dir: 'd', symlink: 'l', chardev: 'c', file: '-' }[node.type];
  const m = node.mode;
  const rwx = (shift: number, special: boolean, ch: string) =>
    (m >> shift & 4 ? 'r' : '-') + (m >> shift & 2 ? 'w' : '-') + (special ? (m >> shift & 1 ? ch : ch.toUpperCase()) : m >> shift & 1 ? 'x' : '-');
  return t + rwx(6, (m & 0o4000) !== 0, 's') + rwx(3, (m & 0o2000) !== 0, 's') + rwx(0, (m & 0o1000) !== 0, 't');
}

export function fileSize(node: Inode): number {
  // Files and links in /proc and /sys/fs/cgroup report size 0, as procfs and kernfs do.
  if (node.synthetic) return 0;
  if (node.type === 'dir') return 4096;
  if (node.type === 'symlink') return node.target?.length ?? 0;
  if (node.type === 'chardev') return 0;
  return utf8Length(node.data ?? '');
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lsDate(ctx: CommandContext, at: number): string {
  const d = clockDate(ctx.world.state.clock, at);
  const now = clockDate(ctx.world.state.clock);
  const recent = Math.abs(now.getTime() - d.getTime()) < 182 * 86_400_000;
  const day = String(d.getUTCDate()).padStart(2);
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

interface Entry {
  name: string;
  path: string;
  node: Inode;
  ino: number;
}

function classify(node: Inode): string {
  if (node.type === 'dir') return '/';
  if (node.type === 'symlink') return '@';
  if (node.type === 'file' && node.mode & 0o111) return '*';
  return '';
}

/** GNU ls's vertical column layout for a terminal `width` wide. */
export function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  const lens = names.map((n) => n.length);
  for (let cols = Math.min(names.length, Math.floor(width / 3)); cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const slice = lens.slice(c * rows, (c + 1) * rows);
      if (slice.length) widths.push(Math.max(...slice) + 2);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total <= width) {
      let out = '';
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = 0; c < widths.length; c++) {
          const i = c * rows + r;
          if (i >= names.length) continue;
          const isLast = c === widths.length - 1 || (c + 1) * rows + r >= names.length;
          line += isLast ? names[i] : names[i]!.padEnd(widths[c]!);
        }
        out += line + '\n';
      }
      return out;
    }
  }
  return names.join('\n') + '\n';
}

export const ls: Program = {
  name: 'ls',
  summary: 'list directory contents',
  run(ctx) {
    if (ctx.args.includes('--help')) {
      ctx.stdout.write(HELP);
      return 0;
    }
    const p = parseArgs('ls', ctx.args, {
      short: 'aAdFhilrRSt1',
      long: { all: 'a', 'almost-all': 'A', directory: 'd', classify: 'F', 'human-readable': 'h', inode: 'i', reverse: 'r', recursive: 'R' },
    });
    if ('error' in p) return usageError(ctx, p.error, 2);
    const f = p.flags;
    const long = f.has('l');
    const fs = ctx.world.state.fs;
    const mntns = String(ctx.proc.ns.mnt);
    let status = 0;

    const sortEntries = (list: Entry[]) => {
      list.sort((a, b) => {
        if (f.has('t')) return b.node.mtime - a.node.mtime || cmpName(a.name, b.name);
        if (f.has('S')) return fileSize(b.node) - fileSize(a.node) || cmpName(a.name, b.name);
        return cmpName(a.name, b.name);
      });
      if (f.has('r')) list.reverse();
      return list;
    };

    const render = (list: Entry[], showTotal: boolean): string => {
      const display = (e: Entry) => (f.has('i') ? `${e.ino} ` : '') + e.name + (f.has('F') ? classify(e.node) : '');
      if (!long) {
        const names = list.map(display);
        return ctx.stdoutTty && !f.has('1') ? columns(names, ctx.world.terminalColumns) : names.map((n) => n + '\n').join('');
      }
      const rows = list.map((e) => ({
        e,
        mode: modeString(e.node),
        nlink: String(e.node.nlink),
        // Owners show as the caller's user namespace maps them (unmapped ids are nobody/nogroup).
        user: userName(fs, idInNs(ctx.world, ctx.proc.ns.user, e.node.uid), mntns),
        group: groupName(fs, idInNs(ctx.world, ctx.proc.ns.user, e.node.gid, 'gid'), mntns),
        size: f.has('h') ? human(fileSize(e.node)) : String(fileSize(e.node)),
        rdev: e.node.rdev?.map(String),
        date: lsDate(ctx, e.node.mtime),
      }));
      const w = (k: 'nlink' | 'user' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[k].length));
      // A device shows `major, minor` where the size goes, each part aligned on its own, as GNU ls does.
      const wMajor = Math.max(0, ...rows.map((r) => r.rdev?.[0]!.length ?? 0));
      const wMinor = Math.max(0, ...rows.map((r) => r.rdev?.[1]!.length ?? 0));
      const [wl, wu, wg] = [w('nlink'), w('user'), w('group')];
      const ws = Math.max(w('size'), wMajor || wMinor ? wMajor + 2 + wMinor : 0);
      for (const r of rows) if (r.rdev) r.size = `${r.rdev[0]!.padStart(ws - 2 - wMinor)}, ${r.rdev[1]!.padStart(wMinor)}`;
      let out = '';
      if (showTotal) {
        const blocks = list.reduce((sum, e) => sum + (e.node.type === 'symlink' ? 0 : Math.ceil(fileSize(e.node) / 4096) * 4), 0);
        out += `total ${f.has('h') ? human(blocks * 1024) : blocks}\n`;
      }
      for (const r of rows) {
        const link = r.e.node.type === 'symlink' ? ` -> ${r.e.node.target}` : '';
        out += `${f.has('i') ? `${r.e.ino} ` : ''}${r.mode} ${r.nlink.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.e.name}${f.has('F') ? classify(r.e.node) : ''}${link}\n`;
      }
      return out;
    };

    const listDir = (path: string): Entry[] | undefined => {
      try {
        const names = sys.readdir(ctx.world, ctx.proc, path);
        const all = f.has('a') ? ['.', '..', ...names] : f.has('A') ? names : names.filter((n) => !n.startsWith('.'));
        return all.map((name) => {
          const full = `${path.replace(/\/+$/, '') || ''}/${name}`;
          const st = sys.stat(ctx.world, ctx.proc, full, false);
          return { name, path: full, node: st.node, ino: st.ino };
        });
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`ls: cannot open directory '${path}': ${strerror(e)}\n`);
        status = 2;
        return undefined;
      }
    };

    const operands = p.operands.length ? p.operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const op of operands) {
      try {
        const st = sys.stat(ctx.world, ctx.proc, op, !long && !f.has('d') ? true : !long);
        const target = st.node.type === 'symlink' && !f.has('d') && !long ? undefined : st;
        const followed = target ?? sys.stat(ctx.world, ctx.proc, op);
        const entry = { name: op, path: op, node: followed.node, ino: followed.ino };
        if (followed.node.type === 'dir' && !f.has('d')) dirs.push(entry);
        else files.push(long ? { ...entry, node: st.node, ino: st.ino } : entry);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`ls: cannot access '${op}': ${strerror(e)}\n`);
        status = 2;
      }
    }
    let out = render(sortEntries(files), false);
    const showHeaders = operands.length > 1 || f.has('R');
    const queue = sortEntries(dirs);
    let first = files.length === 0;
    for (let qi = 0; qi < queue.length && qi < 10_000; qi++) {
      const d = queue[qi]!;
      const list = listDir(d.path);
      if (!list) continue;
      if (!first) out += '\n';
      first = false;
      if (showHeaders) out += `${d.path}:\n`;
      const sorted = sortEntries(list);
      out += render(sorted, long);
      if (f.has('R')) {
        const subdirs = sorted.filter((e) => e.node.type === 'dir' && e.name !== '.' && e.name !== '..');
        queue.splice(qi + 1, 0, ...subdirs);
      }
    }
    ctx.stdout.write(out);
    return status;
  },
};

/** GNU ls sorts by the locale; in C.UTF-8 that is byte order, which is what we use. */
function cmpName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
