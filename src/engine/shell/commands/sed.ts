/**
 * sed(1), the GNU subset learners reach for: `s///` with g, p, I and a count, `p`, `d`, `q`,
 * `y///`, line, `$` and /regex/ addresses and ranges, `-n`, `-e`, `-E`/`-r` and `-i[SUFFIX]`
 * (e.g. `sed -i 's/nginx:1.27/nginx:1.28/' deploy.yaml`).
 */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { Program } from '../types.ts';

const HELP = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
      --help     display this help and exit
`;

type Address = { line: number } | { last: true } | { re: RegExp };

interface Cmd {
  a1?: Address;
  a2?: Address;
  name: 's' | 'p' | 'd' | 'q' | 'y' | '=';
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  /** Range state: inside an a1,a2 range. */
  active?: boolean;
}

class SedError extends Error {}

/** POSIX basic regular expressions → JavaScript: \( \) \{ \} \+ \? \| are the operators, bare ones are literal. */
function toJsRegex(src: string, extended: boolean): string {
  if (extended) return src;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      const n = src[++i]!;
      out += '(){}+?|'.includes(n) ? n : '\\' + n;
    } else out += '(){}+?|'.includes(c) ? '\\' + c : c;
  }
  return out;
}

function parseScript(script: string, extended: boolean, exprNo: number): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new SedError(`sed: -e expression #${exprNo}, char ${i}: ${msg}`);
  };
  const skip = () => {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
  };
  const delimited = (delim: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && script[i + 1] === delim) {
        out += delim;
        i += 2;
      } else if (script[i] === '\\' && i + 1 < script.length) {
        out += script[i]! + script[i + 1]!;
        i += 2;
      } else out += script[i++];
    }
    if (i >= script.length) fail(`unterminated \`s' command`);
    i++;
    return out;
  };
  const regex = (src: string, flags = '') => {
    try {
      return new RegExp(toJsRegex(src, extended), flags);
    } catch {
      return fail('Invalid regular expression');
    }
  };
  const address = (): Address | undefined => {
    if (/\d/.test(script[i] ?? '')) {
      const m = /^\d+/.exec(script.slice(i))![0];
      i += m.length;
      return { line: Number(m) };
    }
    if (script[i] === '$') {
      i++;
      return { last: true };
    }
    if (script[i] === '/') {
      i++;
      return { re: regex(delimited('/')) };
    }
    return undefined;
  };
  for (skip(); i < script.length; skip()) {
    const cmd: Partial<Cmd> = {};
    cmd.a1 = address();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = address() ?? fail('unexpected `,\'');
    }
    const name = script[i++];
    if (name === 's') {
      const delim = script[i++] ?? fail(`unterminated \`s' command`);
      const pattern = delimited(delim);
      const replacement = delimited(delim);
      let flags = '';
      while (i < script.length && /[gpiI0-9]/.test(script[i]!)) {
        const f = script[i++]!;
        if (f === 'g') cmd.global = true;
        else if (f === 'p') cmd.print = true;
        else if (f === 'i' || f === 'I') flags += 'i';
        else cmd.nth = Number(f) + (cmd.nth ?? 0) * 10;
      }
      if (i < script.length && !/[\s;}]/.test(script[i]!)) fail(`unknown option to \`s'`);
      Object.assign(cmd, { name: 's', re: regex(pattern, 'g' + flags), replacement });
    } else if (name === 'y') {
      const delim = script[i++] ?? fail(`unterminated \`y' command`);
      const from = delimited(delim);
      const to = delimited(delim);
      if (from.length !== to.length) fail('strings for `y\' command are different lengths');
      Object.assign(cmd, { name: 'y', from, to });
    } else if (name === 'p' || name === 'd' || name === 'q' || name === '=') cmd.name = name;
    else if (name === undefined) fail('missing command');
    else fail(`unknown command: \`${name}'`);
    cmds.push(cmd as Cmd);
  }
  return cmds;
}

function expandReplacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else out += c;
  }
  return out;
}

