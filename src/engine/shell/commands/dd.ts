/**
 * dd(1): copies blocks from `if=` (or stdin) to `of=` (or stdout), with bs/ibs/obs, count,
 * skip, seek, conv, iflag/oflag and status, and GNU dd's three-line summary on stderr.
 * Time model (there is no real I/O to time): a run takes 50 µs, plus 0.5 µs per record read
 * or written, plus a byte per 0.25 ns (4 GB/s); the virtual clock advances by that much, and
 * the summary reports it, so the same command always prints the same figures.
 */
import { takeEndless } from '../../kernel/devices.ts';
import { SysError } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import { wait } from '../../time.ts';
import { sliceBytes, utf8Length } from '../../util/text.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseSize, readBytes, readInput, report, usageError, wantsHelp } from './util.ts';

const HELP = `Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  cbs=BYTES       convert BYTES bytes at a time
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  ibs=BYTES       read up to BYTES bytes at a time (default: 512)
  if=FILE         read from FILE instead of stdin
  iflag=FLAGS     read as per the comma separated symbol list
  obs=BYTES       write BYTES bytes at a time (default: 512)
  of=FILE         write to FILE instead of stdout
  oflag=FLAGS     write as per the comma separated symbol list
  seek=N          (or oseek=N) skip N obs-sized output blocks
  skip=N          (or iseek=N) skip N ibs-sized input blocks
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,
                  'progress' shows periodic transfer statistics

N and BYTES may be followed by the following multiplicative suffixes:
c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,
GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
If N ends in 'B', it counts bytes not blocks.

Each CONV symbol may be:

  ascii     from EBCDIC to ASCII
  ebcdic    from ASCII to EBCDIC
  ibm       from ASCII to alternate EBCDIC
  block     pad newline-terminated records with spaces to cbs-size
  unblock   replace trailing spaces in cbs-size records with newline
  lcase     change upper case to lower case
  ucase     change lower case to upper case
  sparse    try to seek rather than write all-NUL output blocks
  swab      swap every pair of input bytes
  sync      pad every input block with NULs to ibs-size; when used
            with block or unblock, pad with spaces rather than NULs
  excl      fail if the output file already exists
  nocreat   do not create the output file
  notrunc   do not truncate the output file
  noerror   continue after read errors
  fdatasync  physically write output file data before finishing
  fsync     likewise, but also write metadata

Each FLAG symbol may be:

  append    append mode (makes sense only for output; conv=notrunc suggested)
  direct    use direct I/O for data
  directory  fail unless a directory
  dsync     use synchronized I/O for data
  sync      likewise, but also for metadata
  fullblock  accumulate full blocks of input (iflag only)
  nonblock  use non-blocking I/O
  noatime   do not update access time
  nocache   Request to drop cache.  See also oflag=sync
  noctty    do not assign controlling terminal from file
  nofollow  do not follow symlinks

Sending a USR1 signal to a running 'dd' process makes it
print I/O statistics to standard error and then resume copying.

Options are:

      --help        display this help and exit
      --version     output version information and exit
`;

const OPERANDS = new Set(['if', 'of', 'bs', 'ibs', 'obs', 'cbs', 'count', 'skip', 'iseek', 'seek', 'oseek', 'status', 'conv', 'iflag', 'oflag']);
const CONVERSIONS = new Set(['ascii', 'ebcdic', 'ibm', 'block', 'unblock', 'lcase', 'ucase', 'sparse', 'swab', 'sync', 'excl', 'nocreat', 'notrunc', 'noerror', 'fdatasync', 'fsync']);
/** Conversions that change bytes in ways the simulation does not model; it says so instead of pretending. */
const UNSIMULATED = new Set(['ascii', 'ebcdic', 'ibm', 'block', 'unblock', 'swab']);
const FLAGS = new Set(['append', 'direct', 'directory', 'dsync', 'sync', 'fullblock', 'nonblock', 'noatime', 'nocache', 'noctty', 'nofollow', 'count_bytes', 'skip_bytes', 'seek_bytes', 'binary', 'text', 'cio']);

interface Options {
  ifile?: string;
  ofile?: string;
  ibs: number;
  obs: number;
  count?: number;
  skip: number;
  seek: number;
  status: 'default' | 'none' | 'noxfer' | 'progress';
  conv: Set<string>;
  iflag: Set<string>;
  oflag: Set<string>;
}

