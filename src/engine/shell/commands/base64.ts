/** base64(1): encode a file or stdin (wrapped at 76 columns by default), or decode it with -d. */
import { base64 as encode, decodeBase64Groups } from '../../util/base64.ts';
import type { Program } from '../types.ts';
import { parseArgs, readInput, usageError, wantsHelp } from './util.ts';

const HELP = `Usage: base64 [OPTION]... [FILE]
Base64 encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
      --help        display this help and exit
      --version     output version information and exit

The data are encoded as described for the base64 alphabet in RFC 4648.
When decoding, the input may contain newlines in addition to the bytes of
the formal base64 alphabet.  Use --ignore-garbage to attempt to recover
from any other non-alphabet bytes in the encoded stream.
`;

export const base64: Program = {
  name: 'base64',
  summary: 'base64 encode/decode data and print to standard output',
  run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    const p = parseArgs('base64', ctx.args, { short: 'di', shortValue: 'w', long: { decode: 'd', 'ignore-garbage': 'i' }, longValue: { wrap: 'w' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length > 1) return usageError(ctx, `base64: extra operand ‘${p.operands[1]}’`, 1);
    const wrapText = p.values.get('w') ?? '76';
    if (!/^\d+$/.test(wrapText)) {
      ctx.stderr.write(`base64: invalid wrap size: ‘${wrapText}’\n`);
      return 1;
    }
    const input = readInput(ctx, p.operands[0] ?? '-', (file, err) => `base64: ${file}: ${err}`);
    if (input === undefined) return 1;
    if (p.flags.has('d')) {
      const decoded = decodeBase64Groups(p.flags.has('i') ? input.replace(/[^A-Za-z0-9+/=]/g, '') : input);
      ctx.stdout.write(decoded.text);
      if (decoded.ok) return 0;
      ctx.stderr.write('base64: invalid input\n');
      return 1;
    }
    const text = encode(input);
    const wrap = Number(wrapText);
    if (wrap === 0 || text === '') ctx.stdout.write(text);
    else for (let i = 0; i < text.length; i += wrap) ctx.stdout.write(text.slice(i, i + wrap) + '\n');
    return 0;
  },
};
