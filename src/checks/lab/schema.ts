/**
 * The lab format: one zod schema per concept, documented field by field. It is the source
 * of the TypeScript types, of build-time validation (a bad key fails the build naming the
 * file and field), and of the JSON Schema editors use for autocomplete (schemas/lab.schema.json).
 * The browser never loads this file: it receives labs already validated.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'use lower-case letters, digits and dashes, like "hello-pod"')
  .describe('Stable identifier: lower-case letters, digits and dashes.');

const expectMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe('Field assertions: a path such as `spec.containers[0].image` mapped to the value it must have.');

const textMatch = z
  .object({
    equals: z.string().optional().describe('The whole text must be exactly this.'),
    contains: z.string().optional().describe('The text must contain this.'),
    matches: z.string().optional().describe('The text must match this regular expression (JavaScript syntax).'),
    notContains: z.string().optional().describe('The text must not contain this.'),
  })
  .strict();

const common = {
  message: z.string().optional().describe('Message shown when this check fails, replacing the generated one.'),
  hint: z.string().optional().describe('Hint shown under the message when this check fails.'),
};

export const fileCheck = z
  .object({
    path: z.string().describe('File path; relative paths are in the learner\'s home (/home/learner).'),
    exists: z.boolean().default(true).describe('Whether the file must exist (true) or must not (false).'),
    type: z.enum(['file', 'dir', 'symlink']).optional().describe('Kind of filesystem object required.'),
    mode: z.string().regex(/^0?[0-7]{3,4}$/).optional().describe('Permission bits, e.g. "0755".'),
    content: textMatch.optional().describe('Assertions on the file content.'),
    ...common,
  })
  .strict()
  .describe('A file in the world exists, or has some content.');

export const manifestCheck = z
  .object({
    file: z.string().describe('The manifest the learner writes, relative to their home.'),
    kind: z.string().optional().describe('Kind of document to assert on (e.g. Pod); the first document of that kind is used.'),
    name: z.string().optional().describe('metadata.name of the document to assert on.'),
    valid: z.boolean().default(true).describe('Whether the file must pass `hatchway validate` without errors.'),
    expect: expectMap.optional(),
    ...common,
  })
  .strict()
  .describe('A manifest the learner wrote is valid and has the asked-for values; failures point at file:line:col.');

export const resourceCheck = z
  .object({
    kind: z.string().describe('Resource type as kubectl takes it: pod, deployment, service...'),
    name: z.string().optional().describe('Object name; without it, `selector` or all objects of the kind are counted.'),
    namespace: z.string().default('default').describe('Namespace of the object.'),
    selector: z.record(z.string(), z.string()).optional().describe('Label selector (all labels must match).'),
    count: z.number().int().min(0).optional().describe('How many matching objects must exist (those also meeting `expect`).'),
    expect: expectMap.optional(),
    ...common,
  })
  .strict()
  .describe('Objects in the Kubernetes cluster exist and have the asked-for field values.');

export const commandCheck = z
  .object({
    run: z.string().describe('A command run as root in a throwaway copy of the world; the learner\'s world is not changed.'),
    stdout: textMatch.optional().describe('Assertions on its standard output.'),
    exitCode: z.number().int().optional().describe('The exit status it must have.'),
    ...common,
  })
  .strict()
  .describe('Probe the world with a command (read a cgroup file, list ECS services) and check its output.');

export const historyCheck = z
  .object({
    matches: z.string().describe('A regular expression that some command in the learner\'s history must match.'),
    ...common,
  })
  .strict()
  .describe('Last resort: the learner ran a matching command. Prefer checks on world state.');

export const moduleCheck = z
  .object({
    name: z.string().describe('A TypeScript check registered in src/checks/lab/modules/, e.g. "linux/hostname-in-namespace".'),
    args: z.record(z.string(), z.unknown()).optional().describe('Arguments passed to the check.'),
    ...common,
  })
  .strict()
  .describe('A check written in TypeScript for what the declarative checks cannot express.');

export const checkSchema = z
  .union([
    z.object({ file: fileCheck }).strict(),
    z.object({ manifest: manifestCheck }).strict(),
    z.object({ resource: resourceCheck }).strict(),
    z.object({ command: commandCheck }).strict(),
    z.object({ history: historyCheck }).strict(),
    z.object({ module: moduleCheck }).strict(),
  ])
  .describe('One check: an object with exactly one key naming its type (file, manifest, resource, command, history, module).');

/** One shape for every solution, the lab's and each task's: files written, then commands typed. */
export const solutionSchema = z
  .object({
    files: z.record(z.string(), z.string()).optional().describe('Files the solution writes before its commands run (path relative to /home/learner → content).'),
    commands: z.string().default('').describe('Shell commands, one per line (heredocs allowed), typed into the learner\'s terminal.'),
  })
  .strict()
  .refine((s) => s.commands.trim() !== '' || Object.keys(s.files ?? {}).length > 0, 'a solution needs commands or files');

