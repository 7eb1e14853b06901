/**
 * Text as bytes, without DOM or Node APIs. File contents and streams are JS strings; bytes
 * that are not valid UTF-8 (what /dev/urandom gives) are kept as the lone surrogates
 * U+DC80..U+DCFF, one per byte (Python's "surrogateescape"), so any byte string survives
 * a round trip and counts its true size.
 */

function isEscapedByte(c: number): boolean {
  return c >= 0xdc80 && c <= 0xdcff;
}

/** Bytes the string takes in UTF-8 (what `wc -c`, `ls -l` and `stat` report). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || isEscapedByte(c)) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The string's bytes: UTF-8, with escaped bytes restored. */
export function utf8Bytes(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
    if (c < 0x80) out[o++] = c;
    else if (isEscapedByte(c)) out[o++] = c - 0xdc00;
    else if (c < 0x800) (out[o++] = 0xc0 | (c >> 6)), (out[o++] = 0x80 | (c & 63));
    else if (c < 0x10000) (out[o++] = 0xe0 | (c >> 12)), (out[o++] = 0x80 | ((c >> 6) & 63)), (out[o++] = 0x80 | (c & 63));
    else (out[o++] = 0xf0 | (c >> 18)), (out[o++] = 0x80 | ((c >> 12) & 63)), (out[o++] = 0x80 | ((c >> 6) & 63)), (out[o++] = 0x80 | (c & 63));
  }
  return out;
}

/** Decodes UTF-8; each byte of an invalid sequence becomes its escape. */
export function utf8Decode(bytes: ArrayLike<number>): string {
  // UTF-16 code units gathered in chunks: joining them one character at a time is slow for megabytes.
  const chunks: string[] = [];
  const units: number[] = [];
  const flush = () => {
    chunks.push(String.fromCharCode.apply(null, units));
    units.length = 0;
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let c = len === 1 ? b : len === 2 ? b & 31 : len === 3 ? b & 15 : b & 7;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const cont = bytes[i + k]!;
      if ((cont & 0xc0) !== 0x80) ok = false;
      c = (c << 6) | (cont & 63);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
    if (ok && ((len === 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (len === 4 && (c < 0x10000 || c > 0x10ffff)))) ok = false;
    if (!ok) {
      units.push(0xdc00 + b);
      i++;
    } else {
      if (c >= 0x10000) units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
      else units.push(c);
      i += len;
    }
    if (units.length >= 8192) flush();
  }
  flush();
  return chunks.join('');
}

/** Bytes `start` to `end` of the string, as `head -c` and `tail -c` cut them (a split character leaves escaped bytes). */
export function sliceBytes(s: string, start: number, end?: number): string {
  // When every character is one byte, characters and bytes are the same positions.
  if (utf8Length(s) === s.length) return s.slice(start, end);
  return utf8Decode(utf8Bytes(s).subarray(start, end));
}
