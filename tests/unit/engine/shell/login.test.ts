/** Login shells (sudo -i, su -, bash -l, the terminal's own) say `logout` as they end; other shells say `exit`. */
import { describe, expect, it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';

describe('login shells', () => {
  it('sudo -i opens a login shell as root, and exit says logout', async () => {
    const s = newSession('linux');
    await runIn(s, 'sudo -i');
    expect(await runIn(s, 'echo $0 $HOME $USER; pwd')).toEqual({ stdout: '-bash /root root\n/root\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'logout\n', exitCode: 0 });
    expect(s.prompt()).toBe('learner@hatchway:~$ ');
  });

  it('bash -l says logout, plain bash says exit', async () => {
    const s = newSession('linux');
    await runIn(s, 'bash -l');
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'logout\n', exitCode: 0 });
    await runIn(s, 'bash');
    expect(await runIn(s, 'echo $0')).toEqual({ stdout: 'bash\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'exit 3')).toEqual({ stdout: '', stderr: 'exit\n', exitCode: 3 });
  });

  it("the terminal's own login shell says logout and stays open", async () => {
    const s = newSession('linux');
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: "logout\nhatchway: this is the lab's login shell, so it stays open (use Reset to start the lab over)\n", exitCode: 0 });
  });

  it('su - as root starts a login shell for the user; su without - keeps the directory', async () => {
    const s = newSession('linux');
    await runIn(s, 'sudo su -');
    expect(await runIn(s, 'echo $0 $HOME; pwd')).toEqual({ stdout: '-bash /root\n/root\n', stderr: '', exitCode: 0 });
    await runIn(s, 'su - learner');
    expect(await runIn(s, 'whoami; pwd; echo $PATH')).toEqual({ stdout: 'learner\n/home/learner\n/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'logout\n', exitCode: 0 });
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'logout\n', exitCode: 0 });
    await runIn(s, 'sudo su');
    expect(await runIn(s, 'echo $0; pwd; whoami')).toEqual({ stdout: 'bash\n/home/learner\nroot\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'exit')).toEqual({ stdout: '', stderr: 'exit\n', exitCode: 0 });
  });

  it('su runs a command with -c, refuses unknown users, and cannot take a password', async () => {
    const s = newSession('linux');
    expect(await runIn(s, "sudo su -c 'id -un; pwd' -")).toEqual({ stdout: 'root\n/root\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'su bob')).toEqual({ stdout: '', stderr: 'su: user bob does not exist or the user entry does not contain all the required fields\n', exitCode: 1 });
    expect(await runIn(s, 'su -')).toEqual({
      stdout: '',
      stderr: "Password: \nsu: Authentication failure\nhatchway: passwords cannot be typed in this lab; 'sudo su -' or 'sudo -i' gives a root login shell\n",
      exitCode: 1,
    });
    expect(await runIn(s, 'sudo su nobody')).toEqual({ stdout: 'This account is currently not available.\n', stderr: '', exitCode: 1 });
  });
});
