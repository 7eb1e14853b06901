/** Text assertions shared by file and command checks. Returns what is wrong, or undefined. */
export interface TextMatch {
  equals?: string;
  contains?: string;
  matches?: string;
  notContains?: string;
}

export function matchText(text: string, m: TextMatch): string | undefined {
  if (m.equals !== undefined && text !== m.equals) return `expected exactly ${JSON.stringify(m.equals)}, found ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text)}`;
  if (m.contains !== undefined && !text.includes(m.contains)) return `expected to contain ${JSON.stringify(m.contains)}`;
  if (m.notContains !== undefined && text.includes(m.notContains)) return `should not contain ${JSON.stringify(m.notContains)}`;
  if (m.matches !== undefined && !new RegExp(m.matches, 'm').test(text)) return `expected to match /${m.matches}/`;
  return undefined;
}
