/** docker build (BuildKit via buildx, as Docker 28 ships it). */
import * as sys from '../../kernel/syscalls.ts';
import type { CommandContext } from '../../shell/types.ts';
import { build } from '../build.ts';
import { parseRef, type ImageRef } from '../refs.ts';
import { isFailure, parseFlags } from './flags.ts';
import { DOCKER_HELP } from './help.generated.ts';

/** buildx's own help (the recorded client here has no buildx plugin), from the buildx 0.24 reference. */
DOCKER_HELP.build = `
Usage:  docker buildx build [OPTIONS] PATH | URL | -

Start a build

Aliases:
  docker build, docker builder build, docker image build, docker buildx b

Options:
      --build-arg stringArray         Set build-time variables
  -f, --file string                   Name of the Dockerfile (default:
                                      "PATH/Dockerfile")
      --no-cache                      Do not use cache when building the image
      --progress string               Set type of progress output ("auto",
                                      "plain", "tty", "rawjson"). Use plain
                                      to show container output (default "auto")
      --pull                          Always attempt to pull all referenced
                                      images
  -q, --quiet                         Suppress the build output and print
                                      image ID on success
  -t, --tag stringArray               Image identifier (format:
                                      "[registry/]repository[:tag]")
      --target string                 Set the target build stage to build
      --platform stringArray          Set target platform for build
      --load                          Shorthand for "--output=type=docker"
`;

export async function buildCmd(ctx: CommandContext, args: string[]): Promise<number> {
  const p = parseFlags('build', args);
  if (isFailure(p)) {
    ctx.stderr.write(p.error.replace(/Usage:  docker build/, 'Usage:  docker buildx build'));
    return p.status === 125 ? 1 : p.status;
  }
  if (p.values.help) {
    ctx.stdout.write(DOCKER_HELP.build!);
    return 0;
  }
  if (p.args.length !== 1) {
    ctx.stderr.write(`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n`);
    return 1;
  }
  const tags: ImageRef[] = [];
  for (const t of p.lists.tag ?? []) {
    const r = parseRef(t);
    if ('error' in r) {
      ctx.stderr.write(`ERROR: failed to build: invalid tag "${t}": ${r.error}\n`);
      return 1;
    }
    tags.push(r);
  }
  const buildArgs: Record<string, string> = Object.create(null);
  for (const a of p.lists['build-arg'] ?? []) {
    const i = a.indexOf('=');
    if (i > 0) buildArgs[a.slice(0, i)] = a.slice(i + 1);
    else if (ctx.proc.env[a] !== undefined) buildArgs[a] = ctx.proc.env[a]!;
  }
  const dir = p.args[0]!;
  if (/^https?:\/\/|^git@/.test(dir)) {
    ctx.stderr.write(`ERROR: failed to build: building from a URL (${dir}) is not available in this lab environment\n`);
    return 1;
  }
  let contextDir: string;
  try {
    const r = sys.stat(ctx.world, ctx.proc, dir);
    if (r.node.type !== 'dir') throw new Error('not a dir');
    contextDir = dir.replace(/\/+$/, '') || '/';
  } catch {
    ctx.stderr.write(`ERROR: failed to build: unable to prepare context: path "${dir}" not found\n`);
    return 1;
  }
  const progress = p.values.progress === 'plain' || p.values.progress === 'rawjson' ? 'plain' : p.values.progress === 'tty' ? 'tty' : ctx.stdoutTty && ctx.tty ? 'tty' : 'plain';
  return build(ctx, { contextDir, dockerfile: p.values.file ?? 'Dockerfile', tags, buildArgs, target: p.values.target, noCache: !!p.values['no-cache'], progress, quiet: !!p.values.quiet });
}
