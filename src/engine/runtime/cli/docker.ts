/** The docker CLI (Docker 28 client): dispatch to subcommands, top-level help and errors. */
import type { CommandContext, Program } from '../../shell/types.ts';
import { buildCmd } from './build-cmd.ts';
import { exec, kill, logs, port, ps, rm, stop } from './containers.ts';
import { DOCKER_HELP } from './help.generated.ts';
import { history, images, inspect, rmi, systemDf, tag } from './images-cmds.ts';
import { login, logout, pull, push } from './registry-cmds.ts';
import { create, run, start } from './run.ts';

type Handler = (ctx: CommandContext, args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Handler> = {
  run,
  create,
  start,
  stop,
  kill,
  rm,
  ps,
  logs,
  exec,
  port,
  images,
  history,
  inspect: (ctx, a) => inspect(ctx, a),
  tag,
  rmi,
  build: buildCmd,
  pull,
  push,
  login,
  logout,
  restart: async (ctx, a) => {
    const s = await stop(ctx, a.filter((x) => x.startsWith('-')).concat(a.filter((x) => !x.startsWith('-'))));
    if (s !== 0) return s;
    return 0;
  },
};

/** `docker image ls`, `docker container ls` and friends map onto the short forms. */
const GROUPS: Record<string, Record<string, string>> = {
  image: { ls: 'images', list: 'images', build: 'build', history: 'history', inspect: 'image inspect', pull: 'pull', push: 'push', rm: 'rmi', remove: 'rmi', tag: 'tag' },
  container: { ls: 'ps', list: 'ps', ps: 'ps', run: 'run', create: 'create', start: 'start', stop: 'stop', kill: 'kill', rm: 'rm', remove: 'rm', logs: 'logs', exec: 'exec', inspect: 'container inspect', port: 'port', restart: 'restart' },
  system: { df: 'system df' },
  builder: { build: 'build' },
  buildx: { build: 'build', b: 'build' },
};

const UNSIMULATED = new Set(['attach', 'commit', 'cp', 'diff', 'events', 'export', 'import', 'info', 'load', 'pause', 'unpause', 'rename', 'save', 'search', 'stats', 'top', 'update', 'wait', 'network', 'volume', 'compose', 'swarm', 'service', 'stack', 'node', 'secret', 'config', 'context', 'manifest', 'plugin', 'trust', 'checkpoint', 'scout', 'init', 'debug']);

async function dispatch(ctx: CommandContext, name: string, args: string[]): Promise<number> {
  if (name === 'image inspect') return inspect(ctx, args, 'image');
  if (name === 'container inspect') return inspect(ctx, args, 'container');
  if (name === 'system df') return systemDf(ctx, args);
  const h = COMMANDS[name];
  return h ? h(ctx, args) : 1;
}

export const dockerProgram: Program = {
  name: 'docker',
  summary: 'Docker container engine client',
  async run(ctx) {
    const args = [...ctx.args];
    // Global options before the command.
    while (args[0] === '-D' || args[0] === '--debug' || args[0] === '-l' || args[0] === '--log-level') {
      if (args[0] === '-l' || args[0] === '--log-level') args.shift();
      args.shift();
    }
    const first = args[0];
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      ctx.stdout.write(DOCKER_HELP['']!);
      return 0;
    }
    if (first === '--version' || first === '-v') {
      ctx.stdout.write('Docker version 28.2.2, build e6534b4\n');
      return 0;
    }
    if (first === 'version') {
      ctx.stdout.write('Client: Docker Engine - Community\n Version:           28.2.2\n API version:       1.50\n Go version:        go1.24.3\n Git commit:        e6534b4\n Built:             Fri May 30 12:07:27 2025\n OS/Arch:           linux/amd64\n Context:           default\n\nServer: Docker Engine - Community\n Engine:\n  Version:          28.2.2\n  API version:      1.50 (minimum version 1.24)\n  Go version:       go1.24.3\n  Git commit:       45873be\n  Built:            Fri May 30 12:07:27 2025\n  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n  Version:          1.7.27\n runc:\n  Version:          1.2.5\n');
      return 0;
    }
    if (first.startsWith('-')) {
      ctx.stderr.write(`unknown flag: ${first.split('=')[0]}\nSee 'docker --help'.\n\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n`);
      return 125;
    }
    const group = GROUPS[first];
    if (group) {
      const sub = args[1];
      if (sub === undefined || sub === '--help') {
        // Without a subcommand the group's usage goes to stderr (exit 0); --help prints it to stdout.
        const text = DOCKER_HELP[first];
        if (text) (sub === undefined ? ctx.stderr : ctx.stdout).write(text.startsWith('\n') ? text.slice(1) : text);
        return 0;
      }
      const target = group[sub];
      if (!target) {
        if (DOCKER_HELP[first] && !sub.startsWith('-')) {
          ctx.stderr.write(`docker: unknown command: docker ${first} ${sub}\n\nRun 'docker ${first} --help' for more information\n`);
          return 1;
        }
        ctx.stderr.write(`unknown flag: ${sub}\nSee 'docker ${first} --help'.\n`);
        return 125;
      }
      return dispatch(ctx, target, args.slice(2));
    }
    if (COMMANDS[first]) return dispatch(ctx, first, args.slice(1));
    if (UNSIMULATED.has(first)) {
      ctx.stderr.write(`docker: '${first}' is not available in this lab environment\n`);
      return 1;
    }
    ctx.stderr.write(`docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`);
    return 1;
  },
};
