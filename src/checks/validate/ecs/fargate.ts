// The Fargate task sizes (reference/aws.md) as data, parsing of "1 vCPU" and "2 GB",
// and the valid sizes nearest to an invalid pair.

/** cpu units → [first MiB, last MiB, step MiB] of the memory values allowed with it. */
const SIZES: readonly (readonly [number, number, number, number])[] = [
  [256, 512, 2048, 0],
  [512, 1024, 4096, 1024],
  [1024, 2048, 8192, 1024],
  [2048, 4096, 16384, 1024],
  [4096, 8192, 30720, 1024],
  [8192, 16384, 61440, 4096],
  [16384, 32768, 122880, 8192],
];

export const FARGATE_CPUS: readonly number[] = SIZES.map((s) => s[0]);

export function memoriesFor(cpu: number): number[] {
  const row = SIZES.find((s) => s[0] === cpu);
  if (!row) return [];
  const [, from, to, step] = row;
  if (step === 0) return [512, 1024, 2048];
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return memoriesFor(cpu).includes(memory);
}

/** `"256"`, `"1 vCPU"`, `"0.25 vcpu"` → CPU units; undefined when unreadable. */
export function parseCpu(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 1024 : 1);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `"512"`, `"2 GB"`, `"2GB"`, `"1024 MiB"` → MiB; undefined when unreadable. */
export function parseMemory(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const n = Number(m[1]) * (unit === 'gb' || unit === 'gib' ? 1024 : 1);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function list(ns: readonly number[]): string {
  if (ns.length <= 2) return ns.join(' or ');
  return `${ns.slice(0, -1).join(', ')} or ${ns[ns.length - 1]}`;
}

function nearest(ns: readonly number[], target: number, count: number): number[] {
  return [...ns].sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b).slice(0, count).sort((a, b) => a - b);
}

/** A hint naming the valid sizes closest to an invalid cpu/memory pair. */
export function fargateSizeHint(cpu: number, memory: number): string {
  const parts: string[] = [];
  const mems = memoriesFor(cpu);
  if (mems.length > 0) {
    const near = nearest(mems, memory, 3);
    parts.push(`With cpu ${cpu}, memory can be ${mems.length <= 4 ? list(mems) : `${mems[0]} to ${mems[mems.length - 1]} in steps of ${(mems[1] ?? 0) - (mems[0] ?? 0)}`} (nearest: ${list(near)}).`);
  } else {
    parts.push(`Fargate cpu must be one of ${list(FARGATE_CPUS)}; the nearest to ${cpu} is ${nearest(FARGATE_CPUS, cpu, 1)[0]}.`);
  }
  const cpusForMemory = FARGATE_CPUS.filter((c) => memoriesFor(c).includes(memory));
  if (cpusForMemory.length > 0) parts.push(`For ${memory} MiB of memory, use cpu ${list(cpusForMemory)}.`);
  return parts.join(' ');
}
