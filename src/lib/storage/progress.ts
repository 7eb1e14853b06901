/**
 * Learner progress: tasks, labs, lessons read and quizzes answered. It lives under its own
 * key, apart from world snapshots, so a damaged or oversized snapshot never costs progress.
 * Versioned with migrations; exported and imported as a JSON file (no accounts, no server).
 */
import { decode, encode, isRecord, isSafeKey } from './envelope.ts';
import { safeWrite, type KeyValue, type WriteResult } from './kv.ts';

export const PROGRESS_KEY = 'hatchway:progress';
export const PROGRESS_FORMAT = 'hatchway-progress';
export const PROGRESS_VERSION = 2;

/** Timestamps (ms since the epoch) of when each thing was first completed. */
export interface Progress {
  labs: Record<string, { tasks: Record<string, number>; done?: number }>;
  lessons: Record<string, { read?: number; quizzes: Record<string, number> }>;
}

/** What the page knows about a lesson when deciding whether it is done. */
export interface LessonRef {
  href: string;
  lab?: string | undefined;
  quizzes: readonly string[];
}

const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

export function emptyProgress(): Progress {
  return { labs: dict(), lessons: dict() };
}

const stamp = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

function stamps(v: unknown): Record<string, number> {
  const out = dict<number>();
  if (!isRecord(v)) return out;
  for (const [k, t] of Object.entries(v)) if (isSafeKey(k) && stamp(t) !== undefined) out[k] = t as number;
  return out;
}

/** Rebuilds progress from untrusted JSON: unknown fields, bad types and unsafe keys are dropped. */
export function sanitize(raw: unknown): Progress {
  const p = emptyProgress();
  if (!isRecord(raw)) return p;
  if (isRecord(raw.labs)) {
    for (const [id, lab] of Object.entries(raw.labs)) {
      if (!isSafeKey(id) || !isRecord(lab)) continue;
      const done = stamp(lab.done);
      p.labs[id] = done === undefined ? { tasks: stamps(lab.tasks) } : { tasks: stamps(lab.tasks), done };
    }
  }
  if (isRecord(raw.lessons)) {
    for (const [href, lesson] of Object.entries(raw.lessons)) {
      if (!isSafeKey(href) || !isRecord(lesson)) continue;
      const read = stamp(lesson.read);
      p.lessons[href] = read === undefined ? { quizzes: stamps(lesson.quizzes) } : { quizzes: stamps(lesson.quizzes), read };
    }
  }
  return p;
}

/**
 * Version 1 (the first release) kept two flat lists: `lessons` (hrefs read) and `tasks`
 * ("lab/task" ids). Version 2 keys everything by lab and lesson and records quizzes.
 */
export function migrate(version: number, data: unknown): Progress {
  if (version === 1) {
    const p = emptyProgress();
    const d = isRecord(data) ? data : {};
    for (const href of Array.isArray(d.lessons) ? d.lessons : []) {
      if (typeof href === 'string' && isSafeKey(href)) p.lessons[href] = { read: 0, quizzes: dict() };
    }
    for (const t of Array.isArray(d.tasks) ? d.tasks : []) {
      if (typeof t !== 'string') continue;
      const [lab, task] = t.split('/');
      if (!lab || !task || !isSafeKey(lab) || !isSafeKey(task)) continue;
      (p.labs[lab] ??= { tasks: dict() }).tasks[task] = 0;
    }
    return p;
  }
  return sanitize(data);
}

export type ProgressLoad = { progress: Progress; notice?: string };

export function readProgress(text: string | null): ProgressLoad {
  if (text === null) return { progress: emptyProgress() };
  const r = decode(text, PROGRESS_FORMAT, PROGRESS_VERSION);
  if (!r.ok) return { progress: emptyProgress(), notice: `Your saved progress could not be read because ${r.reason}, so it starts empty. A copy was kept in this browser's storage as "${PROGRESS_KEY}:damaged".` };
  return { progress: migrate(r.envelope.version, r.envelope.data) };
}

