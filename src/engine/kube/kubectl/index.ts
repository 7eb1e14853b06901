/** kubectl: global flags, subcommand dispatch, `--help`, and kubectl's texts for unknown commands. */
import { isSysError } from '../../kernel/errors.ts';
import type { CommandContext, Program } from '../../shell/types.ts';
import { apply, APPLY_FLAGS, del, DELETE_FLAGS } from './apply.ts';
import { attach, ATTACH_FLAGS } from './attach.ts';
import { makeK, type K } from './context.ts';
import { create, expose, EXPOSE_FLAGS, run, RUN_FLAGS } from './create.ts';
import { describe, DESCRIBE_FLAGS } from './describe.ts';
import { flagBool, parseFlags, type FlagSpec } from './flags.ts';
import { get, GET_FLAGS } from './get.ts';
import { explain, EXPLAIN_FLAGS } from './explain.ts';
import { apiResources, auth, clusterInfo, config, version } from './misc.ts';
import { cordon, drain, DRAIN_FLAGS, taint, TAINT_FLAGS, top, TOP_FLAGS } from './nodes.ts';
import { logs, LOGS_FLAGS } from './logs.ts';
import { exec, EXEC_FLAGS } from './pods.ts';
import { labelOrAnnotate, LABEL_FLAGS, rollout, scale, SCALE_FLAGS, set, waitCmd, WAIT_FLAGS } from './workloads.ts';

type Handler = { flags?: FlagSpec; raw?: boolean; run: (k: K, args: string[]) => number | Promise<number> };

const NOT_HERE = new Set(['port-forward', 'proxy', 'cp', 'edit', 'debug', 'patch', 'replace', 'autoscale', 'certificate', 'kustomize', 'plugin', 'diff', 'events']);

const COMMANDS: Record<string, Handler> = {
  get: { flags: GET_FLAGS, run: (k) => get(k) },
  describe: { flags: DESCRIBE_FLAGS, run: (k) => describe(k) },
  apply: { flags: APPLY_FLAGS, run: (k) => apply(k) },
  delete: { flags: DELETE_FLAGS, run: (k) => del(k) },
  create: { raw: true, run: (k, args) => create(k, args) },
  run: { flags: RUN_FLAGS, run: (k) => run(k) },
  expose: { flags: EXPOSE_FLAGS, run: (k) => expose(k) },
  scale: { flags: SCALE_FLAGS, run: (k) => scale(k) },
  set: { raw: true, run: (k, args) => set(k, args) },
  rollout: { raw: true, run: (k, args) => rollout(k, args) },
  logs: { flags: LOGS_FLAGS, run: (k) => logs(k) },
  exec: { flags: EXEC_FLAGS, run: (k) => exec(k) },
  attach: { flags: ATTACH_FLAGS, run: (k) => attach(k) },
  label: { flags: LABEL_FLAGS, run: (k) => labelOrAnnotate(k, 'label') },
  annotate: { flags: LABEL_FLAGS, run: (k) => labelOrAnnotate(k, 'annotate') },
  cordon: { flags: { values: ['selector', 'dry-run'], short: { l: 'selector' } }, run: (k) => cordon(k, true) },
  uncordon: { flags: { values: ['selector', 'dry-run'], short: { l: 'selector' } }, run: (k) => cordon(k, false) },
  drain: { flags: DRAIN_FLAGS, run: (k) => drain(k) },
  taint: { flags: TAINT_FLAGS, run: (k) => taint(k) },
  top: { flags: TOP_FLAGS, run: (k) => top(k, k.f.positional) },
  explain: { flags: EXPLAIN_FLAGS, run: (k) => explain(k) },
  'api-resources': { flags: { bools: ['namespaced', 'no-headers', 'cached'], values: ['api-group', 'output', 'sort-by', 'categories'], multi: ['verbs'], short: { o: 'output' } }, run: (k) => apiResources(k) },
  wait: { flags: WAIT_FLAGS, run: (k) => waitCmd(k) },
  auth: { raw: true, run: (k, args) => auth(k, args) },
  version: { flags: { bools: ['client'], values: ['output'], short: { o: 'output' } }, run: (k) => version(k) },
  'cluster-info': { flags: {}, run: (k) => clusterInfo(k) },
};

/** Splits global flags that may come before the subcommand (`kubectl -n x get pods`). */
function leadingGlobals(args: string[]): { globals: string[]; rest: string[] } {
  const globals: string[] = [];
  let i = 0;
  const withValue = new Set(['-n', '--namespace', '--context', '--as', '--as-group', '--kubeconfig', '-v', '--v', '--cluster', '--user', '--request-timeout', '-s', '--server', '--token']);
  while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--help' && args[i] !== '-h') {
    const a = args[i]!;
    globals.push(a);
    if (withValue.has(a)) globals.push(args[++i] ?? '');
    i++;
  }
  return { globals, rest: args.slice(i) };
}

/** kubectl's recorded --help texts (about 80 KB) load only when someone asks for help. */
async function helpTexts(): Promise<Record<string, string>> {
  return (await import('./help.ts')).HELP;
}

async function runKubectl(ctx: CommandContext): Promise<number> {
  const { globals, rest } = leadingGlobals(ctx.args);
  const [sub, ...args0] = rest;
  const args = [...args0, ...globals];
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.stdout.write((await helpTexts()).kubectl!);
    return 0;
  }
  if (sub === 'options') {
    ctx.stdout.write((await helpTexts()).options ?? '');
    return 0;
  }
  if (sub === 'config') return config(ctx, args);
  if (NOT_HERE.has(sub)) {
    ctx.stderr.write(`kubectl: '${sub}' is not available in this lab environment\n`);
    return 1;
  }
  const h = COMMANDS[sub];
  if (!h) {
    ctx.stderr.write(`error: unknown command "${sub}" for "kubectl"\n`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    const key = h.raw && args[0] && !args[0].startsWith('-') ? `${sub} ${args[0]}` : sub;
    const HELP = await helpTexts();
    ctx.stdout.write(HELP[key] ?? HELP[sub] ?? `Usage:\n  kubectl ${sub} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`);
    return 0;
  }
  // Raw subcommands parse their own flags; only global ones are taken here.
  const f = h.raw ? parseFlags(`kubectl ${sub}`, globals, {}) : parseFlags(`kubectl ${sub}`, args, h.flags ?? {});
  if ('error' in f) {
    ctx.stderr.write(f.error + '\n');
    return 1;
  }
  const k = makeK(ctx, f, `kubectl ${sub}`);
  if ('error' in k) {
    ctx.stderr.write(k.error + '\n');
    return 1;
  }
  if (flagBool(f, 'all-namespaces') && f.flags.get('namespace') === undefined) k.ns = 'default';
  return h.run(k, h.raw ? args0 : f.positional);
}

export const kubectl: Program = {
  name: 'kubectl',
  summary: 'the Kubernetes command-line tool',
  path: '/usr/local/bin/kubectl',
  async run(ctx) {
    try {
      return await runKubectl(ctx);
    } catch (e) {
      if (isSysError(e)) {
        ctx.stderr.write(`error: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
