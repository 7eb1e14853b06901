/** chroot jails, the classic escape, mount namespaces, bind mounts and pivot_root. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

const ROOTFS = `sudo -i
mkdir -p /srv/jail/bin /srv/jail/lib/x86_64-linux-gnu /srv/jail/lib64
cp /bin/bash /bin/ls /srv/jail/bin/
cp /lib/x86_64-linux-gnu/libtinfo.so.6 /lib/x86_64-linux-gnu/libc.so.6 /lib/x86_64-linux-gnu/libselinux.so.1 /lib/x86_64-linux-gnu/libpcre2-8.so.0 /srv/jail/lib/x86_64-linux-gnu/
cp /lib64/ld-linux-x86-64.so.2 /srv/jail/lib64/`;

describe('chroot', () => {
  it('fails the real way in an empty directory', async () => {
    const s = newSession('linux');
    await runAll(s, 'sudo -i\nmkdir /empty');
    expect(await runIn(s, 'chroot /empty')).toEqual({ stdout: '', stderr: 'chroot: failed to run command ‘/bin/bash’: No such file or directory\n', exitCode: 127 });
  });

  it('needs the libraries inside the jail', async () => {
    const s = newSession('linux');
    await runAll(s, 'sudo -i\nmkdir -p /j/bin /j/lib64\ncp /bin/bash /j/bin/\ncp /lib64/ld-linux-x86-64.so.2 /j/lib64/');
    expect(await runIn(s, 'chroot /j /bin/bash -c true')).toEqual({ stdout: '', stderr: '/bin/bash: error while loading shared libraries: libtinfo.so.6: cannot open shared object file: No such file or directory\n', exitCode: 127 });
  });

  it('hides the host inside a jail built from copied binaries and libraries', async () => {
    const s = newSession('linux');
    await runAll(s, ROOTFS);
    await runIn(s, 'chroot /srv/jail');
    expect(s.prompt()).toBe('root@hatchway:/# ');
    expect((await runIn(s, 'ls /')).stdout).toBe('bin  lib  lib64\n');
    expect((await runIn(s, 'cd ../../..; pwd')).stdout).toBe('/\n');
    expect(await runIn(s, 'cat /etc/passwd')).toEqual({ stdout: '', stderr: 'bash: cat: command not found\n', exitCode: 127 });
    await runIn(s, 'exit');
    expect(s.prompt()).toBe('root@hatchway:~# ');
  });

  it('lets root break out with the classic escape, and not a user', async () => {
    const s = newSession('linux');
    await runAll(s, `${ROOTFS}\nmkdir -p /srv/jail/usr/local/bin\ncp /usr/local/bin/breakout /srv/jail/usr/local/bin/\ncp /bin/cat /srv/jail/bin/`);
    await runIn(s, 'chroot /srv/jail');
    await runIn(s, 'cd /');
    expect((await runIn(s, '/usr/local/bin/breakout /bin/cat /etc/hostname')).stdout).toBe('hatchway\n');
  });

  it('refuses chroot to a user without sudo (and it is not on a user\'s PATH, as on Debian)', async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'chroot /tmp')).toEqual({ stdout: '', stderr: 'bash: chroot: command not found\n', exitCode: 127 });
    expect(await runIn(s, '/usr/sbin/chroot /tmp')).toEqual({ stdout: '', stderr: "chroot: cannot change root directory to '/tmp': Operation not permitted\n", exitCode: 125 });
  });
});

describe('mounts', () => {
  it('keeps a tmpfs mounted in a new mount namespace invisible to the host', async () => {
    const s = newSession('linux');
    await runAll(s, 'sudo unshare --mount bash\nmount -t tmpfs tmpfs /mnt\ntouch /mnt/inside');
    expect((await runIn(s, 'findmnt /mnt')).stdout).toBe('TARGET SOURCE FSTYPE OPTIONS\n/mnt   tmpfs  tmpfs  rw,relatime\n');
    expect((await runIn(s, 'ls /mnt')).stdout).toBe('inside\n');
    await runIn(s, 'exit');
    expect((await runIn(s, 'ls /mnt')).stdout).toBe('');
    expect((await runIn(s, 'findmnt /mnt')).exitCode).toBe(1);
  });

  it('bind-mounts a directory and refuses to unmount a busy one', async () => {
    const s = newSession('linux');
    await runAll(s, 'sudo -i\nmkdir -p /srv/a /srv/b\necho hi > /srv/a/f\nmount --bind /srv/a /srv/b');
    expect((await runIn(s, 'cat /srv/b/f')).stdout).toBe('hi\n');
    expect((await runIn(s, 'grep /srv/b /proc/self/mounts')).stdout).toBe('/dev/vda1 /srv/b ext4 rw,relatime,errors=remount-ro 0 0\n');
    await runIn(s, 'mkdir -p /srv/b/sub && mount -t tmpfs tmpfs /srv/b/sub');
    expect(await runIn(s, 'umount /srv/b')).toEqual({ stdout: '', stderr: 'umount: /srv/b: target is busy.\n', exitCode: 32 });
    // The tmpfs was mounted over sub/ created through the bind, so the directory lives in /srv/a.
    expect((await runIn(s, 'umount /srv/b/sub && umount /srv/b && ls /srv/b /srv/a')).stdout).toBe('/srv/a:\nf  sub\n\n/srv/b:\n');
    expect(await runIn(s, 'umount /srv/b')).toEqual({ stdout: '', stderr: 'umount: /srv/b: not mounted.\n', exitCode: 32 });
  });

  it('pivots the root of a mount namespace, leaving the host unreachable', async () => {
    const s = newSession('linux');
    // umount must be inside the new root too, with its libraries, to detach the old one.
    await runAll(s, `${ROOTFS}\nmkdir /srv/jail/oldroot\ncp /usr/bin/umount /srv/jail/bin/\ncp /lib/x86_64-linux-gnu/libmount.so.1 /lib/x86_64-linux-gnu/libblkid.so.1 /srv/jail/lib/x86_64-linux-gnu/`);
    await runAll(s, 'unshare --mount bash\nmount --bind /srv/jail /srv/jail\ncd /srv/jail\npivot_root . oldroot\ncd /');
    expect((await runIn(s, 'ls /')).stdout).toBe('bin  lib  lib64  oldroot\n');
    expect((await runIn(s, 'ls /oldroot/etc/hostname')).stdout).toBe('/oldroot/etc/hostname\n');
    await runAll(s, 'umount -l /oldroot');
    expect((await runIn(s, 'cat /proc/self/mounts')).stderr).toBe('bash: cat: command not found\n');
    expect((await runIn(s, 'ls /oldroot')).stdout).toBe('');
    expect((await runIn(s, 'cd /../../..; ls')).stdout).toBe('bin  lib  lib64  oldroot\n');
  });
});
