/**
 * Saved scrollback is text with SGR sequences (colours and bold, underline...) and nothing
 * else. A stored record is untrusted (another version, a hand edit), so before it is
 * written to the terminal every other control sequence is removed: no cursor moves, no
 * OSC (title, clipboard, links), no DCS or device queries that would make xterm answer.
 */
import { LIMITS } from '../../engine/limits.ts';

/** One SGR sequence: CSI, digits and separators, `m`. */
const SGR = /^\x1b\[[0-9;:]{0,64}m$/;
/**
 * Anything that starts a control function: SGR, other CSI sequences, OSC (to BEL or ST),
 * DCS/SOS/PM/APC (to ST), other ESC sequences, and the C0 and C1 controls except newline.
 */
const CONTROL = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?|[\x00-\x09\x0b-\x1f\x7f-\x9f]/g;

/** Keeps text, newlines and SGR sequences; drops every other control. */
export function sanitizeScrollback(text: string): string {
  return text.replace(CONTROL, (m) => (SGR.test(m) ? m : ''));
}

/** The text without its SGR sequences (or any other control). */
export function plainScrollback(text: string): string {
  return text.replace(CONTROL, '');
}

/**
 * The tail of the scrollback within the bounds: whole lines only (each line carries its own
 * SGR state, so dropping lines never leaves a colour half-set), at most `maxLines` of them
 * and `maxChars` in all. A single line longer than `maxChars` keeps its plain tail.
 */
export function capScrollback(text: string, maxChars: number, maxLines = LIMITS.scrollbackLines): string {
  let lines = text.split('\n');
  if (lines.length > maxLines) lines = lines.slice(lines.length - maxLines);
  let size = lines.reduce((n, l) => n + l.length + 1, -1);
  let first = 0;
  while (size > maxChars && first < lines.length - 1) size -= lines[first++]!.length + 1;
  lines = lines.slice(first);
  if (size <= maxChars) return lines.join('\n');
  const plain = plainScrollback(lines[0]!);
  return plain.slice(Math.max(0, plain.length - maxChars));
}
