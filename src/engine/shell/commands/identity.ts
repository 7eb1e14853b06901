/** Who am I: id, whoami, groups; sudo (the learner is in group sudo, with no password) and su. */
import { gidOf, idInNs, uidOf } from '../../kernel/namespaces.ts';
import { groupName, groupsOf, userByName, userName } from '../../kernel/users.ts';
import { ROOT_PATH, USER_PATH } from '../../kernel/host.ts';
import { dict } from '../../util/dict.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

const ID_HELP = `Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead a number, for -ugG
  -r, --real     print the real ID instead of the effective ID, with -ugG
  -u, --user     print only the effective user ID
      --help        display this help and exit
`;

export const id: Program = {
  name: 'id',
  summary: 'print real and effective user and group IDs',
  run(ctx) {
    if (wantsHelp(ctx, ID_HELP)) return 0;
    const p = parseArgs('id', ctx.args, { short: 'gGnruz', long: { group: 'g', groups: 'G', name: 'n', real: 'r', user: 'u', zero: 'z' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const fs = ctx.world.state.fs;
    const mntns = String(ctx.proc.ns.mnt);
    let uid: number;
    let gid: number;
    let groups: number[];
    if (p.operands[0]) {
      const u = userByName(fs, p.operands[0], mntns);
      if (!u) {
        ctx.stderr.write(`id: ‘${p.operands[0]}’: no such user\n`);
        return 1;
      }
      uid = u.uid;
      gid = u.gid;
      groups = [u.gid, ...groupsOf(fs, u.name, mntns).map((g) => g.gid).filter((g) => g !== u.gid)];
    } else {
      uid = uidOf(ctx.world, ctx.proc);
      gid = gidOf(ctx.world, ctx.proc);
      groups = [...new Set([gid, ...ctx.proc.groups.map((g) => idInNs(ctx.world, ctx.proc.ns.user, g, 'gid'))])];
    }
    const name = p.flags.has('n');
    const uname = (n: number) => userName(fs, n, mntns);
    const gname = (n: number) => groupName(fs, n, mntns);
    if (p.flags.has('u')) ctx.stdout.write(`${name ? uname(uid) : uid}\n`);
    else if (p.flags.has('g')) ctx.stdout.write(`${name ? gname(gid) : gid}\n`);
    else if (p.flags.has('G')) ctx.stdout.write(groups.map((g) => (name ? gname(g) : g)).join(' ') + '\n');
    else ctx.stdout.write(`uid=${uid}(${uname(uid)}) gid=${gid}(${gname(gid)}) groups=${groups.map((g) => `${g}(${gname(g)})`).join(',')}\n`);
    return 0;
  },
};

export const whoami: Program = {
  name: 'whoami',
  summary: 'print effective user name',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: whoami [OPTION]...\nPrint the user name associated with the current effective user ID.\nSame as id -un.\n\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('whoami', ctx.args, {});
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length) return usageError(ctx, `whoami: extra operand ‘${p.operands[0]}’`, 1);
    ctx.stdout.write(userName(ctx.world.state.fs, uidOf(ctx.world, ctx.proc), String(ctx.proc.ns.mnt)) + '\n');
    return 0;
  },
};

export const groups: Program = {
  name: 'groups',
  summary: 'print the groups a user is in',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: groups [OPTION]... [USERNAME]...\nPrint group memberships for each USERNAME or, if no USERNAME is specified, for\nthe current process (which may differ if the groups database has changed).\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('groups', ctx.args, {});
    if ('error' in p) return usageError(ctx, p.error, 1);
    const fs = ctx.world.state.fs;
    const mntns = String(ctx.proc.ns.mnt);
    const gids = [...new Set([gidOf(ctx.world, ctx.proc), ...ctx.proc.groups])];
    ctx.stdout.write(gids.map((g) => groupName(fs, g, mntns)).join(' ') + '\n');
    return 0;
  },
};

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]
            [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]
            [-g group] [-h host] [-p prompt] [-R directory] [-T timeout]
            [-u user] file ...
