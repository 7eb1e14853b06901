/** The kernel's state (namespaces, cgroups, mounts, jobs) survives snapshot and restore, and runs are deterministic. */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/engine/shell/session.ts';
import { restoreWorld } from '../../../../src/engine/worlds.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

const SCRIPT = [
  'sudo -i',
  'mkdir /sys/fs/cgroup/demo',
  'echo "50000 100000" > /sys/fs/cgroup/demo/cpu.max',
  'echo $$ > /sys/fs/cgroup/demo/cgroup.procs',
  'stress --cpu 1 &',
  'ip netns add red',
  'ip link add veth0 type veth peer name ceth0',
  'unshare --uts --pid --fork --mount-proc bash',
  'hostname box',
  'mount -t tmpfs tmpfs /mnt',
];

describe('snapshot and restore', () => {
  it('continues after a restore exactly as without one', async () => {
    const a = newSession('linux');
    for (const line of SCRIPT) await runIn(a, line);
    const b = new Session(restoreWorld(a.world.snapshot()));
    const probe = ['hostname', 'ps -ef', 'findmnt /mnt', 'ip -n red link', 'exit', 'sleep 4', 'cat /sys/fs/cgroup/demo/cpu.stat', 'jobs', 'top -b -n 1'];
    for (const line of probe) {
      const x = await runIn(a, line);
      const y = await runIn(b, line);
      expect(y, line).toEqual(x);
    }
    expect(b.prompt()).toBe(a.prompt());
  });

  it('gives the same transcript for the same seed', async () => {
    const run = async () => {
      const s = newSession('linux', 7);
      const out: string[] = [];
      for (const line of [...SCRIPT, 'ip link', 'ps aux', 'exit', 'ip link']) out.push(JSON.stringify(await runIn(s, line)));
      return out.join('\n');
    };
    expect(await run()).toBe(await run());
  });
});
