/** The AWS CLI's output formats: json (4-space indent), text (tab-separated) and table. */

type J = unknown;

export function formatJson(v: J): string {
  return JSON.stringify(v, null, 4) + '\n';
}

function isObj(v: J): v is Record<string, J> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function scalarText(v: J): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** awscli's text formatter: scalars of an object on one row prefixed by its key, nested values below. */
export function formatText(v: J): string {
  const lines: string[] = [];
  const walk = (d: J, ident: string | undefined) => {
    if (Array.isArray(d)) {
      if (d.every((x) => !isObj(x) && !Array.isArray(x))) {
        if (d.length) lines.push([...(ident ? [ident] : []), ...d.map(scalarText)].join('\t'));
        return;
      }
      for (const x of d) walk(x, ident);
      return;
    }
    if (isObj(d)) {
      const keys = Object.keys(d).sort();
      const scalars = keys.filter((k) => !isObj(d[k]) && !Array.isArray(d[k]));
      if (scalars.length) lines.push([...(ident ? [ident] : []), ...scalars.map((k) => scalarText(d[k]))].join('\t'));
      for (const k of keys.filter((k) => isObj(d[k]) || Array.isArray(d[k]))) walk(d[k], k.toUpperCase());
      return;
    }
    lines.push(scalarText(d));
  };
  if (isObj(v) && Object.keys(v).length === 1 && (Array.isArray(Object.values(v)[0]) || isObj(Object.values(v)[0]))) {
    const [k, inner] = Object.entries(v)[0]!;
    walk(inner, k.toUpperCase());
  } else walk(v, undefined);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** awscli's table formatter, simplified to its common shapes: key/value rows and lists of records. */
export function formatTable(v: J, title: string): string {
  const rows: string[][] = [];
  let header: string[] | undefined;
  const body = isObj(v) && Object.keys(v).length === 1 && Array.isArray(Object.values(v)[0]) ? Object.values(v)[0] : v;
  if (Array.isArray(body) && body.every(isObj)) {
    const keys = [...new Set(body.flatMap((o) => Object.keys(o as object).filter((k) => !isObj((o as Record<string, J>)[k]) && !Array.isArray((o as Record<string, J>)[k]))))].sort();
    header = keys;
    for (const o of body as Record<string, J>[]) rows.push(keys.map((k) => scalarText(o[k] ?? '')));
  } else if (Array.isArray(body)) {
    for (const x of body) rows.push(Array.isArray(x) ? x.map(scalarText) : [scalarText(x)]);
  } else if (isObj(body)) {
    for (const k of Object.keys(body).sort()) if (!isObj(body[k]) && !Array.isArray(body[k])) rows.push([k, scalarText(body[k])]);
  } else rows.push([scalarText(body)]);
  const all = header ? [header, ...rows] : rows;
  const cols = Math.max(1, ...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)) + 2);
  const inner = widths.reduce((a, b) => a + b, 0) + cols - 1;
  const width = Math.max(inner, title.length + 2);
  if (width > inner) widths[cols - 1]! += width - inner;
  const line = (ch: string) => ch + widths.map((w) => '-'.repeat(w)).join('+') + ch;
  const cell = (r: string[], center: boolean) => '|' + widths.map((w, i) => {
    const t = r[i] ?? '';
    if (center) {
      const left = Math.floor((w - t.length) / 2);
      return ' '.repeat(left) + t + ' '.repeat(w - t.length - left);
    }
    return ` ${t}`.padEnd(w);
  }).join('|') + '|';
  const out = ['-'.repeat(width + 2), `|${title.padStart(Math.floor((width + title.length) / 2)).padEnd(width)}|`, line('+')];
  if (header) out.push(cell(header, true), line('+'));
  for (const r of rows) out.push(cell(r, false));
  out.push(line('+'));
  return out.join('\n') + '\n';
}
