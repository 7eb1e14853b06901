/**
 * `hatchway new lesson|lab NAME`: scaffolds files that pass the build and `hatchway labs
 * test` from the start, so an author begins from something green and changes it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { parseCliArgs } from '../lib/args.ts';
import type { CliIO } from '../lib/io.ts';
import { LABS_DIR, REPO_ROOT } from '../lib/labs.ts';

const USAGE = `Usage: hatchway new lab NAME [--world linux|docker|kubernetes|aws]
       hatchway new lesson NAME [--module ID] [--lab LAB_ID] [--title TITLE]
`;
const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const WORLDS = ['linux', 'docker', 'kubernetes', 'aws'];
const CONTENT_DIR = join(REPO_ROOT, 'content');

const titleOf = (name: string) => name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function labYaml(name: string, world: string): string {
  return `# yaml-language-server: $schema=../../schemas/lab.schema.json
# A new lab. Every field is documented at /docs/authoring/labs/ and in your editor.
# Test it with: npx hatchway labs test ${name}
id: ${name}
title: ${titleOf(name)}
summary: Write a greeting file. Replace this with what the learner will do.
world: ${world}

tasks:
  - id: greeting
    title: Write greeting.txt
    description: |
      In your home directory, write \`greeting.txt\` containing \`hello, world\`.
    hints:
      - "\`echo\` prints its arguments; \`>\` sends them into a file."
      - "Type \`echo 'hello, world' > greeting.txt\`."
    checks:
      - file:
          path: greeting.txt
          content:
            contains: hello, world
          message: greeting.txt does not say "hello, world" yet

solution:
  commands: |
    echo 'hello, world' > greeting.txt

mistakes:
  - name: wrote something else
    commands: |
      echo 'hi' > greeting.txt
    expect:
      greeting: LAB004
`;
}

export function lessonMdx(title: string, order: number, lab?: string): string {
  return `---
title: ${JSON.stringify(title)}
description: One sentence on what this lesson teaches (shown on the course page and in search).
order: ${order}
${lab ? `lab: ${lab}\n` : ''}---

Start with why the learner should care, in two or three sentences.

## The idea

Explain one idea at a time. Shell blocks get a **Run** button that types the command into
the lab terminal:

\`\`\`sh
echo 'hello, world'
\`\`\`

<Hint>Hints stay folded until the learner opens them.</Hint>

## Check your understanding

<Quiz
  id="first-question"
  question="Which command prints its arguments?"
  options={['cat', 'echo', 'ls']}
  answer={1}
  explanation="echo writes its arguments to standard output."
/>
`;
}

function moduleIds(): string[] {
  const data = parse(readFileSync(join(CONTENT_DIR, 'modules.yaml'), 'utf8')) as { id: string }[];
  return data.map((m) => m.id);
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const p = parseCliArgs(args, ['world', 'module', 'lab', 'title']);
  if ('error' in p) {
    io.err(`hatchway new: ${p.error}\n${USAGE}`);
    return 2;
  }
  const [kind, name, ...extra] = p.positional;
  if ((kind !== 'lab' && kind !== 'lesson') || !name || extra.length) {
    io.err(USAGE);
    return 2;
  }
  if (!NAME.test(name)) {
    io.err(`hatchway new: "${name}" is not a valid name: use lower-case letters, digits and dashes, like "pod-basics"\n`);
    return 2;
  }
  const rel = (f: string) => relative(process.cwd(), f) || f;

  if (kind === 'lab') {
    const world = String(p.flags.get('world') ?? 'linux');
    if (!WORLDS.includes(world)) {
      io.err(`hatchway new: unknown world "${world}" (worlds: ${WORLDS.join(', ')})\n`);
      return 2;
    }
    const dir = join(LABS_DIR, name);
    if (existsSync(dir)) {
      io.err(`hatchway new: ${rel(dir)} already exists; pick another name or edit it\n`);
      return 1;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lab.yaml'), labYaml(name, world));
    io.out(`created ${rel(join(dir, 'lab.yaml'))}\nnext: npx hatchway labs test ${name}   (add --watch to re-run on save)\n`);
    return 0;
  }

  const modules = moduleIds();
  const module = String(p.flags.get('module') ?? modules.find((m) => existsSync(join(CONTENT_DIR, m))) ?? modules[0]);
  if (!modules.includes(module)) {
    io.err(`hatchway new: unknown module "${module}" (modules in content/modules.yaml: ${modules.join(', ')})\n`);
    return 2;
  }
  const lab = p.flags.get('lab');
  if (typeof lab === 'string' && !existsSync(join(LABS_DIR, lab, 'lab.yaml'))) {
    io.err(`hatchway new: there is no labs/${lab}/lab.yaml; create it first with: npx hatchway new lab ${lab}\n`);
    return 1;
  }
  const dir = join(CONTENT_DIR, module);
  mkdirSync(dir, { recursive: true });
  const existing = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  if (existing.some((f) => f.replace(/^\d+-/, '') === `${name}.mdx`)) {
    io.err(`hatchway new: a lesson named "${name}" already exists in content/${module}/\n`);
    return 1;
  }
  const order = existing.length + 1;
  const file = join(dir, `${String(order).padStart(2, '0')}-${name}.mdx`);
  const title = typeof p.flags.get('title') === 'string' ? String(p.flags.get('title')) : titleOf(name);
  writeFileSync(file, lessonMdx(title, order, typeof lab === 'string' ? lab : undefined));
  io.out(`created ${rel(file)}\nnext: npm run dev, then open the lesson from the course page\n`);
  return 0;
}
