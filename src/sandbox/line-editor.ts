/**
 * Readline for the browser terminal: cursor movement, history, kill and yank-free editing,
 * Ctrl-C, Ctrl-L and Tab. It only knows a `write` function and callbacks, so it is tested
 * without a browser and xterm is just one thing that satisfies it.
 */
export interface LineEditorHost {
  write(data: string): void;
  columns(): number;
  submit(line: string): void;
  complete(line: string, cursor: number): void;
  interrupt(): void;
  clearScreen(): void;
}

const KEYS: [string, string][] = [
  ['\x1b[A', 'up'],
  ['\x1b[B', 'down'],
  ['\x1b[C', 'right'],
  ['\x1b[D', 'left'],
  ['\x1bOA', 'up'],
  ['\x1bOB', 'down'],
  ['\x1bOC', 'right'],
  ['\x1bOD', 'left'],
  ['\x1b[H', 'home'],
  ['\x1bOH', 'home'],
  ['\x1b[1~', 'home'],
  ['\x1b[F', 'end'],
  ['\x1bOF', 'end'],
  ['\x1b[4~', 'end'],
  ['\x1b[3~', 'delete'],
  ['\x1b[1;5C', 'word-right'],
  ['\x1b[1;5D', 'word-left'],
  ['\x1bf', 'word-right'],
  ['\x1bb', 'word-left'],
];

export class LineEditor {
  buffer = '';
  cursor = 0;
  prompt = '';
  /** Whether a command is running (input is queued until it finishes). */
  busy = false;
  private history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  private pending = '';
  /** Rows between the prompt's first row and the cursor, for redraws of wrapped lines. */
  private cursorRow = 0;

  constructor(
    private readonly host: LineEditorHost,
    private readonly maxHistory = 1000,
  ) {}

  setHistory(entries: string[]): void {
    this.history = entries.slice(-this.maxHistory);
    this.historyIndex = this.history.length;
  }

  /** Shows a fresh prompt and replays typed-ahead input. */
  showPrompt(prompt: string): void {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.cursorRow = 0;
    this.busy = false;
    this.host.write(prompt);
    const queued = this.pending;
    this.pending = '';
    if (queued) this.input(queued);
  }

