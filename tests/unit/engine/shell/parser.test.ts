// The parser: the syntax tree for quoting, expansions, pipelines, lists, redirects and
// heredocs, and the errors (complete vs. needs-more-input) the terminal relies on.
import { describe, expect, it } from 'vitest';
import { parse, ParseError } from '../../../../src/engine/shell/parser.ts';
import { completeness } from '../../../../src/engine/shell/session.ts';

const first = (src: string) => parse(src).items[0]!.first.commands[0]!;

describe('parser', () => {
  it('splits words and keeps quoting information', () => {
    expect(first(`echo 'a b' "c $X" d\\ e`)).toEqual({
      type: 'simple',
      assigns: [],
      redirects: [],
      words: [
        { parts: [{ type: 'lit', value: 'echo', quoted: false }] },
        { parts: [{ type: 'lit', value: 'a b', quoted: true }] },
        { parts: [{ type: 'lit', value: 'c ', quoted: true }, { type: 'var', name: 'X', quoted: true }] },
        { parts: [{ type: 'lit', value: 'd', quoted: false }, { type: 'lit', value: ' ', quoted: true }, { type: 'lit', value: 'e', quoted: false }] },
      ],
    });
  });

  it('parses pipelines and and-or lists', () => {
    const script = parse('a | b && c || ! d; e &');
    expect(script.items.map((i) => ({ n: i.first.commands.length, rest: i.rest.map((r) => r.op), bg: i.background, neg: i.rest.map((r) => r.pipeline.negate) }))).toEqual([
      { n: 2, rest: ['&&', '||'], bg: false, neg: [false, true] },
      { n: 1, rest: [], bg: true, neg: [] },
    ]);
  });

  it('parses redirects with file descriptors', () => {
    const cmd = first('cmd > out 2>&1 >> log < in 2>/dev/null');
    expect(cmd.type === 'simple' && cmd.redirects.map((r) => [r.fd, r.op, r.target.parts.map((p) => (p.type === 'lit' ? p.value : '')).join('')])).toEqual([
      [1, '>', 'out'],
      [2, '>&', '1'],
      [1, '>>', 'log'],
      [0, '<', 'in'],
      [2, '>', '/dev/null'],
    ]);
  });

  it('reads heredoc bodies, expanding unless the delimiter is quoted', () => {
    const a = first('cat > f <<EOF\nline $X\nEOF');
    const b = first("cat <<'EOF'\nline $X\nEOF");
    const c = first('cat <<-EOF\n\tindented\n\tEOF');
    expect([a, b, c].map((x) => (x.type === 'simple' ? x.redirects.find((r) => r.heredoc)?.heredoc : undefined))).toEqual([
      { body: 'line $X\n', expand: true },
      { body: 'line $X\n', expand: false },
      { body: 'indented\n', expand: true },
    ]);
  });

  it('parses assignments, command substitution and arithmetic', () => {
    expect(first('A=1 B="$(date)" env')).toMatchObject({
      assigns: [
        { name: 'A', value: { parts: [{ type: 'lit', value: '1' }] } },
        { name: 'B', value: { parts: [{ type: 'cmdsub', quoted: true }] } },
      ],
      words: [{ parts: [{ type: 'lit', value: 'env' }] }],
    });
    expect(first('echo $((1 + 2))')).toMatchObject({ words: [{}, { parts: [{ type: 'arith', expr: '1 + 2' }] }] });
  });

  it('parses compound commands', () => {
    expect(first('if true; then echo y; elif false; then :; else echo n; fi').type).toBe('if');
    expect(first('for i in 1 2; do echo $i; done')).toMatchObject({ type: 'for', name: 'i', items: [{}, {}] });
    expect(first('while false; do :; done')).toMatchObject({ type: 'while', until: false });
    expect(first('case $x in a|b) echo ab;; *) echo other;; esac')).toMatchObject({ type: 'case', arms: [{ patterns: [{}, {}] }, { patterns: [{}] }] });
    expect(first('f() { echo hi; }')).toMatchObject({ type: 'function', name: 'f', body: { type: 'group' } });
  });

  it('tells incomplete input from syntax errors', () => {
    expect(['echo "open', "echo 'open", 'cat <<EOF\nbody', 'if true; then', 'for i in 1; do', 'echo a |', 'echo a &&', 'echo $(ls'].map(completeness)).toEqual(Array(8).fill('incomplete'));
    expect(['echo ok', 'cat <<EOF\nx\nEOF', 'a && b'].map(completeness)).toEqual(['complete', 'complete', 'complete']);
    expect(['fi', 'echo a ;; b', 'then', 'echo >'].map(completeness)).toEqual(['error', 'error', 'error', 'error']);
  });

  it('gives bash\'s messages for syntax errors', () => {
    const message = (src: string) => {
      try {
        parse(src);
        return 'parsed';
      } catch (e) {
        return e instanceof ParseError ? e.message : String(e);
      }
    };
    expect([message('fi'), message('echo >'), message('a ;; b'), message('x=$(')]).toEqual([
      "syntax error near unexpected token `fi'",
      "syntax error near unexpected token `newline'",
      "syntax error near unexpected token `;;'",
      'syntax error: unexpected end of file',
    ]);
  });

  it('refuses command lines over the limit', () => {
    expect(() => parse('echo ' + 'x'.repeat(70_000))).toThrowError('command line too long (70005 characters; the limit is 65536)');
  });
});