/** A dd number: GNU suffixes (c, w, b, kB, K, ...) and products such as 2x1K. */
function ddNumber(text: string): number | 'overflow' | undefined {
  let product = 1;
  for (const factor of text.split('x')) {
    const n = parseSize(factor, 'k', { c: 1, w: 2, B: 1 });
    if (typeof n !== 'number') return n;
    product *= n;
  }
  return product > 2 ** 63 - 1 ? 'overflow' : product;
}

/** The operands, or the exit status after dd's own message. */
function parseOperands(ctx: CommandContext): Options | number {
  const o: Options = { ibs: 512, obs: 512, skip: 0, seek: 0, status: 'default', conv: new Set(), iflag: new Set(), oflag: new Set() };
  for (const arg of ctx.args) {
    if (arg.startsWith('-') && arg !== '-') {
      return usageError(ctx, arg.startsWith('--') ? `dd: unrecognized option '${arg}'` : `dd: invalid option -- '${arg[1]}'`, 1);
    }
    const eq = arg.indexOf('=');
    const key = eq === -1 ? '' : arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (!OPERANDS.has(key)) return usageError(ctx, `dd: unrecognized operand ‘${arg}’`, 1);
    if (key === 'if') o.ifile = value;
    else if (key === 'of') o.ofile = value;
    else if (key === 'status') {
      if (value !== 'none' && value !== 'noxfer' && value !== 'progress') return usageError(ctx, `dd: invalid status level: ‘${value}’`, 1);
      o.status = value;
    } else if (key === 'conv' || key === 'iflag' || key === 'oflag') {
      for (const word of value.split(',')) {
        if (!(key === 'conv' ? CONVERSIONS : FLAGS).has(word)) {
          return usageError(ctx, `dd: invalid ${key === 'conv' ? 'conversion' : key === 'iflag' ? 'input flag' : 'output flag'}: ‘${word}’`, 1);
        }
        o[key].add(word);
      }
    } else {
      const n = ddNumber(value);
      if (n === undefined || (n === 0 && /bs$/.test(key))) {
        ctx.stderr.write(`dd: invalid number: ‘${value}’\n`);
        return 1;
      }
      if (n === 'overflow') {
        ctx.stderr.write(`dd: invalid number: ‘${value}’: Value too large for defined data type\n`);
        return 1;
      }
      if (key === 'bs') o.ibs = o.obs = n;
      else if (key === 'ibs') o.ibs = n;
      else if (key === 'obs') o.obs = n;
      else if (key === 'count') o.count = n;
      else if (key === 'skip' || key === 'iseek') o.skip = n;
      else if (key === 'seek' || key === 'oseek') o.seek = n;
    }
  }
  const unsimulated = [...o.conv].find((c) => UNSIMULATED.has(c));
  if (unsimulated) {
    ctx.stderr.write(`dd: conv=${unsimulated} is not available in this lab environment\n`);
    return 1;
  }
  return o;
}

/** gnulib human_readable of a byte count, exactly (autoscale, rounding to nearest): `2.1 MB`, `2.0 MiB`, `512 B`. */
export function humanBytes(n: number, base: 1000 | 1024): string {
  const prefixes = base === 1000 ? ['k', 'M', 'G', 'T', 'P', 'E'] : ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let amt = n;
  let tenths = 0;
  let rounding = 0;
  let exponent = 0;
  let text: string | undefined;
  if (amt >= base) {
    do {
      const r10 = (amt % base) * 10 + tenths;
      const r2 = (r10 % base) * 2 + (rounding >> 1);
      amt = Math.floor(amt / base);
      tenths = Math.floor(r10 / base);
      rounding = r2 < base ? (r2 + rounding !== 0 ? 1 : 0) : 2 + (base < r2 + rounding ? 1 : 0);
      exponent++;
    } while (amt >= base && exponent < prefixes.length);
    if (amt < 10) {
      if (2 < rounding + (tenths & 1)) {
        tenths++;
        rounding = 0;
        if (tenths === 10) {
          amt++;
          tenths = 0;
        }
      }
      if (amt < 10) {
        text = `.${tenths}`;
        tenths = rounding = 0;
      }
    }
  }
  if (5 < tenths + (0 < rounding + (amt & 1) ? 1 : 0)) {
    amt++;
    if (amt === base && exponent > 0 && exponent < prefixes.length) {
      exponent++;
      amt = 1;
      text = '.0';
    }
  }
  return `${amt}${text ?? ''} ${exponent ? prefixes[exponent - 1] : ''}B`;
}

