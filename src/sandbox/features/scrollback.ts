/**
 * The terminal's scrollback as text that keeps its colours: each line of xterm's buffer is
 * written out as its characters and SGR sequences (colours, bold, underline...) and nothing
 * else, so a reload paints the same coloured text and replaying it can do nothing more.
 */
import type { IBufferCell } from '@xterm/xterm';

/** The parts of xterm's buffer read here (xterm's IBuffer has them; tests pass a fake). */
export type ScrollbackCell = Pick<
  IBufferCell,
  | 'getChars' | 'getWidth' | 'getFgColor' | 'getBgColor' | 'isFgRGB' | 'isBgRGB' | 'isFgPalette' | 'isBgPalette'
  | 'isBold' | 'isDim' | 'isItalic' | 'isUnderline' | 'isBlink' | 'isInverse' | 'isInvisible' | 'isStrikethrough' | 'isOverline'
>;
export interface ScrollbackLine {
  readonly isWrapped: boolean;
  readonly length: number;
  getCell(x: number, cell?: ScrollbackCell): ScrollbackCell | undefined;
}
export interface ScrollbackBuffer {
  readonly baseY: number;
  readonly cursorY: number;
  getLine(y: number): ScrollbackLine | undefined;
  getNullCell(): ScrollbackCell;
}

function color(value: number, rgb: boolean, palette: boolean, base: number, bright: number, extended: number): string | undefined {
  if (rgb) return `${extended};2;${(value >> 16) & 255};${(value >> 8) & 255};${value & 255}`;
  if (!palette) return undefined;
  if (value < 8) return String(base + value);
  if (value < 16) return String(bright + value - 8);
  return `${extended};5;${value}`;
}

/** The SGR parameters that give a cell its look, starting from the default (empty: default). */
export function sgrParams(c: ScrollbackCell): string {
  const p: string[] = [];
  if (c.isBold()) p.push('1');
  if (c.isDim()) p.push('2');
  if (c.isItalic()) p.push('3');
  if (c.isUnderline()) p.push('4');
  if (c.isBlink()) p.push('5');
  if (c.isInverse()) p.push('7');
  if (c.isInvisible()) p.push('8');
  if (c.isStrikethrough()) p.push('9');
  if (c.isOverline()) p.push('53');
  const fg = color(c.getFgColor(), c.isFgRGB(), c.isFgPalette(), 30, 90, 38);
  const bg = color(c.getBgColor(), c.isBgRGB(), c.isBgPalette(), 40, 100, 48);
  if (fg) p.push(fg);
  if (bg) p.push(bg);
  return p.join(';');
}

/** One logical line (a row and the rows wrapped from it): text with SGR changes, ending in the default look. */
function serializeRows(rows: ScrollbackLine[], cell: ScrollbackCell): string {
  const cells: { ch: string; sgr: string }[] = [];
  for (const row of rows) {
    for (let x = 0; x < row.length; x++) {
      const c = row.getCell(x, cell);
      // The second half of a wide character has width 0: its character is in the first half.
      if (!c || c.getWidth() === 0) continue;
      cells.push({ ch: c.getChars() || ' ', sgr: sgrParams(c) });
    }
  }
  // Trailing blanks in the default look are the empty rest of the row, not output.
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.ch === ' ' && cells[end - 1]!.sgr === '') end--;
  let out = '';
  let current = '';
  for (let i = 0; i < end; i++) {
    const { ch, sgr } = cells[i]!;
    if (sgr !== current) out += sgr ? `\x1b[${current ? '0;' : ''}${sgr}m` : '\x1b[0m';
    current = sgr;
    out += ch;
  }
  return current ? out + '\x1b[0m' : out;
}

/** The scrollback above the prompt line: lines joined by \n, each starting and ending in the default look. */
export function captureScrollback(buf: ScrollbackBuffer): string {
  const end = buf.baseY + buf.cursorY;
  const cell = buf.getNullCell();
  const lines: string[] = [];
  let rows: ScrollbackLine[] = [];
  for (let y = 0; y <= end; y++) {
    const line = y < end ? buf.getLine(y) : undefined;
    if (line?.isWrapped && rows.length) {
      rows.push(line);
      continue;
    }
    if (rows.length) lines.push(serializeRows(rows, cell));
    rows = line ? [line] : [];
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
