/** Base64 of text as its UTF-8 bytes (the engine has no btoa): the base64 program, docker's config.json `auth`, ECR tokens. */
import { utf8Bytes, utf8Decode } from './text.ts';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(text: string): string {
  const bytes = utf8Bytes(text);
  const chunks: string[] = [];
  const codes: number[] = [];
  const at = (n: number) => ALPHABET.charCodeAt(n & 63);
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    codes.push(at(n >> 18), at(n >> 12), i + 1 < bytes.length ? at(n >> 6) : 61, i + 2 < bytes.length ? at(n) : 61);
    // Joined in chunks: building megabytes one character at a time is slow.
    if (codes.length >= 8192) {
      chunks.push(String.fromCharCode.apply(null, codes));
      codes.length = 0;
    }
  }
  chunks.push(String.fromCharCode.apply(null, codes));
  return chunks.join('');
}

export function unbase64(text: string): string | undefined {
  const clean = text.replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean)) return undefined;
  const bytes: number[] = [];
  decodeInto(clean, bytes);
  return utf8Decode(bytes);
}

/** Appends the bytes that base64 characters (no padding) stand for; a partial last byte is dropped. */
function decodeInto(chars: string, bytes: number[]): void {
  let buf = 0;
  let bits = 0;
  for (const c of chars) {
    buf = ((buf << 6) | ALPHABET.indexOf(c)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
}

/**
 * Decoding as GNU `base64 -d` does: groups of four characters (newlines ignored), padding
 * allowed at the end of any group. At the first bad or short group it keeps what that group's
 * valid start decodes to and reports `ok: false`.
 */
export function decodeBase64Groups(text: string): { text: string; ok: boolean } {
  const clean = text.replace(/\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const group = clean.slice(i, i + 4);
    const m = /^[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=|[A-Za-z0-9+/]{2})$/.exec(group);
    if (m) {
      decodeInto(group.replace(/=+$/, ''), bytes);
      continue;
    }
    decodeInto(/^[A-Za-z0-9+/]*/.exec(group)![0].slice(0, 3), bytes);
    return { text: utf8Decode(bytes), ok: false };
  }
  return { text: utf8Decode(bytes), ok: true };
}
