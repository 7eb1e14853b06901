/** cut(1) (-f/-d, -c, -b) and tr(1) (sets, ranges, classes, -d, -s, -c). */
import type { Program } from '../types.ts';
import { linesOf, parseArgs, readInput, usageError, wantsHelp } from './util.ts';

const CUT_HELP = `Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        select only these bytes
  -c, --characters=LIST   select only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
      --help        display this help and exit
`;

function parseList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return undefined;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a === 0) return undefined;
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Program = {
  name: 'cut',
  summary: 'remove sections from each line of files',
  run(ctx) {
    if (wantsHelp(ctx, CUT_HELP)) return 0;
    const p = parseArgs('cut', ctx.args, { short: 's', shortValue: 'bcdf', long: { 'only-delimited': 's' }, longValue: { bytes: 'b', characters: 'c', delimiter: 'd', fields: 'f', 'output-delimiter': 'O' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const mode = ['f', 'c', 'b'].filter((k) => p.values.has(k));
    if (mode.length === 0) return usageError(ctx, 'cut: you must specify a list of bytes, characters, or fields', 1);
    if (mode.length > 1) return usageError(ctx, 'cut: only one list may be specified', 1);
    const list = p.values.get(mode[0]!)!;
    const pick = parseList(list);
    if (!pick) return usageError(ctx, `cut: invalid field value ‘${list}’`, 1);
    const delim = p.values.get('d') ?? '\t';
    if (delim.length !== 1) return usageError(ctx, 'cut: the delimiter must be a single character', 1);
    const outDelim = p.values.get('O') ?? (mode[0] === 'f' ? delim : '');
    let status = 0;
    for (const f of p.operands.length ? p.operands : ['-']) {
      const text = readInput(ctx, f, (file, err) => `cut: ${file}: ${err}`);
      if (text === undefined) {
        status = 1;
        continue;
      }
      let out = '';
      for (const line of linesOf(text)) {
        if (mode[0] === 'f') {
          if (!line.includes(delim)) {
            if (!p.flags.has('s')) out += line + '\n';
            continue;
          }
          out += line.split(delim).filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
        } else out += [...line].filter((_, i) => pick(i + 1)).join(outDelim) + '\n';
      }
      ctx.stdout.write(out);
    }
    return status;
  },
};

const TR_HELP = `Usage: tr [OPTION]... STRING1 [STRING2]
Translate, squeeze, and/or delete characters from standard input,
writing to standard output.  STRING1 and STRING2 specify arrays of
characters ARRAY1 and ARRAY2 that control the action.

  -c, -C, --complement    use the complement of ARRAY1
  -d, --delete            delete characters in ARRAY1, do not translate
  -s, --squeeze-repeats   replace each sequence of a repeated character
                            that is listed in the last specified ARRAY,
                            with a single occurrence of that character
      --help        display this help and exit
`;

const CLASSES: Record<string, string> = {
  alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  space: ' \t\n\r\v\f',
  blank: ' \t',
  alnum: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

function expandSet(s: string): string[] {
  const out: string[] = [];
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', v: '\v', f: '\f', a: '\x07', b: '\b' };
  const chars: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls && CLASSES[cls[1]!]) {
      chars.push(...CLASSES[cls[1]!]!);
      i += cls[0].length - 1;
      continue;
    }
    const octal = /^\\([0-7]{1,3})/.exec(s.slice(i, i + 4));
    if (octal) {
      // `\0`, `\012`: a character by its octal code, as in `tr '\0' x < /dev/zero`.
      chars.push(String.fromCharCode(parseInt(octal[1]!, 8) & 255));
      i += octal[0].length - 1;
    } else if (s[i] === '\\' && i + 1 < s.length) chars.push(esc[s[++i]!] ?? s[i]!);
    else chars.push(s[i]!);
  }
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const a = chars[i]!.charCodeAt(0);
      const b = chars[i + 2]!.charCodeAt(0);
      for (let c = a; c <= b && out.length < 100_000; c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

export const tr: Program = {
  name: 'tr',
  summary: 'translate or delete characters',
  run(ctx) {
    if (wantsHelp(ctx, TR_HELP)) return 0;
    const p = parseArgs('tr', ctx.args, { short: 'cCds', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const [s1, s2] = p.operands;
    const del = p.flags.has('d');
    if (s1 === undefined) return usageError(ctx, 'tr: missing operand', 1);
    if (s2 === undefined && !del && !p.flags.has('s')) {
      ctx.stderr.write(`tr: missing operand after ‘${s1}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
      return 1;
    }
    const set1 = expandSet(s1);
    const complement = p.flags.has('c') || p.flags.has('C');
    const members = new Set(set1);
    const in1 = (c: string) => members.has(c) !== complement;
    const set2 = s2 !== undefined ? expandSet(s2) : [];
    // The last mapping of a character wins, as in GNU tr; set2 repeats its last character.
    const mapping = new Map(set1.map((c, i) => [c, set2[Math.min(i, set2.length - 1)] ?? c]));
    const kept: string[] = [];
    for (const c of ctx.stdin) {
      if (del) {
        if (!in1(c)) kept.push(c);
      } else if (s2 !== undefined && in1(c)) kept.push(complement ? (set2[set2.length - 1] ?? c) : mapping.get(c)!);
      else kept.push(c);
    }
    let out = kept.join('');
    if (p.flags.has('s')) {
      const squeeze = s2 !== undefined && !del ? set2 : set1;
      let prev = '';
      let sq = '';
      for (const c of out) {
        if (c === prev && squeeze.includes(c)) continue;
        sq += c;
        prev = c;
      }
      out = sq;
    }
    ctx.stdout.write(out);
    return 0;
  },
};
