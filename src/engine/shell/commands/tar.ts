/**
 * tar(1): create, list and extract archives, enough to pack a root filesystem and unpack it
 * into a chroot. The archive is a text file (the virtual disk stores text), but the options,
 * listings and messages are GNU tar's.
 */
import { clockDate } from '../../clock.ts';
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { groupName, userName } from '../../kernel/users.ts';
import type { Inode } from '../../kernel/vfs.ts';
import { LIMITS } from '../../limits.ts';
import { globToRegExp } from '../glob.ts';
import type { CommandContext, Program } from '../types.ts';
import { modeString } from './ls.ts';

const MAGIC = 'hatchway-tar 1\n';

interface Entry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  data?: string;
  target?: string;
}

const HELP = `Usage: tar [OPTION...] [FILE]...
GNU 'tar' saves many files together into a single tape or disk archive, and can
restore individual files from the archive.

Examples:
  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.
  tar -tvf archive.tar         # List all files in archive.tar verbosely.
  tar -xf archive.tar          # Extract all files from archive.tar.

 Main operation mode:
  -c, --create               create a new archive
  -t, --list                 list the contents of an archive
  -x, --extract, --get       extract files from an archive

 Common options:
  -C, --directory=DIR        change to directory DIR
  -f, --file=ARCHIVE         use archive file or device ARCHIVE
  -p, --preserve-permissions extract information about file permissions
  -v, --verbose              verbosely list files processed
  -z, --gzip                 filter the archive through gzip
      --exclude=PATTERN      exclude files, given as a PATTERN
      --strip-components=NUMBER   strip NUMBER leading components from file
                             names on extraction
`;

function usage(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`tar: ${msg}\nTry 'tar --help' or 'tar --usage' for more information.\n`);
  return 2;
}

