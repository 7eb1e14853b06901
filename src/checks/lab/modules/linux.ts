/**
 * Check modules for the Linux labs (chroot, namespaces, cgroups): questions about the kernel's
 * state that file, command and history checks cannot ask, such as "is some live process PID 1
 * of its own pid namespace with a /proc of that namespace?". They read engine state only, so a
 * learner who reaches the goal another way passes too.
 */
import { librariesOf, LIBRARY_PATH, LOADER } from '../../../engine/kernel/libraries.ts';
import { programOf } from '../../../engine/kernel/binaries.ts';
import { INITIAL_NS, type Process } from '../../../engine/kernel/process.ts';
import { ping } from '../../../engine/kernel/net.ts';
import { linux } from '../../../engine/kernel/state.ts';
import * as sys from '../../../engine/kernel/syscalls.ts';
import type { World } from '../../../engine/world.ts';
import type { CheckFailure } from '../types.ts';
import type { CheckModule } from './index.ts';

function fail(message: string, hint?: string): CheckFailure {
  return { code: 'LAB050', message, hint };
}

function str(args: Record<string, unknown>, key: string, fallback: string): string {
  const v = args[key];
  return typeof v === 'string' ? v : fallback;
}

function live(world: World): Process[] {
  return Object.values(world.state.procs.procs);
}

/** A root process that sees the filesystem from `root` (for checking a jail from inside). */
function viewer(world: World, root = '/'): Process {
  const init = world.state.procs.procs[1]!;
  return { ...init, uid: 0, gid: 0, groups: [0], root, cwd: root };
}

/** Why `program` would not start inside `root`, or undefined when it would. */
export function whyNotRunnable(world: World, root: string, program: string): string | undefined {
  const p = viewer(world, root);
  let text: string;
  try {
    const st = sys.stat(world, p, program);
    if (st.node.type !== 'file') return `${program} in ${root} is not a regular file`;
    if (!(st.node.mode & 0o111)) return `${program} in ${root} is not executable`;
    text = sys.readFile(world, p, program);
  } catch {
    return `${root}${program} does not exist`;
  }
  const name = programOf(text);
  if (!name) return `${root}${program} is not a program this lab knows`;
  if (!sys.exists(world, p, LOADER)) return `the dynamic loader ${LOADER} is missing from ${root}, so ${program} cannot start ("No such file or directory")`;
  for (const lib of librariesOf(name)) {
    if (!LIBRARY_PATH.some((d) => sys.exists(world, p, `${d}/${lib}`))) return `${program} needs ${lib}, which is not in ${root}/lib/x86_64-linux-gnu (or another library directory)`;
  }
  return undefined;
}

const runnable: CheckModule = {
  name: 'linux/runnable-in-root',
  description: 'Each of `programs` (default /bin/bash) would start inside the directory `root`: binary, loader and libraries all present.',
  run(world, args) {
    const root = str(args, 'root', '/srv/jail');
    const programs = Array.isArray(args.programs) ? (args.programs as unknown[]).filter((x): x is string => typeof x === 'string') : ['/bin/bash'];
    if (!sys.exists(world, viewer(world), root)) return fail(`${root} does not exist yet`, `Create it with \`sudo mkdir -p ${root}\`.`);
    for (const prog of programs) {
      const why = whyNotRunnable(world, root, prog);
      if (why) return fail(why, `\`ldd ${prog}\` lists what ${prog} needs; copy each file to the same path under ${root}.`);
    }
    return undefined;
  },
};

const processRoot: CheckModule = {
  name: 'linux/process-in-root',
  description: 'Some live process has `root` as its root directory (a shell inside a chroot).',
  run(world, args) {
    const root = str(args, 'root', '/srv/jail');
    const canonical = sys.lookup(world, viewer(world), root)?.path ?? root;
    if (live(world).some((p) => p.root === canonical)) return undefined;
    return fail(`no process is running with ${root} as its root directory`, `Run \`sudo chroot ${root}\` and stay in the shell it starts.`);
  },
};

const escaped: CheckModule = {
  name: 'linux/escaped-chroot',
  description: 'A live process sees the real `/` although an ancestor of it was inside a chroot: the classic escape.',
  run(world) {
    const procs = world.state.procs.procs;
    for (const p of live(world)) {
      if (p.root !== '/') continue;
      for (let a = procs[p.ppid], hops = 0; a && hops < 64; a = procs[a.ppid], hops++) {
        if (a.root !== '/') return undefined;
      }
    }
    return fail('no process has escaped a chroot yet', 'Inside the jail, as root, run the breakout program (copy /usr/local/bin/breakout and its library into the jail first).');
  },
};

