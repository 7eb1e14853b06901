/** Helpers shared by the docker subcommands: errors as the CLI prints them and JSON output. */
import type { CommandContext } from '../../shell/types.ts';
import { argCountError, isFailure, parseFlags, type Parsed } from './flags.ts';
import { DOCKER_HELP } from './help.generated.ts';

/** Parses flags and checks the operand count; prints the real error and returns its status on failure. */
export function parseOrFail(ctx: CommandContext, cmd: string, args: string[], count: { min?: number; max?: number; exactly?: number }, interspersed = true): Parsed | number {
  // Counts are checked after flags, as cobra does.
  const p = parseFlags(cmd, args, interspersed);
  if (isFailure(p)) {
    ctx.stderr.write(p.error);
    return p.status;
  }
  if (p.values.help) {
    ctx.stdout.write(DOCKER_HELP[cmd] ?? '');
    return 0;
  }
  let f;
  if (count.exactly !== undefined && p.args.length !== count.exactly) f = argCountError(cmd, 'exactly', count.exactly);
  else if (count.max === 0 && p.args.length > 0) f = argCountError(cmd, 'none');
  else if (count.min !== undefined && count.max !== undefined && (p.args.length < count.min || p.args.length > count.max)) f = argCountError(cmd, 'range', count.min, count.max);
  else if (count.max !== undefined && p.args.length > count.max) f = argCountError(cmd, 'atMost', count.max);
  else if (count.min !== undefined && p.args.length < count.min) f = argCountError(cmd, 'atLeast', count.min);
  if (f) {
    ctx.stderr.write(f.error);
    return f.status;
  }
  return p;
}

/** `Error response from daemon: …` (exit 1), the daemon's error relayed by the CLI. */
export function daemonError(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`Error response from daemon: ${msg}\n`);
  return 1;
}

/** docker run/create errors: `docker: …` plus the hint line, exit 125 unless given. */
export function runError(ctx: CommandContext, cmd: string, msg: string, status = 125): number {
  ctx.stderr.write(`docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information\n`);
  return status;
}

/** Docker prints inspect output with 4-space indentation and HTML-safe escapes off. */
export function dockerJson(value: unknown): string {
  return JSON.stringify(value, null, 4);
}
