/** cgroup v2 through the shell: formats, the no-internal-processes rule, OOM kills, CPU throttling, pids.max. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

async function rootWithDemo() {
  const s = newSession('linux');
  await runAll(s, 'sudo -i\nmkdir /sys/fs/cgroup/demo');
  return s;
}

describe('cgroup v2', () => {
  it('has the kernel defaults in a new cgroup', async () => {
    const s = await rootWithDemo();
    const r = await runIn(s, 'cd /sys/fs/cgroup/demo && cat memory.max memory.high cpu.max cpu.weight pids.max cgroup.subtree_control cgroup.events memory.events');
    expect(r.stdout).toBe('max\nmax\nmax 100000\n100\nmax\n\npopulated 0\nfrozen 0\nlow 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n');
  });

  it('rounds memory.max to pages and reads back bytes', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo 50M > /sys/fs/cgroup/demo/memory.max\necho 1000 > /sys/fs/cgroup/demo/memory.high');
    expect((await runIn(s, 'cat /sys/fs/cgroup/demo/memory.max /sys/fs/cgroup/demo/memory.high')).stdout).toBe('52428800\n4096\n');
    expect(await runIn(s, 'echo lots > /sys/fs/cgroup/demo/memory.max')).toEqual({ stdout: '', stderr: 'bash: echo: write error: Invalid argument\n', exitCode: 1 });
    expect((await runIn(s, 'echo 0 > /sys/fs/cgroup/demo/cpu.weight')).stderr).toBe('bash: echo: write error: Numerical result out of range\n');
  });

  it('enforces the no-internal-processes rule and busy rmdir', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs');
    expect(await runIn(s, 'echo +memory > /sys/fs/cgroup/demo/cgroup.subtree_control')).toEqual({ stdout: '', stderr: 'bash: echo: write error: Device or resource busy\n', exitCode: 1 });
    expect(await runIn(s, 'rmdir /sys/fs/cgroup/demo')).toEqual({ stdout: '', stderr: "rmdir: failed to remove '/sys/fs/cgroup/demo': Device or resource busy\n", exitCode: 1 });
    await runAll(s, 'echo $$ > /sys/fs/cgroup/cgroup.procs\nmkdir /sys/fs/cgroup/demo/leaf\necho "+memory +pids" > /sys/fs/cgroup/demo/cgroup.subtree_control');
    expect((await runIn(s, 'cat /sys/fs/cgroup/demo/cgroup.subtree_control /sys/fs/cgroup/demo/leaf/cgroup.controllers')).stdout).toBe('memory pids\nmemory pids\n');
    expect((await runIn(s, 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs')).stderr).toBe('bash: echo: write error: Device or resource busy\n');
    expect((await runIn(s, 'echo +bogus > /sys/fs/cgroup/demo/cgroup.subtree_control')).stderr).toBe('bash: echo: write error: No such file or directory\n');
    expect((await runIn(s, 'rmdir /sys/fs/cgroup/demo/leaf && rmdir /sys/fs/cgroup/demo')).exitCode).toBe(0);
  });

  it('OOM-kills a memory hog over memory.max: Killed, 137, oom_kill rises', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo 100M > /sys/fs/cgroup/demo/memory.max\necho $$ > /sys/fs/cgroup/demo/cgroup.procs');
    expect(await runIn(s, 'memhog 200M')).toEqual({ stdout: '', stderr: 'Killed\n', exitCode: 137 });
    expect((await runIn(s, 'echo $?')).stdout).toBe('137\n');
    const stress = await runIn(s, 'stress --vm 1 --vm-bytes 200M --timeout 10s');
    expect(stress.exitCode).toBe(1);
    expect(stress.stdout).toMatch(/^stress: info: \[\d+\] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n$/);
    expect(stress.stderr).toMatch(/^stress: FAIL: \[(\d+)\] \(415\) <-- worker \d+ got signal 9\nstress: WARN: \[\1\] \(417\) now reaping child worker processes\nstress: FAIL: \[\1\] \(451\) failed run completed in 0s\n$/);
    expect((await runIn(s, 'grep oom_kill /sys/fs/cgroup/demo/memory.events')).stdout).toBe('oom_kill 2\n');
    // Under the limit, the same hog is fine.
    expect((await runIn(s, 'stress --vm 1 --vm-bytes 50M --timeout 3s')).exitCode).toBe(0);
  });

  it('throttles CPU under cpu.max: about half a core in top, nr_throttled rising', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo "50000 100000" > /sys/fs/cgroup/demo/cpu.max\necho $$ > /sys/fs/cgroup/demo/cgroup.procs');
    await runIn(s, 'stress --cpu 1 &');
    await runIn(s, 'sleep 10');
    const top = await runIn(s, 'top -b -n 1');
    const worker = top.stdout.split('\n')[7]!;
    expect(worker).toMatch(/^ +\d+ root +20 +0 +\d+ +\d+ +\d+ R  50\.0 +\d+\.\d +0:05\.00 stress$/);
    const stat = (await runIn(s, 'cat /sys/fs/cgroup/demo/cpu.stat')).stdout;
    expect(stat).toContain('nr_periods 100\nnr_throttled 100\n');
    expect(stat).toContain('usage_usec 5000000\n');
    expect((await runIn(s, 'kill %1')).stderr).toBe('[1]+  Terminated              stress --cpu 1\n');
    expect((await runIn(s, 'pgrep stress; ps -C stress -o pid=')).stdout).toBe('');
  });

  it('stops a fork loop at pids.max', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo 5 > /sys/fs/cgroup/demo/pids.max\necho $$ > /sys/fs/cgroup/demo/cgroup.procs');
    const r = await runIn(s, 'for i in $(seq 10); do sleep 100 & done');
    expect(r.exitCode).toBe(254);
    expect(r.stderr.endsWith('bash: fork: retry: Resource temporarily unavailable\nbash: fork: Resource temporarily unavailable\n')).toBe(true);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('['))).toHaveLength(4);
    await runAll(s, 'echo max > /sys/fs/cgroup/demo/pids.max');
    expect((await runIn(s, 'cat /sys/fs/cgroup/demo/pids.current /sys/fs/cgroup/demo/pids.events')).stdout).toBe('6\nmax 5\n');
  });

  it('stops a classic fork bomb at pids.max and leaves the host usable', async () => {
    const s = await rootWithDemo();
    await runAll(s, 'echo 20 > /sys/fs/cgroup/demo/pids.max');
    const r = await runIn(s, "bash -c 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs; :(){ :|:& };:'");
    expect(r.stderr).toContain('bash: fork: retry: Resource temporarily unavailable');
    // The outer bash has exited; the bomb's processes hold the remaining slots, stuck retrying fork.
    expect((await runIn(s, 'cat /sys/fs/cgroup/demo/pids.current')).stdout).toBe('19\n');
    expect(Number((await runIn(s, 'cut -d" " -f2 /sys/fs/cgroup/demo/pids.events')).stdout)).toBeGreaterThan(0);
    await runAll(s, 'echo 1 > /sys/fs/cgroup/demo/cgroup.kill');
    expect((await runIn(s, 'cat /sys/fs/cgroup/demo/pids.current')).stdout).toBe('0\n');
  });

  it('refuses cgroup writes to the learner without sudo', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'mkdir /sys/fs/cgroup/mine')).toEqual({ stdout: '', stderr: "mkdir: cannot create directory ‘/sys/fs/cgroup/mine’: Permission denied\n", exitCode: 1 });
    expect((await runIn(s, 'echo $$ > /sys/fs/cgroup/cgroup.procs')).stderr).toBe('bash: /sys/fs/cgroup/cgroup.procs: Permission denied\n');
  });
});
