import { describe, expect, it } from 'vitest';
import { checksum, decode, encode } from '../../../src/lib/storage/envelope.ts';
import { memoryKV } from '../../../src/lib/storage/kv.ts';
import { capScrollback, labSaveKey, loadLabSave, storeLabSave, type LabSave } from '../../../src/lib/storage/lab-saves.ts';
import {
  emptyProgress, importProgress, lessonDone, loadProgress, markQuiz, markRead, markTask, mergeProgress,
  PROGRESS_KEY, saveProgress, serializeProgress, updateLabDone,
} from '../../../src/lib/storage/progress.ts';

const save = (snapshot: string, writer = 'tab-a'): LabSave => ({ snapshot, scrollback: '$ echo hi\nhi', writer });

describe('envelope', () => {
  it('round-trips and verifies the checksum', () => {
    const text = encode('f', 1, { a: [1, 2] }, 5);
    expect(decode(text, 'f', 1)).toEqual({ ok: true, envelope: { format: 'f', version: 1, checksum: checksum('{"a":[1,2]}'), savedAt: 5, data: { a: [1, 2] } } });
  });
  it('names what is wrong with a bad record', () => {
    const text = encode('f', 1, { a: 1 }, 5);
    expect(decode(text.slice(0, -3), 'f', 1)).toEqual({ ok: false, reason: 'it is not valid JSON (probably truncated)' });
    expect(decode(text.replace('"a":1', '"a":2'), 'f', 1)).toEqual({ ok: false, reason: 'its checksum does not match (the data was damaged)' });
    expect(decode(encode('f', 3, {}, 0), 'f', 2)).toEqual({ ok: false, reason: 'it was written by a newer version of Hatchway (format 3)' });
    expect(decode(encode('g', 1, {}, 0), 'f', 1)).toEqual({ ok: false, reason: 'it is not a f record' });
  });
});

describe('progress', () => {
  it('marks tasks, then the lab, then the lesson done', () => {
    const p = emptyProgress();
    const lesson = { href: '/kubernetes/your-first-pod/', lab: 'hello-pod', quizzes: ['q1'] };
    expect(markTask(p, 'hello-pod', 'manifest', 1)).toBe(true);
    expect(markTask(p, 'hello-pod', 'manifest', 2)).toBe(false);
    expect(updateLabDone(p, 'hello-pod', ['manifest', 'running'], 3)).toBe(false);
    markTask(p, 'hello-pod', 'running', 4);
    expect(updateLabDone(p, 'hello-pod', ['manifest', 'running'], 5)).toBe(true);
    expect(lessonDone(p, lesson)).toBe(false);
    markQuiz(p, lesson.href, 'q1', 6);
    expect(lessonDone(p, lesson)).toBe(true);
    expect(lessonDone(p, { href: '/a/b/', quizzes: [] })).toBe(false);
    markRead(p, '/a/b/', 7);
    expect(lessonDone(p, { href: '/a/b/', quizzes: [] })).toBe(true);
  });

  it('survives a reload and is separate from lab saves', () => {
    const kv = memoryKV();
    const p = emptyProgress();
    markTask(p, 'hello-pod', 'manifest', 1);
    expect(saveProgress(kv, p, 10)).toEqual({ ok: true });
    kv.set(labSaveKey('hello-pod'), 'garbage');
    expect(loadLabSave(kv, 'hello-pod').notice).toBe('Your saved lab could not be restored because it is not valid JSON (probably truncated), so it starts fresh.');
    expect(loadProgress(kv)).toEqual({ progress: p });
  });

  it('discards a damaged record with a notice and keeps a copy', () => {
    const kv = memoryKV();
    kv.set(PROGRESS_KEY, serializeProgress(emptyProgress(), 1).slice(0, 40));
    const r = loadProgress(kv);
    expect(r.progress).toEqual(emptyProgress());
    expect(r.notice).toBe('Your saved progress could not be read because it is not valid JSON (probably truncated), so it starts empty. A copy was kept in this browser\'s storage as "hatchway:progress:damaged".');
    expect(kv.get(PROGRESS_KEY)).toBeNull();
    expect(kv.get(`${PROGRESS_KEY}:damaged`)).not.toBeNull();
  });

  it('migrates version 1', () => {
    const kv = memoryKV();
    kv.set(PROGRESS_KEY, encode('hatchway-progress', 1, { lessons: ['/x/y/'], tasks: ['hello-pod/manifest', 'bad', '__proto__/x'] }, 1));
    const { progress, notice } = loadProgress(kv);
    expect(notice).toBeUndefined();
    expect(JSON.parse(JSON.stringify(progress))).toEqual({ labs: { 'hello-pod': { tasks: { manifest: 0 } } }, lessons: { '/x/y/': { read: 0, quizzes: {} } } });
  });

  it('imports a file, merging it and ignoring __proto__ keys', () => {
    const mine = emptyProgress();
    markTask(mine, 'a', 't1', 5);
    const text = encode('hatchway-progress', 2, JSON.parse('{"labs":{"a":{"tasks":{"t1":3,"t2":4}},"__proto__":{"tasks":{"x":1}}},"lessons":{"/l/":{"read":9,"quizzes":{"__proto__":1}}}}'), 1);
    const r = importProgress(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const merged = mergeProgress(mine, r.progress);
    expect(JSON.parse(JSON.stringify(merged))).toEqual({ labs: { a: { tasks: { t1: 3, t2: 4 } } }, lessons: { '/l/': { read: 9, quizzes: {} } } });
    expect(({} as Record<string, unknown>).tasks).toBeUndefined();
    expect(importProgress('{"format":"other"}')).toEqual({ ok: false, reason: 'the file cannot be imported because it is not a hatchway-progress record' });
  });
});

describe('lab saves', () => {
  it('round-trips a save and caps the scrollback', () => {
    const kv = memoryKV();
    expect(storeLabSave(kv, 'lab', save('{"w":1}'), 7)).toEqual({ ok: true, evicted: [] });
    expect(loadLabSave(kv, 'lab')).toEqual({ save: save('{"w":1}'), savedAt: 7 });
    expect(capScrollback('a\nb\nc\nd', 4)).toBe('c\nd');
  });

  it('evicts the oldest other lab when the storage is full, and says so when it cannot', () => {
    const kv = memoryKV(3000);
    storeLabSave(kv, 'old', save('x'.repeat(800)), 1);
    storeLabSave(kv, 'newer', save('y'.repeat(800)), 2);
    expect(storeLabSave(kv, 'mine', save('z'.repeat(1000)), 3)).toEqual({ ok: true, evicted: ['old'] });
    expect(kv.get(labSaveKey('newer'))).not.toBeNull();
    expect(storeLabSave(kv, 'mine', save('z'.repeat(5000)), 4)).toEqual({
      ok: false,
      notice: 'The browser storage is full, so this lab could not be saved; a reload would start it fresh. Your progress is kept.',
    });
  });

  it('discards old, damaged or unknown records with a notice', () => {
    const kv = memoryKV();
    kv.set(labSaveKey('a'), encode('hatchway-lab-save', 9, save('x'), 1));
    expect(loadLabSave(kv, 'a')).toEqual({ notice: 'Your saved lab could not be restored because it was written by a newer version of Hatchway (format 9), so it starts fresh.' });
    expect(kv.get(labSaveKey('a'))).toBeNull();
    kv.set(labSaveKey('b'), encode('hatchway-lab-save', 1, { snapshot: 1 }, 1));
    expect(loadLabSave(kv, 'b')).toEqual({ notice: 'Your saved lab was in an unknown shape, so it starts fresh.' });
  });
});
