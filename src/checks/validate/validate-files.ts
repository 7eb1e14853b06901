// The validator's front door: takes a set of files, works out what each holds, runs the
// matching validators (Kubernetes rules see every Kubernetes file at once), and returns
// the diagnostics sorted by file, line and column.

import type { Diagnostic } from '../diagnostic.ts';
import { detectDocumentKind, detectFormat, isDockerfileName } from './detect.ts';
import { checkClusterConfig } from './eks/cluster-config.ts';
import { validateEcsService } from './ecs/service.ts';
import { validateTaskDefinition } from './ecs/task-definition.ts';
import { parseJsonDocument } from './json/parse-json.ts';
import { guessKind } from './k8s/guess-kind.ts';
import { preloadSchemas, SchemaNotLoadedError, validateKubernetes, validateKubernetesSync, type KubeDoc } from './k8s/validate-kubernetes.ts';
import { docLocator } from './locator.ts';
import { Reporter } from './reporter.ts';
import { compareDiagnostics } from './sort.ts';
import type { FileInput, ParsedDocument, ValidateOptions } from './types.ts';
import { parseYamlDocuments, reportTooLarge } from './yaml/parse-yaml.ts';

/** The refusal for a file over the size limit, for callers that know its size before reading it. */
export function tooLargeDiagnostic(path: string, bytes: number, options?: ValidateOptions): Diagnostic[] {
  const r = new Reporter(path, options);
  reportTooLarge(r, bytes, isDockerfileName(path) ? 'the Dockerfile' : 'the file');
  return r.diagnostics;
}

export { compareDiagnostics };

/** Drops YAML 1.1 warnings where the same spot already has an error that explains it. */
function dedupe(all: Diagnostic[]): Diagnostic[] {
  const errorsAt = new Set(all.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column}`));
  return all.filter((d) => !(d.code === 'YAML005' && errorsAt.has(`${d.file}:${d.line}:${d.column}`)));
}

type DockerfileModule = typeof import('./dockerfile/dockerfile.ts');
let dockerfileModule: DockerfileModule | undefined;

/** Loads the Dockerfile rules (and dockerfile-ast) the first time a Dockerfile appears. */
export async function loadDockerfileValidator(): Promise<DockerfileModule> {
  dockerfileModule ??= await import('./dockerfile/dockerfile.ts');
  return dockerfileModule;
}

/** Loads what validateFilesSync needs: the schemas of these kinds, and the Dockerfile rules. */
export async function preloadValidators(what: { kinds?: readonly { apiVersion: string; kind: string }[]; dockerfile?: boolean }): Promise<void> {
  await Promise.all([preloadSchemas(what.kinds ?? []), what.dockerfile ? loadDockerfileValidator() : undefined]);
}

interface Prepared {
  diagnostics: Diagnostic[];
  kube: KubeDoc[];
  dockerfiles: FileInput[];
  run: () => void;
}

function prepare(files: readonly FileInput[], options: ValidateOptions | undefined): Prepared {
  const diagnostics: Diagnostic[] = [];
  const kube: KubeDoc[] = [];
  const later: (() => void)[] = [];
  const taskDefs = new Map<string, Record<string, unknown>>();
  const services: { file: string; doc: ParsedDocument }[] = [];
  const dockerfiles: FileInput[] = [];
  for (const f of files) {
    const format = detectFormat(f.path, f.content);
    if (format === 'dockerfile') {
      dockerfiles.push(f);
      continue;
    }
    const parsed = format === 'json' ? parseJsonDocument(f.content, f.path, options) : parseYamlDocuments(f.content, f.path, options);
    diagnostics.push(...parsed.diagnostics);
    const reporter = new Reporter(f.path, options);
    later.push(() => diagnostics.push(...reporter.diagnostics));
    for (const doc of parsed.docs) {
      const v = doc.value as Record<string, unknown>;
      // A document that forgot apiVersion and kind but looks like a Pod or Deployment is
      // still Kubernetes, so the learner hears "missing kind" rather than "unknown file".
      const kind = detectDocumentKind(doc.value) ?? (guessKind(v) ? 'kubernetes' : undefined);
      if (kind === 'kubernetes') {
        kube.push({ file: f.path, doc, reporter });
      } else if (kind === 'eksctl') {
        checkClusterConfig(doc.value, reporter, docLocator(doc), doc);
      } else if (kind === 'ecs-task-definition') {
        const family = v['family'];
        if (typeof family === 'string') taskDefs.set(family, v);
        diagnostics.push(...validateTaskDefinition(doc.value, { ...options, file: f.path, doc }).diagnostics);
      } else if (kind === 'ecs-service') {
        services.push({ file: f.path, doc });
      } else {
        reporter.report('FILE001', `${f.path} is not a Kubernetes manifest, an ECS task definition or service, or an eksctl ClusterConfig`, 'Kubernetes objects start with apiVersion and kind; task definitions have family and containerDefinitions; services have serviceName.', { pos: doc.start });
      }
    }
  }
  return {
    diagnostics,
    kube,
    dockerfiles,
    run: () => {
      for (const f of dockerfiles) {
        if (!dockerfileModule) throw new SchemaNotLoadedError('dockerfile', 'Dockerfile');
        diagnostics.push(...dockerfileModule.validateDockerfile(f.content, { ...options, file: f.path }));
      }
      for (const s of services) {
        diagnostics.push(...validateEcsService(s.doc.value, { ...options, file: s.file, doc: s.doc, taskDefinitions: taskDefs }).diagnostics);
      }
      for (const fn of later) fn();
    },
  };
}

/**
 * Validates a set of files: Kubernetes YAML/JSON, ECS task definitions and services,
 * eksctl ClusterConfig and Dockerfiles. Kubernetes schemas load on first use.
 */
export async function validateFiles(files: readonly FileInput[], options?: ValidateOptions): Promise<Diagnostic[]> {
  const p = prepare(files, options);
  if (p.dockerfiles.length > 0) await loadDockerfileValidator();
  await validateKubernetes(p.kube);
  p.run();
  return dedupe(p.diagnostics).sort(compareDiagnostics);
}

/**
 * The same, synchronously, for callers that cannot await (a simulated `kubectl apply`).
 * Throws SchemaNotLoadedError unless the kinds' schemas (and, for Dockerfiles, the Dockerfile
 * rules) were loaded first with preloadValidators.
 */
export function validateFilesSync(files: readonly FileInput[], options?: ValidateOptions): Diagnostic[] {
  const p = prepare(files, options);
  validateKubernetesSync(p.kube);
  p.run();
  return dedupe(p.diagnostics).sort(compareDiagnostics);
}
