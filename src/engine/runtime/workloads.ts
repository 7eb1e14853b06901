/**
 * What a container's main process does. The engine cannot run nginx or stress, so each
 * known program is modelled: servers listen on ports and write their real startup logs,
 * stress allocates memory and meets the cgroup's memory.max, sleep ends on the virtual clock.
 * Anything else runs once through the shell and exits with its status.
 */
import { clockDate } from '../clock.ts';
import { parseDuration } from '../clock.ts';
import type { World } from '../world.ts';
import { log } from './containers.ts';
import { parseBytes } from './format.ts';
import type { Container, Workload } from './state.ts';

function nginxTime(world: World): string {
  const d = clockDate(world.state.clock);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function redisTime(world: World): string {
  const d = clockDate(world.state.clock);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** The program that really runs: entrypoint wrappers that `exec "$@"` are skipped. */
export function effectiveArgv(argv: string[]): string[] {
  const first = (argv[0] ?? '').split('/').pop();
  if ((first === 'docker-entrypoint.sh' || first === 'entrypoint.sh') && argv.length > 1) return argv.slice(1);
  return argv;
}

/** Reads the port nginx listens on from its default server config (the learner may COPY their own). */
function nginxPort(readFile: (p: string) => string | undefined): number {
  const conf = readFile('/etc/nginx/conf.d/default.conf') ?? '';
  const m = /listen\s+(\d+)/.exec(conf);
  return m ? Number(m[1]) : 80;
}

function nginxRoot(readFile: (p: string) => string | undefined): string {
  const conf = readFile('/etc/nginx/conf.d/default.conf') ?? '';
  const m = /root\s+([^;\s]+)/.exec(conf);
  return m ? m[1]! : '/usr/share/nginx/html';
}

/**
 * Decides the workload for a start. Returns undefined when the command is a one-shot that
 * should run through the shell now.
 */
export function workloadFor(world: World, c: Container, argv: string[], readFile: (p: string) => string | undefined): Workload | undefined {
  const a = effectiveArgv(argv);
  const prog = (a[0] ?? '').split('/').pop() ?? '';
  const joined = a.join(' ');
  switch (prog) {
    case 'nginx': {
      const port = nginxPort(readFile);
      const t = nginxTime(world);
      if (argv[0]?.endsWith('docker-entrypoint.sh')) {
        log(world, c, 'stdout', '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up');
      }
      log(world, c, 'stderr', `${t} [notice] 1#1: using the "epoll" event method\n${t} [notice] 1#1: nginx/1.27.3\n${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)\n${t} [notice] 1#1: OS: Linux 6.8.0-85-generic\n${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n${t} [notice] 1#1: start worker processes\n${t} [notice] 1#1: start worker process 29`);
      return { kind: 'server', server: 'nginx', listens: [port], docroot: nginxRoot(readFile) };
    }
    case 'httpd-foreground':
    case 'httpd':
      log(world, c, 'stderr', `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.ip}. Set the 'ServerName' directive globally to suppress this message\n[${new Date(world.state.clock.epoch + world.now).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4')}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`);
      return { kind: 'server', server: 'httpd', listens: [80], docroot: '/usr/local/apache2/htdocs' };
    case 'redis-server': {
      const t = redisTime(world);
      log(world, c, 'stdout', `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n1:C ${t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started\n1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n1:M ${t} * monotonic clock: POSIX clock_gettime\n1:M ${t} * Running mode=standalone, port=6379.\n1:M ${t} * Server initialized\n1:M ${t} * Ready to accept connections tcp`);
      return { kind: 'server', server: 'redis', listens: [6379] };
    }
    case 'registry':
      log(world, c, 'stderr', `time="${new Date(world.state.clock.epoch + world.now).toISOString().replace(/\.\d+Z$/, 'Z')}" level=info msg="listening on [::]:5000" go.version=go1.22.7 instance.id=00000000-0000-4000-8000-000000000000 service=registry version=2.8.3`);
      return { kind: 'server', server: 'registry', listens: [5000] };
    case 'python3':
    case 'python':
      if (a[1] === '-m' && a[2] === 'http.server') {
        const port = Number(a[3] ?? 8000) || 8000;
        return { kind: 'server', server: 'python', listens: [port], docroot: c.workingDir || '/' };
      }
      return undefined;
    case 'node': {
      const src = a[1] ? readFile(a[1].startsWith('/') ? a[1] : `${c.workingDir || '/'}/${a[1]}`.replace(/\/+/g, '/')) : undefined;
      const m = src ? /listen\(\s*(?:process\.env\.PORT\s*\|\|\s*)?(\d+)/.exec(src) : null;
      if (m) {
        const msg = src ? /console\.log\((['"`])(.*?)\1\)/.exec(src) : null;
        if (msg) log(world, c, 'stdout', msg[2]!.replace(/\$\{[^}]*\}/g, m[1]!));
        return { kind: 'server', server: 'node', listens: [Number(m[1])], docroot: c.workingDir || '/' };
      }
      return undefined;
    }
    case 'stress':
      return stressWorkload(world, c, a);
    case 'sleep': {
      if (a[1] === 'infinity') return { kind: 'sleep' };
      const ms = a[1] ? parseDuration(a[1]) : undefined;
      return ms === undefined ? undefined : { kind: 'sleep', at: world.now + ms, then: 'exit0' };
    }
    case 'tail':
      return a.includes('-f') ? { kind: 'idle' } : undefined;
  }
  // `sh -c "while true; ...; done"` and friends keep running; the simulation does not loop them.
  if ((prog === 'sh' || prog === 'bash') && /while\s+(true|:)|sleep\s+infinity|tail\s+-f/.test(joined)) return { kind: 'idle' };
  return undefined;
}

/** stress --vm N --vm-bytes SIZE [--timeout T]: memory beyond memory.max is OOM-killed at once. */
function stressWorkload(world: World, c: Container, a: string[]): Workload {
  let vm = 0;
  let vmBytes = 256 * 1024 * 1024;
  let cpu = 0;
  let timeout: number | undefined;
  for (let i = 1; i < a.length; i++) {
    const v = a[i + 1];
    if (a[i] === '--vm' || a[i] === '-m') vm = Number(v), i++;
    else if (a[i] === '--vm-bytes') vmBytes = parseBytes(v ?? '') ?? vmBytes, i++;
    else if (a[i] === '--cpu' || a[i] === '-c') cpu = Number(v), i++;
    else if (a[i] === '--timeout' || a[i] === '-t') timeout = parseDuration(v ?? ''), i++;
  }
  log(world, c, 'stdout', `stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd`);
  const want = vm * vmBytes;
  // Whether this fits is the kernel's call: run.ts charges the worker to the container's cgroup.
  return { kind: 'stress', memBytes: want, at: timeout !== undefined ? world.now + timeout : undefined, then: 'exit0' };
}
