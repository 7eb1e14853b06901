/**
 * Programs that exist only inside images (nginx, stress, redis-server…). As a container's
 * main process they are modelled by workloads.ts; run by hand (`docker exec web nginx -v`)
 * they answer the common informational flags and say plainly what is not simulated.
 */
import { Shell } from '../shell/interpreter.ts';
import { getProgram } from '../shell/registry.ts';
import type { CommandContext, Program } from '../shell/types.ts';
import { apk, aptGet } from './packages.ts';

function tool(name: string, version: string, path?: string, onVersion: 'stdout' | 'stderr' = 'stdout'): Program {
  return {
    name,
    summary: `${name} (inside images)`,
    path,
    run(ctx: CommandContext) {
      const a = ctx.args[0];
      if (a === '-v' || a === '-V' || a === '--version' || a === 'version') {
        (onVersion === 'stdout' ? ctx.stdout : ctx.stderr).write(version + '\n');
        return 0;
      }
      ctx.stderr.write(`hatchway: running ${name} by hand is not available in this lab environment; it runs as a container's main process\n`);
      return 1;
    },
  };
}

/** Fallback `stress` for worlds without the kernel's own (shell/commands/workloads.ts registers the real one later and wins). */
export const stress: Program = {
  name: 'stress',
  summary: 'impose load on and stress test a computer system',
  run(ctx) {
    if (ctx.args.length === 0 || ctx.args[0] === '--help') {
      ctx.stdout.write("`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n -?, --help         show this help statement\n     --version      show version statement\n -v, --verbose      be verbose\n -q, --quiet        be quiet\n -n, --dry-run      show what would have been done\n -t, --timeout N    timeout after N seconds\n     --backoff N    wait factor of N microseconds before work starts\n -c, --cpu N        spawn N workers spinning on sqrt()\n -i, --io N         spawn N workers spinning on sync()\n -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n");
      return ctx.args.length === 0 ? 1 : 0;
    }
    if (ctx.args[0] === '--version') {
      ctx.stdout.write('stress 1.0.4\n');
      return 0;
    }
    ctx.stderr.write('hatchway: run stress as a container (docker run ... polinux/stress stress ...) so its memory meets a cgroup limit\n');
    return 1;
  },
};

export const IMAGE_PROGRAMS: readonly Program[] = [
  apk,
  {
    name: 'busybox',
    summary: 'multi-call binary',
    path: '/bin/busybox',
    run: (ctx) => busybox.run(ctx),
  },
  aptGet,
  tool('nginx', 'nginx version: nginx/1.27.3', '/usr/sbin/nginx', 'stderr'),
  tool('httpd', 'Server version: Apache/2.4.62 (Unix)'),
  tool('redis-server', 'Redis server v=7.4.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=0000000000000000'),
  tool('redis-cli', 'redis-cli 7.4.1'),
  tool('python3', 'Python 3.12.7'),
  tool('pip', 'pip 24.2 from /usr/local/lib/python3.12/site-packages/pip (python 3.12)'),
  tool('node', 'v22.11.0'),
  tool('npm', '10.9.0'),
];

/** Shell builtins a real image also has as files (`/bin/echo`): run them as the shell would. */
const APPLET_BUILTINS = new Set(['echo', 'printf', 'test', '[', 'pwd', 'true', 'false']);

/**
 * BusyBox's multi-call binary: the applet is the name it was run as. Applets the engine
 * implements run directly; builtins run through a shell on the same process.
 */
export const busybox: Program = {
  name: 'busybox',
  summary: 'multi-call binary',
  path: '/bin/busybox',
  async run(ctx) {
    const applet = (ctx.argv[0] ?? '').split('/').pop() ?? '';
    if (applet === 'busybox') {
      if (ctx.args.length === 0) {
        ctx.stdout.write('BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n');
        return 0;
      }
      return busybox.run({ ...ctx, argv: ctx.args, args: ctx.args.slice(1) });
    }
    const impl = applet !== 'busybox' ? getProgram(applet) : undefined;
    if (impl && impl !== busybox) return impl.run(ctx);
    if (APPLET_BUILTINS.has(applet)) {
      const sh = new Shell(ctx.world, ctx.proc.pid, ctx.shell.depth + 1);
      const line = ctx.argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      return sh.run(line.replace(/^'[^']*'/, applet === '[' ? "'['" : applet), { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: false, stdoutTty: ctx.stdoutTty });
    }
    ctx.stderr.write(`${applet}: applet not found\n`);
    return 127;
  },
};
