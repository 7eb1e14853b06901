// Name syntax rules from k8s.io/apimachinery validation: DNS-1123 subdomains and labels,
// DNS-1035 labels, label keys and values, IANA service (port) names. Each returns the
// reason a name is invalid, worded as the API server words it, or undefined.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export function nameProblem(name: string, rule: NameRule, max?: number): string | undefined {
  if (rule === 'path-segment') {
    if (name === '.' || name === '..') return `may not be '${name}'`;
    if (/[/%]/.test(name)) return `may not contain '/' or '%'`;
    return undefined;
  }
  const limit = max ?? (rule === 'subdomain' ? 253 : 63);
  if (name.length > limit) return `must be no more than ${limit} characters`;
  if (rule === 'subdomain' && !DNS1123_SUBDOMAIN.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  if (rule === 'label' && !DNS1123_LABEL.test(name)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  if (rule === 'dns1035' && !DNS1035_LABEL.test(name)) {
    return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  }
  return undefined;
}

/** A valid name close to an invalid one: `My_App` → `my-app`. */
export function suggestName(name: string, rule: NameRule): string | undefined {
  let s = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  if (rule !== 'subdomain') s = s.replace(/\./g, '-');
  s = s.replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (rule === 'dns1035') s = s.replace(/^[0-9-]+/, '');
  const max = rule === 'subdomain' ? 253 : 63;
  s = s.slice(0, max).replace(/[-.]+$/, '');
  return s && s !== name && nameProblem(s, rule) === undefined ? s : undefined;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name up to 63. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix === '') return 'prefix part must be non-empty';
    if (prefix.length > 253) return 'prefix part must be no more than 253 characters';
    if (!DNS1123_SUBDOMAIN.test(prefix)) return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

export function suggestLabelValue(value: string): string | undefined {
  const s = value.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  return s !== value && labelValueProblem(s) === undefined ? s : undefined;
}

/** IANA_SVC_NAME, the rule for named container ports. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Name rule per kind, as the API server applies it. RBAC names may contain ':'. */
export function nameRuleFor(kind: string): { rule: NameRule; max?: number } {
  switch (kind) {
    case 'Namespace':
      return { rule: 'label' };
    case 'Service':
      return { rule: 'dns1035' };
    case 'Role': case 'ClusterRole': case 'RoleBinding': case 'ClusterRoleBinding':
      return { rule: 'path-segment' };
    case 'CronJob':
      return { rule: 'subdomain', max: 52 };
    case 'Job':
      return { rule: 'subdomain', max: 63 };
    default:
      return { rule: 'subdomain' };
  }
}
