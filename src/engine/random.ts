/**
 * A seeded random source (mulberry32). Its whole state is one number, so it snapshots
 * with the world and the same seed always gives the same names and IDs.
 */
export interface RandomState {
  seed: number;
}

export function createRandom(seed: number): RandomState {
  return { seed: seed >>> 0 };
}

/** Next float in [0, 1). */
export function nextFloat(r: RandomState): number {
  r.seed = (r.seed + 0x6d2b79f5) >>> 0;
  let t = r.seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function nextInt(r: RandomState, maxExclusive: number): number {
  return Math.floor(nextFloat(r) * maxExclusive);
}

/** Random string over an alphabet, e.g. pod suffixes. */
export function randomString(r: RandomState, length: number, alphabet: string): string {
  // One string at the end, not one per character (uids and container IDs are made by the thousand).
  const codes = charCodes(length);
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(nextInt(r, alphabet.length));
  return String.fromCharCode.apply(null, codes);
}

const scratch: number[][] = [];

/**
 * A reusable array of `length` character codes, for building a string with
 * `String.fromCharCode.apply` (which reads it at once, so one array per length is enough).
 */
export function charCodes(length: number): number[] {
  return (scratch[length] ??= new Array<number>(length).fill(0));
}

/** Kubernetes' name-suffix alphabet: no vowels, no ambiguous digits (k8s.io/apimachinery/pkg/util/rand). */
export const KUBE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
export const HEX = '0123456789abcdef';
