/** printf(1) formatting and echo -e escapes, shared by the builtins and /usr/bin/printf. */

export function interpretEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))?.[0];
      if (m) {
        out += String.fromCharCode(parseInt(m, 16));
        i += m.length;
      } else out += '\\x';
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

/** Formats like printf(1): %s %d %i %u %x %o %f %c %b %q %%, flags, width, precision; the format repeats for extra arguments. */
export function formatPrintf(format: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdiuxXofeEgGcbq%])/g;
  for (let round = 0; round < 1000; round++) {
    let consumed = false;
    let last = 0;
    let stopped = false;
    const fmt = format;
    spec.lastIndex = 0;
    for (let m = spec.exec(fmt); m; m = spec.exec(fmt)) {
      out += interpretEscapes(fmt.slice(last, m.index)).text;
      last = spec.lastIndex;
      const [, flags = '', widthS, precS, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = widthS === '*' ? Number(args[ai++] ?? 0) : widthS ? Number(widthS) : 0;
      const prec = precS === '*' ? Number(args[ai++] ?? 0) : precS !== undefined ? Number(precS) : undefined;
      const arg = args[ai];
      if (arg !== undefined) consumed = true;
      ai++;
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = interpretEscapes(arg ?? '');
          s = r.text;
          stopped = r.stop;
          break;
        }
        case 'q':
          s = /^[\w@%+=:,./-]+$/.test(arg ?? '') ? (arg ?? "''") : `'${(arg ?? '').replace(/'/g, "'\\''")}'`;
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        default: {
          const n = numberArg(arg ?? '0', errors);
          if ('diu'.includes(conv!)) s = String(Math.trunc(n));
          else if (conv === 'x') s = Math.trunc(n).toString(16);
          else if (conv === 'X') s = Math.trunc(n).toString(16).toUpperCase();
          else if (conv === 'o') s = Math.trunc(n).toString(8);
          else if (conv === 'e' || conv === 'E') s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
          else s = n.toFixed(prec ?? 6);
          if (flags.includes('+') && n >= 0) s = '+' + s;
          if (flags.includes('0') && !flags.includes('-') && s.length < width) {
            const neg = s.startsWith('-') || s.startsWith('+');
            s = (neg ? s[0] : '') + s.slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
          }
        }
      }
      out += flags.includes('-') ? s.padEnd(width) : s.padStart(width);
      if (stopped) return { text: out, errors };
    }
    out += interpretEscapes(fmt.slice(last)).text;
    if (!consumed || ai >= args.length) break;
  }
  return { text: out, errors };
}

function numberArg(arg: string, errors: string[]): number {
  if (/^'./.test(arg) || /^"./.test(arg)) return arg.charCodeAt(1);
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    errors.push(`${arg}: invalid number`);
    return 0;
  }
  return n;
}
