/**
 * How `docker` typed in the WebContainer's shell reaches the simulated engine. WebContainer
 * has no Docker, so a small `docker` script there prints a private escape sequence with its
 * arguments and waits; the page spots the sequence in the terminal output, copies the
 * project into the world, runs the command in the engine, copies the world's files back,
 * and lets the script exit with the engine's status.
 */

/** OSC 777 with our own tag: terminals ignore OSC sequences they do not know. */
export const MARK_START = '\x1b]777;hatchway-docker;';
export const MARK_END = '\x07';

export interface DockerRequest {
  id: string;
  args: string[];
  cwd: string;
}

/** The script the WebContainer runs as `docker` (Node, as everything there is). */
export const DOCKER_SHIM = `#!/usr/bin/env node
// Hatchway: hands docker commands to the lab's simulated engine (see docker-bridge.ts).
const fs = require('fs');
const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
const req = { id, args: process.argv.slice(2), cwd: process.cwd() };
process.stdout.write(${JSON.stringify(MARK_START)} + Buffer.from(JSON.stringify(req)).toString('base64') + ${JSON.stringify(MARK_END)});
const done = process.env.HATCHWAY_DIR + '/done-' + id;
const wait = () => {
  if (fs.existsSync(done)) process.exit(Number(fs.readFileSync(done, 'utf8')) || 0);
  setTimeout(wait, 50);
};
wait();
`;

/**
 * Splits terminal output into text to show and bridge requests. Output arrives in chunks,
 * so a sequence cut in two is held until its end arrives.
 */
export class OutputScanner {
  private held = '';

  constructor(private readonly onRequest: (r: DockerRequest) => void) {}

  /** Returns the text to write to the terminal now. */
  push(chunk: string): string {
    let data = this.held + chunk;
    this.held = '';
    let shown = '';
    for (;;) {
      const start = data.indexOf(MARK_START);
      if (start < 0) {
        // Hold back a tail that could be the beginning of a marker.
        const keep = partialPrefix(data, MARK_START);
        this.held = data.slice(data.length - keep);
        return shown + data.slice(0, data.length - keep);
      }
      const end = data.indexOf(MARK_END, start + MARK_START.length);
      if (end < 0) {
        this.held = data.slice(start);
        return shown + data.slice(0, start);
      }
      shown += data.slice(0, start);
      const payload = data.slice(start + MARK_START.length, end);
      try {
        const req = JSON.parse(atob(payload)) as DockerRequest;
        if (typeof req.id === 'string' && Array.isArray(req.args)) this.onRequest({ id: req.id, args: req.args.map(String), cwd: String(req.cwd ?? '') });
      } catch {
        // not ours after all: drop it rather than print escape garbage
      }
      data = data.slice(end + MARK_END.length);
    }
  }
}

/** Length of the longest suffix of `s` that is a proper prefix of `mark`. */
function partialPrefix(s: string, mark: string): number {
  for (let n = Math.min(mark.length - 1, s.length); n > 0; n--) if (s.endsWith(mark.slice(0, n))) return n;
  return 0;
}

/** Quotes arguments for the engine's shell, so a build arg with spaces stays one word. */
export function shellQuote(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
