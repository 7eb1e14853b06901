/** `hatchway`: the same engine and checks as the site, in a real terminal (DESIGN.md, "Contracts"). */
import { processIO, type CliIO } from './lib/io.ts';

const HELP = `Usage: hatchway <command> [options]

Commands:
  shell [--world linux|docker|kubernetes|aws] [--lab ID] [--seed N] [--json]
                          Interactive shell on a TTY; with piped stdin, run each line
                          in a fresh world and print the transcript.
  check LAB_ID [--json]   Set up a lab, replay the commands on stdin, let the world
                          settle, and run the lab's checks. Exits 0 only if all pass.
  labs test [ID...] [--watch]
                          For every lab: checks fail on the fresh setup, the solution
                          passes, and each recorded mistake fails with its expected code.
  validate [--format text|json] PATH...
                          Validate Kubernetes YAML, ECS task definitions, eksctl
                          ClusterConfig and Dockerfiles. Exits 1 on any error.
  new lesson|lab NAME     Scaffold a lesson or a lab that passes the build and lab tests.

Options:
  -h, --help              Show this help.
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  shell: async () => (await import('./commands/shell.ts')).run,
  check: async () => (await import('./commands/check.ts')).run,
  labs: async () => (await import('./commands/labs-test.ts')).run,
  validate: async () => (await import('./commands/validate.ts')).run as Command,
  new: async () => (await import('./commands/new.ts')).run,
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io.out(HELP);
    return cmd ? 0 : 2;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    io.err(`hatchway: unknown command "${cmd}"\nRun 'hatchway --help' for the list of commands.\n`);
    return 2;
  }
  return (await load())(rest, io);
}
