// The terminal's line editor, driven with key sequences as xterm sends them.
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../../src/sandbox/line-editor.ts';

function setup() {
  const events: string[] = [];
  let screen = '';
  const editor = new LineEditor({
    write: (d) => (screen += d),
    columns: () => 80,
    submit: (line) => events.push(`submit:${line}`),
    complete: (line, cursor) => events.push(`complete:${line}@${cursor}`),
    interrupt: () => events.push('interrupt'),
    clearScreen: () => events.push('clear'),
  });
  editor.showPrompt('$ ');
  return { editor, events, screen: () => screen };
}

describe('LineEditor', () => {
  it('inserts at the cursor and submits the line', () => {
    const { editor, events } = setup();
    editor.input('ehho');
    editor.input('\x1b[D\x1b[D\x7f'); // left, left, backspace → "e|ho"
    editor.input('c\x1b[C'); // "c", right → "ech|o"
    editor.input('\x1b[F'); // End
    editor.input('x\x7f hi\r');
    expect(events).toEqual(['submit:echo hi']);
  });

  it('recalls history with up and down, keeping the draft', () => {
    const { editor, events } = setup();
    editor.input('one\r');
    editor.showPrompt('$ ');
    editor.input('two\r');
    editor.showPrompt('$ ');
    editor.input('dra');
    editor.input('\x1b[A\x1b[A\r'); // up, up → "one"
    editor.showPrompt('$ ');
    editor.input('\x1b[A\x1b[B\x1b[B\r'); // up then down past the end → draft is empty now
    expect(events).toEqual(['submit:one', 'submit:two', 'submit:one', 'submit:']);
  });

  it('queues typing while a command runs, but Ctrl-C interrupts at once', () => {
    const { editor, events } = setup();
    editor.input('sleep 5\r');
    editor.input('echo next\r\x03');
    expect(events).toEqual(['submit:sleep 5', 'interrupt']);
    editor.showPrompt('$ ');
    expect(events).toEqual(['submit:sleep 5', 'interrupt', 'submit:echo next']);
  });

  it('Ctrl-C on the prompt abandons the line', () => {
    const { editor, events, screen } = setup();
    editor.input('half typed\x03');
    expect(screen().endsWith('^C\r\n$ ')).toBe(true);
    editor.input('ok\r');
    expect(events).toEqual(['submit:ok']);
  });

  it('asks for completion with the cursor position and waits for the answer', () => {
    const { editor, events } = setup();
    editor.input('kubec\tget');
    expect(events).toEqual(['complete:kubec@5']);
    editor.completed('tl ', ['kubectl']);
    editor.input('\r');
    expect(events).toEqual(['complete:kubec@5', 'submit:kubectl get']);
  });

  it('kills words and lines with Ctrl-W, Ctrl-U and Ctrl-K', () => {
    const { editor, events } = setup();
    editor.input('kubectl get pods\x17nodes\r');
    editor.showPrompt('$ ');
    editor.input('garbage\x15ls\r');
    editor.showPrompt('$ ');
    editor.input('ls -la\x1b[D\x1b[D\x1b[D\x0b\r');
    expect(events).toEqual(['submit:kubectl get nodes', 'submit:ls', 'submit:ls ']);
  });

  it('Ctrl-L clears the screen and keeps the line', () => {
    const { editor, events } = setup();
    editor.input('abc\x0c\r');
    expect(events).toEqual(['clear', 'submit:abc']);
  });

  it('skips unknown escape sequences instead of inserting them', () => {
    const { editor, events } = setup();
    editor.input('a\x1b[15~b\r');
    expect(events).toEqual(['submit:ab']);
  });
});
