/**
 * Which hints and solutions a learner revealed in a lab, so a reload shows them again. One
 * small record per lab, apart from the world save (a world too large to save keeps its
 * hints). It is read against the lab itself: a stale or hand-edited record can only reveal
 * hints and solutions the lab has, and never makes a plain-object key.
 */
import type { Lab } from '../../checks/lab/types.ts';
import { decode, encode, isRecord } from './envelope.ts';
import { safeWrite, type KeyValue, type WriteResult } from './kv.ts';

export const LAB_HELP_PREFIX = 'hatchway:help:';
export const LAB_HELP_FORMAT = 'hatchway-lab-help';
export const LAB_HELP_VERSION = 1;
/** Far above any real record (a few task ids and numbers); larger ones are not parsed. */
const MAX_HELP_CHARS = 64 * 1024;

export interface LabHelp {
  /** Task id → how many of its hints are shown. */
  hints: Map<string, number>;
  /** Tasks whose solution is shown. */
  taskSolutions: Set<string>;
  /** Whether the lab's solution is shown. */
  labSolution: boolean;
}

/** What a record is read against: the lab's tasks, their hints and solutions. */
export type HelpLab = Pick<Lab, 'id' | 'tasks'>;

export const labHelpKey = (lab: string) => LAB_HELP_PREFIX + lab;

export const emptyLabHelp = (): LabHelp => ({ hints: new Map(), taskSolutions: new Set(), labSolution: false });

/** The record's JSON: lists, never objects keyed by task id. */
interface StoredHelp {
  hints: [string, number][];
  taskSolutions: string[];
  labSolution: boolean;
}

export function readLabHelp(text: string | null, lab: HelpLab): { help: LabHelp; notice?: string } {
  const help = emptyLabHelp();
  if (text === null) return { help };
  const lost = (why: string) => ({ help, notice: `The hints you had opened in this lab could not be shown again because ${why}.` });
  if (text.length > MAX_HELP_CHARS) return lost('the saved record is too large');
  const r = decode(text, LAB_HELP_FORMAT, LAB_HELP_VERSION);
  if (!r.ok) return lost(r.reason);
  const d = r.envelope.data;
  if (!isRecord(d) || !Array.isArray(d.hints) || !Array.isArray(d.taskSolutions)) return lost('the saved record is in an unknown shape');
  const tasks = new Map(lab.tasks.map((t) => [t.id, t]));
  // Entries for tasks the lab no longer has are dropped: a lab may change between visits.
  for (const entry of d.hints.slice(0, tasks.size)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Number.isInteger(entry[1])) continue;
    const task = tasks.get(entry[0]);
    if (task && entry[1] > 0) help.hints.set(task.id, Math.min(entry[1], task.hints.length));
  }
  for (const id of d.taskSolutions.slice(0, tasks.size)) {
    if (typeof id === 'string' && tasks.get(id)?.solution) help.taskSolutions.add(id);
  }
  help.labSolution = d.labSolution === true;
  return { help };
}

export function loadLabHelp(kv: KeyValue, lab: HelpLab): { help: LabHelp; notice?: string } {
  const loaded = readLabHelp(kv.get(labHelpKey(lab.id)), lab);
  if (loaded.notice) kv.remove(labHelpKey(lab.id));
  return loaded;
}

export function storeLabHelp(kv: KeyValue, lab: string, help: LabHelp, now: number): WriteResult {
  const data: StoredHelp = { hints: [...help.hints], taskSolutions: [...help.taskSolutions], labSolution: help.labSolution };
  return safeWrite(kv, labHelpKey(lab), encode(LAB_HELP_FORMAT, LAB_HELP_VERSION, data, now));
}

export function clearLabHelp(kv: KeyValue, lab: string): void {
  kv.remove(labHelpKey(lab));
}