export function loadProgress(kv: KeyValue): ProgressLoad {
  const text = kv.get(PROGRESS_KEY);
  const loaded = readProgress(text);
  if (loaded.notice && text !== null) {
    // Keep the damaged record for support, then start clean so the next save succeeds.
    safeWrite(kv, `${PROGRESS_KEY}:damaged`, text);
    kv.remove(PROGRESS_KEY);
  }
  return loaded;
}

export function serializeProgress(p: Progress, now: number): string {
  return encode(PROGRESS_FORMAT, PROGRESS_VERSION, p, now);
}

export function saveProgress(kv: KeyValue, p: Progress, now: number): WriteResult {
  return safeWrite(kv, PROGRESS_KEY, serializeProgress(p, now));
}

/** Records a passed task; returns true when this changed anything. */
export function markTask(p: Progress, lab: string, task: string, now: number): boolean {
  if (!isSafeKey(lab) || !isSafeKey(task)) return false;
  const l = (p.labs[lab] ??= { tasks: dict() });
  if (l.tasks[task] !== undefined) return false;
  l.tasks[task] = now;
  return true;
}

/** Marks the lab done once every one of its tasks has passed. */
export function updateLabDone(p: Progress, lab: string, taskIds: readonly string[], now: number): boolean {
  const l = p.labs[lab];
  if (!l || l.done !== undefined || taskIds.length === 0) return false;
  if (!taskIds.every((t) => l.tasks[t] !== undefined)) return false;
  l.done = now;
  return true;
}

export function markRead(p: Progress, href: string, now: number): boolean {
  if (!isSafeKey(href)) return false;
  const l = (p.lessons[href] ??= { quizzes: dict() });
  if (l.read !== undefined) return false;
  l.read = now;
  return true;
}

export function markQuiz(p: Progress, href: string, quiz: string, now: number): boolean {
  if (!isSafeKey(href) || !isSafeKey(quiz)) return false;
  const l = (p.lessons[href] ??= { quizzes: dict() });
  if (l.quizzes[quiz] !== undefined) return false;
  l.quizzes[quiz] = now;
  return true;
}

export const labDone = (p: Progress, lab: string): boolean => p.labs[lab]?.done !== undefined;

/** A lesson is done when its lab is (or, without a lab, when it was read to the end) and every quiz in it is answered. */
export function lessonDone(p: Progress, lesson: LessonRef): boolean {
  const own = p.lessons[lesson.href];
  const main = lesson.lab ? labDone(p, lesson.lab) : own?.read !== undefined;
  return main && lesson.quizzes.every((q) => own?.quizzes[q] !== undefined);
}

/** Combines two progress records (an import into what is already there): earliest completion wins. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const out = sanitize(JSON.parse(JSON.stringify(a)));
  const min = (x: number | undefined, y: number | undefined) => (x === undefined ? y : y === undefined ? x : Math.min(x, y));
  for (const [id, lab] of Object.entries(b.labs)) {
    const l = (out.labs[id] ??= { tasks: dict() });
    for (const [t, at] of Object.entries(lab.tasks)) l.tasks[t] = min(l.tasks[t], at)!;
    const done = min(l.done, lab.done);
    if (done !== undefined) l.done = done;
  }
  for (const [href, lesson] of Object.entries(b.lessons)) {
    const l = (out.lessons[href] ??= { quizzes: dict() });
    for (const [q, at] of Object.entries(lesson.quizzes)) l.quizzes[q] = min(l.quizzes[q], at)!;
    const read = min(l.read, lesson.read);
    if (read !== undefined) l.read = read;
  }
  return out;
}

/** Reads an exported progress file; the same checks as the stored record. */
export function importProgress(text: string): { ok: true; progress: Progress } | { ok: false; reason: string } {
  if (text.length > 5_000_000) return { ok: false, reason: 'the file is too large to be a progress export' };
  const r = decode(text, PROGRESS_FORMAT, PROGRESS_VERSION);
  if (!r.ok) return { ok: false, reason: `the file cannot be imported because ${r.reason}` };
  return { ok: true, progress: migrate(r.envelope.version, r.envelope.data) };
}
