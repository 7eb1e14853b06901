/** Writes schemas/lab.schema.json and schemas/lesson.schema.json from the zod schemas (`npm run schemas`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labJsonSchema, lessonJsonSchema } from '../src/lib/json-schemas.ts';

export const SCHEMA_DIR = resolve(import.meta.dirname, '../schemas');

export function schemaFiles(): Record<string, string> {
  return {
    'lab.schema.json': JSON.stringify(labJsonSchema(), null, 2) + '\n',
    'lesson.schema.json': JSON.stringify(lessonJsonSchema(), null, 2) + '\n',
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(schemaFiles())) {
    writeFileSync(join(SCHEMA_DIR, name), text);
    console.log(`wrote schemas/${name}`);
  }
}
