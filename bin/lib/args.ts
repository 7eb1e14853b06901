/** Minimal flag parsing for the CLI's own commands (`--flag value`, `--flag=value`, booleans). */
export interface CliArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseCliArgs(args: string[], valued: string[]): CliArgs | { error: string } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const v = inline ?? args[++i];
      if (v === undefined) return { error: `option --${name} needs a value` };
      flags.set(name, v);
    } else if (inline === undefined) flags.set(name, true);
    else return { error: `option --${name} takes no value` };
  }
  return { flags, positional };
}
