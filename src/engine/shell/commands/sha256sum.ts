/** sha256sum(1), GNU coreutils: print SHA-256 checksums, or check them (`-c`). */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { sha256Hex } from '../../runtime/sha256.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, readInput, usageError, wantsHelp } from './util.ts';

const HELP = `Usage: sha256sum [OPTION]... [FILE]...
Print or check SHA256 (256-bit) checksums.

With no FILE, or when FILE is -, read standard input.
  -b, --binary          read in binary mode
  -c, --check           read checksums from the FILEs and check them
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

The sums are computed as described in FIPS-180-2.  When checking, the input
should be a former output of this program.  The default mode is to print a
line with: checksum, a space, a character indicating input mode ('*' for binary,
' ' for text or where binary is insignificant), and name for each FILE.

Note: There is no difference between binary mode and text mode on GNU systems.
`;

/** GNU's plural forms in the --check summary. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `HASH  FILE`, `HASH *FILE` or the BSD form `SHA256 (FILE) = HASH`. */
const LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/;
const BSD_LINE = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/;

function check(ctx: CommandContext, list: string, listName: string, opts: { quiet: boolean; status: boolean; ignoreMissing: boolean; strict: boolean; warn: boolean }): number {
  const text = readInput(ctx, list, (f, err) => `sha256sum: ${f}: ${err}`);
  if (text === undefined) return 1;
  let bad = 0;
  let unread = 0;
  let mismatched = 0;
  let checked = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = LINE.exec(line);
    const bsd = m ? undefined : BSD_LINE.exec(line);
    const expected = m?.[1] ?? bsd?.[2];
    const file = m?.[2] ?? bsd?.[1];
    if (!expected || !file) {
      bad++;
      if (opts.warn) ctx.stderr.write(`sha256sum: ${listName}: ${i + 1}: improperly formatted SHA256 checksum line\n`);
      return;
    }
    let content: string;
    try {
      content = file === '-' ? ctx.stdin : sys.readFile(ctx.world, ctx.proc, file);
    } catch (e) {
      if (!isSysError(e)) throw e;
      if (opts.ignoreMissing && e.errno === 'ENOENT') return;
      unread++;
      if (!opts.status) {
        ctx.stderr.write(`sha256sum: ${file}: ${strerror(e)}\n`);
        ctx.stdout.write(`${file}: FAILED open or read\n`);
      }
      return;
    }
    checked++;
    const ok = sha256Hex(content) === expected.toLowerCase();
    if (!ok) mismatched++;
    if (!opts.status && (!ok || !opts.quiet)) ctx.stdout.write(`${file}: ${ok ? 'OK' : 'FAILED'}\n`);
  });
  if (bad === lines.length) {
    ctx.stderr.write(`sha256sum: ${listName}: no properly formatted checksum lines found\n`);
    return 1;
  }
  if (!checked && !unread) {
    // Every listed file was missing and --ignore-missing passed over them.
    ctx.stderr.write(`sha256sum: ${listName}: no file was verified\n`);
    return 1;
  }
  if (!opts.status) {
    if (bad) ctx.stderr.write(`sha256sum: WARNING: ${count(bad, 'line is', 'lines are')} improperly formatted\n`);
    if (unread) ctx.stderr.write(`sha256sum: WARNING: ${count(unread, 'listed file', 'listed files')} could not be read\n`);
    if (mismatched) ctx.stderr.write(`sha256sum: WARNING: ${count(mismatched, 'computed checksum', 'computed checksums')} did NOT match\n`);
  }
  return mismatched || unread || (opts.strict && bad) ? 1 : 0;
}

export const sha256sum: Program = {
  name: 'sha256sum',
  summary: 'compute and check SHA256 message digest',
  run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    const p = parseArgs('sha256sum', ctx.args, {
      short: 'bctzw',
      long: { binary: 'b', check: 'c', text: 't', zero: 'z', warn: 'w', tag: 'tag', quiet: 'quiet', status: 'status', strict: 'strict', 'ignore-missing': 'ignore-missing' },
    });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const f = p.flags;
    const files = p.operands.length ? p.operands : ['-'];
    if (f.has('c')) {
      if (f.has('tag')) return usageError(ctx, 'sha256sum: the --tag option is meaningless when verifying checksums', 1);
      const opts = { quiet: f.has('quiet'), status: f.has('status'), ignoreMissing: f.has('ignore-missing'), strict: f.has('strict'), warn: f.has('w') };
      let status = 0;
      for (const list of files) status = Math.max(status, check(ctx, list, list === '-' ? 'standard input' : list, opts));
      return status;
    }
    for (const name of ['quiet', 'status', 'strict', 'ignore-missing', 'w']) {
      if (f.has(name)) return usageError(ctx, `sha256sum: the --${name === 'w' ? 'warn' : name} option is meaningful only when verifying checksums`, 1);
    }
    const end = f.has('z') ? '\0' : '\n';
    let status = 0;
    for (const file of files) {
      const content = readInput(ctx, file, (name, err) => `sha256sum: ${name}: ${err}`);
      if (content === undefined) {
        status = 1;
        continue;
      }
      const hash = sha256Hex(content);
      ctx.stdout.write((f.has('tag') ? `SHA256 (${file}) = ${hash}` : `${hash} ${f.has('b') ? '*' : ' '}${file}`) + end);
    }
    return status;
  },
};
