/**
 * Changing root: chroot(1), pivot_root(8), and `breakout`, the classic escape from a chroot as
 * a small program (mkdir, chroot without chdir, climb with `..`, chroot back to the real `/`).
 */
import { isSysError, strerror, SysError } from '../../kernel/errors.ts';
import { pivotRoot } from '../../kernel/mounts.ts';
import { capable } from '../../kernel/namespaces.ts';
import type { Process } from '../../kernel/process.ts';
import * as sys from '../../kernel/syscalls.ts';
import { userByName } from '../../kernel/users.ts';
import { LIMITS } from '../../limits.ts';
import type { Program } from '../types.ts';
import { usageError } from './util.ts';

const CHROOT_HELP = `Usage: chroot [OPTION] NEWROOT [COMMAND [ARG]...]
  or:  chroot OPTION
Run COMMAND with root directory set to NEWROOT.

      --groups=G_LIST        specify supplementary groups as g1,g2,..,gN
      --userspec=USER:GROUP  specify user and group (ID or name) to use
      --skip-chdir           do not change working directory to '/'
      --help        display this help and exit
      --version     output version information and exit

If no command is given, run '"$SHELL" -i' (default: '/bin/sh -i').

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/chroot>
or available locally via: info '(coreutils) chroot invocation'
`;

export const chroot: Program = {
  name: 'chroot',
  summary: 'run command or interactive shell with special root directory',
  path: '/usr/sbin/chroot',
  async run(ctx) {
    const args = [...ctx.args];
    let userspec: string | undefined;
    let skipChdir = false;
    while (args[0]?.startsWith('--') || (args[0]?.startsWith('-') && args[0].length > 1)) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '--help') {
        ctx.stdout.write(CHROOT_HELP);
        return 0;
      }
      if (a.startsWith('--userspec=')) userspec = a.slice(11);
      else if (a === '--userspec') userspec = args.shift();
      else if (a === '--skip-chdir') skipChdir = true;
      else if (a.startsWith('--groups')) {
        if (a === '--groups') args.shift();
      } else return usageError(ctx, a.startsWith('--') ? `chroot: unrecognized option '${a}'` : `chroot: invalid option -- '${a[1]}'`, 125);
    }
    const newRoot = args.shift();
    if (newRoot === undefined) return usageError(ctx, 'chroot: missing operand', 125);
    let target;
    try {
      target = sys.stat(ctx.world, ctx.proc, newRoot);
      if (target.node.type !== 'dir') throw new SysError('ENOTDIR', newRoot);
      if (!capable(ctx.world, ctx.proc)) throw new SysError('EPERM', newRoot);
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`chroot: cannot change root directory to '${newRoot}': ${strerror(e)}\n`);
      return 125;
    }
    const isRoot = target.path === '/' || target.path === ctx.proc.root;
    if (skipChdir && !isRoot) return usageError(ctx, 'chroot: option --skip-chdir only permitted if NEWROOT is old \'/\'', 125);
    const overrides: Partial<Process> = { root: target.path, cwd: skipChdir ? ctx.proc.cwd : target.path };
    if (userspec) {
      const [u, g] = userspec.split(':');
      const user = u ? (/^\d+$/.test(u) ? { uid: Number(u), gid: Number(g ?? u) } : userByName(ctx.world.state.fs, u, String(ctx.proc.ns.mnt))) : undefined;
      if (u && !user) {
        ctx.stderr.write(`chroot: invalid user ‘${u}’\n`);
        return 125;
      }
      if (user) Object.assign(overrides, { uid: user.uid, gid: g && /^\d+$/.test(g) ? Number(g) : user.gid, groups: [user.gid] });
    }
    const argv = args.length ? args : [ctx.proc.env.SHELL || '/bin/sh', '-i'];
    return ctx.exec(argv, { proc: overrides, notFound: (name, errno) => `chroot: failed to run command ‘${name}’: ${errno === 'EACCES' ? 'Permission denied' : 'No such file or directory'}\n` }).then((code) => code);
  },
};

export const pivotRootProgram: Program = {
  name: 'pivot_root',
  summary: 'change the root filesystem',
  path: '/usr/sbin/pivot_root',
  run(ctx) {
    if (ctx.args[0] === '-h' || ctx.args[0] === '--help') {
      ctx.stdout.write('\nUsage:\n pivot_root [options] new_root put_old\n\nChange the root filesystem.\n\nOptions:\n -h, --help     display this help\n -V, --version  display version\n\nFor more details see pivot_root(8).\n');
      return 0;
    }
    const bad = ctx.args.find((a) => a.startsWith('-') && a.length > 1);
    if (bad) return usageError(ctx, bad.startsWith('--') ? `pivot_root: unrecognized option '${bad}'` : `pivot_root: invalid option -- '${bad[1]}'`, 1);
    if (ctx.args.length !== 2) return usageError(ctx, 'pivot_root: bad usage', 1);
    const [newRoot, putOld] = ctx.args as [string, string];
    try {
      if (!capable(ctx.world, ctx.proc)) throw new SysError('EPERM');
      pivotRoot(ctx.world, ctx.proc, newRoot, putOld);
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`pivot_root: failed to change root from \`${newRoot}' to \`${putOld}': ${strerror(e)}\n`);
      return 1;
    }
    // The calling shell moves with the namespace's root; refresh its idea of $PWD.
    return 0;
  },
};

export const breakout: Program = {
  name: 'breakout',
  summary: 'the classic chroot escape, as a tiny C program would do it (for the chroot lab)',
  path: '/usr/local/bin/breakout',
  async run(ctx) {
    const w = ctx.world;
    const me = ctx.proc;
    if (!capable(w, me)) {
      ctx.stderr.write('breakout: chroot: Operation not permitted\n');
      return 1;
    }
    try {
      if (!sys.exists(w, me, '.breakout')) sys.mkdir(w, me, '.breakout');
      // chroot(".breakout") without chdir: the cwd is now outside the root, so `..` is not clamped.
      me.root = sys.stat(w, me, '.breakout').path;
      for (let i = 0; i < LIMITS.symlinkHops && me.cwd !== '/'; i++) sys.chdir(w, me, '..');
      me.root = sys.stat(w, me, '.').path;
    } catch (e) {
      if (!isSysError(e)) throw e;
      ctx.stderr.write(`breakout: ${strerror(e)}\n`);
      return 1;
    }
    const argv = ctx.args.length ? ctx.args : ['/bin/sh'];
    return ctx.exec(argv, { proc: { root: me.root, cwd: me.cwd }, notFound: (name) => `breakout: execv ${name}: No such file or directory\n` });
  },
};
