// A drop-in for `@kubernetes-models/validate` in the browser bundle. The precompiled schemas
// only use six formats, but the real module pulls in every ajv format (URI, IRI, e-mail
// parsers: about 20 KB gzipped). Alias the package to this file in the site's bundler:
//   resolve: { alias: { '@kubernetes-models/validate': '/src/checks/validate/k8s/formats-shim.ts' } }
// Each format behaves as ajv-formats and @kubernetes-models/validate define it.

interface Format {
  type: 'number' | 'string';
  validate: ((value: never) => boolean) | RegExp;
}

const MIN_INT32 = -(2 ** 31);
const MAX_INT32 = 2 ** 31 - 1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/;
const DATE_TIME = /^(\d\d\d\d)-(\d\d)-(\d\d)[tT](\d\d):(\d\d):(\d\d|60)(\.\d+)?([zZ]|[+-]\d\d(?::?\d\d)?)$/;
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS[month] ?? 0) && Number(m[4]) <= 23 && Number(m[5]) <= 59;
}

export const formats: Readonly<Record<string, Format>> = {
  int32: { type: 'number', validate: (v: number) => Number.isInteger(v) && v <= MAX_INT32 && v >= MIN_INT32 },
  int64: { type: 'number', validate: (v: number) => Number.isInteger(v) },
  double: { type: 'number', validate: () => true },
  float: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (v: string) => BASE64.test(v) },
  quantity: { type: 'string', validate: QUANTITY },
  'date-time': { type: 'string', validate: dateTime },
};

/** For code that validates kubernetes-models classes: throws when `fn` rejects `data`. */
export function runValidateFunc(fn: { (data: unknown): boolean; errors?: { instancePath: string; keyword: string }[] | null }, data: unknown): void {
  if (!fn(data) && fn.errors) {
    throw new Error(fn.errors.map((e) => `data${e.instancePath} failed ${e.keyword}`).join(', '));
  }
}
