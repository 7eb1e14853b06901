import { describe, expect, it } from 'vitest';
import { checksum, decode, encode } from '../../../src/lib/storage/envelope.ts';
import { memoryKV } from '../../../src/lib/storage/kv.ts';
import { clearLabHelp, labHelpKey, loadLabHelp, readLabHelp, storeLabHelp, type HelpLab } from '../../../src/lib/storage/lab-help.ts';
import { labSaveKey, loadLabSave, MAX_SCROLLBACK_CHARS, storeLabSave, type LabSave } from '../../../src/lib/storage/lab-saves.ts';
import { capScrollback, sanitizeScrollback } from '../../../src/lib/storage/scrollback-text.ts';
import { LIMITS } from '../../../src/engine/limits.ts';
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

  it('keeps the colours of the scrollback and nothing else that could act when replayed', () => {
    const kv = memoryKV();
    const coloured = '$ ls\n\x1b[1;34mpods\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[0m';
    storeLabSave(kv, 'lab', { ...save('{}'), scrollback: coloured }, 1);
    expect(loadLabSave(kv, 'lab').save?.scrollback).toBe(coloured);
    // A hand-edited record: title (OSC), clipboard, cursor moves, a device query (DCS), C1 CSI, bell.
    const hostile = 'a\x1b]0;title\x07b\x1b]52;c;aGk=\x1b\\c\x1b[2J\x1b[5;5Hd\x1bP$q m\x1b\\e\x9b6n\x07\x1b[?1049h\x1b[31mf\x1b[0m\x1b';
    kv.set(labSaveKey('lab'), encode('hatchway-lab-save', 2, { ...save('{}'), scrollback: hostile }, 1));
    expect(loadLabSave(kv, 'lab').save?.scrollback).toBe('abcde6n\x1b[31mf\x1b[0m');
    expect(sanitizeScrollback('tab\there\r\nline')).toBe('tabhere\nline');
  });

  it('caps the scrollback by lines (limits.ts) and characters, cutting whole lines only', () => {
    const many = Array.from({ length: LIMITS.scrollbackLines + 5 }, (_, i) => `\x1b[32m${i}\x1b[0m`).join('\n');
    const kept = capScrollback(many, Infinity).split('\n');
    expect(kept).toHaveLength(LIMITS.scrollbackLines);
    expect(kept[0]).toBe('\x1b[32m5\x1b[0m');
    // One line over the character cap keeps its plain tail, never half an escape sequence.
    expect(capScrollback('\x1b[31mabcdefgh\x1b[0m', 4)).toBe('efgh');
    const kv = memoryKV();
    storeLabSave(kv, 'big', { ...save('{}'), scrollback: 'y'.repeat(MAX_SCROLLBACK_CHARS) + '\nlast' }, 1);
    expect(loadLabSave(kv, 'big').save?.scrollback).toBe('last');
  });

  it('reads version 1 saves, whose scrollback was plain text', () => {
    const kv = memoryKV();
    kv.set(labSaveKey('old'), encode('hatchway-lab-save', 1, save('{"w":1}'), 3));
    expect(loadLabSave(kv, 'old')).toEqual({ save: save('{"w":1}'), savedAt: 3 });
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

describe('revealed hints and solutions', () => {
  const lab: HelpLab = {
    id: 'demo',
    tasks: [
      { id: 'a', title: 'A', hints: ['1', '2', '3'], checks: [], solution: { commands: 'x' } },
      { id: 'b', title: 'B', hints: [], checks: [], solution: { commands: 'y' } },
      { id: 'c', title: 'C', hints: ['1'], checks: [] },
    ],
  };

  it('round-trips what was revealed, per lab, and forgets it when cleared', () => {
    const kv = memoryKV();
    const help = { hints: new Map([['a', 2]]), taskSolutions: new Set(['b']), labSolution: true };
    expect(storeLabHelp(kv, 'demo', help, 5)).toEqual({ ok: true });
    expect(loadLabHelp(kv, lab)).toEqual({ help });
    expect(loadLabHelp(kv, { ...lab, id: 'other' })).toEqual({ help: { hints: new Map(), taskSolutions: new Set(), labSolution: false } });
    clearLabHelp(kv, 'demo');
    expect(kv.get(labHelpKey('demo'))).toBeNull();
  });

  it('reveals only what the lab has: unknown tasks, extra hints, missing solutions and __proto__ are dropped', () => {
    const data = JSON.parse('{"hints":[["a",9],["gone",1],["__proto__",1],["c","1"],["c",-2]],"taskSolutions":["c","__proto__","b",7],"labSolution":"yes"}');
    expect(readLabHelp(encode('hatchway-lab-help', 1, data, 1), lab)).toEqual({ help: { hints: new Map([['a', 3]]), taskSolutions: new Set(['b']), labSolution: false } });
    expect(({} as Record<string, unknown>)[1]).toBeUndefined();
  });

  it('discards damaged, newer or odd records with a notice', () => {
    const kv = memoryKV();
    kv.set(labHelpKey('demo'), encode('hatchway-lab-help', 1, { hints: [['a', 1]], taskSolutions: [], labSolution: false }, 1).replace('"a",1', '"a",2'));
    expect(loadLabHelp(kv, lab).notice).toBe('The hints you had opened in this lab could not be shown again because its checksum does not match (the data was damaged).');
    expect(kv.get(labHelpKey('demo'))).toBeNull();
    expect(readLabHelp(encode('hatchway-lab-help', 2, {}, 1), lab).notice).toBe('The hints you had opened in this lab could not be shown again because it was written by a newer version of Hatchway (format 2).');
    expect(readLabHelp(encode('hatchway-lab-help', 1, { hints: {} }, 1), lab).notice).toBe('The hints you had opened in this lab could not be shown again because the saved record is in an unknown shape.');
    expect(readLabHelp('x'.repeat(70_000), lab).notice).toBe('The hints you had opened in this lab could not be shown again because the saved record is too large.');
  });
});
