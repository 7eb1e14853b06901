/** Field paths in lab assertions: `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export type Segment = string | number;

export function parseFieldPath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3] ?? m[4] ?? '');
  }
  return out;
}

export function getField(value: unknown, path: readonly Segment[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** Scalars compare by their text, so `3` and `"3"` written in YAML both satisfy `3`. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || typeof actual === 'object' || actual === undefined) return false;
  return String(actual) === String(expected);
}

/** How a value is shown in a message: strings quoted, absent values named. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'not set';
  if (typeof v === 'string') return `"${v}"`;
  return JSON.stringify(v);
}

/** The last named segment, for messages like `image is "nginx"`. */
export function fieldName(path: readonly Segment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return 'value';
}
