// The saved scrollback keeps colours and attributes as SGR sequences and nothing else
// (issue 7, "Persistence"). xterm's buffer is faked here; the e2e test reads a real one.
import { describe, expect, it } from 'vitest';
import { captureScrollback, type ScrollbackBuffer, type ScrollbackCell, type ScrollbackLine } from '../../../src/sandbox/features/scrollback.ts';

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
  };
}

/** A row of `cols` cells: the given runs of text, then empty cells. */
function row(runs: [string, Look?][], wrapped = false, cols = 12): ScrollbackLine {
  const cells = runs.flatMap(([text, look]) => [...text].map((ch) => cell(ch, look)));
  while (cells.length < cols) cells.push(cell(''));
  return { isWrapped: wrapped, length: cells.length, getCell: (x) => cells[x] };
}

function buffer(rows: ScrollbackLine[], cursorRow: number): ScrollbackBuffer {
  return { baseY: 0, cursorY: cursorRow, getLine: (y) => rows[y], getNullCell: () => cell('') };
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
