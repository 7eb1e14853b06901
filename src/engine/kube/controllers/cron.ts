/** Cron schedules (the five standard fields and @hourly-style macros), evaluated in UTC on the virtual clock. */

type Field = Set<number>;

function parseField(text: string, min: number, max: number, names?: string[]): Field | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|[\w]+(?:-[\w]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const step = m[2] ? Number(m[2]) : 1;
    let lo = min;
    let hi = max;
    const val = (s: string) => {
      const i = names?.indexOf(s.toLowerCase().slice(0, 3)) ?? -1;
      return i >= 0 ? i + (min === 1 ? 1 : 0) : Number(s);
    };
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-');
      lo = val(a!);
      hi = b !== undefined ? val(b) : m[2] ? max : lo;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || step < 1) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
  domStar: boolean;
  dowStar: boolean;
}

const MACROS: Record<string, string> = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };

export function parseCron(text: string): Cron | undefined {
  const f = (MACROS[text.trim()] ?? text).trim().split(/\s+/);
  if (f.length !== 5) return undefined;
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const minute = parseField(f[0]!, 0, 59);
  const hour = parseField(f[1]!, 0, 23);
  const dom = parseField(f[2]!, 1, 31);
  const month = parseField(f[3]!, 1, 12, months);
  const dow = parseField(f[4]!.replace(/7/g, '0'), 0, 6, days);
  if (!minute || !hour || !dom || !month || !dow) return undefined;
  return { minute, hour, dom, month, dow, domStar: f[2] === '*', dowStar: f[4] === '*' };
}

/** The first scheduled instant strictly after `afterMs` (epoch ms, UTC), searched up to 5 years ahead. */
export function nextRun(cron: Cron, afterMs: number): number | undefined {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (d.getTime() < limit) {
    if (!cron.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    const domOk = cron.dom.has(d.getUTCDate());
    const dowOk = cron.dow.has(d.getUTCDay());
    const dayOk = cron.domStar || cron.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!cron.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!cron.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  return undefined;
}
