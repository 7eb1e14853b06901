/** Turns zod issues into messages that name the file and the field, as the build and the CLI print them. */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
}

export function formatZodIssues(file: string, issues: readonly IssueLike[]): string {
  return issues
    .map((i) => {
      if (i.code === 'unrecognized_keys' && i.keys) {
        const at = i.path.length ? ` in ${formatIssuePath(i.path)}` : '';
        return `${file}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}${at}`;
      }
      return `${file}: ${formatIssuePath(i.path)}: ${i.message}`;
    })
    .join('\n');
}
