/**
 * Writes src/engine/kube/kubectl/explain.generated.ts (`npx tsx scripts/gen-explain.ts`): the
 * OpenAPI documentation `kubectl explain` prints, for every kind the simulated API server
 * serves and every type those kinds reach. It is read from kubernetes-models' declarations,
 * which carry the official schema's descriptions (JSDoc), types, enums and required fields.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { RESOURCE_TYPES } from '../src/engine/kube/resources.ts';

const ROOT = resolve(import.meta.dirname, '..');
const MODULES = join(ROOT, 'node_modules');
export const EXPLAIN_FILE = join(ROOT, 'src/engine/kube/kubectl/explain.generated.ts');

/** A field: its type (`string`, `integer`, `boolean`, `Object`, `#id`, `[]T`, `map[string]T`), description and enum. */
interface Field {
  t: string;
  d?: string;
  e?: string[];
}
/** A named type: description, primitive type (for aliases such as Time), fields and required fields. */
interface Type {
  d?: string;
  t?: string;
  f?: Record<string, Field>;
  r?: string[];
}

/** The text of the JSDoc comment right before `node`, as the schema's description was. */
function jsdoc(node: ts.Node, text: string): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => text.startsWith('/**', r.pos)).pop();
  if (!last) return undefined;
  const body = text.slice(last.pos + 3, last.end - 2);
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, '').replace(/^\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') || undefined;
}

/** `node_modules/kubernetes-models/v1/Pod.d.ts` → `v1/Pod`; apimachinery types keep their package folder. */
function idOf(file: string): string {
  return relative(MODULES, file).replace(/^(@kubernetes-models\/|kubernetes-models\/)/, '').replace(/\.d\.ts$/, '');
}

function resolveImport(from: string, spec: string): string {
  const base = spec.startsWith('.') ? resolve(dirname(from), spec) : join(MODULES, spec);
  return base.replace(/\.js$/, '') + '.d.ts';
}

function typeMeta(): Record<string, Field> {
  const file = join(MODULES, '@kubernetes-models/base/dist/meta.d.ts');
  const text = readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Record<string, Field> = {};
  src.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n) || n.name.text !== 'TypeMeta') return;
    for (const m of n.members) if (ts.isPropertySignature(m) && ts.isIdentifier(m.name)) out[m.name.text] = { t: 'string', d: jsdoc(m, text) };
  });
  return out;
}

export function explainModule(): string {
  const types: Record<string, Type> = {};
  const meta = typeMeta();
  const pending: string[] = [];
  const want = (file: string): string => {
    const id = idOf(file);
    if (!(id in types)) {
      types[id] = {};
      pending.push(file);
    }
    return '#' + id;
  };
  const kinds: Record<string, string> = {};
  for (const t of RESOURCE_TYPES) {
    const dir = t.group ? `${t.group}/${t.version}` : t.version;
    kinds[`${t.group}/${t.version}/${t.kind}`] = want(join(MODULES, 'kubernetes-models', dir, `${t.kind}.d.ts`)).slice(1);
  }
  while (pending.length) {
    const file = pending.pop()!;
    const text = readFileSync(file, 'utf8');
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const imports = new Map<string, string>();
    for (const st of src.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text.startsWith('@kubernetes-models/base')) continue;
      for (const el of (st.importClause?.namedBindings as ts.NamedImports | undefined)?.elements ?? []) imports.set(el.name.text, resolveImport(file, st.moduleSpecifier.text));
    }
    const typeOf = (node: ts.TypeNode, enumOut: string[]): string => {
      if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
      if (node.kind === ts.SyntaxKind.NumberKeyword) return 'integer';
      if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
      if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
        enumOut.push(node.literal.text);
        return 'string';
      }
      if (ts.isUnionTypeNode(node)) {
        for (const m of node.types) typeOf(m, enumOut);
        return 'string';
      }
      if (ts.isTypeLiteralNode(node)) {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        return index ? `map[string]${typeOf(index.type, [])}` : 'Object';
      }
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
        const name = node.typeName.text;
        if (name === 'Array') return `[]${typeOf(node.typeArguments![0]!, [])}`;
        const target = imports.get(name);
        if (target) return want(target);
      }
      throw new Error(`${file}: a type the explain data cannot describe: ${node.getText(src)}`);
    };
    const entry = types[idOf(file)]!;
    for (const st of src.statements) {
      if (ts.isTypeAliasDeclaration(st) && /^I[A-Z]/.test(st.name.text) && !st.name.text.startsWith('IIo')) {
        entry.d = jsdoc(st, text);
        // Quantity and IntOrString are `oneOf` two types in the schema, so they have no single type.
        if (!ts.isUnionTypeNode(st.type)) entry.t = typeOf(st.type, []);
      }
      if (!ts.isInterfaceDeclaration(st) || !/^I[A-Z]/.test(st.name.text)) continue;
      entry.d = jsdoc(st, text);
      const fields: Record<string, Field> = {};
      const required: string[] = [];
      if (st.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(src) === 'TypeMeta'))) Object.assign(fields, meta);
      for (const m of st.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const name = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText(src);
        // apiVersion and kind are TypeMeta's plain strings; the models narrow them to this kind's values.
        if (name in meta && ts.isLiteralTypeNode(m.type)) continue;
        const e: string[] = [];
        const t = typeOf(m.type, e);
        const d = jsdoc(m, text);
        fields[name] = { t, ...(d ? { d } : {}), ...(e.length ? { e } : {}) };
        if (!m.questionToken) required.push(name);
      }
      entry.f = fields;
      if (required.length) entry.r = required;
    }
  }
  // One kind or type per line: small diffs when the models change, no indentation to ship.
  const lines = (o: Record<string, unknown>) => Object.keys(o).sort().map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(o[k])},`).join('\n');
  return `// Generated by scripts/gen-explain.ts from kubernetes-models' declarations; do not edit.
// The OpenAPI documentation of the kinds the simulated API server serves, for kubectl explain.

import type { ExplainData } from './explain.ts';

export const EXPLAIN: ExplainData = {
  kinds: {
${lines(kinds)}
  },
  types: {
${lines(types)}
  },
};
`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(EXPLAIN_FILE, explainModule());
  console.log(`wrote ${relative(ROOT, EXPLAIN_FILE)}`);
}
