/**
 * The `aws` program (AWS CLI v2 behaviour): global options, service and operation
 * dispatch, parameters from flags, JSON, shorthand, file:// and --cli-input-json, then
 * --query and --output. Errors use the CLI's formats and exit codes: 252 for usage and
 * parameter errors, 254 for errors the service returns.
 */
import * as sys from '../../kernel/syscalls.ts';
import type { CommandContext, Program } from '../../shell/types.ts';
import type { World } from '../../world.ts';
import { DEFAULT_REGION } from '../state.ts';
import { JmesError, search } from './jmespath.ts';
import { SERVICES } from './names.generated.ts';
import { formatJson, formatTable, formatText } from './output.ts';
import { apiOperationName, orderResponse } from './shapes.ts';
import { parseShorthand, ShorthandError } from './shorthand.ts';
import { AwsError, WaiterError, type AwsCtx, type ParamSpec, type Service } from './types.ts';

const USAGE = `
usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help

`;

const services = new Map<string, Service>();
export function registerService(s: Service): void {
  services.set(s.name, s);
}

/** Services whose code loads on first use: the loader registers the service (eks-deferred.ts). */
const deferredServices = new Map<string, (world: World) => Promise<void>>();
export function registerDeferredService(name: string, load: (world: World) => Promise<void>): void {
  deferredServices.set(name, load);
}

function twoColumns(names: readonly string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 2) rows.push(`${names[i]!.padEnd(40)} | ${(names[i + 1] ?? '').padEnd(40)}`);
  return rows.join('\n');
}

function usageError(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`${USAGE}aws: error: ${msg}\n`);
  return 252;
}

function invalidChoice(ctx: CommandContext, what: 'command' | 'operation', choice: string, names: readonly string[]): number {
  const all = [...names, 'help'];
  const near = names.filter((n) => n.startsWith(choice.slice(0, Math.max(2, choice.length - 2))) || choice.startsWith(n)).slice(0, 3);
  ctx.stderr.write(`${USAGE}aws: error: argument ${what}: Invalid choice, valid choices are:\n\n${twoColumns(all)}\n${near.length ? `\n\nInvalid choice: '${choice}', maybe you meant:\n\n${near.map((n) => `  * ${n}`).join('\n')}\n` : ''}`);
  return 252;
}

function camel(cli: string, pascal: boolean): string {
  const c = cli.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return pascal ? c[0]!.toUpperCase() + c.slice(1) : c;
}

/** Reads `file://path` values the way the CLI does (relative to the cwd). */
function readValue(ctx: CommandContext, v: string): string | { error: string } {
  if (!v.startsWith('file://')) return v;
  const path = v.slice(7);
  try {
    return sys.readFile(ctx.world, ctx.proc, path);
  } catch {
    return { error: `Error parsing parameter '${'?'}': Unable to load paramfile ${v}: [Errno 2] No such file or directory: '${path}'` };
  }
}

function parseStructure(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) return JSON.parse(t) as unknown;
  return parseShorthand(t);
}

