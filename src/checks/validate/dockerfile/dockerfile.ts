// Dockerfile checks: syntax (unknown instructions, missing FROM) and the hadolint rules a
// container course teaches (pinned base images, non-root user, absolute WORKDIR, COPY
// over ADD, exec-form CMD, apt cleanup, one CMD, pipefail), each with a location.
// dockerfile-ast is pure TypeScript with no Node APIs, so it runs in the worker too.

import { DockerfileParser, type From, type Instruction } from 'dockerfile-ast';
import type { Diagnostic } from '../../diagnostic.ts';
import { Reporter, type At } from '../reporter.ts';
import { didYouMean } from '../suggest.ts';
import type { ValidateOptions } from '../types.ts';
import { compareDiagnostics } from '../sort.ts';
import { checkSize } from '../yaml/parse-yaml.ts';

const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];

interface Range {
  start: { line: number; character: number };
}

function at(range: Range | null | undefined): At {
  return range ? { pos: { line: range.start.line + 1, column: range.start.character + 1 } } : {};
}

interface Stage {
  from: From | undefined;
  instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): { before: Instruction[]; stages: Stage[] } {
  const before: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') stages.push({ from: ins as From, instructions: [] });
    else if (stages.length === 0) before.push(ins);
    else stages[stages.length - 1]?.instructions.push(ins);
  }
  return { before, stages };
}

/** The RUN text with quoted strings blanked out, so `grep "a|b"` is not a pipe. */
function unquoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (m) => ' '.repeat(m.length));
}

function checkFrom(from: From, earlierStages: Set<string>, r: Reporter): void {
  const image = from.getImage();
  if (!image) {
    r.report('DF001', 'FROM needs a base image', 'Write FROM <image>:<tag>, for example FROM node:22-alpine.', at(from.getInstructionRange()));
    return;
  }
  const name = from.getImageName() ?? image;
  if (image.includes('$') || name === 'scratch' || earlierStages.has(name.toLowerCase())) return;
  if (from.getImageDigest()) return;
  const tag = from.getImageTag();
  if (tag === null || tag === '') {
    r.report('DF002', `base image "${image}" has no tag, so it means ${image}:latest`, `Pin a version, for example FROM ${image}:<version>, so the same Dockerfile builds the same image next month.`, at(from.getImageNameRange()));
  } else if (tag === 'latest') {
    r.report('DF002', `base image "${image}" uses the latest tag`, `Pin a version instead of latest, for example FROM ${name}:<version>.`, at(from.getImageTagRange() ?? from.getImageNameRange()));
  }
}

function argsText(ins: Instruction): string {
  return ins.getRawArgumentsContent() ?? '';
}

