/** grep(1): BRE/ERE/fixed patterns over files, stdin or (with -r) directory trees. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import type { Program } from '../types.ts';
import { linesOf, parseArgs, wantsHelp } from './util.ts';

const HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -i, --ignore-case         ignore case distinctions in patterns and data
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
      --help                display this help text and exit

Output control:
  -n, --line-number         print line number with output lines
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
  -r, --recursive           like --directories=recurse
  -l, --files-with-matches  print only names of FILEs with selected lines
  -L, --files-without-match  print only names of FILEs with no selected lines
  -c, --count               print only a count of selected lines per FILE

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
`;

/** Translates a POSIX basic regular expression to a JavaScript one. */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i]!;
      out += '+?|(){}'.includes(n) ? n : n === '<' || n === '>' ? '\\b' : '\\' + n;
    } else out += '+?|(){}'.includes(c) ? '\\' + c : c;
  }
  return out;
}

function ereToJs(p: string): string {
  return p.replace(/\\([<>])/g, '\\b');
}

export const grep: Program = {
  name: 'grep',
  summary: 'print lines that match patterns',
  run(ctx) {
    if (wantsHelp(ctx, HELP)) return 0;
    const p = parseArgs('grep', ctx.args, {
      short: 'EFGivcnlLqsrRwxohH',
      shortValue: 'e',
      long: { 'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q', 'no-messages': 's', recursive: 'r', 'word-regexp': 'w', 'line-regexp': 'x', 'only-matching': 'o', 'no-filename': 'h', 'with-filename': 'H' },
      longValue: { regexp: 'e' },
    });
    if ('error' in p) {
      ctx.stderr.write(`${p.error}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    const f = p.flags;
    const operands = [...p.operands];
    const pattern = p.values.get('e') ?? operands.shift();
    if (pattern === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    let sources: string[];
    try {
      sources = pattern.split('\n').map((pat) => (f.has('F') ? pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') ? ereToJs(pat) : breToJs(pat)));
    } catch {
      sources = [];
    }
    let re: RegExp;
    try {
      let src = sources.map((s) => `(?:${s})`).join('|');
      if (f.has('w')) src = `(?<![\\w])(?:${src})(?![\\w])`;
      if (f.has('x')) src = `^(?:${src})$`;
      re = new RegExp(src, f.has('i') ? 'gi' : 'g');
    } catch {
      ctx.stderr.write('grep: Unmatched ( or \\(\n');
      return 2;
    }
    const recursive = f.has('r') || f.has('R');
    const files = operands.length ? operands : [recursive ? '.' : '-'];
    const inputs: { name: string; text: string }[] = [];
    let status = 1;
    let errors = false;
    const fail = (msg: string) => {
      errors = true;
      if (!f.has('s')) ctx.stderr.write(msg + '\n');
    };
    const walk = (path: string, depth: number) => {
      if (inputs.length > LIMITS.walkEntries || depth > 64) return;
      try {
        const st = sys.stat(ctx.world, ctx.proc, path);
        if (st.node.type === 'dir') {
          if (!recursive) return fail(`grep: ${path}: Is a directory`);
          for (const n of sys.readdir(ctx.world, ctx.proc, path)) walk(`${path.replace(/\/$/, '')}/${n}`, depth + 1);
          return;
        }
        inputs.push({ name: path, text: sys.readFile(ctx.world, ctx.proc, path) });
      } catch (e) {
        if (!isSysError(e)) throw e;
        fail(`grep: ${path}: ${strerror(e)}`);
      }
    };
    for (const file of files) {
      if (file === '-') inputs.push({ name: '(standard input)', text: ctx.stdin });
      else walk(file, 0);
    }
    const showName = f.has('H') || (!f.has('h') && (inputs.length > 1 || recursive || files.length > 1));
    for (const { name, text } of inputs) {
      let count = 0;
      const lines = linesOf(text);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        re.lastIndex = 0;
        const hit = re.test(line) !== f.has('v');
        if (!hit) continue;
        count++;
        status = 0;
        if (f.has('q')) return 0;
        if (f.has('c') || f.has('l') || f.has('L')) continue;
        const prefix = (showName ? `${name}:` : '') + (f.has('n') ? `${i + 1}:` : '');
        if (f.has('o') && !f.has('v')) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0]) ctx.stdout.write(prefix + m[0] + '\n');
        } else ctx.stdout.write(prefix + line + '\n');
      }
      if (f.has('c')) ctx.stdout.write((showName ? `${name}:` : '') + count + '\n');
      if (f.has('l') && count > 0) ctx.stdout.write(name + '\n');
      if (f.has('L') && count === 0) ctx.stdout.write(name + '\n');
    }
    return errors && !(f.has('q') && status === 0) ? 2 : status;
  },
};