export const awsProgram: Program = {
  name: 'aws',
  summary: 'Universal Command Line Interface for Amazon Web Services',
  path: '/usr/local/bin/aws',
  async run(ctx) {
    const args = [...ctx.args];
    let region = ctx.proc.env.AWS_REGION ?? ctx.proc.env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
    let output = ctx.proc.env.AWS_DEFAULT_OUTPUT ?? 'json';
    let query: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const val = () => inline ?? args[++i];
      if (flag === '--region') region = val() ?? '';
      else if (flag === '--output') output = val() ?? '';
      else if (flag === '--query') query = val();
      else if (flag === '--no-cli-pager' || flag === '--no-paginate' || flag === '--debug' || flag === '--no-verify-ssl' || flag === '--no-sign-request' || flag === '--no-cli-auto-prompt') continue;
      else if (flag === '--profile' || flag === '--endpoint-url' || flag === '--color' || flag === '--cli-read-timeout' || flag === '--cli-connect-timeout') val();
      else rest.push(a);
    }
    if (rest[0] === '--version' || rest[0] === 'version') {
      ctx.stdout.write('aws-cli/2.22.35 Python/3.12.6 Linux/6.8.0-85-generic exe/x86_64.debian.12\n');
      return 0;
    }
    if (!['json', 'text', 'table', 'yaml', 'yaml-stream'].includes(output)) return usageError(ctx, `argument --output: Invalid choice, valid choices are:\n\njson                                     | text\ntable                                    | yaml\nyaml-stream`);
    const [svcName, opName, ...params] = rest;
    if (svcName === undefined || svcName === 'help') {
      if (svcName === 'help') {
        ctx.stdout.write('AWS()\n\nNAME\n       aws -\n\nDESCRIPTION\n       The  AWS  Command  Line  Interface is a unified tool to manage your AWS\n       services.\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n');
        return 0;
      }
      ctx.stderr.write(`${USAGE}aws: error: the following arguments are required: command\n`);
      return 252;
    }
    await deferredServices.get(svcName)?.(ctx.world);
    const svc = services.get(svcName);
    if (!svc) {
      if (SERVICES.includes(svcName)) {
        ctx.stderr.write(`aws: the ${svcName} service is not available in this lab environment (simulated: ${[...new Set([...services.keys(), ...deferredServices.keys()])].sort().join(', ')})\n`);
        return 252;
      }
      return invalidChoice(ctx, 'command', svcName, SERVICES);
    }
    if (opName === undefined) {
      ctx.stderr.write(`${USAGE}aws: error: the following arguments are required: operation\n`);
      return 252;
    }
    if (opName === 'help') {
      ctx.stdout.write(`${svcName.toUpperCase()}()\n\nAVAILABLE COMMANDS\n${Object.keys(svc.ops).sort().map((o) => `       o ${o}\n`).join('')}`);
      return 0;
    }
    const waiter = opName === 'wait' && params[0] && !params[0].startsWith('--') ? params.shift()! : undefined;
    if (opName === 'wait' && !waiter) return usageError(ctx, 'the following arguments are required: subcommand');
    const op = waiter ? svc.ops[`wait ${waiter}`] : svc.ops[opName];
    if (!op && waiter) return invalidChoice(ctx, 'operation', waiter, Object.keys(svc.ops).filter((k) => k.startsWith('wait ')).map((k) => k.slice(5)));
    if (!op) {
      if (svc.allOps.includes(opName)) {
        ctx.stderr.write(`aws: '${svcName} ${opName}' is not available in this lab environment\n`);
        return 252;
      }
      return invalidChoice(ctx, 'operation', opName, svc.allOps);
    }
    // Parameters.
    const values: Record<string, unknown> = Object.create(null);
    const unknown: string[] = [];
    const specs = op.params;
    for (let i = 0; i < params.length; i++) {
      const a = params[i]!;
      if (!a.startsWith('--')) {
        unknown.push(a);
        continue;
      }
      const eq = a.indexOf('=');
      const name = a.slice(2, eq > 0 ? eq : undefined);
      if (name === 'cli-input-json') {
        const raw = readValue(ctx, eq > 0 ? a.slice(eq + 1) : (params[++i] ?? ''));
        if (typeof raw !== 'string') return usageFail(ctx, raw.error.replace("'?'", "'cli-input-json'"));
        try {
          const obj = JSON.parse(raw) as Record<string, unknown>;
          for (const [k, v] of Object.entries(obj)) if (!(k in values)) values[k] = v;
        } catch (e) {
          ctx.stderr.write(`\nError parsing parameter 'cli-input-json': Invalid JSON received.\nJSON received: ${raw}\n`);
          return 252;
        }
        continue;
      }
      const negated = name.startsWith('no-') && specs[name.slice(3)]?.type === 'b';
      const specName = negated ? name.slice(3) : name;
      const spec: ParamSpec | undefined = specs[specName];
      if (!spec) {
        unknown.push(a);
        continue;
      }
      const key = spec.key ?? camel(specName, !!svc.pascal);
      if (spec.type === 'b') {
        values[key] = !negated;
        continue;
      }
      const take: string[] = [];
      if (eq > 0) take.push(a.slice(eq + 1));
      else while (i + 1 < params.length && !params[i + 1]!.startsWith('--')) take.push(params[++i]!);
      if (take.length === 0) return usageError(ctx, `argument --${name}: expected one argument`);
      try {
        if (spec.type === 's' || spec.type === 'i') {
          if (take.length > 1) {
            unknown.push(...take.slice(1));
          }
          const raw = readValue(ctx, take[0]!);
          if (typeof raw !== 'string') return usageFail(ctx, raw.error.replace("'?'", `'${name}'`));
          if (spec.type === 'i') {
            if (!/^-?\d+$/.test(raw.trim())) {
              ctx.stderr.write(`\nParameter validation failed:\nInvalid type for parameter ${key}, value: ${raw}, type: <class 'str'>, valid types: <class 'int'>\n`);
              return 252;
            }
            values[key] = Number(raw);
          } else values[key] = raw;
        } else if (spec.type === 'l') {
          const items = take.length === 1 && take[0]!.trim().startsWith('[') ? (JSON.parse(take[0]!) as unknown[]) : take.flatMap((t) => (t.includes(',') && !t.includes('=') ? t.split(',') : [t]));
          values[key] = items;
        } else if (spec.type === 'L') {
          const first = readValue(ctx, take[0]!);
          if (typeof first !== 'string') return usageFail(ctx, first.error.replace("'?'", `'${name}'`));
          values[key] = first.trim().startsWith('[') ? JSON.parse(first) : take.map((t) => parseStructure(t));
        } else {
          const raw = readValue(ctx, take[0]!);
          if (typeof raw !== 'string') return usageFail(ctx, raw.error.replace("'?'", `'${name}'`));
          values[key] = parseStructure(raw);
        }
      } catch (e) {
        if (e instanceof ShorthandError) {
          ctx.stderr.write(`\nError parsing parameter '--${name}': ${e.message}\n`);
          return 252;
        }
        if (e instanceof SyntaxError) {
          ctx.stderr.write(`\nError parsing parameter '--${name}': Invalid JSON: ${e.message}\nJSON received: ${take[0]}\n`);
          return 252;
        }
        throw e;
      }
    }
    if (unknown.length) return usageError(ctx, `Unknown options: ${unknown.join(', ')}`);
    const missing = Object.entries(specs).filter(([n, s]) => s.required && values[s.key ?? camel(n, !!svc.pascal)] === undefined).map(([n]) => `--${n}`);
    if (missing.length) return usageError(ctx, `the following arguments are required: ${missing.join(', ')}`);
    const apiName = apiOperationName(waiter ?? opName);
    const actx: AwsCtx = { ctx, region, op: apiName };
    const result = await op.run(actx, values);
    if (result instanceof WaiterError) {
      ctx.stderr.write(`\nWaiter ${result.waiter} failed: ${result.reason}\n`);
      return 255;
    }
    if (result instanceof AwsError && result.code === 'usage') return usageError(ctx, `the following arguments are required: ${result.message}`);
    if (result instanceof AwsError && result.code === 'validator') {
      const v = result as AwsError & { stderr?: string; exitCode?: number };
      ctx.stderr.write(v.stderr ?? result.message);
      return v.exitCode ?? 254;
    }
    if (result instanceof AwsError) {
      ctx.stderr.write(`\nAn error occurred (${result.code}) when calling the ${result.operation ?? apiName} operation: ${result.message}\n`);
      return 254;
    }
    if (result === undefined || op.silent) return 0;
    if ('raw' in result && typeof result.raw === 'string') {
      ctx.stdout.write(result.raw);
      return 0;
    }
    let shown: unknown = orderResponse(svc.name, apiName, result);
    if (query !== undefined) {
      try {
        shown = search(query, shown);
      } catch (e) {
        if (!(e instanceof JmesError)) throw e;
        ctx.stderr.write(`\nBad value for --query ${query}: ${e.message}\n`);
        return 252;
      }
    }
    if (output === 'text') ctx.stdout.write(formatText(shown));
    else if (output === 'table') ctx.stdout.write(formatTable(shown, apiName));
    else if (output === 'yaml' || output === 'yaml-stream') ctx.stdout.write(toYaml(shown, 0) + '\n');
    else ctx.stdout.write(formatJson(shown));
    return 0;
  },
};

function usageFail(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`\n${msg}\n`);
  return 252;
}

function toYaml(v: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) return v.length ? v.map((x) => `${pad}- ${toYaml(x, indent + 2).trimStart()}`).join('\n') : `${pad}[]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (!entries.length) return `${pad}{}`;
    return entries.map(([k, x]) => (x && typeof x === 'object' && (Array.isArray(x) ? x.length : Object.keys(x).length) ? `${pad}${k}:\n${toYaml(x, Array.isArray(x) ? indent : indent + 2)}` : `${pad}${k}: ${toYaml(x, 0).trim()}`)).join('\n');
  }
  return typeof v === 'string' ? (/^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v)) : String(v);
}
