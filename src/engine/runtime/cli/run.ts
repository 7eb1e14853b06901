/** docker run / create / start: turning an image into a running container. */
import { allocate } from '../../kernel/cgroup.ts';
import * as vfs from '../../kernel/vfs.ts';
import { fork } from '../../kernel/workloads.ts';
import type { Process } from '../../kernel/process.ts';
import { Interrupted } from '../../shell/signals.ts';
import type { CommandContext } from '../../shell/types.ts';
import { waitUntil } from '../../time.ts';
import { containerProcFields, createContainer, finish, findContainer, log, prepareStart, spawnMain, type CreateOptions } from '../containers.ts';
import { parseBytes } from '../format.ts';
import { findLocalImage } from '../images.ts';
import { docker, type Container, type PortBinding } from '../state.ts';
import { effectiveArgv, workloadFor } from '../workloads.ts';
import { parseOrFail, runError } from './common.ts';
import { flag, type Parsed } from './flags.ts';
import { pullImage } from './registry-cmds.ts';

function parsePorts(specs: string[]): PortBinding[] | string {
  const out: PortBinding[] = [];
  for (const s of specs) {
    const [spec, proto = 'tcp'] = s.split('/') as [string, string | undefined];
    const parts = spec.split(':');
    const containerPort = Number(parts[parts.length - 1]);
    const hostPort = parts.length >= 2 ? Number(parts[parts.length - 2]) : 32768 + out.length;
    const hostIp = parts.length === 3 ? parts[0]! : '';
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535 || !Number.isInteger(hostPort) || hostPort < 0 || hostPort > 65535) return `invalid containerPort: ${parts[parts.length - 1]}`;
    if (proto !== 'tcp' && proto !== 'udp') return `invalid proto: ${proto}`;
    out.push({ hostIp, hostPort, containerPort, proto });
  }
  return out;
}

/** The `docker run|create` flags this engine acts on; every other flag is refused by name, never ignored. */
const SIMULATED_RUN_FLAGS = new Set(['detach', 'interactive', 'tty', 'rm', 'publish', 'env', 'name', 'memory', 'cpus', 'entrypoint', 'hostname', 'user', 'workdir', 'quiet', 'help', 'pull', 'platform']);
/** Values that ask for the default, which is what the engine does anyway. */
const DEFAULT_VALUES: Record<string, string[]> = { network: ['bridge', 'default'], restart: ['no'] };
const LEFT_OUT: Record<string, string> = {
  volume: 'containers here have no volumes or bind mounts; COPY files into the image instead',
  mount: 'containers here have no volumes or bind mounts; COPY files into the image instead',
  'volumes-from': 'containers here have no volumes',
  network: 'every container is on the default bridge network; user-defined networks are not simulated',
  restart: 'restart policies are not simulated; start the container again with docker start',
};

/** Refuses, with the reason, a flag whose effect the simulation would otherwise silently drop. */
function unsimulatedFlag(p: Parsed): string | undefined {
  for (const k of [...Object.keys(p.values), ...Object.keys(p.lists)].sort()) {
    if (SIMULATED_RUN_FLAGS.has(k)) continue;
    const vals = p.lists[k] ?? [p.values[k]!];
    if (DEFAULT_VALUES[k] && vals.every((v) => DEFAULT_VALUES[k]!.includes(v))) continue;
    return `docker: '--${k}' is not available in this lab environment${LEFT_OUT[k] ? ` (${LEFT_OUT[k]})` : ''}\n`;
  }
  return undefined;
}

