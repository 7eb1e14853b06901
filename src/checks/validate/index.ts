// Public API of the manifest validator: parse with positions, validate file sets, and the
// per-format validators the simulated CLIs (aws ecs, eksctl, docker build) reuse.

export { validateFiles, validateFilesSync, compareDiagnostics, tooLargeDiagnostic } from './validate-files.ts';
export { parseYamlDocuments, type ParseYamlOptions } from './yaml/parse-yaml.ts';
export { parseJsonDocument } from './json/parse-json.ts';
export { detectFormat, detectDocumentKind, isDockerfileName, type TextFormat } from './detect.ts';
export { validateTaskDefinition, type AwsCliError, type AwsValidationResult, type AwsValidateOptions } from './ecs/task-definition.ts';
export { validateEcsService, type ServiceValidateOptions } from './ecs/service.ts';
export { FARGATE_CPUS, memoriesFor, isFargateSize, parseCpu, parseMemory } from './ecs/fargate.ts';
export { validateClusterConfig } from './eks/cluster-config.ts';
export { EKS_STANDARD_VERSIONS, EKS_EXTENDED_VERSIONS, EKS_DEFAULT_VERSION, AWS_REGIONS } from './eks/versions.ts';
export { validateDockerfile } from './dockerfile/dockerfile.ts';
export { preloadSchemas, SchemaNotLoadedError } from './k8s/validate-kubernetes.ts';
export { resolveKind, servedApiVersions } from './k8s/api-versions.ts';
export { parseQuantity } from './k8s/quantity.ts';
export { CODES, CODE_INDEX, codeDocHref, type CodeInfo } from './codes.ts';
export { formatPath } from './path.ts';
export type { FileInput, FileKind, ParsedDocument, ParseResult, PathSegment, SourcePos, ValidateOptions, SeverityOverride } from './types.ts';