function isExecForm(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

function checkStage(stage: Stage, isLast: boolean, r: Reporter, shellHasPipefail: { value: boolean }): void {
  let lastUser: Instruction | undefined;
  const cmds: Instruction[] = [];
  const entrypoints: Instruction[] = [];
  for (const ins of stage.instructions) {
    const kw = ins.getKeyword();
    const text = argsText(ins);
    switch (kw) {
      case 'USER':
        lastUser = ins;
        break;
      case 'WORKDIR': {
        const dir = text.trim().replace(/^["']|["']$/g, '');
        if (dir && !dir.startsWith('/') && !dir.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(dir)) {
          r.report('DF004', `WORKDIR ${dir} is a relative path`, `Use an absolute path, for example WORKDIR /${dir.replace(/^\.\//, '')}.`, at(ins.getArgumentsRange()));
        }
        break;
      }
      case 'ADD': {
        const args = ins.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
        const sources = args.slice(0, -1);
        const special = sources.some((s) => /^(https?|git|ssh):\/\//.test(s) || /^git@/.test(s) || /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i.test(s));
        if (sources.length > 0 && !special) {
          r.report('DF005', 'ADD is used to copy local files; use COPY', 'ADD also fetches URLs and unpacks archives, so COPY says exactly what happens. Write COPY with the same arguments.', at(ins.getInstructionRange()));
        }
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        (kw === 'CMD' ? cmds : entrypoints).push(ins);
        if (!isExecForm(text) && text.trim() !== '') {
          const looksJson = text.trim().startsWith('[');
          const words = text.trim().split(/\s+/).map((w) => JSON.stringify(w)).join(', ');
          r.report(
            'DF006',
            looksJson ? `${kw} looks like the exec form but is not valid JSON, so Docker runs it through a shell` : `${kw} uses the shell form`,
            looksJson ? `Use double quotes inside the brackets: ${kw} ${text.trim().replace(/'/g, '"')}.` : `Use the exec form so the process gets signals such as SIGTERM: ${kw} [${words}].`,
            at(ins.getArgumentsRange()),
          );
        }
        break;
      }
      case 'SHELL':
        shellHasPipefail.value = /pipefail/.test(text);
        break;
      case 'RUN': {
        const code = unquoted(text);
        if (/(^|[^|])\|([^|]|$)/.test(code) && !shellHasPipefail.value && !/set\s+-[a-z]*o\s+pipefail|set\s+-o\s+pipefail/.test(text) && !isExecForm(text)) {
          r.report('DF009', 'RUN uses a pipe without pipefail, so a failure before the | is ignored', 'Add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN (on Alpine: SHELL ["/bin/ash", "-eo", "pipefail", "-c"]), so a failed download fails the build.', at(ins.getInstructionRange()));
        }
        if (isLast && /\bapt(-get)?\s+(-\S+\s+)*install\b/.test(code) && !/rm\s+-(rf|fr|r)\s+\/var\/lib\/apt\/lists/.test(text)) {
          r.report('DF007', 'apt-get install leaves the package lists in the image', 'End the same RUN with && rm -rf /var/lib/apt/lists/* so the lists do not bloat the layer.', at(ins.getInstructionRange()));
        }
        break;
      }
      default:
        break;
    }
  }
  for (const [list, kw] of [[cmds, 'CMD'], [entrypoints, 'ENTRYPOINT']] as const) {
    for (const extra of list.slice(0, -1)) {
      const last = list[list.length - 1];
      r.report('DF008', `this ${kw} is overridden by the ${kw} on line ${(last?.getInstructionRange().start.line ?? 0) + 1}`, `Only the last ${kw} in a stage takes effect. Delete this one.`, at(extra.getInstructionRange()));
    }
  }
  if (isLast && lastUser) {
    const user = argsText(lastUser).trim().split(':')[0] ?? '';
    if (user === 'root' || user === '0') {
      r.report('DF003', 'the last USER is root, so the container runs as root', 'Switch to an unprivileged user after the steps that need root, for example USER 1000 or USER node.', at(lastUser.getArgumentsRange()));
    }
  }
}

/** Validates one Dockerfile's text. */
export function validateDockerfile(text: string, options?: ValidateOptions & { file?: string }): Diagnostic[] {
  const r = new Reporter(options?.file, options);
  if (!checkSize(text, r, 'the Dockerfile')) return r.diagnostics;
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    if (!KEYWORDS.includes(kw)) {
      const guess = didYouMean(kw, KEYWORDS);
      r.report('DF001', `unknown instruction: ${ins.getInstruction()}${guess ? ` (did you mean ${guess}?)` : ''}`, guess ? `Write ${guess}.` : `Dockerfile instructions are ${KEYWORDS.join(', ')}.`, at(ins.getInstructionRange()));
    } else if (argsText(ins).trim() === '' && kw !== 'FROM') {
      r.report('DF001', `${kw} has no arguments`, `Write what ${kw} should do, or delete the line.`, at(ins.getInstructionRange()));
    }
  }
  const { before, stages } = stagesOf(instructions);
  for (const ins of before) {
    const kw = ins.getKeyword();
    if (kw !== 'ARG' && KEYWORDS.includes(kw)) {
      r.report('DF001', `${kw} comes before the first FROM`, 'Only ARG may come before FROM. Start the build stage with FROM <image> first.', at(ins.getInstructionRange()));
    }
  }
  if (stages.length === 0 && instructions.length > 0) {
    r.report('DF001', 'the Dockerfile has no FROM instruction', 'Start with FROM <image>:<tag>, for example FROM node:22-alpine.', at(instructions[0]?.getInstructionRange()));
  }
  const names = new Set<string>();
  const pipefail = { value: false };
  stages.forEach((stage, i) => {
    if (stage.from) checkFrom(stage.from, names, r);
    const alias = stage.from?.getBuildStage();
    if (alias) names.add(alias.toLowerCase());
    pipefail.value = false;
    checkStage(stage, i === stages.length - 1, r, pipefail);
  });
  return r.diagnostics.sort(compareDiagnostics);
}
