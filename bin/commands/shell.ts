/**
 * `hatchway shell`: a world in your terminal. Interactive on a TTY (the clock follows wall
 * time); with piped input it runs each command in a fresh world with a scripted clock and
 * prints the transcript, or one JSON line per command with --json.
 */
import '../../src/engine/kinds/all.ts';
import { createInterface } from 'node:readline/promises';
import { completeness, Session, splitCommands } from '../../src/engine/shell/session.ts';
import { WORLD_KINDS, type World, type WorldKind } from '../../src/engine/world.ts';
import { createWorld } from '../../src/engine/worlds.ts';
import { createLabWorld } from '../../src/checks/lab/lab-world.ts';
import { parseCliArgs } from '../lib/args.ts';
import type { CliIO } from '../lib/io.ts';
import { LabLoadError, loadLab } from '../lib/labs.ts';

export async function run(args: string[], io: CliIO): Promise<number> {
  const p = parseCliArgs(args, ['world', 'lab', 'seed']);
  if ('error' in p) {
    io.err(`hatchway shell: ${p.error}\n`);
    return 2;
  }
  const unknown = [...p.flags.keys()].filter((k) => !['world', 'lab', 'seed', 'json'].includes(k));
  if (unknown.length || p.positional.length) {
    io.err(`hatchway shell: unknown argument ${unknown.length ? `--${unknown[0]}` : `"${p.positional[0]}"`}\nUsage: hatchway shell [--world linux|docker|kubernetes|aws] [--lab ID] [--seed N] [--json]\n`);
    return 2;
  }
  const seed = p.flags.has('seed') ? Number(p.flags.get('seed')) : 1;
  if (!Number.isInteger(seed)) {
    io.err('hatchway shell: --seed must be an integer\n');
    return 2;
  }
  let world: World;
  if (p.flags.has('lab')) {
    try {
      const lab = loadLab(String(p.flags.get('lab')));
      world = await createLabWorld({ ...lab, seed: p.flags.has('seed') ? seed : lab.seed });
    } catch (e) {
      if (e instanceof LabLoadError) {
        io.err(`hatchway shell: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  } else {
    const kind = String(p.flags.get('world') ?? 'linux');
    if (!WORLD_KINDS.includes(kind as WorldKind)) {
      io.err(`hatchway shell: unknown world "${kind}" (choose one of: ${WORLD_KINDS.join(', ')})\n`);
      return 2;
    }
    world = createWorld({ kind: kind as WorldKind, seed });
  }
  const session = new Session(world);
  if (io.stdinIsTTY) return interactive(session, io);

  const json = p.flags.has('json');
  let last = 0;
  for (const command of splitCommands(await io.readStdin())) {
    let stdout = '';
    let stderr = '';
    const prompt = session.prompt();
    const r = await session.execute(command, { stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) } });
    last = r.exitCode;
    if (json) io.out(JSON.stringify({ command, stdout, stderr, exitCode: r.exitCode }) + '\n');
    else {
      io.out(`${prompt}${command}\n${stdout}`);
      if (stderr) io.err(stderr);
    }
  }
  return json ? 0 : last;
}

async function interactive(session: Session, io: CliIO): Promise<number> {
  const world = session.world;
  // Interactive: the virtual clock follows wall time, so pods start in about a second.
  let wall = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    world.advance(now - wall);
    wall = now;
  }, 100);
  world.host.sleep = (ms, signal) =>
    new Promise((resolve) => {
      const started = performance.now();
      const poll = setInterval(() => {
        if (signal.interrupted || performance.now() - started >= ms) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
  world.host.yield = () => new Promise((r) => setImmediate(r));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  rl.on('SIGINT', () => {
    world.signal.interrupted = true;
    io.out('^C\n');
  });
  io.out(`Hatchway ${world.state.kind} world. Type 'help' for commands, 'exit' or Ctrl-D to leave.\n`);
  try {
    for (;;) {
      let source = '';
      let prompt = session.prompt();
      for (;;) {
        const line = await rl.question(prompt).catch(() => undefined);
        if (line === undefined) return 0;
        source = source ? `${source}\n${line}` : line;
        if (splitCommands(source).length <= 1 && needsMore(source)) {
          prompt = '> ';
          continue;
        }
        break;
      }
      await session.execute(source, { stdout: { write: (s) => io.out(s) }, stderr: { write: (s) => io.err(s) } });
    }
  } finally {
    clearInterval(ticker);
    rl.close();
  }
}

function needsMore(source: string): boolean {
  return completeness(source) === 'incomplete';
}
