/** File-metadata programs: ln, touch, rmdir, stat, chmod, chown, readlink, realpath. */
import { clockDate } from '../../clock.ts';
import { isSysError, strerror, SysError } from '../../kernel/errors.ts';
import { idInNs } from '../../kernel/namespaces.ts';
import * as sys from '../../kernel/syscalls.ts';
import { groupName, userByName, userName } from '../../kernel/users.ts';
import type { Inode } from '../../kernel/vfs.ts';
import { visiblePath } from '../../kernel/vfs.ts';
import { LIMITS } from '../../limits.ts';
import type { CommandContext, Program } from '../types.ts';
import { fileSize, modeString } from './ls.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

function join(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

export const ln: Program = {
  name: 'ln',
  summary: 'make links between files',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: ln [OPTION]... [-T] TARGET LINK_NAME\n  or:  ln [OPTION]... TARGET\n  or:  ln [OPTION]... TARGET... DIRECTORY\nCreate hard links by default, symbolic links with --symbolic.\n\n  -f, --force                 remove existing destination files\n  -n, --no-dereference        treat LINK_NAME as a normal file if\n                                it is a symbolic link to a directory\n  -s, --symbolic              make symbolic links instead of hard links\n  -T, --no-target-directory   treat LINK_NAME as a normal file always\n  -v, --verbose               print name of each linked file\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('ln', ctx.args, { short: 'fnsTvr', long: { force: 'f', 'no-dereference': 'n', symbolic: 's', 'no-target-directory': 'T', verbose: 'v', relative: 'r' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const ops = p.operands;
    if (ops.length === 0) return usageError(ctx, 'ln: missing file operand', 1);
    const targets = ops.length === 1 ? [ops[0]!] : ops.slice(0, -1);
    let dest = ops.length === 1 ? '.' : ops[ops.length - 1]!;
    const destNode = sys.lookup(ctx.world, ctx.proc, dest, !p.flags.has('n'));
    const intoDir = !p.flags.has('T') && destNode?.node.type === 'dir';
    if (targets.length > 1 && !intoDir) {
      ctx.stderr.write(`ln: target '${dest}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const t of targets) {
      const name = intoDir ? join(dest, t.replace(/\/+$/, '').split('/').pop()!) : dest;
      if (ops.length === 1) dest = name;
      try {
        if (p.flags.has('f') && sys.lookup(ctx.world, ctx.proc, name, false)) sys.unlink(ctx.world, ctx.proc, name);
        if (p.flags.has('s')) sys.symlink(ctx.world, ctx.proc, t, name);
        else sys.link(ctx.world, ctx.proc, t, name);
        if (p.flags.has('v')) ctx.stdout.write(`'${name}' ${p.flags.has('s') ? '->' : '=>'} '${t}'\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        const shown = ops.length === 1 && !name.startsWith('./') && !name.startsWith('/') ? `./${name.replace(/^\.\//, '')}` : name;
        if (!p.flags.has('s') && e.errno === 'ENOENT' && !sys.lookup(ctx.world, ctx.proc, t, false)) ctx.stderr.write(`ln: failed to access '${t}': No such file or directory\n`);
        else ctx.stderr.write(`ln: failed to create ${p.flags.has('s') ? 'symbolic' : 'hard'} link '${shown}'${e.errno === 'EPERM' && !p.flags.has('s') ? ` => '${t}'` : ''}: ${strerror(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const touch: Program = {
  name: 'touch',
  summary: 'change file timestamps',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: touch [OPTION]... FILE...\nUpdate the access and modification times of each FILE to the current time.\n\nA FILE argument that does not exist is created empty, unless -c or -h\nis supplied.\n\n  -a                     change only the access time\n  -c, --no-create        do not create any files\n  -m                     change only the modification time\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('touch', ctx.args, { short: 'acmh', shortValue: 'dtr', long: { 'no-create': 'c' }, longValue: { date: 'd', reference: 'r' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'touch: missing file operand', 1);
    let status = 0;
    for (const f of p.operands) {
      try {
        sys.touch(ctx.world, ctx.proc, f, ctx.world.now, !p.flags.has('c'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`touch: ${e.errno === 'EACCES' && sys.lookup(ctx.world, ctx.proc, f) ? 'setting times of' : 'cannot touch'} '${f}': ${strerror(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const rmdir: Program = {
  name: 'rmdir',
  summary: 'remove empty directories',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: rmdir [OPTION]... DIRECTORY...\nRemove the DIRECTORY(ies), if they are empty.\n\n  -p, --parents   remove DIRECTORY and its ancestors; e.g., \'rmdir -p a/b\' is\n                    similar to \'rmdir a/b a\'\n  -v, --verbose   output a diagnostic for every directory processed\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('rmdir', ctx.args, { short: 'pv', long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'i' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'rmdir: missing operand', 1);
    let status = 0;
    for (const d of p.operands) {
      const chain = [d];
      if (p.flags.has('p')) for (let x = d.replace(/\/+$/, ''); x.includes('/'); ) chain.push((x = x.slice(0, x.lastIndexOf('/'))));
      for (const dir of chain.filter(Boolean)) {
        try {
          if (p.flags.has('v')) ctx.stdout.write(`rmdir: removing directory, '${dir}'\n`);
          sys.rmdir(ctx.world, ctx.proc, dir);
        } catch (e) {
          if (!isSysError(e)) throw e;
          if (e.errno === 'ENOTEMPTY' && p.flags.has('i')) break;
          ctx.stderr.write(`rmdir: failed to remove '${dir}': ${strerror(e)}\n`);
          status = 1;
          break;
        }
      }
    }
    return status;
  },
};

function fmtTime(ctx: CommandContext, at: number): string {
  const d = clockDate(ctx.world.state.clock, at);
  return d.toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000');
}

function fileType(node: Inode): string {
  if (node.type === 'dir') return 'directory';
  if (node.type === 'symlink') return 'symbolic link';
  if (node.type === 'chardev') return 'character special file';
  return fileSize(node) === 0 ? 'regular empty file' : 'regular file';
}

export const stat: Program = {
  name: 'stat',
  summary: 'display file or file system status',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: stat [OPTION]... FILE...\nDisplay file or file system status.\n\n  -L, --dereference     follow links\n  -c  --format=FORMAT   use the specified FORMAT instead of the default;\n                          output a newline after each use of FORMAT\n  -t, --terse           print the information in terse form\n      --help        display this help and exit\n\nThe valid format sequences for files:\n\n  %a   permission bits in octal\n  %A   permission bits and file type in human readable form\n  %F   file type\n  %g   group ID of owner\n  %G   group name of owner\n  %h   number of hard links\n  %i   inode number\n  %n   file name\n  %s   total size, in bytes\n  %t   major device type in hex, for character/block device special files\n  %T   minor device type in hex, for character/block device special files\n  %u   user ID of owner\n  %U   user name of owner\n  %y   time of last data modification, human-readable\n  %Y   time of last data modification, seconds since Epoch\n')) return 0;
    const p = parseArgs('stat', ctx.args, { short: 'Lt', shortValue: 'c', long: { dereference: 'L', terse: 't' }, longValue: { format: 'c', printf: 'c' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'stat: missing operand', 1);
    const fs = ctx.world.state.fs;
    const mntns = String(ctx.proc.ns.mnt);
    let status = 0;
    for (const f of p.operands) {
      let r;
      try {
        r = sys.stat(ctx.world, ctx.proc, f, p.flags.has('L'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`stat: cannot statx '${f}': ${strerror(e)}\n`);
        status = 1;
        continue;
      }
      const n = r.node;
      const uid = idInNs(ctx.world, ctx.proc.ns.user, n.uid);
      const gid = idInNs(ctx.world, ctx.proc.ns.user, n.gid, 'gid');
      const user = userName(fs, uid, mntns);
      const group = groupName(fs, gid, mntns);
      const size = fileSize(n);
      const octal = (n.mode & 0o7777).toString(8).padStart(4, '0');
      const format = p.values.get('c');
      if (format !== undefined) {
        const map: Record<string, () => string> = {
          a: () => (n.mode & 0o7777).toString(8),
          A: () => modeString(n),
          F: () => fileType(n),
          g: () => String(gid),
          G: () => group,
          h: () => String(n.nlink),
          i: () => String(r.ino),
          n: () => f,
          N: () => (n.type === 'symlink' ? `'${f}' -> '${n.target}'` : `'${f}'`),
          s: () => String(size),
          t: () => (n.rdev?.[0] ?? 0).toString(16),
          T: () => (n.rdev?.[1] ?? 0).toString(16),
          u: () => String(uid),
          U: () => user,
          y: () => fmtTime(ctx, n.mtime),
          Y: () => String(Math.floor(clockDate(ctx.world.state.clock, n.mtime).getTime() / 1000)),
          '%': () => '%',
        };
        ctx.stdout.write(format.replace(/%(.)/g, (_m, c: string) => map[c]?.() ?? `?`) + '\n');
        continue;
      }
      const name = n.type === 'symlink' ? `${f} -> ${n.target}` : f;
      const blocks = n.type === 'dir' ? 8 : Math.ceil(size / 4096) * 8;
      ctx.stdout.write(
        `  File: ${name}\n` +
          `  Size: ${String(size).padEnd(10)}\tBlocks: ${String(blocks).padEnd(10)} IO Block: ${'4096'.padEnd(6)} ${fileType(n)}\n` +
          `Device: ${n.synthetic ? (n.synthetic.startsWith('proc') ? '0,21' : '0,26') : n.rdev ? '0,5' : '254,1'}\tInode: ${String(r.ino).padEnd(11)} Links: ${n.nlink}${n.rdev ? `     Device type: ${n.rdev.join(',')}` : ''}\n` +
          `Access: (${octal}/${modeString(n)})  Uid: (${String(uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(gid).padStart(5)}/${group.padStart(8)})\n` +
          `Access: ${fmtTime(ctx, n.mtime)}\nModify: ${fmtTime(ctx, n.mtime)}\nChange: ${fmtTime(ctx, n.ctime)}\n Birth: ${n.synthetic ? '-' : fmtTime(ctx, n.ctime)}\n`,
      );
    }
    return status;
  },
};

/** Applies a chmod mode (octal or symbolic like `u+x,go-w`) to `mode`. Undefined when invalid. */
export function applyMode(spec: string, mode: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!c) return undefined;
    const who = c[1] || 'a';
    let bits = 0;
    for (const ch of c[3]!) {
      if (ch === 'r') bits |= 0o444;
      if (ch === 'w') bits |= 0o222;
      if (ch === 'x' || (ch === 'X' && (isDir || mode & 0o111))) bits |= 0o111;
      if (ch === 's') bits |= 0o6000;
      if (ch === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (who.includes('u') || who.includes('a')) mask |= 0o4700;
    if (who.includes('g') || who.includes('a')) mask |= 0o2070;
    if (who.includes('o') || who.includes('a')) mask |= 0o1007;
    // Without a `who`, the umask (022) limits what + and = grant.
    const grant = bits & mask & (c[1] ? 0o7777 : ~0o022);
    if (c[2] === '+') m |= grant;
    else if (c[2] === '-') m &= ~(bits & mask);
    else m = (m & ~mask) | grant;
  }
  return m;
}

function walk(ctx: CommandContext, path: string, fn: (p: string) => void, recursive: boolean, budget = { n: LIMITS.walkEntries }): void {
  fn(path);
  if (!recursive || --budget.n < 0) return;
  const st = sys.stat(ctx.world, ctx.proc, path, false);
  if (st.node.type !== 'dir') return;
  for (const n of sys.readdir(ctx.world, ctx.proc, path)) walk(ctx, join(path, n), fn, true, budget);
}

export const chmod: Program = {
  name: 'chmod',
  summary: 'change file mode bits',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: chmod [OPTION]... MODE[,MODE]... FILE...\n  or:  chmod [OPTION]... OCTAL-MODE FILE...\nChange the mode of each FILE to MODE.\n\n  -R, --recursive        change files and directories recursively\n  -v, --verbose          output a diagnostic for every file processed\n      --help        display this help and exit\n\nEach MODE is of the form \'[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+\'.\n')) return 0;
    // Modes such as -w look like options; take them as the mode when they parse as one.
    const args = [...ctx.args];
    const modeIdx = args.findIndex((a) => /^[-+=][rwxXst]+$/.test(a));
    const modeArg = modeIdx >= 0 ? args.splice(modeIdx, 1)[0] : undefined;
    const p = parseArgs('chmod', args, { short: 'Rvcf', long: { recursive: 'R', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const ops = modeArg ? [modeArg, ...p.operands] : p.operands;
    if (ops.length === 0) return usageError(ctx, 'chmod: missing operand', 1);
    if (ops.length === 1) return usageError(ctx, `chmod: missing operand after ‘${ops[0]}’`, 1);
    const spec = ops[0]!;
    if (applyMode(spec, 0, false) === undefined) return usageError(ctx, `chmod: invalid mode: ‘${spec}’`, 1);
    let status = 0;
    for (const f of ops.slice(1)) {
      try {
        walk(ctx, f, (path) => {
          const st = sys.stat(ctx.world, ctx.proc, path);
          try {
            sys.chmod(ctx.world, ctx.proc, path, applyMode(spec, st.node.mode, st.node.type === 'dir')!);
          } catch (e) {
            if (!isSysError(e)) throw e;
            ctx.stderr.write(`chmod: changing permissions of '${path}': ${strerror(e)}\n`);
            status = 1;
          }
        }, p.flags.has('R'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`chmod: cannot access '${f}': ${strerror(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const chown: Program = {
  name: 'chown',
  summary: 'change file owner and group',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...\nChange the owner and/or group of each FILE to OWNER and/or GROUP.\n\n  -h, --no-dereference   affect symbolic links instead of any referenced file\n  -R, --recursive        operate on files and directories recursively\n  -v, --verbose          output a diagnostic for every file processed\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('chown', ctx.args, { short: 'hRvcf', long: { 'no-dereference': 'h', recursive: 'R', verbose: 'v' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'chown: missing operand', 1);
    if (p.operands.length === 1) return usageError(ctx, `chown: missing operand after ‘${p.operands[0]}’`, 1);
    const [spec, ...files] = p.operands as [string, ...string[]];
    const [u, g] = spec.split(/[:.]/, 2) as [string, string | undefined];
    const fs = ctx.world.state.fs;
    const mntns = String(ctx.proc.ns.mnt);
    const lookupUser = (name: string) => (/^\d+$/.test(name) ? Number(name) : userByName(fs, name, mntns)?.uid);
    const uid = u ? lookupUser(u) : undefined;
    if (u && uid === undefined) {
      ctx.stderr.write(`chown: invalid user: ‘${spec}’\n`);
      return 1;
    }
    let gid: number | undefined;
    if (g) {
      const groups = sys.readFile(ctx.world, ctx.proc, '/etc/group').split('\n').map((l) => l.split(':'));
      gid = /^\d+$/.test(g) ? Number(g) : groups.find((l) => l[0] === g)?.[2] !== undefined ? Number(groups.find((l) => l[0] === g)![2]) : undefined;
      if (gid === undefined) {
        ctx.stderr.write(`chown: invalid group: ‘${spec}’\n`);
        return 1;
      }
    } else if (spec.endsWith(':') && uid !== undefined) gid = userByName(fs, u, mntns)?.gid;
    let status = 0;
    for (const f of files) {
      try {
        walk(ctx, f, (path) => {
          try {
            sys.chown(ctx.world, ctx.proc, path, uid, gid, !p.flags.has('h'));
          } catch (e) {
            if (!isSysError(e)) throw e;
            ctx.stderr.write(`chown: changing ownership of '${path}': ${strerror(e)}\n`);
            status = 1;
          }
        }, p.flags.has('R'));
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`chown: cannot access '${f}': ${strerror(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};

/** Canonical path as the process sees it; `mode` e: all must exist, f: all but the last, m: none. */
function canonicalize(ctx: CommandContext, path: string, mode: 'e' | 'f' | 'm'): string | undefined {
  try {
    return visiblePath(ctx.proc, sys.stat(ctx.world, ctx.proc, path).path);
  } catch (e) {
    if (!isSysError(e)) throw e;
    if (mode === 'e') return undefined;
    const trimmed = path.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    const parent = i === -1 ? '.' : trimmed.slice(0, i) || '/';
    const name = trimmed.slice(i + 1);
    const dir = mode === 'f' ? (() => {
      try {
        const r = sys.stat(ctx.world, ctx.proc, parent);
        if (r.node.type !== 'dir') throw new SysError('ENOTDIR');
        return visiblePath(ctx.proc, r.path);
      } catch {
        return undefined;
      }
    })() : canonicalize(ctx, parent, 'm');
    if (dir === undefined) return undefined;
    return name === '..' ? dir.replace(/\/[^/]*$/, '') || '/' : name === '.' || name === '' ? dir : join(dir, name);
  }
}

export const readlink: Program = {
  name: 'readlink',
  summary: 'print resolved symbolic links or canonical file names',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: readlink [OPTION]... FILE...\nPrint value of a symbolic link or canonical file name\n\n  -f, --canonicalize            canonicalize by following every symlink in\n                                every component of the given name recursively;\n                                all but the last component must exist\n  -e, --canonicalize-existing   canonicalize by following every symlink in\n                                every component of the given name recursively,\n                                all components must exist\n  -m, --canonicalize-missing    canonicalize by following every symlink in\n                                every component of the given name recursively,\n                                without requirements on components existence\n  -n, --no-newline              do not output the trailing delimiter\n  -v, --verbose                 report error messages\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('readlink', ctx.args, { short: 'femnqsvz', long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', 'no-newline': 'n', verbose: 'v', quiet: 'q', silent: 's' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'readlink: missing operand', 1);
    const mode = (['e', 'f', 'm'] as const).find((m) => p.flags.has(m));
    let status = 0;
    for (const f of p.operands) {
      let out: string | undefined;
      if (mode) out = canonicalize(ctx, f, mode);
      else {
        try {
          out = sys.readlink(ctx.world, ctx.proc, f);
        } catch (e) {
          if (!isSysError(e)) throw e;
          if (p.flags.has('v')) ctx.stderr.write(`readlink: ${f}: ${strerror(e)}\n`);
        }
      }
      if (out === undefined) status = 1;
      else ctx.stdout.write(out + (p.flags.has('n') ? '' : '\n'));
    }
    return status;
  },
};

export const realpath: Program = {
  name: 'realpath',
  summary: 'print the resolved path',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: realpath [OPTION]... FILE...\nPrint the resolved absolute file name;\nall but the last component must exist\n\n  -e, --canonicalize-existing  all components of the path must exist\n  -m, --canonicalize-missing   no path components need exist or be a directory\n  -q, --quiet                  suppress most error messages\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('realpath', ctx.args, { short: 'emqsz', long: { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', quiet: 'q' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'realpath: missing operand', 1);
    let status = 0;
    for (const f of p.operands) {
      const out = canonicalize(ctx, f, p.flags.has('e') ? 'e' : p.flags.has('m') ? 'm' : 'f');
      if (out === undefined) {
        if (!p.flags.has('q')) ctx.stderr.write(`realpath: ${f}: No such file or directory\n`);
        status = 1;
      } else ctx.stdout.write(out + '\n');
    }
    return status;
  },
};
