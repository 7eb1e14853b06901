// Decides what a file holds, by name first and then by content: a Dockerfile, JSON or
// YAML text, and per document a Kubernetes object, an ECS task definition or service,
// or an eksctl ClusterConfig.

import type { FileKind } from './types.ts';

export type TextFormat = 'dockerfile' | 'json' | 'yaml';

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function isDockerfileName(path: string): boolean {
  const b = basename(path);
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/i.test(b) || /\.(dockerfile|containerfile)$/i.test(b);
}

/** Text format by file name, falling back to the first meaningful line. */
export function detectFormat(path: string, content: string): TextFormat {
  if (isDockerfileName(path)) return 'dockerfile';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  for (const raw of content.split('\n', 200)) {
    const line = raw.trim();
    if (line === '' || (line.startsWith('#') && !/^#\s*(syntax|escape)\s*=/i.test(line))) continue;
    if (/^#\s*(syntax|escape)\s*=/i.test(line) || /^(FROM|ARG)\s+\S/i.test(line)) return 'dockerfile';
    if (line.startsWith('{') || line.startsWith('[')) return 'json';
    return 'yaml';
  }
  return 'yaml';
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What one parsed YAML or JSON document is, or undefined when it is none of the known kinds. */
export function detectDocumentKind(value: unknown): Exclude<FileKind, 'dockerfile'> | undefined {
  if (!isObj(value)) return 'kubernetes';
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if ((typeof apiVersion === 'string' && apiVersion.startsWith('eksctl.io/')) || kind === 'ClusterConfig') return 'eksctl';
  if (apiVersion !== undefined || kind !== undefined) return 'kubernetes';
  if ('containerDefinitions' in value || (isObj(value['taskDefinition']) && 'containerDefinitions' in value['taskDefinition'])) return 'ecs-task-definition';
  if ('family' in value && !('metadata' in value)) return 'ecs-task-definition';
  if ('serviceName' in value || (typeof value['taskDefinition'] === 'string' && ('desiredCount' in value || 'cluster' in value || 'launchType' in value))) return 'ecs-service';
  return undefined;
}
