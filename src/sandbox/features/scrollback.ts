/**
 * The terminal's scrollback as text that keeps its colours: each line of xterm's buffer is
 * written out as its characters and SGR sequences (colours, bold, underline...) and nothing
 * else, so a reload paints the same coloured text and replaying it can do nothing more.
 *
 * A lab saves after every command, and reading a full 5,000-row buffer cell by cell takes
 * tens of milliseconds on the page's thread. Rows that have scrolled above the viewport no
 * longer change, so `ScrollbackRecorder` keeps their lines and reads only the rows below.
 */
import type { IBufferCell, IDisposable } from '@xterm/xterm';

/** The parts of xterm's buffer read here (xterm's IBuffer has them; tests may pass a fake). */
export type ScrollbackCell = Pick<
  IBufferCell,
  | 'getChars' | 'getWidth' | 'getFgColor' | 'getBgColor' | 'isFgRGB' | 'isBgRGB' | 'isFgPalette' | 'isBgPalette'
  | 'isBold' | 'isDim' | 'isItalic' | 'isUnderline' | 'isBlink' | 'isInverse' | 'isInvisible' | 'isStrikethrough' | 'isOverline'
  | 'isAttributeDefault'
>;
export interface ScrollbackLine {
  readonly isWrapped: boolean;
  readonly length: number;
  getCell(x: number, cell?: ScrollbackCell): ScrollbackCell | undefined;
}
export interface ScrollbackBuffer {
  readonly type: 'normal' | 'alternate';
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
function sgrParams(c: ScrollbackCell): string {
  if (c.isAttributeDefault()) return '';
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

/** One logical line (rows `from`..`to`-1, a row and the rows wrapped from it): text with SGR changes, ending in the default look. */
function serializeRows(buf: ScrollbackBuffer, from: number, to: number, cell: ScrollbackCell): string {
  let out = '';
  let current = '';
  // Blanks in the default look are held back: at the end of the line they are the empty
  // rest of the row, not output, and are dropped.
  let blanks = 0;
  for (let y = from; y < to; y++) {
    const row = buf.getLine(y);
    if (!row) continue;
    for (let x = 0; x < row.length; x++) {
      const c = row.getCell(x, cell);
      // The second half of a wide character has width 0: its character is in the first half.
      if (!c || c.getWidth() === 0) continue;
      const ch = c.getChars() || ' ';
      const sgr = sgrParams(c);
      if (ch === ' ' && sgr === '') {
        blanks++;
        continue;
      }
      if (blanks) {
        if (current) out += '\x1b[0m';
        current = '';
        out += ' '.repeat(blanks);
        blanks = 0;
      }
      if (sgr !== current) out += sgr ? `\x1b[${current ? '0;' : ''}${sgr}m` : '\x1b[0m';
      current = sgr;
      out += ch;
    }
  }
  return current ? out + '\x1b[0m' : out;
}

/** Appends the logical lines that start in rows `from`..`to`-1 to `lines` (and their row counts to `rows`). */
function serializeLines(buf: ScrollbackBuffer, from: number, to: number, lines: string[], rows?: number[]): void {
  const cell = buf.getNullCell();
  let start = from;
  for (let y = from + 1; y <= to; y++) {
    if (y < to && buf.getLine(y)?.isWrapped) continue;
    lines.push(serializeRows(buf, start, y, cell));
    rows?.push(y - start);
    start = y;
  }
}

/** Lines joined by \n, without the empty lines at the end. */
function joinLines(lines: readonly string[]): string {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return (end === lines.length ? lines : lines.slice(0, end)).join('\n');
}

/** The scrollback above the prompt line: lines joined by \n, each starting and ending in the default look. */
export function captureScrollback(buf: ScrollbackBuffer): string {
  const lines: string[] = [];
  serializeLines(buf, 0, buf.baseY + buf.cursorY, lines);
  return joinLines(lines);
}

/** What the recorder needs of xterm's Terminal. */
export interface ScrollbackTerminal {
  readonly buffer: { readonly active: ScrollbackBuffer; onBufferChange(listener: () => void): IDisposable };
  /** A marker follows its row as rows are trimmed off the top, and is disposed with the row. */
  registerMarker(cursorYOffset?: number): { readonly line: number; readonly isDisposed: boolean; dispose(): void } | undefined;
  onResize(listener: () => void): IDisposable;
}

/**
 * `captureScrollback` that reads each row above the viewport once. Its lines are kept with
 * a marker on their last row: when the full buffer trims rows off the top, the marker
 * moves up by as many and the kept lines are dropped to match. A resize (rows re-wrap), a
 * reset or a switch of buffer, or a cleared screen or scrollback (xterm disposes the
 * marker) start the record over.
 */
export class ScrollbackRecorder {
  private lines: string[] = [];
  /** The rows each kept line spans (wrapped rows included). */
  private rows: number[] = [];
  /** The rows the kept lines span, as counted when the marker was placed on the last of them. */
  private keptRows = 0;
  private marker: ReturnType<ScrollbackTerminal['registerMarker']>;
  private readonly subscriptions: IDisposable[];

  constructor(private readonly term: ScrollbackTerminal) {
    const forget = () => this.forget();
    this.subscriptions = [term.buffer.onBufferChange(forget), term.onResize(forget)];
  }

  capture(): string {
    const buf = this.term.buffer.active;
    // Only the normal buffer has markers (and scrollback); the alternate one is read whole.
    if (buf.type !== 'normal') return captureScrollback(buf);
    this.followTrims(buf);
    // Kept rows below the top of the viewport: the scrollback was cleared under the marker.
    if (this.keptRows > buf.baseY) this.forget();
    const end = buf.baseY + buf.cursorY;
    // Rows above the viewport are final; keep the lines that end before the first of them
    // that starts a line (its own line may still be wrapping into the viewport).
    let stable = Math.min(buf.baseY, end);
    while (stable > this.keptRows && buf.getLine(stable)?.isWrapped) stable--;
    if (stable > this.keptRows) {
      serializeLines(buf, this.keptRows, stable, this.lines, this.rows);
      this.keptRows = stable;
      this.marker?.dispose();
      // On the last kept row, which no erase can reach (xterm disposes markers on erased rows).
      this.marker = this.term.registerMarker(stable - 1 - end);
      if (!this.marker) this.forget();
    }
    const tail: string[] = [];
    serializeLines(buf, this.keptRows, end, tail);
    return joinLines(this.lines.concat(tail));
  }

  dispose(): void {
    this.forget();
    for (const s of this.subscriptions) s.dispose();
  }

  /** Drops the kept lines whose rows xterm trimmed off the top since the last capture. */
  private followTrims(buf: ScrollbackBuffer): void {
    if (!this.marker) return;
    if (this.marker.isDisposed) return this.forget();
    let trimmed = this.keptRows - (this.marker.line + 1);
    if (trimmed <= 0) return;
    let drop = 0;
    while (drop < this.rows.length && this.rows[drop]! <= trimmed) trimmed -= this.rows[drop++]!;
    this.lines.splice(0, drop);
    this.rows.splice(0, drop);
    this.keptRows = this.marker.line + 1;
    // A line that lost only its first rows: its remaining rows read as a line of their own.
    if (trimmed > 0 && this.rows.length) {
      const left = this.rows[0]! - trimmed;
      const again: string[] = [];
      serializeLines(buf, 0, left, again);
      this.lines[0] = again[0]!;
      this.rows[0] = left;
    }
  }

  private forget(): void {
    this.marker?.dispose();
    this.marker = undefined;
    this.lines = [];
    this.rows = [];
    this.keptRows = 0;
  }
}
