/** Lab types, inferred from the zod schemas (type-only, so the browser bundle has no zod). */
import type { z } from 'zod';
import type { checkSchema, commandCheck, fileCheck, historyCheck, labSchema, manifestCheck, mistakeSchema, moduleCheck, resourceCheck, solutionSchema, taskSchema } from './schema.ts';

export type Lab = z.output<typeof labSchema>;
export type Task = z.output<typeof taskSchema>;
export type Check = z.output<typeof checkSchema>;
export type Mistake = z.output<typeof mistakeSchema>;
export type Solution = z.output<typeof solutionSchema>;
export type FileCheck = z.output<typeof fileCheck>;
export type ManifestCheck = z.output<typeof manifestCheck>;
export type ResourceCheck = z.output<typeof resourceCheck>;
export type CommandCheck = z.output<typeof commandCheck>;
export type HistoryCheck = z.output<typeof historyCheck>;
export type ModuleCheck = z.output<typeof moduleCheck>;

export type TaskStatus = 'pending' | 'passed' | 'failed';

/** A failed check: a diagnostic-shaped finding (code, message, hint, location). */
export interface CheckFailure {
  code: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface TaskResult {
  id: string;
  title: string;
  status: Exclude<TaskStatus, 'pending'>;
  /** Present when failed. */
  failure?: CheckFailure;
}