/** Builds the container from `docker run|create` flags; prints errors and returns a status on failure. */
async function createFrom(ctx: CommandContext, cmd: 'run' | 'create', p: Parsed): Promise<Container | number> {
  const world = ctx.world;
  const left = unsimulatedFlag(p);
  if (left) {
    ctx.stderr.write(left);
    return 125;
  }
  const [imageText, ...cmdArgs] = p.args;
  const memText = p.values.memory;
  const memory = memText ? parseBytes(memText) : 0;
  if (memory === undefined) return runError(ctx, cmd, `invalid argument "${memText}" for "-m, --memory" flag: invalid size: '${memText}'`);
  if (memory && memory < 6 * 1024 * 1024) return runError(ctx, cmd, 'Error response from daemon: Minimum memory limit allowed is 6MB.');
  const cpus = p.values.cpus ? Number(p.values.cpus) : 0;
  if (Number.isNaN(cpus) || cpus < 0) return runError(ctx, cmd, `invalid argument "${p.values.cpus}" for "--cpus" flag: failed to parse ${p.values.cpus} as a rational number`);
  if (cpus > 2) return runError(ctx, cmd, `Error response from daemon: range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available`);
  const ports = parsePorts(p.lists.publish ?? []);
  if (typeof ports === 'string') return runError(ctx, cmd, ports);
  const name = p.values.name;
  if (name !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return runError(ctx, cmd, `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.`);
  if (name) {
    const clash = findContainer(world, name);
    if (clash && clash.name === name) return runError(ctx, cmd, `Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  let image = findLocalImage(world, imageText!);
  if (!image) {
    if (!/^sha256:|^[0-9a-f]{12,64}$/.test(imageText!)) {
      const ref = imageText!.includes(':') || imageText!.includes('@') ? imageText! : `${imageText}:latest`;
      ctx.stderr.write(`Unable to find image '${ref}' locally\n`);
    }
    const pulled = pullImage(ctx, imageText!, 'run');
    if (typeof pulled === 'number') return pulled;
    image = pulled;
  }
  const env = [...image.config.Env];
  for (const e of p.lists.env ?? []) {
    const k = e.includes('=') ? e.slice(0, e.indexOf('=')) : e;
    const v = e.includes('=') ? e : `${e}=${ctx.proc.env[e] ?? ''}`;
    if (!e.includes('=') && ctx.proc.env[e] === undefined) continue;
    const i = env.findIndex((x) => x.startsWith(k + '='));
    if (i >= 0) env[i] = v;
    else env.push(v);
  }
  const entrypoint = p.values.entrypoint !== undefined ? (p.values.entrypoint ? [p.values.entrypoint] : []) : (image.config.Entrypoint ?? []);
  const command = cmdArgs.length ? cmdArgs : p.values.entrypoint !== undefined ? [] : (image.config.Cmd ?? []);
  const argv = [...entrypoint, ...command];
  if (argv.length === 0) return runError(ctx, cmd, 'Error response from daemon: no command specified', 125);
  const opts: CreateOptions = {
    name,
    imageRef: imageText!,
    image,
    path: argv[0]!,
    args: argv.slice(1),
    env: env.concat(flag(p, 'tty') ? ['TERM=xterm'] : []).concat(['HOSTNAME=']).filter((e) => e !== 'HOSTNAME='),
    workingDir: p.values.workdir ?? image.config.WorkingDir,
    user: p.values.user ?? image.config.User,
    tty: flag(p, 'tty'),
    openStdin: flag(p, 'interactive'),
    autoRemove: flag(p, 'rm'),
    ports,
    memory,
    nanoCpus: Math.round(cpus * 1e9),
    hostname: p.values.hostname,
  };
  return createContainer(world, opts);
}

/** Reads a file as the container sees it (for server configs and app sources). */
function containerReader(ctx: CommandContext, c: Container): (path: string) => string | undefined {
  return (path) => {
    const r = vfs.lookup(ctx.world.state.fs, { uid: 0, gid: 0, root: c.rootfs, cwd: c.rootfs, mntns: String(c.ns?.mnt ?? ctx.proc.ns.mnt) }, path);
    return r?.node.type === 'file' ? (r.node.data ?? '') : undefined;
  };
}

/**
 * Starts a created or exited container. `attach`: the CLI streams its output (docker run
 * without -d, docker start -a). Returns the exit status the CLI reports.
 */
export async function startContainer(ctx: CommandContext, c: Container, attach: boolean, cmd: 'run' | 'start'): Promise<number> {
  const world = ctx.world;
  const st = docker(world);
  for (const p of c.ports) {
    const clash = Object.values(st.containers).find((o) => o !== c && o.state.status === 'running' && o.ports.some((q) => q.hostPort === p.hostPort && q.proto === p.proto));
    if (clash) {
      const msg = `Error response from daemon: driver failed programming external connectivity on endpoint ${c.name} (${c.id}): Bind for ${p.hostIp || '0.0.0.0'}:${p.hostPort} failed: port is already allocated`;
      if (cmd === 'run') return runError(ctx, 'run', msg);
      ctx.stderr.write(`${msg}\nError: failed to start containers: ${c.name}\n`);
      return 1;
    }
  }
  const argv = [c.path, ...c.args];
  const viewer = { ...ctx.proc, ...containerProcFields(c) } as Process;
  const prog = effectiveArgv(argv)[0]!;
  const found = ctx.shell.findExecutable(argv[0]!, { ...viewer, env: viewer.env });
  if (typeof found === 'string') {
    const why = argv[0]!.includes('/') ? `stat ${argv[0]}: no such file or directory` : `exec: "${argv[0]}": executable file not found in $PATH`;
    c.state.exitCode = 127;
    c.state.error = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
    const msg = `Error response from daemon: ${c.state.error}`;
    if (cmd === 'run') {
      if (c.autoRemove) delete st.containers[c.id];
      return runError(ctx, 'run', msg, 127);
    }
    ctx.stderr.write(`${msg}\nError: failed to start containers: ${c.name}\n`);
    return 1;
  }
  const ns = prepareStart(world, c);
  void prog;
  const workload = workloadFor(world, c, argv, containerReader(ctx, c));
  if (workload) {
    const main = spawnMain(world, c, ns, argv);
    c.workload = workload;
    if (workload.kind === 'stress' && workload.memBytes) {
      // stress forks a vm worker that mallocs the bytes; past memory.max the kernel OOM-kills it.
      const worker = fork(world, main, { comm: 'stress', argv: main.argv });
      if (!allocate(world, worker, workload.memBytes)) {
        workload.at = world.now;
        workload.then = 'oom';
      }
    }
    world.reconcile();
    if (!attach) return 0;
    // Attached to a long-running process: stream what it printed, then follow it.
    for (const l of c.logs) (l.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(l.text + '\n');
    if (c.state.status !== 'running') return c.state.exitCode;
    if (!world.host.sleep) {
      ctx.stderr.write(`hatchway: ${c.name} keeps running in the foreground; a scripted run detaches here (use -d)\n`);
      return 0;
    }
    try {
      await waitUntil(world, () => c.state.status !== 'running', 24 * 3_600_000);
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      if (c.state.status === 'running') finish(world, c, 0);
      return 130;
    }
    return c.state.exitCode;
  }
  // A one-shot command (or an interactive shell with -it) runs through the shell now.
  const interactive = c.tty && c.openStdin && ctx.tty;
  const sink = {
    stdout: { write: (t: string) => { log(world, c, 'stdout', t); if (attach) ctx.stdout.write(t); } },
    stderr: { write: (t: string) => { log(world, c, c.tty ? 'stdout' : 'stderr', t); if (attach) ctx.stderr.write(t); } },
  };
  const fields = containerProcFields(c);
  const before = new Set(world.state.session.stack);
  const code = await ctx.shell.execProgram(
    argv,
    { stdin: c.openStdin ? ctx.stdin : '', stdout: sink.stdout, stderr: sink.stderr, tty: interactive, stdoutTty: interactive },
    { proc: { ...fields, ns: { ...ns } } },
    ctx.proc,
  );
  const top = world.state.session.stack[world.state.session.stack.length - 1];
  if (interactive && top !== undefined && !before.has(top)) {
    // The container's shell is now the terminal's foreground; the engine notices when it exits.
    c.state.pid = top;
    return 0;
  }
  finish(world, c, code);
  return code;
}

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseOrFail(ctx, 'run', args, { min: 1 }, false);
  if (typeof p === 'number') return p;
  const detach = flag(p, 'detach');
  if (detach && flag(p, 'rm') === false && false) return 0;
  const c = await createFrom(ctx, 'run', p);
  if (typeof c === 'number') return c;
  if (detach) {
    const code = await startContainer(ctx, c, false, 'run');
    if (code === 125 || code === 127) return code;
    ctx.stdout.write(c.id + '\n');
    return 0;
  }
  return startContainer(ctx, c, true, 'run');
}

export async function create(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseOrFail(ctx, 'run', args, { min: 1 }, false);
  if (typeof p === 'number') return p;
  const c = await createFrom(ctx, 'create', p);
  if (typeof c === 'number') return c;
  ctx.stdout.write(c.id + '\n');
  return 0;
}

export async function start(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseOrFail(ctx, 'start', args, { min: 1 });
  if (typeof p === 'number') return p;
  let status = 0;
  const failed: string[] = [];
  for (const key of p.args) {
    const c = findContainer(ctx.world, key);
    if (!c) {
      ctx.stderr.write(`Error response from daemon: No such container: ${key}\n`);
      failed.push(key);
      continue;
    }
    if (c.state.status === 'running') {
      ctx.stdout.write(key + '\n');
      continue;
    }
    const code = await startContainer(ctx, c, flag(p, 'attach'), 'start');
    if (flag(p, 'attach')) status = code;
    else if (code !== 0) status = 1;
    else ctx.stdout.write(key + '\n');
  }
  if (failed.length) {
    ctx.stderr.write(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return status;
}
