/**
 * Property tests: random command lines never make the parser or the interpreter throw out of
 * Session.execute (expected failures are exit codes and messages), and never hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, ParseError } from '../../../../src/engine/shell/parser.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

const WORDS = ['echo', 'ls', 'cat', 'cd', 'true', 'false', 'x', '-l', '-la', '/', '/proc', '/proc/self/status', '/sys/fs/cgroup', '/etc/passwd', '..', '~', '*', '?', 'a*b', '$x', '${x:-d}', '$?', '$$', '$(echo hi)', '$((1+2))', '`echo b`', '"q $x"', "'s'", '\\n', 'x=1', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', 'esac', ')', '(', '{', '}', ';;', 'f()', 'grep', 'sort', 'wc', 'head', '-n', '2', 'sudo', 'unshare', '--pid', '--fork', '--mount-proc', 'mount', 'ip', 'link', 'hostname', 'ps', '-ef', 'kill', '%1', 'sleep', '1', 'mkdir', '-p', 'rm', '-rf', 'tar', 'cf', 'find', '.', '-name', 'xargs', 'tee', 'chroot', 'exit', 'bash', '-c', 'return', 'break', 'seq', '3', 'printf', '%s', 'stress', '--cpu', 'memhog', '10M', 'top', '-b', 'nsenter', '-t', 'lsns', 'cut', '-d:', '-f1', 'tr', 'a-z', 'A-Z'];
const OPS = [' ', ' ', ' ', ';', '|', '&&', '||', '&', '>', '>>', '<', '2>&1', '\n', '<<EOF\nbody\nEOF\n', '$(', '"', "'", '`'];

const line = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...OPS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(' '));

describe('shell fuzzing', () => {
  it('the parser either parses or raises ParseError', () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string({ maxLength: 80 })), (src) => {
        try {
          parse(src);
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('Session.execute returns an exit code for any line, as the learner or as root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), fc.boolean(), async (lines, asRoot) => {
        const s = newSession('linux');
        if (asRoot) await runIn(s, 'sudo -i');
        for (const l of lines) {
          const r = await runIn(s, l);
          expect(Number.isInteger(r.exitCode)).toBe(true);
          expect(r.stderr).not.toContain('internal error');
        }
        // The world still serializes to JSON after anything.
        expect(() => JSON.parse(s.world.snapshot())).not.toThrow();
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
