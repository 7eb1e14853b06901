/** find(1), the common subset: -name/-iname/-path/-type/-maxdepth/-mindepth/-newer/-size/-empty, -print, -delete, -exec. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import * as sys from '../../kernel/syscalls.ts';
import type { Inode } from '../../kernel/vfs.ts';
import { LIMITS } from '../../limits.ts';
import { globToRegExp } from '../glob.ts';
import type { CommandContext, Program } from '../types.ts';
import { fileSize } from './ls.ts';

type Test = (path: string, name: string, node: Inode, depth: number) => boolean;

interface Action {
  kind: 'print' | 'delete' | 'exec';
  argv?: string[];
}

const HELP = `Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]

default path is the current directory; default expression is -print
expression may consist of: operators, options, tests, and actions:
operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2
normal options (always true, specified before other expressions):
      -depth -help -maxdepth LEVELS -mindepth LEVELS -mount -noleaf
      -version -xdev
tests (N can be +N or -N or N): -empty -iname PATTERN -name PATTERN
      -newer FILE -path PATTERN -size N[bcwkMG] -type [bcdpflsD] -user NAME
actions: -delete -print -exec COMMAND ;
`;

function sizeTest(spec: string): Test | undefined {
  const m = /^([+-]?)(\d+)([bcwkMG]?)$/.exec(spec);
  if (!m) return undefined;
  const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, '': 512 }[m[3] as 'b'];
  const n = Number(m[2]);
  return (_p, _n, node) => {
    const units = Math.ceil(fileSize(node) / unit);
    return m[1] === '+' ? units > n : m[1] === '-' ? units < n : units === n;
  };
}

export const find: Program = {
  name: 'find',
  summary: 'search for files in a directory hierarchy',
  async run(ctx) {
    if (ctx.args.includes('--help') || ctx.args.includes('-help')) {
      ctx.stdout.write(HELP);
      return 0;
    }
    const args = [...ctx.args];
    const paths: string[] = [];
    while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') paths.push(args.shift()!);
    if (paths.length === 0) paths.push('.');
    let maxDepth = Infinity;
    let minDepth = 0;
    // An expression is an OR of AND-groups of (possibly negated) tests.
    const groups: Test[][] = [[]];
    const actions: Action[] = [];
    let negate = false;
    const add = (t: Test) => {
      const fn = negate ? ((...a: Parameters<Test>) => !t(...a)) as Test : t;
      negate = false;
      groups[groups.length - 1]!.push(fn);
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const need = () => {
        const v = args[++i];
        if (v === undefined) throw new Error(`find: missing argument to \`${a}'`);
        return v;
      };
      try {
        switch (a) {
          case '-name':
          case '-iname': {
            const re = globToRegExp(need());
            const ci = new RegExp(re.source, a === '-iname' ? 'i' : '');
            add((_p, name) => ci.test(name));
            break;
          }
          case '-path':
          case '-wholename': {
            const re = globToRegExp(need());
            add((p) => re.test(p));
            break;
          }
          case '-type': {
            const t = need();
            const map: Record<string, Inode['type']> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev' };
            if (!map[t]) throw new Error(`find: Unknown argument to -type: ${t}`);
            add((_p, _n, node) => node.type === map[t]);
            break;
          }
          case '-maxdepth':
            maxDepth = Number(need());
            break;
          case '-mindepth':
            minDepth = Number(need());
            break;
          case '-empty':
            add((_p, _n, node) => (node.type === 'dir' ? Object.keys(node.entries ?? {}).length === 0 : fileSize(node) === 0));
            break;
          case '-size': {
            const v = need();
            const t = sizeTest(v);
            if (!t) throw new Error(`find: invalid -size type \`${v}'`);
            add(t);
            break;
          }
          case '-newer': {
            const ref = need();
            const st = sys.stat(ctx.world, ctx.proc, ref);
            add((_p, _n, node) => node.mtime > st.node.mtime);
            break;
          }
          case '-user': {
            const u = need();
            add((_p, _n, node) => String(node.uid) === u || (u === 'root' && node.uid === 0));
            break;
          }
          case '!':
          case '-not':
            negate = !negate;
            break;
          case '-o':
          case '-or':
            groups.push([]);
            break;
          case '-a':
          case '-and':
          case '(':
          case ')':
            break;
          case '-print':
            actions.push({ kind: 'print' });
            break;
          case '-delete':
            actions.push({ kind: 'delete' });
            break;
          case '-exec': {
            const argv: string[] = [];
            while (i + 1 < args.length && args[i + 1] !== ';' && args[i + 1] !== '+') argv.push(args[++i]!);
            if (i + 1 >= args.length) throw new Error('find: missing argument to `-exec\'');
            i++;
            actions.push({ kind: 'exec', argv });
            break;
          }
          case '-xdev':
          case '-mount':
          case '-depth':
          case '-noleaf':
            break;
          default:
            throw new Error(a.startsWith('-') ? `find: unknown predicate \`${a}'` : `find: paths must precede expression: \`${a}'`);
        }
      } catch (e) {
        if (isSysError(e)) {
          ctx.stderr.write(`find: ‘${args[i]}’: ${strerror(e)}\n`);
          return 1;
        }
        if (!(e instanceof Error)) throw e;
        ctx.stderr.write(e.message + '\n' + (e.message.includes('paths must precede') ? "find: possible unquoted pattern after predicate `-name'?\n" : ''));
        return 1;
      }
    }
    if (actions.length === 0) actions.push({ kind: 'print' });
    const matches = (p: string, name: string, node: Inode, depth: number) => groups.some((g) => g.every((t) => t(p, name, node, depth)));
    let status = 0;
    let budget = LIMITS.walkEntries;
    const hits: string[] = [];
    const walk = (path: string, depth: number) => {
      if (--budget < 0) return;
      let st;
      try {
        st = sys.stat(ctx.world, ctx.proc, path, false);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`find: ‘${path}’: ${strerror(e)}\n`);
        status = 1;
        return;
      }
      const name = depth === 0 ? path : path.slice(path.lastIndexOf('/') + 1);
      if (depth >= minDepth && matches(path, name, st.node, depth)) hits.push(path);
      if (st.node.type !== 'dir' || depth >= maxDepth) return;
      let names: string[];
      try {
        names = sys.readdir(ctx.world, ctx.proc, path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`find: ‘${path}’: ${strerror(e)}\n`);
        status = 1;
        return;
      }
      for (const n of names) walk(path === '/' ? `/${n}` : `${path.replace(/\/$/, '')}/${n}`, depth + 1);
    };
    for (const p of paths) walk(p, 0);
    for (const a of actions) {
      if (a.kind === 'print') for (const h of hits) ctx.stdout.write(h + '\n');
      else if (a.kind === 'delete') {
        for (const h of [...hits].reverse()) {
          try {
            const st = sys.stat(ctx.world, ctx.proc, h, false);
            if (st.node.type === 'dir') sys.rmdir(ctx.world, ctx.proc, h);
            else sys.unlink(ctx.world, ctx.proc, h);
          } catch (e) {
            if (!isSysError(e)) throw e;
            ctx.stderr.write(`find: cannot delete ‘${h}’: ${strerror(e)}\n`);
            status = 1;
          }
        }
      } else for (const h of hits) await execOne(ctx, a.argv!.map((x) => x.replace(/\{\}/g, h)));
    }
    return status;
  },
};

async function execOne(ctx: CommandContext, argv: string[]): Promise<number> {
  return ctx.exec(argv, { notFound: (name) => `find: ‘${name}’: No such file or directory\n` });
}
