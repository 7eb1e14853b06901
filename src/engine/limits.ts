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
  /**
   * Bytes a never-ending source gives (`yes`, reading /dev/zero or /dev/urandom to the end)
   * before it is stopped: a page more than a file may hold, so a terminal, a pipe or a file
   * meets its own limit first and says so.
   */
  endlessBytes: 4 * 1024 * 1024 + 4096,
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
  /**
   * Characters a stored world snapshot may unpack to (saves are gzip-packed, so a damaged or
   * hand-made one could otherwise inflate without end).
   */
  snapshotChars: 32 * 1024 * 1024,
  /** Lines of terminal scrollback kept in a snapshot. */
  scrollbackLines: 5_000,
  /** Controller passes while settling the world before a check. */
  settleSteps: 10_000,
  /** Virtual time the world may be advanced while settling (10 minutes). */
  settleMs: 10 * 60 * 1000,
  /** Scheduling decisions kept for `hatchway explain pod` (oldest dropped first). */
  schedulerDecisions: 1_000,
  /** Nodes above which a decision keeps only a summary instead of every node's plugin results. */
  explainNodes: 100,
  /** Pods one controller creates in one sync (the ReplicaSet controller's burst). */
  controllerBurst: 500,
  /** Image names whose parsed reference and container-status image ID are remembered (each cache is emptied when full). */
  imageCache: 1_000,
  /** Lines kept per container log and returned by `kubectl logs`. */
  logLines: 5_000,
  /** Virtual time `kubectl get -w` follows in scripted use before it stops (the world usually settles sooner). */
  watchMs: 10 * 60 * 1000,
  /** Lines one `kubectl get -w` prints before it stops. */
  watchLines: 2_000,
  /** Loop iterations a simulated container script runs per evaluation (`while true` with no sleep). */
  containerScriptSteps: 10_000,
  /** Words brace expansion may make for one command (`echo {1..100000000}` is refused, not built). */
  braceWords: 100_000,
  /** Characters those words may hold together (about Linux's 2 MiB argument space). */
  braceChars: 2 * 1024 * 1024,
  /** Glob matches returned for one pattern. */
  globMatches: 10_000,
  /** Commands one command line may run in total (guards exponential recursion such as fork bombs). */
  commandSteps: 200_000,
  /** Virtual time a never-ending foreground workload (stress without --timeout, ping without -c) runs in scripted use. */
  foregroundWorkloadMs: 60_000,
  /** Entries one `find`, `tar`, `cp -r` or `du` walks. */
  walkEntries: 50_000,
  /** Images in the local docker image store. */
  dockerImages: 500,
  /** Containers (running or stopped) the docker engine keeps. */
  dockerContainers: 500,
  /** Instructions in one Dockerfile; lines of one build's output. */
  dockerfileInstructions: 500,
  /** Log lines kept per container (older ones are dropped, like a rotated json-file log). */
  containerLogLines: 2_000,
  /** Files one image layer may hold. */
  layerFiles: 20_000,
  /** ECS tasks, services, task-definition revisions and EKS clusters per account. */
  ecsTasks: 5_000,
  ecsServices: 500,
  ecsTaskDefinitionRevisions: 1_000,
  eksClusters: 20,
  /** Nodes in one EKS node group (eksctl's maxSize is bounded for the same reason). */
  eksNodesPerGroup: 100,
  /** Service events kept per ECS service (the API returns the latest 100). */
  ecsServiceEvents: 100,
  /** Nesting and length of a `--query` JMESPath expression. */
  jmespathChars: 4_096,
} as const;

export type LimitName = keyof typeof LIMITS;
