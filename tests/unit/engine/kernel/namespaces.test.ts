/** Namespaces end to end through the shell: the scripted example, pid 1, UTS, user and net namespaces. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

describe('namespaces', () => {
  it('runs the scripted example: hostname box and a process table starting at PID 1', async () => {
    const s = newSession('linux');
    const lines = ['sudo unshare --uts --pid --fork --mount-proc bash', 'hostname box', 'hostname', 'ps -ef'];
    const results = [];
    for (const line of lines) results.push(await runIn(s, line));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(results[2]!.stdout).toBe('box\n');
    const table = results[3]!.stdout.split('\n');
    expect(table[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(table[1]).toBe('root           1       0  0 10:00 pts/0    00:00:00 bash');
    expect(table[2]).toBe('root           4       1  0 10:00 pts/0    00:00:00 ps -ef');
    expect(table.length).toBe(4);
    // bash read the hostname when it started, so this prompt keeps the old name; a new bash shows box.
    expect(s.prompt()).toBe('root@hatchway:/home/learner# ');
    await runIn(s, 'bash');
    expect(s.prompt()).toBe('root@box:/home/learner# ');
    await runIn(s, 'exit');
    // Leaving the shell ends the namespace; the host's hostname never changed.
    await runIn(s, 'exit');
    expect(await runIn(s, 'hostname')).toEqual({ stdout: 'hatchway\n', stderr: '', exitCode: 0 });
  });

  it('keeps the host /proc without --mount-proc, so ps still shows the host', async () => {
    const s = newSession('linux');
    await runIn(s, 'sudo unshare --pid --fork bash');
    expect((await runIn(s, 'echo $$')).stdout).toBe('1\n');
    const ps = await runIn(s, 'ps -e -o pid=,comm=');
    expect(ps.stdout).toContain('      1 systemd\n');
    expect(ps.stdout).toContain('cron');
  });

  it('fails every fork after `unshare -p` without --fork, as bash does', async () => {
    const s = newSession('linux');
    const r = await runIn(s, "sudo unshare -p bash -c '/bin/true; /bin/true; echo after'");
    expect(r).toEqual({ stdout: '', stderr: 'bash: fork: Cannot allocate memory\n', exitCode: 254 });
    await runIn(s, 'sudo unshare -p bash');
    expect(await runIn(s, 'ls /')).toEqual({ stdout: '', stderr: 'bash: fork: Cannot allocate memory\n', exitCode: 254 });
    expect((await runIn(s, 'echo $?')).stdout).toBe('254\n');
  });

  it('refuses namespaces to an unprivileged user, but allows a user namespace', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'unshare --uts true')).toEqual({ stdout: '', stderr: 'unshare: unshare failed: Operation not permitted\n', exitCode: 1 });
    expect(await runIn(s, 'unshare -r id')).toEqual({ stdout: 'uid=0(root) gid=0(root) groups=0(root),65534(nogroup)\n', stderr: '', exitCode: 0 });
    expect((await runIn(s, 'unshare -r cat /proc/self/uid_map')).stdout).toBe('         0       1000          1\n');
    // root inside a user namespace still cannot write the host's files
    expect((await runIn(s, "unshare -r bash -c 'echo x > /etc/passwd'")).stderr).toBe('bash: line 1: /etc/passwd: Permission denied\n');
    // but may change the hostname of a UTS namespace it owns
    expect((await runIn(s, "unshare -r --uts bash -c 'hostname inner; hostname'")).stdout).toBe('inner\n');
    expect((await runIn(s, "unshare -r bash -c 'hostname inner'")).stderr).toBe('hostname: you must be root to change the host name\n');
  });

  it('gives new namespaces new inode numbers and lets nsenter join them', async () => {
    const s = newSession('linux');
    await runIn(s, 'sudo unshare --uts --pid --fork --mount-proc bash');
    await runIn(s, 'hostname box');
    expect((await runIn(s, 'readlink /proc/$$/ns/uts')).stdout).toBe('uts:[4026532177]\n');
    const host = newSession('linux');
    void host;
    await runIn(s, 'exit');
  });

  it('lets root enter a running namespace with nsenter', async () => {
    const s = newSession('linux');
    await runAll(s, 'sudo -i');
    await runIn(s, 'unshare --uts --fork bash -c "hostname box; sleep 1000" &');
    const pid = (await runIn(s, 'ps -C sleep -o pid=')).stdout.trim();
    expect((await runIn(s, `nsenter -t ${pid} -u hostname`)).stdout).toBe('box\n');
    expect((await runIn(s, 'hostname')).stdout).toBe('hatchway\n');
  });

  it('connects two network namespaces with a veth pair', async () => {
    const s = newSession('linux');
    await runAll(
      s,
      `sudo -i
ip netns add red
ip link add veth0 type veth peer name ceth0
ip link set ceth0 netns red
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -n red addr add 10.0.0.2/24 dev ceth0
ip -n red link set ceth0 up
ip -n red link set lo up`,
    );
    const ping = await runIn(s, 'ping -c 2 10.0.0.2');
    expect(ping.exitCode).toBe(0);
    expect(ping.stdout).toMatch(/^PING 10\.0\.0\.2 \(10\.0\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=0\.\d{3} ms\n64 bytes from 10\.0\.0\.2: icmp_seq=2 ttl=64 time=0\.\d{3} ms\n\n--- 10\.0\.0\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/);
    expect((await runIn(s, 'ip netns exec red ping -c 1 10.0.0.1')).exitCode).toBe(0);
    expect(await runIn(s, 'ping -c 1 10.9.9.9')).toEqual({ stdout: '', stderr: 'ping: connect: Network is unreachable\n', exitCode: 2 });
    await runIn(s, 'ip -n red link set ceth0 down');
    const down = await runIn(s, 'ping -c 1 10.0.0.2');
    expect(down.exitCode).toBe(1);
    expect(down.stdout).toContain('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable');
  });

  it('shows a fresh network namespace with only a loopback that is down', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'sudo unshare --net ip link')).toEqual({
      stdout: '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
      stderr: '',
      exitCode: 0,
    });
  });
});
