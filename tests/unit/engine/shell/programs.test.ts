/** Every program answers --help, and rejects an unknown option with an error and a non-zero status, like the real one. */
import { describe, expect, it } from 'vitest';
import { CORE_PROGRAMS } from '../../../../src/engine/shell/commands/index.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

// Programs whose real counterparts do not treat these as options: echo prints them, true/false ignore them.
const NO_OPTIONS = new Set(['echo', 'true', 'false', 'printf', 'breakout', 'memhog']);
// Real ones with no --help: clear (ncurses) rejects it; debianutils' which says "Illegal option --"; ip prints usage and exits 255.
const NO_HELP = new Set(['clear', 'which', 'ip']);

describe('every program', () => {
  for (const p of CORE_PROGRAMS) {
    it(`${p.name} --help and --bogus-option`, async () => {
      const s = newSession('linux');
      await runIn(s, 'sudo -i');
      const path = p.path ?? `/usr/bin/${p.name}`;
      if (!NO_OPTIONS.has(p.name) && !NO_HELP.has(p.name)) {
        const help = await runIn(s, `${path} --help`);
        expect(help.exitCode, `${p.name} --help: ${help.stderr}`).toBe(0);
        expect(help.stdout + help.stderr).not.toBe('');
      }
      if (NO_OPTIONS.has(p.name)) return;
      const bad = await runIn(s, `${path} --bogus-option`);
      expect(bad.exitCode, `${p.name} --bogus-option`).not.toBe(0);
      expect(bad.stderr, `${p.name} --bogus-option`).not.toBe('');
      expect(bad.stderr).not.toContain('internal error');
    });
  }
});
