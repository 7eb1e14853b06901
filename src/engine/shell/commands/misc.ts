/** Small programs of the base system: clear, sleep, true, false. */
import { parseDuration } from '../../clock.ts';
import { wait } from '../../time.ts';
import type { Program } from '../types.ts';

export const clear: Program = {
  name: 'clear',
  summary: 'clear the terminal screen',
  run(ctx) {
    const bad = ctx.args.find((a) => a !== '-x' && a !== '-V' && a !== '-T');
    if (bad !== undefined) {
      ctx.stderr.write(`clear: invalid option -- '${bad.startsWith('-') ? bad[1] ?? '-' : bad}'\nUsage: clear [options]\n\nOptions:\n  -T TERM     use this instead of $TERM\n  -V          print curses-version\n  -x          do not try to clear scrollback\n`);
      return 1;
    }
    ctx.stdout.write(ctx.args.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};

export const sleep: Program = {
  name: 'sleep',
  summary: 'delay for a specified amount of time',
  async run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write("Usage: sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION\nPause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n'm' for minutes, 'h' for hours or 'd' for days.\n\nIn this lab, scripted runs advance the virtual clock at once.\n");
      return 0;
    }
    if (ctx.args.length === 0) {
      ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of ctx.args) {
      const ms = /^\d+(\.\d+)?[smhd]?$/.test(a) ? parseDuration(a) : undefined;
      if (ms === undefined) {
        ctx.stderr.write(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += ms;
    }
    if (ctx.background) {
      // `sleep N &`: a live process that exits by itself at the right virtual time.
      ctx.proc.workload = { kind: 'sleep', until: ctx.world.now + total };
      ctx.proc.state = 'S';
      return 0;
    }
    await wait(ctx.world, total);
    return 0;
  },
};

export const trueProgram: Program = { name: 'true', summary: 'do nothing, successfully', run: () => 0 };
export const falseProgram: Program = { name: 'false', summary: 'do nothing, unsuccessfully', run: () => 1 };
