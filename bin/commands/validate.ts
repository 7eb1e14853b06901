/**
 * `hatchway validate [--format text|json] PATH...` (DESIGN.md, "Contracts"): validates
 * Kubernetes YAML, ECS JSON, eksctl ClusterConfig and Dockerfiles. Directories expand to
 * the files in them. Exits 1 if any finding is an error, 2 on a usage or read error.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../src/checks/diagnostic.ts';
import { LIMITS } from '../../src/engine/limits.ts';
import { compareDiagnostics, isDockerfileName, tooLargeDiagnostic, validateFiles } from '../../src/checks/validate/index.ts';

export interface ValidateIO {
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<string>;
}

const USAGE = 'Usage: hatchway validate [--format text|json] PATH...\n';
const HELP = `${USAGE}
Validates Kubernetes manifests (YAML or JSON, many documents per file), ECS task
definitions and services (JSON, as for --cli-input-json), eksctl ClusterConfig files
and Dockerfiles. A directory stands for the .yaml, .yml and .json files and Dockerfiles
in it and its subdirectories.

Each finding prints as PATH:LINE:COL: error|warning CODE message, then a hint.
Every code is explained at /docs/diagnostics/.

Options:
  --format text|json  Output format (default text). json prints an array of findings.
  -h, --help          Show this help.

Exit status: 0 when nothing is an error, 1 when something is, 2 on a usage error.
`;

function wanted(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) || isDockerfileName(name);
}

/** A path, or the manifests under a directory (sorted, skipping dot folders and node_modules). */
async function expand(path: string): Promise<{ path: string; size: number }[]> {
  const s = await stat(path);
  if (!s.isDirectory()) return [{ path, size: s.size }];
  const out: { path: string; size: number }[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await expand(child)));
    } else if (entry.isFile() && wanted(entry.name)) {
      out.push({ path: child, size: (await stat(child)).size });
    }
  }
  return out;
}

export async function run(args: string[], io: ValidateIO): Promise<number> {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-h' || a === '--help') {
      io.out(HELP);
      return 0;
    }
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (v !== 'text' && v !== 'json') {
        io.err(`hatchway validate: --format must be text or json${v === undefined ? '' : `, not "${v}"`}\n${USAGE}`);
        return 2;
      }
      format = v;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`hatchway validate: unknown option ${a}\n${USAGE}`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    io.err(`hatchway validate: no files given\n${USAGE}`);
    return 2;
  }
  const files: { path: string; content: string }[] = [];
  const refused: Diagnostic[] = [];
  for (const p of paths) {
    let found: { path: string; size: number }[];
    try {
      found = await expand(p);
    } catch {
      io.err(`hatchway validate: ${p}: no such file or directory\n`);
      return 2;
    }
    if (found.length === 0) io.err(`hatchway validate: ${p}: no .yaml, .yml, .json or Dockerfile files in it\n`);
    for (const f of found) {
      // Refuse oversized files from their size alone, so 100 MB is never read into memory.
      if (f.size > LIMITS.yamlBytes) {
        refused.push(...tooLargeDiagnostic(f.path, f.size));
        continue;
      }
      try {
        files.push({ path: f.path, content: await io.readFile(f.path) });
      } catch (e) {
        io.err(`hatchway validate: ${f.path}: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
      }
    }
  }
  const diagnostics = [...refused, ...(await validateFiles(files))].sort(compareDiagnostics);
  if (format === 'json') io.out(`${JSON.stringify(diagnostics, null, 2)}\n`);
  else for (const d of diagnostics) io.out(`${formatDiagnostic(d)}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
