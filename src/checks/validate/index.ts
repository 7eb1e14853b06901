// Public API of the manifest validator: parse with positions, validate file sets, and the
// per-format validators the simulated CLIs (aws ecs, eksctl, docker build) reuse.

export { validateFiles, validateFilesSync, compareDiagnostics, tooLargeDiagnostic, preloadValidators, loadDockerfileValidator } from './validate-files.ts';
export { parseYamlDocuments, type ParseYamlOptions } from './yaml/parse-yaml.ts';
export { parseJsonDocument } from './json/parse-json.ts';
export { detectFormat, detectDocumentKind, isDockerfileName, type TextFormat } from './detect.ts';
export { validateTaskDefinition, type AwsCliError, type AwsValidationResult, type AwsValidateOptions } from './ecs/task-definition.ts';
export { validateEcsService, type ServiceValidateOptions } from './ecs/service.ts';
export { FARGATE_CPUS, memoriesFor, isFargateSize, parseCpu, parseMemory } from './ecs/fargate.ts';
export { validateClusterConfig } from './eks/cluster-config.ts';
export { EKS_STANDARD_VERSIONS, EKS_EXTENDED_VERSIONS, EKS_DEFAULT_VERSION, AWS_REGIONS } from './eks/versions.ts';
// validateDockerfile lives in ./dockerfile/dockerfile.ts and loads on demand (loadDockerfileValidator),
// so pages without Dockerfiles never download dockerfile-ast.
export { preloadSchemas, SchemaNotLoadedError } from './k8s/validate-kubernetes.ts';
export { resolveKind, servedApiVersions } from './k8s/api-versions.ts';
export { parseQuantity } from './k8s/quantity.ts';
// The docs text for each code (codes.ts) is not re-exported: pages import it directly, so
// the worker bundle that loads this module does not carry it.
export { codeDocHref, CODE_SEVERITY } from './severity.ts';
export { formatPath } from './path.ts';
export type { FileInput, FileKind, ParsedDocument, ParseResult, PathSegment, SourcePos, ValidateOptions, SeverityOverride } from './types.ts';
