/**
 * Every bound that learner input can drive lives here, so a hostile or careless
 * script always meets a clear message instead of a hang or a crash.
 */
export const LIMITS = {
  /** Iterations of one `for`/`while`/`until` loop before the shell stops it. */
  loopIterations: 10_000,
  /** Bytes one command may write to stdout or stderr before output is cut. */
  outputBytes: 1024 * 1024,
  /** Bytes one regular file may hold. */
  fileBytes: 4 * 1024 * 1024,
  /** Bytes all regular files together may hold. */
  totalFsBytes: 64 * 1024 * 1024,
  /** Inodes in the whole virtual filesystem. */
  inodes: 200_000,
  /** Length of one command line the shell will parse. */
  commandLineChars: 64 * 1024,
  /** Nesting of subshells, `$(...)` and functions. */
  shellDepth: 64,
  /** Symlinks followed while resolving one path (Linux uses 40). */
  symlinkHops: 40,
  /** Processes alive at once in the simulated host. */
  processes: 4_096,
  /** Objects of one kind in the Kubernetes API store. */
  objectsPerKind: 200_000,
  /** Bytes of one YAML or JSON document set given to the validator or kubectl. */
  yamlBytes: 2 * 1024 * 1024,
  /** YAML aliases expanded in one document (alias-bomb guard). */
  yamlAliases: 100,
  /** Nesting depth of one YAML/JSON document. */
  yamlDepth: 64,
  /** Documents in one multi-document YAML stream. */
  yamlDocuments: 10_000,
  /** Commands kept in shell history. */
  historyEntries: 1_000,
  /** Lines of terminal scrollback kept in a snapshot. */
  scrollbackLines: 5_000,
  /** Controller passes while settling the world before a check. */
  settleSteps: 10_000,
  /** Virtual time the world may be advanced while settling (10 minutes). */
  settleMs: 10 * 60 * 1000,
  /** Glob matches returned for one pattern. */
  globMatches: 10_000,
} as const;

export type LimitName = keyof typeof LIMITS;
