/**
 * Lesson frontmatter: one documented, strict schema. A misspelt key fails the build with
 * the file and field named. It is also exported as JSON Schema (schemas/lesson.schema.json).
 */
import { z } from 'zod';

export const lessonSchema = z
  .object({
    title: z.string().min(1).describe('Lesson title, shown in the sidebar and as the page heading.'),
    description: z.string().min(1).describe('One sentence for the course overview and search results.'),
    order: z.number().int().min(0).describe('Position of the lesson within its module.'),
    lab: z.string().optional().describe('Id of the lab shown beside the lesson (a folder under labs/).'),
    draft: z.boolean().default(false).describe('Draft lessons are built but not listed.'),
  })
  .strict();

export const moduleSchema = z
  .object({
    id: z.string().describe('Folder under content/ holding the module\'s lessons, e.g. "03-kubernetes".'),
    slug: z.string().regex(/^[a-z0-9-]+$/).describe('URL segment of the module, e.g. "kubernetes".'),
    title: z.string().describe('Module title.'),
    description: z.string().describe('What the module teaches, in one or two sentences.'),
  })
  .strict();

export type LessonData = z.output<typeof lessonSchema>;
export type ModuleData = z.output<typeof moduleSchema>;
