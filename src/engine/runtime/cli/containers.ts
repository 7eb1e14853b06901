/** docker ps, stop, kill, rm, logs, exec, port: the life of containers after they start. */
import type { Process } from '../../kernel/process.ts';
import type { CommandContext } from '../../shell/types.ts';
import { wait } from '../../time.ts';
import { containerProcFields, finish, findContainer, removeContainer } from '../containers.ts';
import { dockerTime, goTimeString } from '../images.ts';
import { ellipsis, goQuote, humanDuration } from '../format.ts';
import { docker, type Container } from '../state.ts';
import { writeList, type ListFormatter } from './list-format.ts';
import { daemonError, parseOrFail } from './common.ts';
import { flag } from './flags.ts';

export function portsText(c: Container): string {
  if (c.state.status !== 'running') return '';
  const parts: string[] = [];
  const published = new Set<string>();
  for (const p of [...c.ports].sort((a, b) => a.containerPort - b.containerPort)) {
    published.add(`${p.containerPort}/${p.proto}`);
    parts.push(`${p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.proto}`);
    if (!p.hostIp) parts.push(`[::]:${p.hostPort}->${p.containerPort}/${p.proto}`);
  }
  for (const e of c.exposed) if (!published.has(e)) parts.push(e);
  return parts.join(', ');
}

export function statusLine(now: number, c: Container): string {
  switch (c.state.status) {
    case 'running':
      return `Up ${humanDuration(now - (c.state.startedAt ?? now))}`;
    case 'exited':
      return `Exited (${c.state.exitCode}) ${humanDuration(now - (c.state.finishedAt ?? now))} ago`;
    case 'created':
      return 'Created';
    default:
      return c.state.status;
  }
}

function commandText(c: Container): string {
  return [c.path, ...c.args].join(' ');
}

export function ps(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'ps', args, { max: 0 });
  if (typeof p === 'number') return p;
  const world = ctx.world;
  const now = world.now;
  let list = Object.values(docker(world).containers).sort((a, b) => b.created - a.created);
  if (!flag(p, 'all') && !flag(p, 'latest') && p.values.last === undefined) list = list.filter((c) => c.state.status === 'running');
  if (flag(p, 'latest')) list = list.slice(0, 1);
  if (p.values.last !== undefined && Number(p.values.last) >= 0) list = list.slice(0, Number(p.values.last));
  for (const f of p.lists.filter ?? []) {
    const [k, v = ''] = f.split('=', 2) as [string, string | undefined];
    if (k === 'status') list = list.filter((c) => c.state.status === v);
    else if (k === 'name') list = list.filter((c) => c.name.includes(v));
    else if (k === 'ancestor') list = list.filter((c) => c.imageRef === v || c.imageRef.split(':')[0] === v);
    else if (k === 'id') list = list.filter((c) => c.id.startsWith(v));
    else {
      ctx.stderr.write(`Error response from daemon: invalid filter '${k}'\n`);
      return 1;
    }
  }
  const trunc = !flag(p, 'no-trunc');
  if (flag(p, 'quiet')) {
    for (const c of list) ctx.stdout.write((trunc ? c.id.slice(0, 12) : c.id) + '\n');
    return 0;
  }
  // The fields of docker/cli's ContainerContext (28.x).
  const rowOf = (c: Container) => ({
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: c.imageRef,
    Command: goQuote(trunc ? ellipsis(commandText(c), 20) : commandText(c)),
    CreatedAt: goTimeString(world, c.created),
    RunningFor: `${humanDuration(now - c.created)} ago`,
    Ports: portsText(c),
    State: c.state.status,
    Status: statusLine(now, c),
    Names: c.name,
    Size: '0B',
    Labels: Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).sort().join(','),
    Mounts: '',
    LocalVolumes: '0',
    Networks: 'bridge',
    Platform: null,
  });
  const withSize = flag(p, 'size') ? '\t{{.Size}}' : '';
  return writeList(ctx, p.values.format, { ...PS_FORMAT, defaultTable: PS_FORMAT.defaultTable + withSize }, list.map(rowOf));
}

const PS_FORMAT: ListFormatter = {
  defaultTable: 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}',
  headers: { ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS', Mounts: 'MOUNTS', LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM' },
  contextType: '*formatter.ContainerContext',
  errors: { parse: 'failed to parse template', execute: 'failed to execute template' },
  checksWholeFormat: true,
};

/** Whether the main process handles the stop signal (servers do; a bare PID 1 ignores SIGTERM). */
function handlesStop(c: Container): boolean {
  return c.workload?.kind === 'server' && ['nginx', 'httpd', 'redis', 'registry'].includes(c.workload.server ?? '');
}

