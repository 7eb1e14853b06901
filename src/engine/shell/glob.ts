/** Pathname expansion (`*.yaml`, `/proc/[0-9]*`) over the virtual filesystem. */
import { LIMITS } from '../limits.ts';

/** True when the text has an unescaped glob character. */
export function hasGlob(pattern: string): boolean {
  return /(^|[^\\])[*?[]/.test(pattern);
}

/** fnmatch-style pattern → RegExp (whole string). `\x` escapes a character. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp('^' + re + '$');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/**
 * Expands a pattern with `readdir(dir)` listing directories (undefined if not one).
 * Returns sorted matches, or an empty list when nothing matches (the caller keeps the word).
 */
export function expandGlob(pattern: string, readdir: (dir: string) => string[] | undefined): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let paths = [absolute ? '/' : ''];
  for (const seg of segments) {
    const next: string[] = [];
    if (!hasGlob(seg)) {
      const name = unescapeGlob(seg);
      for (const p of paths) {
        if (name === '.' || name === '..' || readdir(p === '' ? '.' : p)?.includes(name)) next.push(join(p, name));
      }
    } else {
      const re = globToRegExp(seg);
      for (const p of paths) {
        const names = readdir(p === '' ? '.' : p);
        if (!names) continue;
        for (const name of names) {
          if (name.startsWith('.') && !seg.startsWith('.')) continue;
          if (re.test(name)) next.push(join(p, name));
          if (next.length > LIMITS.globMatches) return next.sort();
        }
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  if (pattern.endsWith('/')) paths = paths.map((p) => p + '/');
  return paths.sort();
}

function join(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}
