/** Output sinks: a capped buffer for pipes and substitutions, and a per-command limiter. */
import { LIMITS } from '../limits.ts';
import type { Output } from './types.ts';

export const TRUNCATED_MESSAGE = `hatchway: output truncated after ${LIMITS.outputBytes / (1024 * 1024)} MiB\n`;

/** What the shell says when `name` was stopped in the middle of something endless (`what`, e.g. reading /dev/zero). */
export function stoppedMessage(name: string, what: string): string {
  return `hatchway: ${name} stopped after ${what} (the lab's limit, so the terminal stays responsive)\n`;
}

/** Collects text up to LIMITS.outputBytes; reports once when it had to drop some. */
export class BufferOutput implements Output {
  text = '';
  truncated = false;
  /** `limit`: LIMITS.outputBytes for pipes; redirects to files allow a file's size, so the write itself reports EFBIG. */
  constructor(private readonly limit: number = LIMITS.outputBytes) {}
  write(s: string): void {
    if (this.truncated) return;
    const room = this.limit - this.text.length;
    if (s.length > room) {
      this.text += s.slice(0, Math.max(0, room));
      this.truncated = true;
    } else this.text += s;
  }
}

/**
 * A pipe between two commands of a pipeline. When its writer was stopped in the middle of
 * something endless, `stopped` holds the notice for its reader to give if it reads to the end.
 */
export class Pipe extends BufferOutput {
  stopped?: string;
}

/**
 * What a redirect to a device (/dev/null, /dev/full) collects: a device keeps nothing, so
 * only whether anything came (`text` is its first character), for /dev/full to refuse it.
 */
export class DeviceOutput implements Output {
  text = '';
  write(s: string): void {
    if (!this.text) this.text = s.slice(0, 1);
  }
}

/** Passes writes through until LIMITS.outputBytes, then prints the truncation notice to `notice` once. */
export function limitOutput(out: Output, notice: Output): Output & { truncated: boolean } {
  let written = 0;
  const sink = {
    truncated: false,
    write(s: string) {
      if (sink.truncated) return;
      const room = LIMITS.outputBytes - written;
      if (s.length > room) {
        if (room > 0) out.write(s.slice(0, room));
        sink.truncated = true;
        notice.write((room > 0 && !s.slice(0, room).endsWith('\n') ? '\n' : '') + TRUNCATED_MESSAGE);
        return;
      }
      written += s.length;
      out.write(s);
    },
  };
  return sink;
}

export const NULL_OUTPUT: Output = { write() {} };
