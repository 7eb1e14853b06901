/** cp(1) (-r, -a, -p, -n, -v) and mv(1), with GNU's target-directory rules and messages. */
import { isSysError, strerror, SysError } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

const CP_HELP = `Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

  -a, --archive                same as -dR --preserve=all
  -d                           same as --no-dereference --preserve=links
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again
  -L, --dereference            always follow symbolic links in SOURCE
  -n, --no-clobber             do not overwrite an existing file
  -P, --no-dereference         never follow symbolic links in SOURCE
  -p                           same as --preserve=mode,ownership,timestamps
  -R, -r, --recursive          copy directories recursively
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -v, --verbose                explain what is being done
      --help        display this help and exit
`;

interface CopyOpts {
  recursive: boolean;
  preserve: boolean;
  noDeref: boolean;
  noClobber: boolean;
  verbose: boolean;
}

function join(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

function base(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() || path;
}

/** Copies one tree; returns false after printing an error. */
function copyTree(ctx: CommandContext, src: string, dst: string, o: CopyOpts, budget: { n: number }): boolean {
  if (--budget.n < 0) throw new SysError('ENOSPC', src);
  const w = ctx.world;
  const p = ctx.proc;
  let st;
  try {
    st = sys.stat(w, p, src, !o.noDeref);
  } catch (e) {
    if (!isSysError(e)) throw e;
    ctx.stderr.write(`${ctx.argv[0]}: cannot stat '${src}': ${strerror(e)}\n`);
    return false;
  }
  const node = st.node;
  const existing = sys.lookup(w, p, dst, false);
  try {
    if (node.type === 'dir') {
      if (!o.recursive) {
        ctx.stderr.write(`cp: -r not specified; omitting directory '${src}'\n`);
        return false;
      }
      const dstCanon = existing ? sys.stat(w, p, dst).path : undefined;
      if (dstCanon && (dstCanon === st.path || dstCanon.startsWith(st.path + '/'))) {
        ctx.stderr.write(`cp: cannot copy a directory, '${src}', into itself, '${dst}'\n`);
        return false;
      }
      if (!existing) sys.mkdir(w, p, dst, node.mode & 0o777);
      else if (existing.node.type !== 'dir') {
        ctx.stderr.write(`cp: cannot overwrite non-directory '${dst}' with directory '${src}'\n`);
        return false;
      }
      if (o.verbose) ctx.stdout.write(`'${src}' -> '${dst}'\n`);
      let ok = true;
      for (const name of sys.readdir(w, p, src)) ok = copyTree(ctx, join(src, name), join(dst, name), o, budget) && ok;
      if (o.preserve) preserve(ctx, dst, node);
      return ok;
    }
    if (existing && o.noClobber) return true;
    if (existing?.node.type === 'dir') {
      ctx.stderr.write(`cp: cannot overwrite directory '${dst}' with non-directory\n`);
      return false;
    }
    if (node.type === 'symlink') {
      if (existing) sys.unlink(w, p, dst);
      sys.symlink(w, p, node.target ?? '', dst);
    } else if (node.type === 'chardev') {
      ctx.stderr.write(`cp: cannot create special file '${dst}': Operation not permitted\n`);
      return false;
    } else {
      const data = sys.readFile(w, p, src);
      sys.writeFile(w, p, dst, data, false, node.mode & 0o777 & ~0o022);
      if (!existing) sys.chmod(w, p, dst, node.mode & (o.preserve ? 0o7777 : 0o755));
    }
    if (o.verbose) ctx.stdout.write(`'${src}' -> '${dst}'\n`);
    if (o.preserve && node.type !== 'symlink') preserve(ctx, dst, node);
    return true;
  } catch (e) {
    if (!isSysError(e)) throw e;
    const what = node.type === 'dir' ? 'directory' : node.type === 'symlink' ? 'symbolic link' : 'regular file';
    ctx.stderr.write(`cp: cannot create ${what} '${dst}': ${strerror(e)}\n`);
    return false;
  }
}

function preserve(ctx: CommandContext, dst: string, node: { mode: number; uid: number; gid: number; mtime: number }): void {
  try {
    sys.chmod(ctx.world, ctx.proc, dst, node.mode);
    sys.touch(ctx.world, ctx.proc, dst, node.mtime, false);
    // Only root may give files away; cp -a as a user keeps its own ownership silently.
    if (ctx.proc.uid === 0) sys.chown(ctx.world, ctx.proc, dst, node.uid, node.gid);
  } catch (e) {
    if (!isSysError(e)) throw e;
  }
}

/** Resolves where each source goes: into DEST if it is a directory (or several sources). */
function targets(ctx: CommandContext, name: string, operands: string[], targetDir?: string, noTarget?: boolean): [string, string][] | number {
  if (targetDir !== undefined) return operands.map((s) => [s, join(targetDir, base(s))]);
  if (operands.length === 0) return usageError(ctx, `${name}: missing file operand`, 1);
  if (operands.length === 1) return usageError(ctx, `${name}: missing destination file operand after '${operands[0]}'`, 1);
  const dest = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  let destIsDir = false;
  try {
    destIsDir = sys.stat(ctx.world, ctx.proc, dest).node.type === 'dir';
  } catch {
    destIsDir = false;
  }
  if (sources.length > 1 && !destIsDir) {
    ctx.stderr.write(`${name}: target '${dest}' is not a directory\n`);
    return 1;
  }
  return sources.map((s) => [s, destIsDir && !noTarget ? join(dest, base(s)) : dest]);
}

export const cp: Program = {
  name: 'cp',
  summary: 'copy files and directories',
  run(ctx) {
    if (wantsHelp(ctx, CP_HELP)) return 0;
    const p = parseArgs('cp', ctx.args, { short: 'adfLnPprRTuvx', shortValue: 't', long: { archive: 'a', force: 'f', dereference: 'L', 'no-clobber': 'n', 'no-dereference': 'P', recursive: 'r', 'no-target-directory': 'T', verbose: 'v', 'one-file-system': 'x', update: 'u' }, longValue: { 'target-directory': 't', preserve: 'preserve' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const f = p.flags;
    const o: CopyOpts = {
      recursive: f.has('r') || f.has('R') || f.has('a'),
      preserve: f.has('a') || f.has('p') || p.values.has('preserve'),
      noDeref: (f.has('a') || f.has('d') || f.has('P') || ((f.has('r') || f.has('R')) && !f.has('L'))) && !f.has('L'),
      noClobber: f.has('n'),
      verbose: f.has('v'),
    };
    const pairs = targets(ctx, 'cp', p.operands, p.values.get('t'), f.has('T'));
    if (typeof pairs === 'number') return pairs;
    let status = 0;
    const budget = { n: LIMITS.walkEntries };
    for (const [src, dst] of pairs) {
      // Operands themselves are followed unless -P/-d/-a (GNU: command-line symlinks are followed with -r).
      const top = { ...o, noDeref: f.has('a') || f.has('d') || f.has('P') };
      try {
        if (!copyTree(ctx, src, dst, { ...top, noDeref: top.noDeref }, budget)) status = 1;
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`cp: stopped after ${LIMITS.walkEntries} entries (the lab's limit)\n`);
        return 1;
      }
    }
    return status;
  },
};

export const mv: Program = {
  name: 'mv',
  summary: 'move (rename) files',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: mv [OPTION]... [-T] SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY\n  or:  mv [OPTION]... -t DIRECTORY SOURCE...\nRename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n\n  -f, --force                  do not prompt before overwriting\n  -n, --no-clobber             do not overwrite an existing file\n  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY\n  -T, --no-target-directory    treat DEST as a normal file\n  -v, --verbose                explain what is being done\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('mv', ctx.args, { short: 'finTuv', shortValue: 't', long: { force: 'f', interactive: 'i', 'no-clobber': 'n', 'no-target-directory': 'T', verbose: 'v', update: 'u' }, longValue: { 'target-directory': 't' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const pairs = targets(ctx, 'mv', p.operands, p.values.get('t'), p.flags.has('T'));
    if (typeof pairs === 'number') return pairs;
    let status = 0;
    for (const [src, dst] of pairs) {
      if (!sys.lookup(ctx.world, ctx.proc, src, false)) {
        ctx.stderr.write(`mv: cannot stat '${src}': No such file or directory\n`);
        status = 1;
        continue;
      }
      if (p.flags.has('n') && sys.lookup(ctx.world, ctx.proc, dst, false)) continue;
      try {
        sys.rename(ctx.world, ctx.proc, src, dst);
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (e.errno === 'EXDEV') {
          // Across filesystems mv copies, then removes the source.
          const o = { recursive: true, preserve: true, noDeref: true, noClobber: false, verbose: false };
          if (!copyTree(ctx, src, dst, o, { n: LIMITS.walkEntries })) {
            status = 1;
            continue;
          }
          removeTree(ctx, src);
        } else {
          const msg = e.errno === 'EINVAL' ? `mv: cannot move '${src}' to a subdirectory of itself, '${dst}'` : `mv: cannot move '${src}' to '${dst}': ${strerror(e)}`;
          ctx.stderr.write(msg + '\n');
          status = 1;
          continue;
        }
      }
      if (p.flags.has('v')) ctx.stdout.write(`renamed '${src}' -> '${dst}'\n`);
    }
    return status;
  },
};

function removeTree(ctx: CommandContext, path: string): void {
  const st = sys.stat(ctx.world, ctx.proc, path, false);
  if (st.node.type === 'dir') {
    for (const n of sys.readdir(ctx.world, ctx.proc, path)) removeTree(ctx, join(path, n));
    sys.rmdir(ctx.world, ctx.proc, path);
  } else sys.unlink(ctx.world, ctx.proc, path);
}
