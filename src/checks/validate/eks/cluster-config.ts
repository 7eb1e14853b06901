// Validates an eksctl ClusterConfig: the schema (unknown fields, types, required fields),
// the Kubernetes version and region, node group sizes and names, and Fargate profiles.

import type { Diagnostic } from '../../diagnostic.ts';
import { docLocator, type Locator } from '../locator.ts';
import { formatPath } from '../path.ts';
import { Reporter } from '../reporter.ts';
import { didYouMean } from '../suggest.ts';
import type { ParsedDocument, PathSegment, ValidateOptions } from '../types.ts';
import { CLUSTER_CONFIG, type FieldType } from './schema.ts';
import { AWS_REGIONS, EKS_EXTENDED_VERSIONS, EKS_STANDARD_VERSIONS } from './versions.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the boolean ${String(v)}`;
}

function expected(t: FieldType): string {
  switch (t.t) {
    case 'string': return 'a string';
    case 'int': return 'a whole number';
    case 'number': return 'a number';
    case 'bool': return 'true or false';
    case 'list': return 'a list';
    case 'map': case 'object': return 'a mapping';
    case 'oneOf': return t.options.map(expected).join(' or ');
    case 'any': return 'anything';
  }
}

function matchesType(v: unknown, t: FieldType): boolean {
  switch (t.t) {
    case 'string': return typeof v === 'string';
    case 'int': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'bool': return typeof v === 'boolean';
    case 'list': return Array.isArray(v);
    case 'map': case 'object': return isObj(v);
    case 'oneOf': return t.options.some((o) => matchesType(v, o));
    case 'any': return true;
  }
}

class ClusterChecker {
  constructor(readonly r: Reporter, readonly loc: Locator, readonly doc: ParsedDocument | undefined) {}

  schema(v: unknown, t: FieldType, path: PathSegment[], depth: number): void {
    if (depth > 64 || t.t === 'any' || v === null) return;
    if (!matchesType(v, t)) {
      const source = this.doc?.sourceOf(path);
      let hint = `Write ${formatPath(path)} as ${expected(t)}.`;
      if (t.t === 'string' && typeof v === 'number') {
        hint = source !== undefined && source !== String(v)
          ? `Quote it: "${source}". YAML reads ${source} as the number ${v}.`
          : `Quote it: "${source ?? String(v)}".`;
      } else if (t.t === 'string' && typeof v === 'boolean') hint = `Quote it: "${source ?? String(v)}".`;
      else if ((t.t === 'int' || t.t === 'number') && typeof v === 'string' && /^\d+$/.test(v)) hint = `Remove the quotes: ${v}.`;
      else if (t.t === 'list' && typeof v === 'string') hint = `Write it as a list: ["${v}"], or one "- ${v}" line per item.`;
      this.r.report('EKS003', `${formatPath(path)} must be ${expected(t)}, not ${describe(v)}`, hint, this.loc.at(path));
      return;
    }
    if (t.t === 'string' && t.enum && typeof v === 'string' && !t.enum.includes(v)) {
      const guess = didYouMean(v, t.enum);
      this.r.report('EKS009', `${formatPath(path)} must be one of ${t.enum.join(', ')}; got ${JSON.stringify(v)}`, guess ? `Did you mean "${guess}"? Values are case-sensitive.` : 'Values are case-sensitive.', this.loc.at(path));
    }
    if (t.t === 'int' && typeof v === 'number' && t.min !== undefined && v < t.min) {
      this.r.report('EKS009', `${formatPath(path)} must be at least ${t.min}; got ${v}`, `Use a value of ${t.min} or more.`, this.loc.at(path));
    }
    if (t.t === 'list' && Array.isArray(v)) v.forEach((x, i) => this.schema(x, t.of, [...path, i], depth + 1));
    if (t.t === 'map' && isObj(v)) for (const [k, x] of Object.entries(v)) this.schema(x, t.of, [...path, k], depth + 1);
    if (t.t === 'object' && isObj(v)) {
      const fields = Object.keys(t.fields);
      for (const req of t.required ?? []) {
        if (v[req] === undefined) {
          const where = path.length === 0 ? 'the ClusterConfig' : formatPath(path);
          this.r.report('EKS002', `missing required field "${req}" in ${where}`, this.requiredHint(path, req), path.length === 0 ? this.loc.at([]) : this.loc.atKey(path));
        }
      }
      for (const [k, x] of Object.entries(v)) {
        const ft = Object.prototype.hasOwnProperty.call(t.fields, k) ? t.fields[k] : undefined;
        if (!ft) {
          const guess = didYouMean(k, fields);
          const where = path.length === 0 ? 'the ClusterConfig' : formatPath(path);
          this.r.report(
            'EKS001',
            `unknown field "${k}" in ${where}${guess ? ` — did you mean "${guess}"?` : ''}`,
            guess ? `Rename it to "${guess}"; eksctl rejects fields it does not know.` : fields.length <= 14 ? `Valid fields here: ${fields.join(', ')}.` : 'Check the spelling and indentation; eksctl rejects fields it does not know.',
            this.loc.atKey([...path, k]),
          );
          continue;
        }
        this.schema(x, ft, [...path, k], depth + 1);
      }
    }
  }

