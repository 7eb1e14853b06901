/**
 * The base Linux host every world starts from: a Debian 12-like filesystem (merged /usr),
 * root and `learner` (with sudo), /dev nodes, init as PID 1 and the learner's login shell.
 */
import { registerPrograms, programPath } from '../shell/registry.ts';
import type { Program } from '../shell/types.ts';
import type { Domain, World } from '../world.ts';
import { binaryContent } from './binaries.ts';
import { LOGIN_CGROUP, newCgroup, setupCgroups } from './cgroup.ts';
import { installDevices } from './devices.ts';
import './cgroupfs.ts';
import { setupLibraries } from './libraries.ts';
import { setupMounts } from './mounts.ts';
import { setupHostNet } from './net.ts';
import { INITIAL_NS, spawn } from './process.ts';
import './procfs.ts';
import { linux } from './state.ts';
import * as vfs from './vfs.ts';
import { workloadSystem } from './workloads.ts';

export const LEARNER = { name: 'learner', uid: 1000, gid: 1000, home: '/home/learner' };
export const DEFAULT_HOSTNAME = 'hatchway';
export const USER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games';
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const ROOT = { uid: 0, gid: 0, root: '/', cwd: '/', mntns: String(INITIAL_NS.mnt) };

/** Writes a file as root with the given owner and mode (for building images and the host). */
export function installFile(world: World, path: string, data: string, mode = 0o644, uid = 0, gid = 0): void {
  const fs = world.state.fs;
  vfs.mkdirp(fs, ROOT, vfs.dirname(path), world.now);
  const r = vfs.writeFile(fs, ROOT, path, data, world.now, { mode });
  r.node.mode = mode;
  r.node.uid = uid;
  r.node.gid = gid;
}

/** Installs programs as executables at their paths and registers their implementations. */
export function installPrograms(world: World, programs: readonly Program[]): void {
  registerPrograms(programs);
  for (const p of programs) installFile(world, programPath(p), binaryContent(p.name), 0o755);
}

function setupHost(world: World): void {
  const fs = world.state.fs;
  const now = world.now;
  for (const dir of ['usr/bin', 'usr/sbin', 'usr/lib/x86_64-linux-gnu', 'usr/lib64', 'usr/local/bin', 'usr/local/sbin', 'usr/share', 'etc', 'var/log', 'var/lib', 'run', 'opt', 'srv', 'mnt', 'media', 'boot', 'proc', 'sys', 'dev', 'root', 'home']) {
    vfs.mkdirp(fs, ROOT, '/' + dir, now);
  }
  for (const [link, target] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib64']] as const) {
    vfs.symlink(fs, ROOT, target, '/' + link, now);
  }
  vfs.mkdir(fs, ROOT, '/tmp', now, 0o1777);
  vfs.resolve(fs, ROOT, '/tmp').node.mode = 0o1777;
  vfs.resolve(fs, ROOT, '/root').node.mode = 0o700;
  installDevices(fs, vfs.resolve(fs, ROOT, '/dev').node, now);
  installFile(world, '/etc/passwd', `root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nlearner:x:1000:1000:Learner,,,:/home/learner:/bin/bash\n`);
  installFile(world, '/etc/group', `root:x:0:\ndaemon:x:1:\nsudo:x:27:learner\nnogroup:x:65534:\nlearner:x:1000:\n`);
  installFile(world, '/etc/hostname', DEFAULT_HOSTNAME + '\n');
  installFile(world, '/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${DEFAULT_HOSTNAME}\n`);
  installFile(world, '/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n');
  vfs.mkdirp(fs, ROOT, LEARNER.home, now);
  const home = vfs.resolve(fs, ROOT, LEARNER.home).node;
  home.uid = LEARNER.uid;
  home.gid = LEARNER.gid;
  installFile(world, `${LEARNER.home}/.bashrc`, '# ~/.bashrc: executed by bash(1) for non-login shells.\n', 0o644, LEARNER.uid, LEARNER.gid);
  world.state.hostnames[INITIAL_NS.uts] = DEFAULT_HOSTNAME;

  linux(world);
  setupCgroups(world);
  setupHostNet(world);
  setupLibraries(world);
  const procs = world.state.procs;
  const init = spawn(procs, undefined, { comm: 'systemd', argv: ['/sbin/init'], cgroup: '/init.scope', state: 'S', env: Object.assign(Object.create(null), { PATH: ROOT_PATH }) }, now);
  setupMounts(world, init);
  // A few daemons, at the pids a freshly booted Debian VM gives them.
  const daemons: [number, string, string[], string][] = [
    [231, 'systemd-journal', ['/lib/systemd/systemd-journald'], '/system.slice/systemd-journald.service'],
    [402, 'cron', ['/usr/sbin/cron', '-f'], '/system.slice/cron.service'],
    [415, 'sshd', ['sshd:', '/usr/sbin/sshd', '-D', '[listener]', '0', 'of', '10-100', 'startups'], '/system.slice/ssh.service'],
  ];
  for (const [pid, comm, argv, cgroup] of daemons) {
    procs.nextPid = pid;
    linux(world).cgroups[cgroup] = newCgroup(now);
    spawn(procs, init, { comm, argv, cgroup, state: 'S' }, now);
  }
  procs.nextPid = 1021;
  const login = spawn(
    procs,
    init,
    {
      comm: 'bash',
      argv: ['-bash'],
      uid: LEARNER.uid,
      gid: LEARNER.gid,
      groups: [LEARNER.gid, 27],
      cwd: LEARNER.home,
      tty: 'pts/0',
      state: 'S',
      cgroup: LOGIN_CGROUP,
      env: Object.assign(Object.create(null), {
        HOME: LEARNER.home,
        USER: LEARNER.name,
        LOGNAME: LEARNER.name,
        SHELL: '/bin/bash',
        PATH: USER_PATH,
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        PWD: LEARNER.home,
      }),
    },
    now,
  );
  world.state.session.stack = [login.pid];
}

export const hostDomain: Domain = { name: 'host', setup: setupHost, systems: () => [workloadSystem] };
