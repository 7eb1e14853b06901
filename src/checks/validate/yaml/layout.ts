// Explains indentation and punctuation mistakes line by line. The yaml package reports
// where its grammar broke, often a line early; this scanner finds the line the learner
// must fix and says why. It only runs on documents the yaml package already rejected.

export interface LayoutProblem {
  code: 'YAML001' | 'YAML003' | 'YAML004' | 'YAML013';
  message: string;
  hint: string;
  line: number;
  column: number;
}

interface Line {
  no: number;
  indent: number;
  /** Column (0-based) where a key or scalar starts, after any `- ` markers. */
  contentIndent: number;
  text: string;
  isSeqItem: boolean;
  key?: string;
  value: string;
  /** The key line has its value on the same line (`image: nginx`). */
  inlineValue: boolean;
  /** The line opens a block scalar (`|` or `>`), so deeper lines are text. */
  opensBlockScalar: boolean;
}

const KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#'"[\]{},&*!|>%@`][^#]*?)\s*:(?:\s+(.*))?$/;
const BLOCK_SCALAR = /^(?:[&!]\S*\s+)*[|>][-+0-9]*$/;
const PROPS_ONLY = /^(?:[&!]\S*\s*)+$/;

function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(s[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1] ?? ''))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

/** Column (0-based) of a quote or bracket left open on this line, or -1. */
export function unclosedAt(s: string): number {
  const open: number[] = [];
  let quote = '';
  let quoteAt = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && s[i + 1] === "'") i++;
        else quote = '';
      } else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(s[i - 1] ?? ''))) {
      quote = c;
      quoteAt = i;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1] ?? ''))) break;
    else if (c === '[' || c === '{') open.push(i);
    else if (c === ']' || c === '}') open.pop();
  }
  if (quote) return quoteAt;
  return open.length > 0 ? (open[0] ?? -1) : -1;
}

function classify(no: number, raw: string): Line | 'skip' | 'unsure' {
  const indent = raw.length - raw.trimStart().length;
  let rest = stripComment(raw.slice(indent));
  if (rest === '' || rest === '---' || rest === '...' || rest.startsWith('%') || rest.startsWith('--- ')) return 'skip';
  if (unclosedAt(rest) >= 0) return 'unsure';
  let contentIndent = indent;
  let isSeqItem = false;
  while (/^-(\s|$)/.test(rest)) {
    isSeqItem = true;
    const after = rest.slice(1);
    contentIndent += 1 + (after.length - after.trimStart().length);
    rest = after.trimStart();
  }
  const m = KEY_LINE.exec(rest);
  if (m) {
    const value = (m[2] ?? '').trim();
    const opensBlockScalar = BLOCK_SCALAR.test(value);
    const inlineValue = value !== '' && !opensBlockScalar && !PROPS_ONLY.test(value);
    return { no, indent, contentIndent, text: rest, isSeqItem, key: m[1], value, inlineValue, opensBlockScalar };
  }
  return {
    no, indent, contentIndent, text: rest, isSeqItem, value: rest, inlineValue: rest !== '',
    opensBlockScalar: BLOCK_SCALAR.test(rest),
  };
}