  requiredHint(path: readonly PathSegment[], req: string): string {
    const where = formatPath(path);
    if (where === 'metadata' && req === 'region') return 'Add metadata.region, for example region: us-east-1.';
    if (where === 'metadata' && req === 'name') return 'Add metadata.name: the cluster name (letters, digits and "-", starting with a letter).';
    if (req === 'selectors') return 'A Fargate profile needs selectors: a list of {namespace: ..., labels: ...} that pick the pods it runs.';
    if (req === 'name') return 'Give it a name: letters, digits and "-", starting with a letter.';
    if (req === 'apiVersion') return 'Add apiVersion: eksctl.io/v1alpha5.';
    if (req === 'kind') return 'Add kind: ClusterConfig.';
    return `Add "${req}".`;
  }

  header(v: Obj): void {
    if (v['apiVersion'] !== undefined && v['apiVersion'] !== 'eksctl.io/v1alpha5') {
      this.r.report('EKS010', `apiVersion must be "eksctl.io/v1alpha5"; got ${JSON.stringify(v['apiVersion'])}`, 'eksctl reads ClusterConfig files with apiVersion: eksctl.io/v1alpha5.', this.loc.at(['apiVersion']));
    }
    if (v['kind'] !== undefined && v['kind'] !== 'ClusterConfig') {
      this.r.report('EKS010', `kind must be "ClusterConfig"; got ${JSON.stringify(v['kind'])}`, 'Write kind: ClusterConfig.', this.loc.at(['kind']));
    }
  }