export const taskSchema = z
  .object({
    id: id.describe('Task id, stable across versions (tests and progress refer to it).'),
    title: z.string().min(1).describe('Short imperative title shown in the task list.'),
    description: z.string().optional().describe('What to do, in Markdown.'),
    hints: z.array(z.string()).default([]).describe('Hints revealed one at a time, from gentle to explicit.'),
    checks: z.array(checkSchema).min(1).describe('All checks must pass for the task to pass; the first failure is reported.'),
    solution: solutionSchema
      .optional()
      .describe(
        'This task\'s solution, continuing from the previous tasks\' solutions. Offered after the last hint, behind a confirm. Give every task one or none; `hatchway labs test` applies them in order on a fresh world and proves each makes its task pass.',
      ),
  })
  .strict();

export const mistakeSchema = z
  .object({
    name: z.string().describe('What the learner got wrong, in a few words.'),
    files: z.record(z.string(), z.string()).optional().describe('Files written before the commands (path → content).'),
    commands: z.string().default('').describe('Shell commands, one per line (heredocs allowed).'),
    expect: z
      .record(id, z.union([z.string(), z.object({ code: z.string(), message: z.string().optional() }).strict()]))
      .describe('Task id → the code its failure must carry (and optionally a substring of the message).'),
  })
  .strict();

export const labSchema = z
  .object({
    $schema: z.string().optional().describe('Path to schemas/lab.schema.json, for editor autocomplete.'),
    id: id.describe('Lab id; the lab lives in labs/<id>/ and is served at /labs/<id>/.'),
    title: z.string().min(1).describe('Title shown above the terminal.'),
    summary: z.string().describe('One or two sentences on what the learner will do.'),
    world: z.enum(['linux', 'docker', 'kubernetes', 'aws']).describe('The preset world the lab starts from.'),
    runtime: z.enum(['engine', 'webcontainer']).default('engine').describe('`webcontainer` opts into real Node programs; the engine is the fallback.'),
    timeControls: z.boolean().default(false).describe('Show the virtual clock with fast-forward buttons.'),
    seed: z.number().int().default(1).describe('Seed of the world\'s random source, so names are reproducible.'),
    files: z.record(z.string(), z.string()).default({}).describe('Starting files (path relative to /home/learner → content).'),
    setup: z.string().default('').describe('Commands run as root before the learner starts; their output is hidden.'),
    severity: z.record(z.string(), z.enum(['error', 'warning', 'off'])).optional().describe('Per-code severity for manifest validation in this lab.'),
    tasks: z.array(taskSchema).min(1).describe('Tasks in the order the learner does them.'),
    solution: solutionSchema
      .optional()
      .describe(
        'The whole lab\'s reference solution; `hatchway labs test` proves it passes every task. Required unless every task has a `solution`: then it defaults to the tasks\' solutions joined in order (all their files, then all their commands).',
      ),
    mistakes: z.array(mistakeSchema).default([]).describe('Common mistakes; `hatchway labs test` proves each fails with its expected code.'),
  })
  .strict()
  // A check across fields, written as a transform that returns the lab unchanged: Astro extends
  // collection schemas with `$schema`, which zod refuses on a refined object that has the key.
  .transform((lab, ctx) => {
    // Task solutions build on each other, so a gap would leave the tasks after it without their starting point.
    const missing = lab.tasks.filter((t) => !t.solution).map((t) => t.id);
    if (missing.length > 0 && missing.length < lab.tasks.length) {
      ctx.issues.push({ code: 'custom', input: lab.tasks, path: ['tasks'], message: `give every task a solution or none: tasks without one: ${missing.join(', ')}` });
    } else if (missing.length > 0 && !lab.solution) {
      ctx.issues.push({ code: 'custom', input: lab.solution, path: ['solution'], message: 'required: give the lab a solution, or give every task one' });
    }
    return lab;
  });

export type LabInput = z.input<typeof labSchema>;
