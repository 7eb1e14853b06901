/**
 * Virtual time. The engine never reads the wall clock: hosts either advance it by hand
 * (scripted use: tests, CLI, checks) or feed it wall time (interactive terminal).
 */
export interface ClockState {
  /** Milliseconds since the world's epoch. */
  now: number;
  /** The wall-clock date the epoch stands for (ms since 1970), used only to print dates. */
  epoch: number;
}

/** 2026-11-21T10:00:00Z: a fixed, plausible date so transcripts are reproducible. */
export const DEFAULT_EPOCH = Date.UTC(2026, 10, 21, 10, 0, 0);

export function createClock(epoch = DEFAULT_EPOCH): ClockState {
  return { now: 0, epoch };
}

/** The virtual instant as a JS Date (for printing). */
export function clockDate(clock: ClockState, at = clock.now): Date {
  return new Date(clock.epoch + at);
}

/** RFC 3339 without milliseconds, as Kubernetes prints timestamps. */
let lastStamp = { ms: NaN, text: '' };
export function rfc3339(clock: ClockState, at = clock.now): string {
  // Controllers stamp many objects at the same instant; formatting a Date each time is costly.
  const ms = Math.floor((clock.epoch + at) / 1000) * 1000;
  if (ms !== lastStamp.ms) lastStamp = { ms, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return lastStamp.text;
}

/**
 * Parses `30`, `30s`, `5m`, `1h30m`, `2d` into milliseconds; a bare number means seconds,
 * as `sleep` reads it. Returns undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    total += Number(m[1]) * unit;
    consumed = re.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? Math.round(total) : undefined;
}

/** Kubernetes' HumanDuration, used by every AGE column: `45s`, `3m4s`, `47m`, `5h3m`, `20h`, `3d4h`, `12d`. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}