function matches(a: Address, line: string, n: number, last: boolean): boolean {
  if ('line' in a) return a.line === n;
  if ('last' in a) return last;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

function selected(cmd: Cmd, line: string, n: number, last: boolean): boolean {
  if (!cmd.a1) return true;
  if (!cmd.a2) return matches(cmd.a1, line, n, last);
  if (cmd.active) {
    const end = 'line' in cmd.a2 ? n >= cmd.a2.line : matches(cmd.a2, line, n, last);
    if (end) cmd.active = false;
    return true;
  }
  if (matches(cmd.a1, line, n, last)) {
    cmd.active = !('line' in cmd.a2 && cmd.a2.line <= n);
    return true;
  }
  return false;
}

function run(cmds: Cmd[], text: string, quiet: boolean): string {
  const lines = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  let out = '';
  for (const c of cmds) c.active = false;
  for (let idx = 0; idx < lines.length; idx++) {
    let line = lines[idx]!;
    const n = idx + 1;
    const last = idx === lines.length - 1;
    let deleted = false;
    let quit = false;
    for (const c of cmds) {
      if (!selected(c, line, n, last)) continue;
      if (c.name === 'd') {
        deleted = true;
        break;
      }
      if (c.name === 'p') out += line + '\n';
      else if (c.name === '=') out += `${n}\n`;
      else if (c.name === 'q') {
        quit = true;
        break;
      } else if (c.name === 'y') line = [...line].map((ch) => (c.from!.includes(ch) ? c.to![c.from!.indexOf(ch)]! : ch)).join('');
      else if (c.name === 's') {
        const re = c.re!;
        re.lastIndex = 0;
        let result = '';
        let pos = 0;
        let count = 0;
        let changed = false;
        for (let m = re.exec(line); m; m = re.exec(line)) {
          count++;
          const take = c.global ? count >= (c.nth ?? 1) : count === (c.nth ?? 1);
          if (take) {
            result += line.slice(pos, m.index) + expandReplacement(c.replacement!, m);
            pos = m.index + m[0].length;
            changed = true;
          }
          if (m[0] === '') re.lastIndex++;
          if (!c.global && count >= (c.nth ?? 1)) break;
        }
        if (changed) {
          line = result + line.slice(pos);
          if (c.print) out += line + '\n';
        }
      }
    }
    if (!deleted && !quiet) out += line + (last && !trailing ? '' : '\n');
    if (quit) break;
  }
  return out;
}

export const sed: Program = {
  name: 'sed',
  summary: 'stream editor for filtering and transforming text',
  run(ctx) {
    const scripts: string[] = [];
    const files: string[] = [];
    let quiet = false;
    let extended = false;
    let inPlace: string | undefined;
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i]!;
      if (a === '--help') {
        ctx.stdout.write(HELP);
        return 0;
      }
      if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (a === '-e' || a === '--expression') {
        const v = ctx.args[++i];
        if (v === undefined) return usage(ctx, "sed: option requires an argument -- 'e'");
        scripts.push(v);
      } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
      else if (a.startsWith('-i') || a.startsWith('--in-place')) inPlace = a.startsWith('-i') ? a.slice(2) : (a.split('=')[1] ?? '');
      else if (/^-[nEr]+$/.test(a)) {
        if (a.includes('n')) quiet = true;
        if (/[Er]/.test(a)) extended = true;
      } else if (a.startsWith('-') && a !== '-') return usage(ctx, a.startsWith('--') ? `sed: unrecognized option '${a}'` : `sed: invalid option -- '${a[1]}'`);
      else files.push(a);
    }
    if (scripts.length === 0) {
      const s = files.shift();
      if (s === undefined) return usage(ctx, '');
      scripts.push(s);
    }
    let cmds: Cmd[];
    try {
      cmds = scripts.flatMap((s, i) => parseScript(s, extended, i + 1));
    } catch (e) {
      if (e instanceof SedError) {
        ctx.stderr.write(e.message + '\n');
        return 1;
      }
      throw e;
    }
    if (inPlace !== undefined && files.length === 0) {
      ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    let status = 0;
    if (files.length === 0) {
      ctx.stdout.write(run(cmds, ctx.stdin, quiet));
      return 0;
    }
    for (const f of files) {
      let text: string;
      try {
        text = f === '-' ? ctx.stdin : sys.readFile(ctx.world, ctx.proc, f);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`sed: can't read ${f}: ${strerror(e)}\n`);
        status = 2;
        continue;
      }
      const result = run(cmds, text, quiet);
      if (inPlace === undefined) ctx.stdout.write(result);
      else {
        try {
          if (inPlace) sys.writeFile(ctx.world, ctx.proc, f + inPlace, text);
          sys.writeFile(ctx.world, ctx.proc, f, result);
        } catch (e) {
          if (!isSysError(e)) throw e;
          ctx.stderr.write(`sed: couldn't open temporary file ${f}: ${strerror(e)}\n`);
          status = 4;
        }
      }
    }
    return status;
  },
};

function usage(ctx: Parameters<Program['run']>[0], line: string): number {
  ctx.stderr.write(`${line ? line + '\n' : ''}${HELP}`);
  return 1;
}
