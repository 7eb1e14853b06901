/**
 * World snapshots as the page stores them: the JSON gzip-packed with the browser's own
 * CompressionStream and written as base64 behind a prefix. A world's JSON packs about 15
 * times smaller, so a lab with a few hundred pods still fits in the browser's storage, and
 * the page stores and checksums a small string after every command. Text without the prefix
 * (saves from before packing, or a browser without CompressionStream) is plain JSON.
 */
import { LIMITS } from '../../engine/limits.ts';

const PREFIX = 'gzip+base64:';

/** Bytes per String.fromCharCode call: well under the engines' argument-count limits. */
const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function packSnapshot(json: string): Promise<string> {
  if (typeof CompressionStream === 'undefined') return json;
  const packed = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return PREFIX + toBase64(new Uint8Array(await new Response(packed).arrayBuffer()));
}

/** The snapshot's JSON; throws an Error that says what is wrong with a damaged or oversized one. */
export async function unpackSnapshot(text: string): Promise<string> {
  if (!text.startsWith(PREFIX)) return text;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(text.slice(PREFIX.length));
  } catch {
    throw new Error('the saved world is damaged: it is not valid base64');
  }
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()).getReader();
  let json = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return json;
      json += value;
      if (json.length > LIMITS.snapshotChars) {
        void reader.cancel();
        throw new Error(`the saved world unpacks to more than ${LIMITS.snapshotChars / 1024 / 1024} MiB`);
      }
    }
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('the saved world')) throw e;
    throw new Error('the saved world is damaged: it does not unpack');
  }
}
