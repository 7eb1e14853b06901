// The saved scrollback keeps colours and attributes as SGR sequences and nothing else
// (issue 7, "Persistence"), and reading it after each command costs only the new rows
// (issue 8, command latency). The format is checked on a faked buffer; the recorder runs
// against xterm's own headless terminal.
import { Terminal } from '@xterm/headless';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureScrollback, ScrollbackRecorder, type ScrollbackBuffer, type ScrollbackCell, type ScrollbackLine } from '../../../src/sandbox/features/scrollback.ts';

interface Look {
  fg?: number | [number, number, number];
  bg?: number | [number, number, number];
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
  width?: number;
}

const rgb = (c: Look['fg']) => (Array.isArray(c) ? (c[0] << 16) | (c[1] << 8) | c[2] : (c ?? 0));
const n = (b?: boolean) => (b ? 1 : 0);

function cell(ch: string, look: Look = {}): ScrollbackCell {
  return {
    getChars: () => ch,
    getWidth: () => look.width ?? 1,
    getFgColor: () => rgb(look.fg),
    getBgColor: () => rgb(look.bg),
    isFgRGB: () => Array.isArray(look.fg),
    isBgRGB: () => Array.isArray(look.bg),
    isFgPalette: () => typeof look.fg === 'number',
    isBgPalette: () => typeof look.bg === 'number',
    isBold: () => n(look.bold),
    isDim: () => 0,
    isItalic: () => 0,
    isUnderline: () => n(look.underline),
    isBlink: () => 0,
    isInverse: () => n(look.inverse),
    isInvisible: () => 0,
    isStrikethrough: () => 0,
    isOverline: () => 0,
    isAttributeDefault: () => look.fg === undefined && look.bg === undefined && !look.bold && !look.underline && !look.inverse,
  };
}

/** A row of `cols` cells: the given runs of text, then empty cells. */
function row(runs: [string, Look?][], wrapped = false, cols = 12): ScrollbackLine {
  const cells = runs.flatMap(([text, look]) => [...text].map((ch) => cell(ch, look)));
  while (cells.length < cols) cells.push(cell(''));
  return { isWrapped: wrapped, length: cells.length, getCell: (x) => cells[x] };
}

function buffer(rows: ScrollbackLine[], cursorRow: number): ScrollbackBuffer {
  return { type: 'normal', baseY: 0, cursorY: cursorRow, getLine: (y) => rows[y], getNullCell: () => cell('') };
}

describe('captureScrollback', () => {
  it('keeps 16, 256 and RGB colours and attributes, one SGR per change, each line ending in the default look', () => {
    const rows = [
      row([['$ ls'], [' ']]),
      row([['pod', { fg: 4, bold: true }], [' '], ['ok', { fg: 10 }]]),
      row([['warn', { fg: 208, bg: 1 }], ['!', { fg: [255, 0, 128], underline: true }]]),
      row([['$ '], ['inv', { inverse: true }]]),
      row([['$ ']]),
    ];
    expect(captureScrollback(buffer(rows, 4))).toBe(
      '$ ls\n' +
        '\x1b[1;34mpod\x1b[0m \x1b[92mok\x1b[0m\n' +
        '\x1b[38;5;208;41mwarn\x1b[0;4;38;2;255;0;128m!\x1b[0m\n' +
        '$ \x1b[7minv\x1b[0m',
    );
  });

  it('joins wrapped rows into one line, keeps their inner spaces, and skips the second half of wide characters', () => {
    const rows = [row([['abcdef', { fg: 2 }], ['      ']], false, 12), row([['gh ', { fg: 2 }], ['界', { width: 2 }], ['', { width: 0 }], ['!']], true, 12), row([['$ ']])];
    expect(captureScrollback(buffer(rows, 2))).toBe('\x1b[32mabcdef\x1b[0m      \x1b[32mgh \x1b[0m界!');
  });

  it('keeps trailing cells that are coloured, and drops trailing empty lines', () => {
    const rows = [row([['bar'], ['  ', { bg: 4 }]]), row([]), row([]), row([['$ ']])];
    expect(captureScrollback(buffer(rows, 3))).toBe('bar\x1b[44m  \x1b[0m');
  });
});

/** What a learner's session does to the terminal, in miniature (10 columns, 6 rows, 30 rows of scrollback). */
type Step =
  | { write: string }
  | { resize: number }
  | { clear: true }
  | { reset: true };

const word = fc.constantFrom('pod', 'Running', '$ ls -la', '界面', 'x'.repeat(25), '', '   ', 'ok  ');
const sgr = fc.constantFrom('', '\x1b[32m', '\x1b[1;31m', '\x1b[38;5;208m', '\x1b[48;2;1;2;3m', '\x1b[0m', '\x1b[7m');
const chunk = fc.array(fc.tuple(sgr, word), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([a, b]) => a + b).join(' '));
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.array(chunk, { minLength: 1, maxLength: 12 }).map((lines) => ({ write: lines.join('\r\n') + '\r\n' })) },
  { weight: 2, arbitrary: fc.constantFrom('\x1b[H\x1b[2J', '\x1b[3J', '\x1b[2K\r', '\x1b[1A\x1b[2K').map((write) => ({ write })) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: 14 }).map((resize) => ({ resize })) },
  { weight: 1, arbitrary: fc.constant({ clear: true as const }) },
  { weight: 1, arbitrary: fc.constant({ reset: true as const }) },
);

describe('ScrollbackRecorder', () => {
  it('captures what a full read of the buffer gives, after every step: output, scrollback trimmed off the top, erases, resizes, clear and reset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const term = new Terminal({ cols: 10, rows: 6, scrollback: 30, allowProposedApi: true });
        const recorder = new ScrollbackRecorder(term);
        try {
          for (const s of steps) {
            if ('write' in s) await new Promise<void>((resolve) => term.write(s.write, resolve));
            else if ('resize' in s) term.resize(s.resize, 6);
            else if ('clear' in s) term.clear();
            else term.reset();
            expect(recorder.capture()).toBe(captureScrollback(term.buffer.active));
          }
        } finally {
          recorder.dispose();
          term.dispose();
        }
      }),
      { seed: 8, numRuns: 150 },
    );
  });

  it('reads each row above the viewport once', async () => {
    const term = new Terminal({ cols: 20, rows: 5, scrollback: 1000, allowProposedApi: true });
    const recorder = new ScrollbackRecorder(term);
    const lines = Array.from({ length: 200 }, (_, i) => `\x1b[3${i % 8}mline ${i}\x1b[0m`);
    await new Promise<void>((resolve) => term.write(lines.join('\r\n') + '\r\n$ ', resolve));
    recorder.capture();
    const buf = term.buffer.active;
    let reads = 0;
    const getLine = buf.getLine.bind(buf);
    const counting = Object.create(buf, { getLine: { value: (y: number) => (reads++, getLine(y)) } });
    Object.defineProperty(term.buffer, 'active', { get: () => counting });
    await new Promise<void>((resolve) => term.write('ls\r\nfile\r\n$ ', resolve));
    const text = recorder.capture();
    expect(text.split('\n').slice(-3)).toEqual(['line 199', '$ ls', 'file'].map((l, i) => (i ? l : '\x1b[37mline 199\x1b[0m')));
    // The viewport's rows and the rows that scrolled out since the last capture, not the 200 above.
    expect(reads).toBeLessThan(20);
    recorder.dispose();
    term.dispose();
  });
});