/** gnulib human_readable of a rate in bytes per second (floating point, always at least kB): `3.6 GB/s`. */
export function humanRate(bytes: number, seconds: number): string {
  const value = bytes / seconds;
  const prefixes = ['k', 'M', 'G', 'T', 'P', 'E'];
  let e = 1000;
  let exponent = 1;
  while (e * 1000 <= value && exponent < prefixes.length) {
    e *= 1000;
    exponent++;
  }
  let text = (value / e).toFixed(1);
  if (text.length > 4) text = (value / e).toFixed(0);
  return `${text} ${prefixes[exponent - 1]}B/s`;
}

/** C's `%g`: six significant digits, trailing zeros dropped, an exponent below 1e-4 or from 1e6. */
export function formatG(x: number): string {
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [mantissa, power] = x.toExponential(5).split('e') as [string, string];
    const p = Number(power);
    return `${mantissa.replace(/\.?0+$/, '')}e${p < 0 ? '-' : '+'}${String(Math.abs(p)).padStart(2, '0')}`;
  }
  return x.toFixed(5 - exp).replace(/\.?0+$/, '');
}

/** The modelled duration of a copy, in nanoseconds (see the module comment). */
function copyNanos(records: number, bytes: number): number {
  return 50_000 + records * 500 + Math.round(bytes / 4);
}

function summary(o: Options, inFull: number, inPartial: number, outFull: number, outPartial: number, bytes: number, nanos: number): string {
  if (o.status === 'none') return '';
  let text = `${inFull}+${inPartial} records in\n${outFull}+${outPartial} records out\n`;
  if (o.status === 'noxfer') return text;
  const seconds = nanos / 1e9;
  const si = humanBytes(bytes, 1000);
  const iec = humanBytes(bytes, 1024);
  const size = bytes < 1000 ? `${bytes} byte${bytes === 1 ? '' : 's'}` : bytes < 1024 ? `${bytes} bytes (${si})` : `${bytes} bytes (${si}, ${iec})`;
  text += `${size} copied, ${formatG(seconds)} s, ${humanRate(bytes, seconds)}\n`;
  return text;
}

/** Counts of whole and partial blocks of `size` in `bytes`. */
function blocks(bytes: number, size: number): [number, number] {
  return [Math.floor(bytes / size), bytes % size ? 1 : 0];
}

/**
 * Writes `data` into the output at byte `at`. When the file cannot take it all (a file holds
 * at most LIMITS.fileBytes), the whole blocks that fit are written, as dd's block-by-block
 * writes would have left them, and the error is returned with the bytes written.
 */
function writeBlocks(ctx: CommandContext, path: string, existing: string, at: number, data: string, o: Options): { bytes: number; error?: unknown } {
  const size = utf8Length(data);
  const attempt = (bytes: number) => {
    const before = sliceBytes(existing, 0, at) + '\0'.repeat(Math.max(0, at - utf8Length(existing)));
    const after = o.conv.has('notrunc') ? sliceBytes(existing, at + bytes) : '';
    sys.writeFile(ctx.world, ctx.proc, path, before + sliceBytes(data, 0, bytes) + after);
  };
  try {
    attempt(size);
    return { bytes: size };
  } catch (error) {
    const fits = Math.floor(Math.max(0, LIMITS.fileBytes - at) / o.obs) * o.obs;
    if (fits > 0 && fits < size) {
      try {
        attempt(fits);
        return { bytes: fits, error };
      } catch {
        // Not even that fits (the filesystem is full): nothing was written.
      }
    }
    return { bytes: 0, error };
  }
}

