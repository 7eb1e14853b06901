/** How the lab clock reads: the virtual wall time in UTC, and time since the lab started. */

export function formatClock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** `45s`, `3m4s`, `1h2m`: the shape kubectl uses for ages. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  const m = Math.floor(s / 60) % 60;
  return `${Math.floor(s / 3600)}h${m ? `${m}m` : ''}`;
}