`;

function inSudoGroup(ctx: CommandContext): boolean {
  return ctx.proc.uid === 0 || ctx.proc.groups.includes(27);
}

export const sudo: Program = {
  name: 'sudo',
  summary: 'execute a command as another user',
  async run(ctx) {
    const args = [...ctx.args];
    if (args[0] === '-h' || args[0] === '--help') {
      ctx.stdout.write(`sudo - execute a command as another user\n\n${SUDO_USAGE}`);
      return 0;
    }
    let target = 'root';
    let login = false;
    let shell = false;
    let preserveEnv = false;
    while (args[0]?.startsWith('-')) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-u') target = args.shift() ?? '';
      else if (a.startsWith('-u')) target = a.slice(2);
      else if (a === '-i' || a === '--login') login = true;
      else if (a === '-s' || a === '--shell') shell = true;
      else if (a === '-E' || a === '--preserve-env') preserveEnv = true;
      else if (a === '-n' || a === '-H' || a === '-k') continue;
      else {
        ctx.stderr.write(`sudo: ${a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a.slice(1, 2)}'`}\n${SUDO_USAGE}`);
        return 1;
      }
    }
    if (!inSudoGroup(ctx)) {
      const me = userName(ctx.world.state.fs, ctx.proc.uid, String(ctx.proc.ns.mnt));
      ctx.stderr.write(`${me} is not in the sudoers file.\nThis incident has been reported to the administrator.\n`);
      return 1;
    }
    const user = userByName(ctx.world.state.fs, target, String(ctx.proc.ns.mnt));
    if (!user) {
      ctx.stderr.write(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
      return 1;
    }
    if (args.length === 0 && !login && !shell) {
      ctx.stderr.write(SUDO_USAGE);
      return 1;
    }
    // sudo resets the environment (env_reset) and sets a secure PATH, as Debian's sudoers does.
    const env = dict<string>(Object.entries({
      ...(preserveEnv ? ctx.proc.env : {}),
      HOME: user.home,
      LOGNAME: user.name,
      USER: user.name,
      SHELL: user.shell,
      MAIL: `/var/mail/${user.name}`,
      PATH: ROOT_PATH,
      TERM: ctx.proc.env.TERM ?? 'xterm-256color',
      LANG: ctx.proc.env.LANG ?? 'C.UTF-8',
      SUDO_USER: userName(ctx.world.state.fs, ctx.proc.uid),
      SUDO_UID: String(ctx.proc.uid),
      SUDO_GID: String(ctx.proc.gid),
      SUDO_COMMAND: args.join(' ') || user.shell,
    }));
    const argv = args.length ? args : [user.shell];
    const cwd = login ? user.home : ctx.proc.cwd;
    const groupsList = user.uid === 0 ? [0] : [user.gid];
    return ctx.exec(argv, {
      // `sudo -i` starts the shell as a login shell: its argv[0] is `-bash`, so `exit` says `logout`.
      proc: { uid: user.uid, gid: user.gid, groups: groupsList, env, cwd, ...(login && !args.length ? { argv: [loginName(user.shell)] } : {}) },
      notFound: (name) => `sudo: ${name}: command not found\n`,
    });
  },
};

/** A login shell's argv[0]: its name with a dash in front (`-bash`). */
function loginName(shell: string): string {
  return '-' + (shell.split('/').pop() ?? shell);
}

const SU_HELP = `
Usage:
 su [options] [-] [<user> [<argument>...]]

Change the effective user ID and group ID to that of <user>.
A mere - implies -l.  If <user> is not given, root is assumed.

Options:
 -m, -p, --preserve-environment      do not reset environment variables
 -w, --whitelist-environment <list>  don't reset specified variables

 -g, --group <group>             specify the primary group
 -G, --supp-group <group>        specify a supplemental group

 -, -l, --login                  make the shell a login shell
 -c, --command <command>         pass a single command to the shell with -c
 --session-command <command>     pass a single command to the shell with -c
                                   and do not create a new session
 -f, --fast                      pass -f to the shell (for csh or tcsh)
 -s, --shell <shell>             run <shell> if /etc/shells allows it
 -P, --pty                       create a new pseudo-terminal

 -h, --help                      display this help
 -V, --version                   display version

For more details see su(1).
`;

/**
 * su(1) from util-linux. Root switches to any user without a password. Anyone else would be
 * asked for the target's password, which cannot be typed here (and root's is locked on
 * Debian cloud images), so it fails as a wrong password does and points to sudo.
 */
export const su: Program = {
  name: 'su',
  summary: 'run a command with substitute user and group ID',
  run(ctx) {
    if (ctx.args[0] === '-h') {
      ctx.stdout.write(SU_HELP);
      return 0;
    }
    if (wantsHelp(ctx, SU_HELP)) return 0;
    const p = parseArgs('su', ctx.args.map((a) => (a === '-' ? '--login' : a)), {
      short: 'lmpfP',
      shortValue: 'csgGw',
      long: { login: 'l', 'preserve-environment': 'm', fast: 'f', pty: 'P' },
      longValue: { command: 'c', 'session-command': 'c', shell: 's', group: 'g', 'supp-group': 'G', 'whitelist-environment': 'w' },
    });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const login = p.flags.has('l');
    const [name = 'root', ...extra] = p.operands;
    const user = userByName(ctx.world.state.fs, name, String(ctx.proc.ns.mnt));
    if (!user) {
      ctx.stderr.write(`su: user ${name} does not exist or the user entry does not contain all the required fields\n`);
      return 1;
    }
    if (ctx.proc.uid !== 0) {
      ctx.stderr.write("Password: \nsu: Authentication failure\nhatchway: passwords cannot be typed in this lab; 'sudo su -' or 'sudo -i' gives a root login shell\n");
      return 1;
    }
    const shell = p.values.get('s') ?? user.shell;
    if (shell.endsWith('/nologin')) {
      ctx.stdout.write('This account is currently not available.\n');
      return 1;
    }
    // A login shell starts afresh in the user's home; otherwise su keeps the environment and
    // sets HOME and SHELL (and USER and LOGNAME for a user other than root).
    const named = user.uid === 0 && !login ? {} : { USER: user.name, LOGNAME: user.name };
    const env = login
      ? dict<string>(Object.entries({ TERM: ctx.proc.env.TERM ?? 'xterm-256color', HOME: user.home, SHELL: shell, PATH: user.uid === 0 ? ROOT_PATH : USER_PATH, ...named }))
      : dict<string>(Object.entries({ ...ctx.proc.env, HOME: user.home, SHELL: shell, ...named }));
    const command = p.values.get('c');
    const args = command !== undefined ? ['-c', command, ...extra] : extra;
    const argv0 = login ? loginName(shell) : (shell.split('/').pop() ?? shell);
    return ctx.exec([shell, ...args], {
      proc: { uid: user.uid, gid: user.gid, groups: user.uid === 0 ? [0] : [user.gid], env, cwd: login ? user.home : ctx.proc.cwd, argv: [argv0, ...args] },
      notFound: () => `su: failed to execute ${shell}: No such file or directory\n`,
    });
  },
};