  /** Handles data from the terminal (keys or a paste). */
  input(data: string): void {
    let i = 0;
    while (i < data.length) {
      if (this.busy) {
        if (data[i] === '\x03') this.host.interrupt();
        else this.pending += data[i];
        i++;
        continue;
      }
      const esc = data[i] === '\x1b' ? KEYS.find(([seq]) => data.startsWith(seq, i)) : undefined;
      if (esc) {
        this.key(esc[1]);
        i += esc[0].length;
        continue;
      }
      if (data[i] === '\x1b') {
        // An unknown escape sequence: skip it whole rather than inserting garbage.
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O.|.)?/.exec(data.slice(i));
        i += m?.[0].length || 1;
        continue;
      }
      this.char(data[i]!);
      i++;
    }
  }

  private char(c: string): void {
    switch (c) {
      case '\r':
      case '\n':
        return this.enter();
      case '\x7f':
      case '\b':
        if (this.cursor > 0) {
          this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
          this.cursor--;
          this.redraw();
        }
        return;
      case '\t':
        // Completion is answered by the worker; keys typed meanwhile wait, as in bash.
        this.busy = true;
        this.host.complete(this.buffer, this.cursor);
        return;
      case '\x03':
        this.moveToEnd();
        this.host.write('^C\r\n');
        this.showPrompt(this.prompt);
        return;
      case '\x0c':
        this.host.clearScreen();
        this.cursorRow = 0;
        this.host.write(this.prompt);
        this.redraw();
        return;
      case '\x01':
        return this.key('home');
      case '\x05':
        return this.key('end');
      case '\x02':
        return this.key('left');
      case '\x06':
        return this.key('right');
      case '\x10':
        return this.key('up');
      case '\x0e':
        return this.key('down');
      case '\x15':
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return this.redraw();
      case '\x0b':
        this.buffer = this.buffer.slice(0, this.cursor);
        return this.redraw();
      case '\x17': {
        const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
        this.buffer = before + this.buffer.slice(this.cursor);
        this.cursor = before.length;
        return this.redraw();
      }
      case '\x04':
        if (this.buffer === '') return;
        return this.key('delete');
    }
    if (c < ' ') return;
    this.insert(c);
  }

  /** Inserts text at the cursor (typing, or a completion). */
  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    this.redraw();
  }

  /** The worker's answer to Tab: insert the unambiguous part, or list the candidates. */
  completed(insert: string, candidates: string[]): void {
    this.busy = false;
    if (insert) this.insert(insert);
    else if (candidates.length > 1) this.showCandidates(candidates);
    else this.host.write('\x07');
    const queued = this.pending;
    this.pending = '';
    if (queued) this.input(queued);
  }

  /** Shows completion candidates under the line, then redraws it. */
  private showCandidates(candidates: string[]): void {
    this.moveToEnd();
    const width = Math.max(...candidates.map((c) => c.length)) + 2;
    const perRow = Math.max(1, Math.floor(this.host.columns() / width));
    let out = '\r\n';
    candidates.forEach((c, i) => {
      out += c.padEnd(width);
      if ((i + 1) % perRow === 0 && i + 1 < candidates.length) out += '\r\n';
    });
    this.host.write(out.trimEnd() + '\r\n' + this.prompt);
    this.cursorRow = 0;
    this.redraw();
  }

  private key(name: string): void {
    switch (name) {
      case 'left':
        if (this.cursor > 0) this.cursor--;
        break;
      case 'right':
        if (this.cursor < this.buffer.length) this.cursor++;
        break;
      case 'home':
        this.cursor = 0;
        break;
      case 'end':
        this.cursor = this.buffer.length;
        break;
      case 'word-left':
        this.cursor = this.buffer.slice(0, this.cursor).replace(/\S*\s*$/, '').length;
        break;
      case 'word-right': {
        const m = /^\s*\S*/.exec(this.buffer.slice(this.cursor))!;
        this.cursor += m[0].length;
        break;
      }
      case 'delete':
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        break;
      case 'up':
        if (this.historyIndex === 0) return;
        if (this.historyIndex === this.history.length) this.draft = this.buffer;
        this.historyIndex--;
        this.buffer = this.history[this.historyIndex]!;
        this.cursor = this.buffer.length;
        break;
      case 'down':
        if (this.historyIndex >= this.history.length) return;
        this.historyIndex++;
        this.buffer = this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex]!;
        this.cursor = this.buffer.length;
        break;
    }
    this.redraw();
  }

  private enter(): void {
    const line = this.buffer;
    this.moveToEnd();
    this.host.write('\r\n');
    if (line.trim() && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > this.maxHistory) this.history.shift();
    }
    this.historyIndex = this.history.length;
    this.draft = '';
    this.busy = true;
    this.host.submit(line);
  }

  /** Continuation: the command needs more lines (open quote, heredoc); show `> `. */
  continueWith(prompt: string): void {
    const queued = this.pending;
    this.pending = '';
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.cursorRow = 0;
    this.busy = false;
    this.host.write(prompt);
    if (queued) this.input(queued);
  }

  private moveToEnd(): void {
    this.cursor = this.buffer.length;
    this.redraw();
  }

  private redraw(): void {
    const cols = Math.max(1, this.host.columns());
    let out = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '';
    out += '\r\x1b[J' + this.prompt + this.buffer;
    const end = this.prompt.length + this.buffer.length;
    const at = this.prompt.length + this.cursor;
    const endRow = Math.floor(end / cols);
    const row = Math.floor(at / cols);
    // xterm leaves the cursor on the last column when a line is exactly full; a space and \r move it down.
    if (end > 0 && end % cols === 0) out += ' \r';
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    out += '\r' + (at % cols > 0 ? `\x1b[${at % cols}C` : '');
    this.cursorRow = row;
    this.host.write(out);
  }
}