export async function stop(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseOrFail(ctx, 'stop', args, { min: 1 });
  if (typeof p === 'number') return p;
  const timeout = p.values.timeout !== undefined ? Number(p.values.timeout) : 10;
  let status = 0;
  for (const key of p.args) {
    const c = findContainer(ctx.world, key);
    if (!c) {
      status = daemonError(ctx, `No such container: ${key}`);
      continue;
    }
    if (c.state.status === 'running') {
      if (handlesStop(c) || c.state.pid === 0) finish(ctx.world, c, 0);
      else {
        // PID 1 without a SIGTERM handler ignores it: docker waits, then sends SIGKILL.
        await wait(ctx.world, timeout * 1000);
        if (c.state.status === 'running') finish(ctx.world, c, 137);
      }
    }
    ctx.stdout.write(key + '\n');
  }
  return status;
}

export function kill(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'kill', args, { min: 1 });
  if (typeof p === 'number') return p;
  let status = 0;
  for (const key of p.args) {
    const c = findContainer(ctx.world, key);
    if (!c) {
      status = daemonError(ctx, `No such container: ${key}`);
      continue;
    }
    if (c.state.status !== 'running') {
      status = daemonError(ctx, `cannot kill container: ${key}: container ${c.id} is not running`);
      continue;
    }
    finish(ctx.world, c, 137);
    ctx.stdout.write(key + '\n');
  }
  return status;
}

export function rm(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'rm', args, { min: 1 });
  if (typeof p === 'number') return p;
  let status = 0;
  for (const key of p.args) {
    const c = findContainer(ctx.world, key);
    if (!c) {
      status = daemonError(ctx, `No such container: ${key}`);
      continue;
    }
    if (c.state.status === 'running') {
      if (!flag(p, 'force')) {
        status = daemonError(ctx, `cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
        continue;
      }
      c.autoRemove = false;
      finish(ctx.world, c, 137);
    }
    removeContainer(ctx.world, c);
    ctx.stdout.write(key + '\n');
  }
  return status;
}

export function logs(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'logs', args, { exactly: 1 });
  if (typeof p === 'number') return p;
  const c = findContainer(ctx.world, p.args[0]!);
  if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
  let lines = c.logs;
  const tail = p.values.tail;
  if (tail !== undefined && tail !== 'all') lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  for (const l of lines) {
    const ts = flag(p, 'timestamps') ? `${dockerTime(ctx.world, l.at).replace(/(\.\d+)?Z$/, (_m, frac: string | undefined) => `${(frac ?? '.').padEnd(10, '0')}Z`)} ` : '';
    (l.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${ts}${l.text}\n`);
  }
  return 0;
}

export async function exec(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseOrFail(ctx, 'exec', args, { min: 2 }, false);
  if (typeof p === 'number') return p;
  const [key, ...argv] = p.args;
  const c = findContainer(ctx.world, key!);
  if (!c) return daemonError(ctx, `No such container: ${key}`);
  if (c.state.status !== 'running' || !c.ns) return daemonError(ctx, `container ${c.id} is not running`);
  const fields = containerProcFields(c);
  if (p.values.user) fields.uid = fields.gid = p.values.user === 'root' || p.values.user === '0' ? 0 : 1000;
  if (p.values.workdir) fields.cwd = c.rootfs + p.values.workdir;
  const env = { ...fields.env };
  for (const e of p.lists.env ?? []) if (e.includes('=')) env[e.slice(0, e.indexOf('='))] = e.slice(e.indexOf('=') + 1);
  const viewer = { ...ctx.proc, ...fields, env } as Process;
  if (typeof ctx.shell.findExecutable(argv[0]!, viewer) === 'string') {
    ctx.stderr.write(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`);
    return 127;
  }
  const interactive = flag(p, 'interactive') && flag(p, 'tty') && ctx.tty;
  return ctx.shell.execProgram(argv, { stdin: flag(p, 'interactive') ? ctx.stdin : '', stdout: ctx.stdout, stderr: ctx.stderr, tty: interactive, stdoutTty: interactive }, { proc: { ...fields, env, ns: { ...c.ns } } }, ctx.proc);
}

export function port(ctx: CommandContext, args: string[]): number {
  const p = parseOrFail(ctx, 'port', args, { min: 1, max: 2 });
  if (typeof p === 'number') return p;
  const c = findContainer(ctx.world, p.args[0]!);
  if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
  if (c.state.status !== 'running') return 0;
  for (const b of c.ports) {
    ctx.stdout.write(`${b.containerPort}/${b.proto} -> ${b.hostIp || '0.0.0.0'}:${b.hostPort}\n`);
    if (!b.hostIp) ctx.stdout.write(`${b.containerPort}/${b.proto} -> [::]:${b.hostPort}\n`);
  }
  return 0;
}
