/** The JSON `docker container inspect` prints, in the daemon's field order. */
import type { World } from '../world.ts';
import { dockerTime } from './images.ts';
import type { Container } from './state.ts';

const ZERO = '0001-01-01T00:00:00Z';

export function statusText(c: Container): string {
  return c.state.status;
}

function portMap(c: Container): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const out: Record<string, { HostIp: string; HostPort: string }[] | null> = Object.create(null);
  for (const e of c.exposed) out[e] = null;
  for (const p of c.ports) {
    const key = `${p.containerPort}/${p.proto}`;
    (out[key] ??= []).push({ HostIp: p.hostIp || '0.0.0.0', HostPort: String(p.hostPort) }, ...(p.hostIp ? [] : [{ HostIp: '::', HostPort: String(p.hostPort) }]));
  }
  return out;
}

export function containerInspect(world: World, c: Container): Record<string, unknown> {
  const running = c.state.status === 'running';
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = Object.create(null);
  for (const p of c.ports) (bindings[`${p.containerPort}/${p.proto}`] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  return {
    Id: c.id,
    Created: dockerTime(world, c.created),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.state.status,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: c.state.oomKilled,
      Dead: false,
      Pid: c.state.pid,
      ExitCode: c.state.exitCode,
      Error: c.state.error,
      StartedAt: c.state.startedAt !== undefined ? dockerTime(world, c.state.startedAt) : ZERO,
      FinishedAt: c.state.finishedAt !== undefined ? dockerTime(world, c.state.finishedAt) : ZERO,
    },
    Image: c.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.state.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: 'bridge',
      PortBindings: bindings,
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      AutoRemove: c.autoRemove,
      CgroupnsMode: 'private',
      Memory: c.memory,
      MemorySwap: c.memory ? c.memory * 2 : 0,
      NanoCpus: c.nanoCpus,
      CpuShares: 0,
      CpuPeriod: 0,
      CpuQuota: 0,
      PidsLimit: null,
      Privileged: false,
      ReadonlyRootfs: false,
    },
    GraphDriver: {
      Data: {
        MergedDir: `/var/lib/docker/overlay2/${c.id}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${c.id}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${c.id}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: [],
    Config: {
      Hostname: c.hostname,
      Domainname: '',
      User: c.user,
      AttachStdin: c.openStdin,
      AttachStdout: true,
      AttachStderr: true,
      ...(c.exposed.length ? { ExposedPorts: Object.fromEntries(c.exposed.map((e) => [e, {}])) } : {}),
      Tty: c.tty,
      OpenStdin: c.openStdin,
      StdinOnce: c.openStdin,
      Env: c.env,
      Cmd: c.args.length || c.path ? [c.path, ...c.args] : null,
      Image: c.imageRef,
      Volumes: null,
      WorkingDir: c.workingDir,
      Entrypoint: null,
      OnBuild: null,
      Labels: c.labels,
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? c.id.split('').reverse().join('') : '',
      SandboxKey: running ? `/var/run/docker/netns/${c.id.slice(0, 12)}` : '',
      Ports: running ? portMap(c) : {},
      Gateway: running ? '172.17.0.1' : '',
      IPAddress: c.ip,
      IPPrefixLen: running ? 16 : 0,
      MacAddress: c.mac,
      Networks: {
        bridge: {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          MacAddress: c.mac,
          DriverOpts: null,
          GwPriority: 0,
          NetworkID: 'f4c5b0a8e2d1c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a',
          EndpointID: running ? c.id.slice(32) + c.id.slice(0, 32) : '',
          Gateway: running ? '172.17.0.1' : '',
          IPAddress: c.ip,
          IPPrefixLen: running ? 16 : 0,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          DNSNames: null,
        },
      },
    },
  };
}
