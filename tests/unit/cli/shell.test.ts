// `hatchway shell` with piped input: a fresh world, one JSON line per command (DESIGN.md, "Contracts").
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';

describe('hatchway shell', () => {
  it('prints one JSON line per command with --json', async () => {
    const r = await cli(['shell', '--world', 'kubernetes', '--json'], 'kubectl get nodes\necho done\n');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { command: string; stdout: string; stderr: string; exitCode: number });
    expect(lines.map((l) => [l.command, l.exitCode, l.stderr])).toEqual([
      ['kubectl get nodes', 0, ''],
      ['echo done', 0, ''],
    ]);
    expect(lines[0]!.stdout.split('\n')[0]).toMatch(/^NAME\s{3,}STATUS\s{3,}ROLES\s{3,}AGE\s{3,}VERSION$/);
    expect(lines[0]!.stdout).toMatch(/^node01\s+Ready\s+<none>\s+\S+\s+v1\.34\.\d+$/m);
    expect(lines[1]!.stdout).toBe('done\n');
    expect(r.exitCode).toBe(0);
  });

  it('keeps heredocs whole and prints the transcript in text mode', async () => {
    const r = await cli(['shell'], 'cat > f.txt <<EOF\nhello\nEOF\ncat f.txt\n');
    expect(r).toEqual({ stdout: 'learner@hatchway:~$ cat > f.txt <<EOF\nhello\nEOF\nlearner@hatchway:~$ cat f.txt\nhello\n', stderr: '', exitCode: 0 });
  });

  it('rejects an unknown world with the choices', async () => {
    expect(await cli(['shell', '--world', 'mars'], '')).toEqual({
      stdout: '',
      stderr: 'hatchway shell: unknown world "mars" (choose one of: linux, docker, kubernetes, aws)\n',
      exitCode: 2,
    });
  });

  it('is deterministic: the same seed and commands give the same transcript', async () => {
    const script = 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\nEOF\nsleep 5\nkubectl get pods -o wide\n';
    const a = await cli(['shell', '--world', 'kubernetes', '--seed', '7', '--json'], script);
    const b = await cli(['shell', '--world', 'kubernetes', '--seed', '7', '--json'], script);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('Running');
  });
});
