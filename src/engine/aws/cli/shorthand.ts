/**
 * The AWS CLI's shorthand syntax: `a=1,b=[x,y],c={d=e}`, as used for
 * `--network-configuration "awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=ENABLED}"`.
 */
export class ShorthandError extends Error {
  override readonly name = 'ShorthandError';
}

export function parseShorthand(text: string): Record<string, unknown> {
  let i = 0;
  const s = text;
  const value = (stop: string): unknown => {
    if (s[i] === '[') {
      i++;
      const out: unknown[] = [];
      while (i < s.length && s[i] !== ']') {
        out.push(value(',]'));
        if (s[i] === ',') i++;
      }
      if (s[i] !== ']') throw new ShorthandError(`Expected: ']', received: EOF for input:\n${text}`);
      i++;
      return out;
    }
    if (s[i] === '{') {
      i++;
      const obj = pairs('}');
      if (s[i] !== '}') throw new ShorthandError(`Expected: '}', received: EOF for input:\n${text}`);
      i++;
      return obj;
    }
    if (s[i] === '"' || s[i] === "'") {
      const q = s[i]!;
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new ShorthandError(`Expected: '${q}', received: EOF for input:\n${text}`);
      const v = s.slice(i + 1, end);
      i = end + 1;
      return v;
    }
    let v = '';
    while (i < s.length && !stop.includes(s[i]!)) v += s[i++];
    return v.trim();
  };
  const pairs = (close: string): Record<string, unknown> => {
    const out: Record<string, unknown> = Object.create(null);
    while (i < s.length && s[i] !== close) {
      let key = '';
      while (i < s.length && s[i] !== '=') key += s[i++];
      if (s[i] !== '=') throw new ShorthandError(`Expected: '=', received: EOF for input:\n${text}`);
      i++;
      let v = value(',' + close);
      // `subnets=a,b` without brackets: following bare words without `=` belong to this key.
      while (s[i] === ',' && !/^,\s*[\w.-]+=/.test(s.slice(i)) && s[i + 1] !== undefined && s[i + 1] !== close) {
        i++;
        const more = value(',' + close);
        v = Array.isArray(v) ? [...v, more] : [v, more];
      }
      out[key.trim()] = v;
      if (s[i] === ',') i++;
    }
    return out;
  };
  const r = pairs('');
  return r;
}
