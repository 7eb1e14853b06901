/**
 * yes(1): its line, again and again. It never ends on its own, so it writes LIMITS.endlessBytes
 * (past what any terminal, pipe or file takes) and is marked as stopped: `yes | head -3`
 * prints three lines and nothing else, `yes > /dev/null` says it was stopped.
 */
import { noteEndless } from '../../kernel/devices.ts';
import { LIMITS } from '../../limits.ts';
import type { Program } from '../types.ts';
import { usageError, wantsHelp } from './util.ts';

const HELP = `Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or 'y'.

      --help        display this help and exit
      --version     output version information and exit
`;

export const yes: Program = {
  name: 'yes',
  summary: 'output a string repeatedly until killed',
  run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    // Options end at the first word that is not one (or at `--`); the only options are --help and --version.
    let words = ctx.args;
    const first = words[0];
    if (first === '--') words = words.slice(1);
    else if (first === '--version') {
      ctx.stdout.write('yes (GNU coreutils) 9.1\n');
      return 0;
    } else if (first !== undefined && first.startsWith('-') && first !== '-') {
      return usageError(ctx, first.startsWith('--') ? `yes: unrecognized option '${first}'` : `yes: invalid option -- '${first[1]}'`, 1);
    }
    const line = (words.length ? words.join(' ') : 'y') + '\n';
    ctx.stdout.write(line.repeat(Math.ceil(LIMITS.endlessBytes / line.length)));
    noteEndless(ctx.proc, `writing ${LIMITS.endlessBytes >> 20} MiB, as it never ends on its own`);
    return 0;
  },
};