function keyName(l: Line): string {
  return (l.key ?? l.text).replace(/^["']|["']$/g, '');
}

/** A bare scalar where a `key: value` pair belongs: a missing colon or a missing space. */
function missingColon(l: Line): LayoutProblem | undefined {
  const colon = l.text.indexOf(':');
  if (colon > 0 && !/\s/.test(l.text.slice(0, colon))) {
    const k = l.text.slice(0, colon);
    const v = l.text.slice(colon + 1);
    return {
      code: 'YAML013',
      message: `missing space after ":" in ${JSON.stringify(l.text)}`,
      hint: `YAML needs a space after the colon: "${k}: ${v}".`,
      line: l.no,
      column: l.contentIndent + colon + 1,
    };
  }
  if (/^[A-Za-z_][\w.-]*$/.test(l.text)) {
    return {
      code: 'YAML013',
      message: `missing ":" after "${l.text}"`,
      hint: `Write "${l.text}: <value>", or "${l.text}:" with its value on indented lines below.`,
      line: l.no,
      column: l.contentIndent + l.text.length + 1,
    };
  }
  return undefined;
}

interface Level {
  indent: number;
  /** The latest line at this indentation: the parent of whatever is nested next. */
  line: Line;
  /** The first line at this indentation in the current block: it set the column. */
  first: Line;
}

function check(l: Line, prev: Line | undefined, levels: Level[], first: Line | undefined): LayoutProblem | undefined {
  const col = l.indent + 1;
  if (l.key?.startsWith('-') && !l.key.startsWith('--')) {
    return {
      code: 'YAML013',
      message: `missing space after "-" in ${JSON.stringify(l.text)}`,
      hint: `A list item needs a space after the dash: "- ${l.text.slice(1)}".`,
      line: l.no,
      column: col,
    };
  }
  if (l.key !== undefined && l.inlineValue && !/^["'[{|>&*!]/.test(l.value) && /(:\s|:$)/.test(l.value)) {
    return {
      code: 'YAML001',
      message: `the value of "${keyName(l)}" contains ": ", which YAML reads as the start of another key`,
      hint: `Quote the whole value: ${keyName(l)}: "${l.value.replace(/"/g, '\\"')}".`,
      line: l.no,
      column: l.contentIndent + l.text.indexOf(l.value) + 1,
    };
  }
  if (!prev) return undefined;
  const prevCol = prev.contentIndent;
  if (l.indent > prevCol && prev.inlineValue && (l.key !== undefined || l.isSeqItem)) {
    const what = prev.key !== undefined ? `"${keyName(prev)}" on line ${prev.no}` : `the list item on line ${prev.no}`;
    const name = l.key !== undefined ? `"${keyName(l)}"` : 'this list item';
    return {
      code: 'YAML004',
      message: `${name} is indented more than ${what}, which already has a value`,
      hint: prev.key !== undefined
        ? `Line it up with "${keyName(prev)}" (column ${prevCol + 1}). If it belongs inside "${keyName(prev)}", move that value onto its own indented lines.`
        : `Line it up with the item above (column ${prevCol + 1}), or start a new item with "- ".`,
      line: l.no,
      column: col,
    };
  }
  if (l.indent === prev.indent && !prev.isSeqItem && prev.key === undefined && (l.key !== undefined || l.isSeqItem)) {
    const p = missingColon(prev);
    if (p) return p;
  }
  if (l.key === undefined && !l.isSeqItem && prev.key !== undefined && l.indent === prevCol) {
    const p = missingColon(l);
    if (p) return p;
  }
  if (l.isSeqItem && !prev.isSeqItem && prev.key !== undefined && prev.inlineValue && l.indent === prev.indent) {
    return {
      code: 'YAML004',
      message: `a list item sits among the keys of a mapping, after "${keyName(prev)}"`,
      hint: `A list must be the value of a key: write "<key>:" on its own line and put the "- " items below it, indented.`,
      line: l.no,
      column: col,
    };
  }
  if (l.isSeqItem && prev.key !== undefined && !prev.inlineValue && l.indent < prev.contentIndent) {
    // A list belongs to the key above it, so it cannot start left of that key.
    return {
      code: 'YAML004',
      message: `the list under "${keyName(prev)}" starts at column ${col}, left of "${keyName(prev)}" (column ${prev.contentIndent + 1})`,
      hint: `Start the "- " items in column ${prev.contentIndent + 1} or further right, or fix the indentation of "${keyName(prev)}" on line ${prev.no}.`,
      line: l.no,
      column: col,
    };
  }
  if (l.indent < prevCol && (l.key !== undefined || l.isSeqItem)) {
    if (first && l.indent < first.indent) {
      // Everything lines up with this line except the first one: the first is the mistake.
      return {
        code: 'YAML004',
        message: `the first line is indented by ${first.indent} space${first.indent === 1 ? '' : 's'}, but line ${l.no} starts further left`,
        hint: 'Top-level keys start in column 1. Remove the spaces before the first line.',
        line: first.no,
        column: 1,
      };
    }
    let sibling: Level | undefined;
    while (levels.length > 0 && (levels[levels.length - 1]?.indent ?? 0) > l.indent) sibling = levels.pop();
    const top = levels[levels.length - 1]?.indent ?? 0;
    if (top !== l.indent) {
      const name = l.key !== undefined ? `"${keyName(l)}"` : 'this list item';
      if (l.isSeqItem && sibling && sibling.line.isSeqItem && sibling.indent === sibling.line.indent) {
        return {
          code: 'YAML004',
          message: `this list item starts at column ${col}, but the items before it start at column ${sibling.indent + 1} (line ${sibling.line.no})`,
          hint: `Items of one list start in the same column: move the "-" to column ${sibling.indent + 1}.`,
          line: l.no,
          column: col,
        };
      }
      const other = sibling && sibling.line.key !== undefined ? sibling.line : undefined;
      const parent = levels[levels.length - 1]?.line;
      if (other && sibling && parent?.key !== undefined && parent.contentIndent < sibling.indent) {
        const p = keyName(parent);
        const setter = sibling.first.key !== undefined ? sibling.first : other;
        const inner = sibling.indent + 1;
        return {
          code: 'YAML004',
          message: `${name} starts at column ${col}, between "${p}" (column ${parent.contentIndent + 1}) and the keys under it, which start at column ${inner}`,
          hint: `Keys of one mapping must start in the same column. Line it up with "${keyName(setter)}" (column ${inner}) to put it inside "${p}", or with "${p}" (column ${parent.contentIndent + 1}) to make it a sibling of "${p}"; if "${keyName(setter)}" on line ${setter.no} is the one out of place, fix that line.`,
          line: l.no,
          column: col,
        };
      }
      if (other) {
        return {
          code: 'YAML004',
          message: `${name} starts at column ${col}, but "${keyName(other)}" on line ${other.no}, which it follows, starts at column ${other.contentIndent + 1}`,
          hint: `Keys of one mapping must start in the same column. Line up ${name} with "${keyName(other)}" (or fix the indentation of line ${other.no}).`,
          line: l.no,
          column: col,
        };
      }
      const options = [top + 1, prevCol + 1].filter((c, i, a) => a.indexOf(c) === i && c !== col).sort((a, b) => a - b);
      return {
        code: 'YAML004',
        message: `${name} starts at column ${col}, which lines up with no key above it`,
        hint: `Keys of one mapping must start in the same column. Move it to column ${options.join(' or ')}.`,
        line: l.no,
        column: col,
      };
    }
  }
  return undefined;
}

/**
 * The first layout mistake in lines [from, to] (1-based, inclusive), if one is clear.
 * Returns undefined when the text uses constructs this scanner does not follow
 * (multi-line flow collections or quoted strings).
 */
export function findLayoutProblem(lines: readonly string[], from: number, to: number): LayoutProblem | undefined {
  const levels: Level[] = [];
  let prev: Line | undefined;
  let first: Line | undefined;
  let blockScalarIndent = -1;
  for (let no = from; no <= to && no <= lines.length; no++) {
    const raw = lines[no - 1] ?? '';
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    if (blockScalarIndent >= 0) {
      if (raw.trim() === '' || lead.replace(/\t/g, ' ').length > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (lead.includes('\t') && raw.trim() !== '' && !raw.trim().startsWith('#')) {
      return {
        code: 'YAML003',
        message: 'a tab is used for indentation',
        hint: 'YAML indents with spaces only. Replace the tab with spaces (two per level is usual).',
        line: no,
        column: lead.indexOf('\t') + 1,
      };
    }
    const l = classify(no, raw);
    if (l === 'skip') continue;
    if (l === 'unsure') return undefined;
    const problem = check(l, prev, levels, first);
    if (problem) return problem;
    first ??= l;
    // Record where keys of each open block sit, for the under-indentation check.
    while (levels.length > 0 && (levels[levels.length - 1]?.indent ?? 0) > l.indent) levels.pop();
    const top = levels[levels.length - 1];
    if (top && top.indent === l.indent) top.line = l;
    else levels.push({ indent: l.indent, line: l, first: l });
    if (l.isSeqItem && l.contentIndent !== l.indent) levels.push({ indent: l.contentIndent, line: l, first: l });
    if (l.opensBlockScalar) blockScalarIndent = l.indent;
    prev = l;
  }
  return undefined;
}