const hostnameInNs: CheckModule = {
  name: 'linux/hostname-in-namespace',
  description: 'A live process is in a UTS namespace of its own whose hostname is `hostname`, and the host kept its name.',
  run(world, args) {
    const want = str(args, 'hostname', 'box');
    const host = world.state.hostnames[INITIAL_NS.uts];
    const hostWant = str(args, 'host', 'hatchway');
    if (host !== hostWant) return fail(`the host's hostname is now "${host}"; it should still be "${hostWant}"`, 'Set the hostname inside a new UTS namespace (unshare --uts), not on the host.');
    const inside = live(world).filter((p) => p.ns.uts !== INITIAL_NS.uts);
    if (inside.length === 0) return fail('no process is running in a UTS namespace of its own', 'Start a shell with `sudo unshare --uts bash` and stay in it.');
    if (!inside.some((p) => world.state.hostnames[p.ns.uts] === want)) {
      const names = [...new Set(inside.map((p) => world.state.hostnames[p.ns.uts]))].join('", "');
      return fail(`the new UTS namespace is called "${names}", not "${want}"`, `Inside it, run \`hostname ${want}\`.`);
    }
    return undefined;
  },
};

const pid1: CheckModule = {
  name: 'linux/pid1-with-private-proc',
  description: 'A live process is PID 1 of a new pid namespace, and its mount namespace has a /proc for that pid namespace.',
  run(world) {
    const inits = live(world).filter((p) => p.ns.pid !== INITIAL_NS.pid && p.nsPids[p.ns.pid] === 1);
    if (inits.length === 0) {
      const pending = live(world).some((p) => p.pidChildNs !== undefined);
      return fail(
        pending ? 'a new pid namespace exists, but no process in it is PID 1 any more (unshare --pid without --fork)' : 'no process is PID 1 of a new pid namespace',
        'Use `sudo unshare --pid --fork --mount-proc bash`: --fork makes the shell the first process (PID 1) of the new namespace.',
      );
    }
    for (const p of inits) {
      const proc = sys.lookup(world, p, '/proc');
      if (proc?.node.synthetic === `proc:${p.ns.pid}:`) return undefined;
    }
    return fail('the shell is PID 1, but /proc is still the host\'s, so ps shows the host\'s processes', 'Add --mount-proc (or mount -t proc proc /proc inside a new mount namespace).');
  },
};

const netnsReachable: CheckModule = {
  name: 'linux/netns-reachable',
  description: 'The named network namespace and the host can ping each other over a link (a veth pair).',
  run(world, args) {
    const name = str(args, 'netns', 'red');
    const st = linux(world);
    const ns = st.netnsNames[name];
    if (ns === undefined) return fail(`there is no network namespace called "${name}"`, `Create it with \`sudo ip netns add ${name}\`.`);
    const inside = st.net[ns]?.links.filter((l) => l.type !== 'loopback') ?? [];
    if (inside.length === 0) return fail(`"${name}" has no link besides lo`, `Create a veth pair and move one end into it: \`ip link set ceth0 netns ${name}\`.`);
    const addr = inside.flatMap((l) => l.addrs)[0];
    if (!addr) return fail(`the link in "${name}" has no IPv4 address`, `Give it one: \`ip -n ${name} addr add 10.0.0.2/24 dev ceth0\`.`);
    const ip = addr.split('/')[0]!;
    const there = ping(world, INITIAL_NS.net, ip);
    if (!there.ok) return fail(`the host cannot reach ${ip} in "${name}"`, 'Both ends need an address in the same subnet and must be up (ip link set ... up).');
    const hostAddr = there.source;
    const back = ping(world, ns, hostAddr);
    if (!back.ok) return fail(`"${name}" cannot reach the host at ${hostAddr}`, 'Check that both ends of the veth pair are up.');
    return undefined;
  },
};

const cpuMax: CheckModule = {
  name: 'linux/cgroup-cpu-max',
  description: 'cpu.max of `cgroup` allows `cores` CPUs (any quota/period pair with that ratio, e.g. "50000 100000" for 0.5).',
  run(world, args) {
    const path = str(args, 'cgroup', '/lab');
    const cores = typeof args.cores === 'number' ? args.cores : 0.5;
    const g = linux(world).cgroups[path];
    if (!g) return fail(`the cgroup /sys/fs/cgroup${path} does not exist`, `Create it with \`sudo mkdir /sys/fs/cgroup${path}\`.`);
    if (g.cpuQuota === null) return fail(`cpu.max of /sys/fs/cgroup${path} is still "max ${g.cpuPeriod}" (no limit)`, `Write "$QUOTA $PERIOD" in microseconds: for ${cores} CPU, "${cores * 100000} 100000".`);
    const got = g.cpuQuota / g.cpuPeriod;
    if (Math.abs(got - cores) > 1e-9) return fail(`cpu.max is "${g.cpuQuota} ${g.cpuPeriod}", which allows ${got} CPU, not ${cores}`, `For ${cores} CPU, write "${cores * 100000} 100000".`);
    return undefined;
  },
};

export const LINUX_CHECKS: CheckModule[] = [runnable, processRoot, escaped, hostnameInNs, pid1, netnsReachable, cpuMax];
