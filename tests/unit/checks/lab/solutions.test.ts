// Per-task solutions: the schema's all-or-none rule, the lab solution they make when the lab
// has none, and `hatchway labs test` applying them in order (issue 7, "Help").
import { describe, expect, it } from 'vitest';
import { testLab } from '../../../../bin/commands/labs-test.ts';
import { labSchema, type LabInput } from '../../../../src/checks/lab/schema.ts';
import { formatZodIssues } from '../../../../src/checks/lab/schema-errors.ts';
import { labSolution } from '../../../../src/checks/lab/solutions.ts';
import type { Lab } from '../../../../src/checks/lab/types.ts';

const fileTask = (id: string, path: string, solution?: LabInput['solution']) => ({
  id,
  title: `Write ${path}`,
  checks: [{ file: { path, content: { contains: 'ok' } } }],
  ...(solution ? { solution } : {}),
});

const lab = (tasks: LabInput['tasks'], solution?: LabInput['solution']): LabInput => ({
  id: 'demo',
  title: 'Demo',
  summary: 'Two files.',
  world: 'linux',
  tasks,
  ...(solution ? { solution } : {}),
});

const errors = (input: LabInput) => {
  const r = labSchema.safeParse(input);
  return r.success ? '' : formatZodIssues('labs/demo/lab.yaml', r.error.issues);
};

describe('lab schema: solutions', () => {
  it('accepts a solution on every task and no lab solution', () => {
    expect(errors(lab([fileTask('a', 'a.txt', { commands: 'echo ok > a.txt' }), fileTask('b', 'b.txt', { files: { 'b.txt': 'ok\n' } })]))).toBe('');
  });

  it('accepts a lab solution alone, as before', () => {
    expect(errors(lab([fileTask('a', 'a.txt')], { commands: 'echo ok > a.txt' }))).toBe('');
  });

  it('refuses solutions on some tasks only, naming the others', () => {
    const input = lab([fileTask('a', 'a.txt', { commands: 'echo ok > a.txt' }), fileTask('b', 'b.txt'), fileTask('c', 'c.txt')], { commands: 'true' });
    expect(errors(input)).toBe('labs/demo/lab.yaml: tasks: give every task a solution or none: tasks without one: b, c');
  });

  it('refuses a lab with no solution anywhere', () => {
    expect(errors(lab([fileTask('a', 'a.txt')]))).toBe('labs/demo/lab.yaml: solution: required: give the lab a solution, or give every task one');
  });

  it('refuses an empty solution and unknown fields in one', () => {
    expect(errors(lab([fileTask('a', 'a.txt', { commands: '  \n' })]))).toBe('labs/demo/lab.yaml: tasks[0].solution: a solution needs commands or files');
    expect(errors(lab([fileTask('a', 'a.txt', { commands: 'x', run: 'y' } as LabInput['solution'])]))).toBe('labs/demo/lab.yaml: unknown field "run" in tasks[0].solution');
  });
});

describe('labSolution', () => {
  it('is the lab solution when there is one', () => {
    const parsed = labSchema.parse(lab([fileTask('a', 'a.txt', { commands: 'echo a' })], { commands: 'echo whole' }));
    expect(labSolution(parsed)).toEqual({ commands: 'echo whole' });
  });

  it('otherwise joins the tasks: all their files, then all their commands in order', () => {
    const parsed = labSchema.parse(
      lab([
        fileTask('a', 'a.txt', { files: { 'x.txt': '1' }, commands: 'echo a' }),
        fileTask('b', 'b.txt', { files: { 'x.txt': '2', 'y.txt': '3' } }),
        fileTask('c', 'c.txt', { commands: 'echo c1\necho c2\n\n' }),
      ]),
    );
    expect(labSolution(parsed)).toEqual({ files: { 'x.txt': '2', 'y.txt': '3' }, commands: 'echo a\necho c1\necho c2\n' });
  });
});

describe('hatchway labs test: task solutions', () => {
  // Task b's solution copies the file task a's solution wrote: it only passes in order, in one world.
  const ordered = (bCommands: string): Lab =>
    labSchema.parse(lab([fileTask('a', 'a.txt', { commands: 'echo ok > a.txt' }), fileTask('b', 'b.txt', { commands: bCommands })]));

  it('applies each task solution after the previous ones and reports every task', async () => {
    expect(await testLab(ordered('cp a.txt b.txt'))).toEqual({
      id: 'demo',
      ok: true,
      lines: [
        '    ✓ fresh setup: a fails (LAB001)',
        '    ✓ fresh setup: b fails (LAB001)',
        '    ✓ task solution: a passes after its solution',
        '    ✓ task solution: b passes after its solution',
        '    ✓ solution: a passes',
        '    ✓ solution: b passes',
      ],
    });
  });

  it('fails the task whose own solution does not make it pass, with the check\'s finding', async () => {
    expect(await testLab(ordered('echo no > b.txt'))).toEqual({
      id: 'demo',
      ok: false,
      lines: [
        '    ✓ fresh setup: a fails (LAB001)',
        '    ✓ fresh setup: b fails (LAB001)',
        '    ✓ task solution: a passes after its solution',
        '    ✗ task solution: b fails after its solution: LAB004 b.txt: expected to contain "ok"',
        '    ✓ solution: a passes',
        '    ✗ solution: b fails: LAB004 b.txt: expected to contain "ok"',
      ],
    });
  });

  it('checks a task right after its solution, before later tasks run', async () => {
    // Task a's solution writes nothing; task b's writes both files: a fails step by step, though the whole solution passes.
    const late = labSchema.parse(lab([fileTask('a', 'a.txt', { commands: 'true' }), fileTask('b', 'b.txt', { commands: 'echo ok > a.txt; echo ok > b.txt' })]));
    const r = await testLab(late);
    expect(r.ok).toBe(false);
    expect(r.lines.filter((l) => l.includes('solution'))).toEqual([
      '    ✗ task solution: a fails after its solution: LAB001 a.txt does not exist yet',
      '    ✓ task solution: b passes after its solution',
      '    ✓ solution: a passes',
      '    ✓ solution: b passes',
    ]);
  });

  it('tests a lab solution alone as before, with no task solution lines', async () => {
    const r = await testLab(labSchema.parse(lab([fileTask('a', 'a.txt')], { files: { 'a.txt': 'ok' } })));
    expect(r).toEqual({ id: 'demo', ok: true, lines: ['    ✓ fresh setup: a fails (LAB001)', '    ✓ solution: a passes'] });
  });
});
