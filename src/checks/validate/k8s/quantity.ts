// Kubernetes resource quantities (500m, 128Mi, 1.5): parsing to a number, and hints for
// the spellings learners bring from elsewhere (128mb, 1GB, "0.5 cpu").

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity's value in base units (cores or bytes), or undefined if it is not one. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (Object.prototype.hasOwnProperty.call(BINARY, suffix)) return n * (BINARY[suffix] ?? 1);
  if (Object.prototype.hasOwnProperty.call(DECIMAL, suffix)) return n * (DECIMAL[suffix] ?? 1);
  return n * 10 ** Number(suffix.slice(1));
}

const UNIT_WORDS = /^(\d+(?:\.\d+)?)\s*([kKmMgGtTpPeE])(i?)([bB])?(?:ytes?)?$/;

/** A hint for a string that is not a valid quantity: what the learner probably meant. */
export function quantityHint(text: string, resource: string): string {
  const trimmed = text.trim();
  const isCpu = resource === 'cpu';
  if (/^\d+(\.\d+)?\s+\S+$/.test(trimmed) && QUANTITY.test(trimmed.replace(/\s+/, ''))) {
    return `Remove the space: ${trimmed.replace(/\s+/, '')}.`;
  }
  const cpuWords = /^(\d+(?:\.\d+)?)\s*(cpus?|cores?|vcpus?)$/i.exec(trimmed);
  if (cpuWords) return `CPU is counted in cores without a unit: write ${cpuWords[1]} (or ${Math.round(Number(cpuWords[1]) * 1000)}m).`;
  const milli = /^(\d+)\s*(millicores?|millicpus?|mcpu)$/i.exec(trimmed);
  if (milli) return `Write millicores with a lowercase m: ${milli[1]}m.`;
  const m = UNIT_WORDS.exec(trimmed);
  if (m && !isCpu) {
    const [, num, letter = '', i = '', b] = m;
    const upper = letter === 'k' || letter === 'K' ? 'K' : letter.toUpperCase();
    const decimal = upper === 'K' ? 'k' : upper;
    if (b || i || letter !== letter.toUpperCase() || letter === 'K') {
      return `Kubernetes units are case-sensitive and have no B: write ${num}${upper}i (${binaryName(upper)}) or ${num}${decimal} (${decimalName(upper)}).`;
    }
  }
  if (isCpu) return 'CPU is a number of cores (0.5, 2) or millicores (500m).';
  return 'Use a number with a suffix such as Mi or Gi (128Mi, 1Gi), or plain bytes.';
}

function binaryName(u: string): string {
  return ({ K: 'kibibytes', M: 'mebibytes', G: 'gibibytes', T: 'tebibytes', P: 'pebibytes', E: 'exbibytes' } as Record<string, string>)[u] ?? 'binary units';
}

function decimalName(u: string): string {
  return ({ K: 'kilobytes', M: 'megabytes', G: 'gigabytes', T: 'terabytes', P: 'petabytes', E: 'exabytes' } as Record<string, string>)[u] ?? 'decimal units';
}

/** A valid quantity that is almost certainly a slip, with what was probably meant. */
export function suspiciousQuantity(v: unknown, resource: string): { message: string; hint: string } | undefined {
  const n = parseQuantity(v);
  if (n === undefined) return undefined;
  const text = String(v);
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource === 'storage') {
    const milli = /^(\d+(?:\.\d+)?)m$/.exec(text);
    if (milli) {
      return {
        message: `${resource} ${text} means ${n} bytes: the m suffix is milli (one thousandth), not mega`,
        hint: `Write ${milli[1]}Mi for mebibytes (or ${milli[1]}M for megabytes).`,
      };
    }
    if (n > 0 && n < 1024 * 1024) {
      const plain = /^\d+$/.test(text);
      return {
        message: `${resource} ${text} is only ${n} bytes`,
        hint: plain ? `Add a unit: ${text}Mi for mebibytes or ${text}Gi for gibibytes.` : 'Memory is in bytes; most containers need at least tens of Mi.',
      };
    }
  }
  if (resource === 'cpu' && n > 64 && /^\d+$/.test(text)) {
    return {
      message: `cpu ${text} means ${n} cores`,
      hint: `Write ${text}m for ${text} millicores (${n / 1000} of a core).`,
    };
  }
  return undefined;
}