export const dd: Program = {
  name: 'dd',
  summary: 'convert and copy a file',
  async run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    if (ctx.args[0] === '--version') {
      ctx.stdout.write('dd (coreutils) 9.1\n');
      return 0;
    }
    const o = parseOperands(ctx);
    if (typeof o === 'number') return o;
    const name = (file: string | undefined) => (file === undefined ? "'standard input'" : `'${file}'`);
    // Open the output first, as dd does: it is created, and truncated at the seek offset unless conv=notrunc.
    const skipBytes = o.iflag.has('skip_bytes') ? o.skip : o.skip * o.ibs;
    const seekBytes = o.oflag.has('seek_bytes') ? o.seek : o.seek * o.obs;
    let existing = '';
    if (o.ofile !== undefined) {
      try {
        const found = sys.lookup(ctx.world, ctx.proc, o.ofile);
        if (found?.node.type === 'dir') throw new SysError('EISDIR', o.ofile);
        if (found && o.conv.has('excl')) throw new SysError('EEXIST', o.ofile);
        if (!found && o.conv.has('nocreat')) throw new SysError('ENOENT', o.ofile);
        existing = found?.node.type === 'file' ? sys.readFile(ctx.world, ctx.proc, o.ofile) : '';
        if (found?.node.type !== 'chardev' && !o.conv.has('notrunc') && !o.oflag.has('append')) {
          existing = sliceBytes(existing, 0, seekBytes);
          sys.writeFile(ctx.world, ctx.proc, o.ofile, existing);
        }
      } catch (e) {
        report(ctx, e, (err) => `dd: failed to open ${name(o.ofile)}: ${err}`);
        return 1;
      }
    }
    if (o.ifile !== undefined && sys.lookup(ctx.world, ctx.proc, o.ifile)?.node.type === 'dir') {
      ctx.stderr.write(`dd: error reading ${name(o.ifile)}: Is a directory\n${summary(o, 0, 0, 0, 0, 0, copyNanos(0, 0))}`);
      return 1;
    }
    // Read what the copy needs: count blocks (or bytes) after the skipped part, else everything.
    const countBytes = o.count === undefined ? undefined : o.iflag.has('count_bytes') ? o.count : o.count * o.ibs;
    const failedOpen = (file: string, err: string) => `dd: failed to open '${file}': ${err}`;
    const file = o.ifile ?? '-';
    const input = countBytes === undefined ? readInput(ctx, file, failedOpen) : readBytes(ctx, file, skipBytes + countBytes, failedOpen);
    if (input === undefined) return 1;
    let data = sliceBytes(input, skipBytes);
    const size = utf8Length(data);
    const [inFull, inPartial] = blocks(size, o.ibs);
    if (o.conv.has('sync') && inPartial) data += '\0'.repeat(o.ibs - (size % o.ibs));
    // In the C locale only ASCII letters change case.
    if (o.conv.has('ucase')) data = data.replace(/[a-z]+/g, (m) => m.toUpperCase());
    else if (o.conv.has('lcase')) data = data.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    const outBytes = utf8Length(data);
    // With bs=, each block read is written as it is; otherwise output is re-blocked by obs.
    let copied = outBytes;
    let [inDone, inPart] = [inFull, inPartial];
    let status = 0;
    if (o.ofile === undefined) ctx.stdout.write(data);
    else {
      const at = o.oflag.has('append') ? utf8Length(existing) : seekBytes;
      const written = writeBlocks(ctx, o.ofile, existing, at, data, o);
      if (written.error !== undefined) {
        report(ctx, written.error, (err) => `dd: error writing ${name(o.ofile)}: ${err}`);
        // dd stopped for this error, not for an endless input; it had read one block more than it
        // wrote (a whole one when the input never ends, though the simulation read only so much of it).
        const endless = takeEndless(ctx.proc) !== undefined;
        copied = written.bytes;
        const read = Math.floor(copied / o.ibs) + 1;
        if (endless) [inDone, inPart] = [Math.min(read, o.count ?? read), 0];
        else [inDone, inPart] = [Math.min(inFull, read), Math.min(inFull + inPartial, read) - Math.min(inFull, read)];
        status = 1;
      }
    }
    const [outFull, outPartial] = blocks(copied, o.obs);
    const nanos = copyNanos(inDone + inPart + outFull + outPartial, copied);
    await wait(ctx.world, Math.round(nanos / 1e6));
    ctx.stderr.write(summary(o, inDone, inPart, outFull, outPartial, copied, nanos));
    return status;
  },
};
