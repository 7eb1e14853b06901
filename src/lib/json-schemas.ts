/**
 * JSON Schemas generated from the zod schemas, for editor autocomplete
 * (schemas/lab.schema.json, schemas/lesson.schema.json) and the field reference in the docs.
 * Generated with `npm run schemas`; a unit test fails when the committed files are stale.
 */
import { z } from 'zod';
import { labSchema } from '../checks/lab/schema.ts';
import { lessonSchema } from './lesson-schema.ts';

type JsonSchema = Record<string, unknown>;

function generate(schema: z.ZodType, id: string, title: string): JsonSchema {
  // `io: 'input'`: authors write the input side (defaults make fields optional).
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { ...json, $id: `https://hatchway.dev/schemas/${id}`, title };
}

export const labJsonSchema = (): JsonSchema => generate(labSchema, 'lab.schema.json', 'Hatchway lab (labs/<id>/lab.yaml)');
export const lessonJsonSchema = (): JsonSchema => generate(lessonSchema, 'lesson.schema.json', 'Hatchway lesson frontmatter (content/<module>/<lesson>.mdx)');

export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  default?: string;
  description: string;
}

function typeOf(s: JsonSchema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map(typeOf).join(' | ');
  if (s.type === 'array') return `list of ${typeOf((s.items ?? {}) as JsonSchema)}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `map of ${typeOf(s.additionalProperties as JsonSchema)}`;
  return typeof s.type === 'string' ? s.type : 'any';
}

/** Flattens an object schema into documented rows: `tasks[].checks`, `solution.commands`... */
export function fieldRows(schema: JsonSchema, prefix = '', stopAt: (path: string) => boolean = () => false): FieldRow[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: FieldRow[] = [];
  for (const [key, s] of Object.entries(props)) {
    const path = prefix + key;
    const row: FieldRow = { path, type: typeOf(s), required: required.has(key), description: String(s.description ?? '') };
    if (s.default !== undefined) row.default = JSON.stringify(s.default);
    rows.push(row);
    if (stopAt(path)) continue;
    const items = s.type === 'array' ? (s.items as JsonSchema | undefined) : undefined;
    if (items?.type === 'object' && items.properties) rows.push(...fieldRows(items, `${path}[].`, stopAt));
    else if (s.type === 'object' && s.properties) rows.push(...fieldRows(s, `${path}.`, stopAt));
  }
  return rows;
}

/** The check types: one row list per type (file, manifest, resource...). */
export function checkTypes(lab: JsonSchema): { name: string; description: string; rows: FieldRow[] }[] {
  const tasks = (lab.properties as Record<string, JsonSchema>).tasks!;
  const checks = ((tasks.items as JsonSchema).properties as Record<string, JsonSchema>).checks!;
  const variants = ((checks.items as JsonSchema).anyOf ?? []) as JsonSchema[];
  return variants.map((v) => {
    const [name, body] = Object.entries(v.properties as Record<string, JsonSchema>)[0]!;
    return { name, description: String(body.description ?? ''), rows: fieldRows(body) };
  });
}