export const tar: Program = {
  name: 'tar',
  summary: 'an archiving utility',
  run(ctx) {
    if (ctx.args.includes('--help')) {
      ctx.stdout.write(HELP);
      return 0;
    }
    const args = [...ctx.args];
    // Old-style bundled options: `tar cvf x.tar dir`.
    if (args[0] && !args[0].startsWith('-')) args[0] = '-' + args[0];
    let mode: 'c' | 't' | 'x' | undefined;
    let file: string | undefined;
    let dir: string | undefined;
    let verbose = false;
    let strip = 0;
    const excludes: RegExp[] = [];
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.startsWith('--')) {
        const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
        const val = () => inline ?? args[++i];
        if (name === 'create') mode = 'c';
        else if (name === 'list') mode = 't';
        else if (name === 'extract' || name === 'get') mode = 'x';
        else if (name === 'file') file = val();
        else if (name === 'directory') dir = val();
        else if (name === 'verbose') verbose = true;
        else if (name === 'exclude') excludes.push(globToRegExp(val() ?? ''));
        else if (name === 'strip-components') strip = Number(val()) || 0;
        else if (['gzip', 'preserve-permissions', 'numeric-owner', 'same-owner', 'no-same-owner', 'overwrite', 'one-file-system'].includes(name)) continue;
        else return usage(ctx, `unrecognized option '${a}'`);
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (c === 'c' || c === 't' || c === 'x') {
            if (mode && mode !== c) return usage(ctx, "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
            mode = c;
          } else if (c === 'v') verbose = true;
          else if (c === 'z' || c === 'j' || c === 'J' || c === 'p' || c === 'h' || c === 'P') continue;
          else if (c === 'f' || c === 'C') {
            const v = a.slice(j + 1) || args[++i];
            if (v === undefined) return usage(ctx, `option requires an argument -- '${c}'`);
            if (c === 'f') file = v;
            else dir = v;
            break;
          } else return usage(ctx, `invalid option -- '${c}'`);
        }
        continue;
      }
      names.push(a);
    }
    if (!mode) return usage(ctx, "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
    const w = ctx.world;
    const p = ctx.proc;
    const base = (rel: string) => (dir ? `${dir.replace(/\/+$/, '')}/${rel}` : rel);
    if (mode === 'c') {
      if (names.length === 0) {
        ctx.stderr.write('tar: Cowardly refusing to create an empty archive\nTry \'tar --help\' or \'tar --usage\' for more information.\n');
        return 2;
      }
      const entries: Entry[] = [];
      let status = 0;
      let warnedSlash = false;
      const add = (path: string) => {
        if (entries.length > LIMITS.walkEntries) return;
        const stored = path.replace(/^\/+/, '');
        if (stored !== path && !warnedSlash) {
          ctx.stderr.write("tar: Removing leading `/' from member names\n");
          warnedSlash = true;
        }
        if (excludes.some((re) => re.test(stored) || re.test(stored.split('/').pop() ?? ''))) return;
        let st;
        try {
          st = sys.stat(w, p, base(path), false);
        } catch (e) {
          if (!isSysError(e)) throw e;
          ctx.stderr.write(`tar: ${path}: Cannot stat: ${strerror(e)}\n`);
          status = 2;
          return;
        }
        const n: Inode = st.node;
        if (n.type === 'chardev') return;
        const e: Entry = { path: stored, type: n.type as Entry['type'], mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime };
        if (n.type === 'file') {
          try {
            e.data = sys.readFile(w, p, base(path));
          } catch (err) {
            if (!isSysError(err)) throw err;
            ctx.stderr.write(`tar: ${path}: Cannot open: ${strerror(err)}\n`);
            status = 2;
            return;
          }
        }
        if (n.type === 'symlink') e.target = n.target;
        entries.push(e);
        if (verbose) ctx.stdout.write(`${stored}${n.type === 'dir' ? '/' : ''}\n`);
        if (n.type === 'dir' && !n.synthetic) for (const c of sys.readdir(w, p, base(path))) add(`${path.replace(/\/+$/, '')}/${c}`);
      };
      for (const n of names) add(n);
      const archive = MAGIC + entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
      if (file === undefined || file === '-') {
        ctx.stdout.write(archive);
        return status;
      }
      try {
        sys.writeFile(w, p, file, archive);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`tar: ${file}: Cannot open: ${strerror(e)}\ntar: Error is not recoverable: exiting now\n`);
        return 2;
      }
      return status;
    }
    let text: string;
    if (file === undefined || file === '-') text = ctx.stdin;
    else {
      try {
        text = sys.readFile(w, p, file);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`tar: ${file}: Cannot open: ${strerror(e)}\ntar: Error is not recoverable: exiting now\n`);
        return 2;
      }
    }
    if (!text.startsWith(MAGIC)) {
      ctx.stderr.write('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
      return 2;
    }
    const entries = text.slice(MAGIC.length).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry);
    const wanted = (e: Entry) => names.length === 0 || names.some((n) => e.path === n.replace(/\/+$/, '') || e.path.startsWith(n.replace(/\/+$/, '') + '/'));
    const fs = w.state.fs;
    if (mode === 't') {
      for (const e of entries.filter(wanted)) {
        const shown = e.path + (e.type === 'dir' ? '/' : '');
        if (!verbose) {
          ctx.stdout.write(shown + '\n');
          continue;
        }
        const owner = `${userName(fs, e.uid)}/${groupName(fs, e.gid)}`;
        const size = String(e.type === 'file' ? (e.data ?? '').length : 0);
        const d = clockDate(w.state.clock, e.mtime).toISOString();
        const fake = { type: e.type, mode: e.mode } as Inode;
        ctx.stdout.write(`${modeString(fake)} ${owner} ${size.padStart(Math.max(size.length, 18 - owner.length))} ${d.slice(0, 10)} ${d.slice(11, 16)} ${shown}${e.type === 'symlink' ? ` -> ${e.target}` : ''}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const e of entries.filter(wanted)) {
      const parts = e.path.split('/').filter(Boolean);
      if (parts.length <= strip) continue;
      const rel = parts.slice(strip).join('/');
      const dest = base(rel);
      try {
        if (e.type === 'dir') {
          sys.mkdirp(w, p, dest);
        } else {
          const parent = dest.includes('/') ? dest.slice(0, dest.lastIndexOf('/')) : '.';
          if (parent) sys.mkdirp(w, p, parent);
          if (sys.lookup(w, p, dest, false)?.node.type === 'symlink' || e.type === 'symlink') {
            if (sys.lookup(w, p, dest, false)) sys.unlink(w, p, dest);
          }
          if (e.type === 'symlink') sys.symlink(w, p, e.target ?? '', dest);
          else sys.writeFile(w, p, dest, e.data ?? '');
        }
        if (e.type !== 'symlink') {
          sys.chmod(w, p, dest, e.mode);
          sys.touch(w, p, dest, e.mtime, false);
          // Root restores the recorded owners; anyone else becomes the owner.
          if (p.uid === 0) sys.chown(w, p, dest, e.uid, e.gid);
        }
        if (verbose) ctx.stdout.write(e.path + (e.type === 'dir' ? '/' : '') + '\n');
      } catch (err) {
        if (!isSysError(err)) throw err;
        ctx.stderr.write(`tar: ${rel}: Cannot open: ${strerror(err)}\n`);
        status = 2;
      }
    }
    if (status) ctx.stderr.write('tar: Exiting with failure status due to previous errors\n');
    return status;
  },
};