  metadata(v: Obj): void {
    const meta = v['metadata'];
    if (!isObj(meta)) return;
    const name = meta['name'];
    if (typeof name === 'string' && !/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name)) {
      this.r.report('EKS009', `metadata.name ${JSON.stringify(name)} is not a valid cluster name`, 'A cluster name starts with a letter and holds only letters, digits and "-" (up to 100 characters).', this.loc.at(['metadata', 'name']));
    } else if (typeof name === 'string' && name.length > 100) {
      this.r.report('EKS009', `metadata.name is ${name.length} characters long; the limit is 100`, 'Use a shorter cluster name.', this.loc.at(['metadata', 'name']));
    }
    const region = meta['region'];
    if (typeof region === 'string' && !AWS_REGIONS.includes(region)) {
      const guess = didYouMean(region, AWS_REGIONS);
      this.r.report('EKS009', `metadata.region ${JSON.stringify(region)} is not an AWS region`, guess ? `Did you mean "${guess}"?` : 'Regions look like us-east-1 or eu-west-1.', this.loc.at(['metadata', 'region']));
    }
    const version = meta['version'];
    if (typeof version === 'string') {
      if (EKS_EXTENDED_VERSIONS.includes(version)) {
        this.r.report('EKS005', `Kubernetes ${version} is in EKS extended support`, `Extended support costs extra per cluster hour. Use a version in standard support: ${EKS_STANDARD_VERSIONS.join(', ')}.`, this.loc.at(['metadata', 'version']));
      } else if (!EKS_STANDARD_VERSIONS.includes(version)) {
        const all = [...EKS_EXTENDED_VERSIONS, ...EKS_STANDARD_VERSIONS];
        this.r.report('EKS004', `EKS does not support Kubernetes version ${JSON.stringify(version)}`, `Supported versions: ${all.join(', ')} (standard support: ${EKS_STANDARD_VERSIONS.join(', ')}).`, this.loc.at(['metadata', 'version']));
      }
    }
  }

  nodeGroups(v: Obj): void {
    const seen = new Map<string, string>();
    for (const listName of ['nodeGroups', 'managedNodeGroups']) {
      const groups = v[listName];
      if (!Array.isArray(groups)) continue;
      groups.forEach((g, i) => {
        if (!isObj(g)) return;
        const base: PathSegment[] = [listName, i];
        const name = g['name'];
        const label = typeof name === 'string' ? `"${name}"` : formatPath(base);
        if (typeof name === 'string') {
          if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name)) {
            this.r.report('EKS009', `node group name ${JSON.stringify(name)} is not valid`, 'Node group names start with a letter and hold only letters, digits and "-".', this.loc.at([...base, 'name']));
          }
          const first = seen.get(name);
          if (first) this.r.report('EKS007', `node group name "${name}" is used twice (first at ${first})`, 'Give each node group its own name.', this.loc.at([...base, 'name']));
          else seen.set(name, formatPath(base));
        }
        const min = typeof g['minSize'] === 'number' ? g['minSize'] : undefined;
        const max = typeof g['maxSize'] === 'number' ? g['maxSize'] : undefined;
        const desired = typeof g['desiredCapacity'] === 'number' ? g['desiredCapacity'] : undefined;
        if (min !== undefined && max !== undefined && min > max) {
          this.r.report('EKS006', `node group ${label}: minSize (${min}) is greater than maxSize (${max})`, 'minSize must not exceed maxSize.', this.loc.at([...base, 'minSize']));
        }
        if (desired !== undefined && max !== undefined && desired > max) {
          this.r.report('EKS006', `node group ${label}: desiredCapacity (${desired}) is greater than maxSize (${max})`, `Raise maxSize to at least ${desired}, or lower desiredCapacity.`, this.loc.at([...base, 'desiredCapacity']));
        }
        if (desired !== undefined && min !== undefined && desired < min) {
          this.r.report('EKS006', `node group ${label}: desiredCapacity (${desired}) is less than minSize (${min})`, `Lower minSize to at most ${desired}, or raise desiredCapacity.`, this.loc.at([...base, 'desiredCapacity']));
        }
        if (g['instanceType'] !== undefined && g['instanceTypes'] !== undefined) {
          this.r.report('EKS009', `node group ${label} sets both instanceType and instanceTypes`, 'Use instanceType for one type, or instanceTypes for a list (typical with spot: true), not both.', this.loc.atKey([...base, 'instanceTypes']));
        }
        const types = [g['instanceType'], ...(Array.isArray(g['instanceTypes']) ? g['instanceTypes'] : [])];
        types.forEach((t) => {
          if (typeof t !== 'string' || /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t)) return;
          const fixed = t.toLowerCase().replace(/^([a-z][a-z0-9-]*?)[-_ ]?((?:nano|micro|small|medium|large|metal|\d*xlarge))$/, '$1.$2');
          const path = g['instanceType'] === t ? [...base, 'instanceType'] : [...base, 'instanceTypes'];
          this.r.report('EKS009', `${JSON.stringify(t)} is not an EC2 instance type`, fixed !== t && /\./.test(fixed) ? `Did you mean "${fixed}"? Instance types are family.size, such as t3.medium.` : 'Instance types are family.size, such as t3.medium or m5.large.', this.loc.at(path));
        });
      });
    }
  }

  fargateProfiles(v: Obj): void {
    const profiles = v['fargateProfiles'];
    if (!Array.isArray(profiles)) return;
    const seen = new Set<string>();
    profiles.forEach((p, i) => {
      if (!isObj(p)) return;
      const base: PathSegment[] = ['fargateProfiles', i];
      const name = p['name'];
      if (typeof name === 'string') {
        if (seen.has(name)) this.r.report('EKS007', `Fargate profile name "${name}" is used twice`, 'Give each Fargate profile its own name.', this.loc.at([...base, 'name']));
        seen.add(name);
      }
      const selectors = p['selectors'];
      if (!Array.isArray(selectors)) return;
      if (selectors.length === 0) {
        this.r.report('EKS008', `Fargate profile ${typeof name === 'string' ? `"${name}"` : formatPath(base)} has no selectors`, 'Add at least one selector with a namespace, for example - namespace: default.', this.loc.at([...base, 'selectors']));
      } else if (selectors.length > 5) {
        this.r.report('EKS008', `Fargate profile ${typeof name === 'string' ? `"${name}"` : formatPath(base)} has ${selectors.length} selectors; the limit is 5`, 'Split the selectors across several Fargate profiles.', this.loc.at([...base, 'selectors', 5]));
      }
      selectors.forEach((s, j) => {
        if (isObj(s) && (typeof s['namespace'] !== 'string' || s['namespace'] === '')) {
          this.r.report('EKS008', `selector ${j} of Fargate profile ${typeof name === 'string' ? `"${name}"` : formatPath(base)} has no namespace`, 'Every selector needs a namespace; labels only narrow it down.', this.loc.at([...base, 'selectors', j]));
        }
      });
    });
  }
}

/** Runs every ClusterConfig rule into `reporter`. */
export function checkClusterConfig(value: unknown, reporter: Reporter, loc: Locator, doc?: ParsedDocument): void {
  const c = new ClusterChecker(reporter, loc, doc);
  if (!isObj(value)) {
    reporter.report('EKS003', `a ClusterConfig must be a mapping, not ${describe(value)}`, 'Start the file with apiVersion: eksctl.io/v1alpha5 and kind: ClusterConfig.', loc.at([]));
    return;
  }
  c.header(value);
  c.schema(value, CLUSTER_CONFIG, [], 0);
  c.metadata(value);
  c.nodeGroups(value);
  c.fargateProfiles(value);
}

/** Validates an eksctl ClusterConfig object (already parsed). */
export function validateClusterConfig(value: unknown, options?: ValidateOptions & { file?: string; doc?: ParsedDocument }): Diagnostic[] {
  const reporter = new Reporter(options?.file, options);
  checkClusterConfig(value, reporter, docLocator(options?.doc), options?.doc);
  return reporter.diagnostics;
}
