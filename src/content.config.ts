// Content collections: lessons (content/**/*.mdx), modules (content/modules.yaml) and labs
// (labs/*/lab.yaml). Each is checked against its strict schema at build time.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { labSchema } from './checks/lab/schema.ts';
import { lessonSchema, moduleSchema } from './lib/lesson-schema.ts';

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content' }),
  schema: lessonSchema,
});

const modules = defineCollection({
  loader: file('./content/modules.yaml'),
  schema: moduleSchema,
});

const labs = defineCollection({
  loader: glob({ pattern: '*/lab.yaml', base: './labs', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: labSchema,
});

export const collections = { lessons, modules, labs };
