// Reads plain scalars the way Kubernetes does (go-yaml v2, YAML 1.1 rules) and the way
// YAML 1.2 tools do, so a value whose meaning differs between them can be flagged.

export type ScalarValue = string | number | boolean | null;

const BOOL_TRUE_11 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE_11 = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64) after go-yaml v2 has removed underscores. */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2] ?? '';
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  return sign * n;
}

/**
 * go-yaml v2's resolve() for an untagged plain scalar, which is what `kubectl apply`
 * feeds the API server (sigs.k8s.io/yaml converts YAML to JSON with it).
 * Timestamps stay strings: go-yaml keeps them as strings when decoding into interface{}.
 */
export function resolveKubernetes(source: string): ScalarValue {
  if (NULLS.has(source)) return null;
  if (BOOL_TRUE_11.has(source)) return true;
  if (BOOL_FALSE_11.has(source)) return false;
  const first = source[0] ?? '';
  if (first === '.') {
    if (source === '.nan' || source === '.NaN' || source === '.NAN') return Number.NaN;
    if (source === '.inf' || source === '.Inf' || source === '.INF') return Number.POSITIVE_INFINITY;
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(source)) return Number(source);
    return source;
  }
  if (/^[-+]\.(inf|Inf|INF)$/.test(source)) return first === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[-+0-9]/.test(first)) return source;
  const plain = source.replace(/_/g, '');
  const asInt = goParseInt(plain);
  if (asInt !== undefined) return asInt;
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  if (/^-?0b[01]+$/.test(plain)) return (plain.startsWith('-') ? -1 : 1) * parseInt(plain.replace(/^-?0b/, ''), 2);
  return source;
}

/** The YAML 1.2 core schema, as read by most editors, linters and the `yaml` package. */
export function resolveYaml12(source: string): ScalarValue {
  if (NULLS.has(source)) return null;
  if (/^(true|True|TRUE)$/.test(source)) return true;
  if (/^(false|False|FALSE)$/.test(source)) return false;
  if (/^[-+]?[0-9]+$/.test(source)) return Number(source);
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(source)) return Number(source);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^\.(nan|NaN|NAN)$/.test(source)) return Number.NaN;
  return source;
}

function same(a: ScalarValue, b: ScalarValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** How a learner would read a value in a message: strings quoted, numbers and booleans bare. */
export function describeScalar(v: ScalarValue): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (v === null) return 'null';
  return `the number ${v}`;
}

export interface MeaningDifference {
  kubernetes: ScalarValue;
  yaml12: ScalarValue;
}

/**
 * Undefined when both readings agree; otherwise both readings, for a YAML005 warning.
 * `kubernetes` is resolveKubernetes(source), when the caller has it already.
 */
export function meaningDifference(source: string, kubernetes = resolveKubernetes(source)): MeaningDifference | undefined {
  // Most values are words (names, images). Every word YAML 1.2 reads as something other
  // than a string (null, true, false in their three spellings) is also one for YAML 1.1.
  if (kubernetes === source && /^[A-Za-z]/.test(source)) return undefined;
  const yaml12 = resolveYaml12(source);
  return same(kubernetes, yaml12) ? undefined : { kubernetes, yaml12 };
}
