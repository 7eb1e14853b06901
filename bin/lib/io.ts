/** The CLI's view of the terminal, so commands can be tested with captured output. */
import { readFile } from 'node:fs/promises';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  stdinIsTTY: boolean;
}

export const processIO: CliIO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  readFile: (p) => readFile(p, 'utf8'),
  stdinIsTTY: process.stdin.isTTY === true,
};
