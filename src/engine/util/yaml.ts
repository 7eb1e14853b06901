/**
 * The YAML parser, loaded on first use. Only commands that read YAML (kubectl apply -f,
 * eksctl -f) need it, so a lab's terminal starts without it; Node loads it the same way.
 */
let yaml: Promise<typeof import('yaml')> | undefined;

export function loadYaml(): Promise<typeof import('yaml')> {
  return (yaml ??= import('yaml'));
}
