/** The scripted docker examples and the build/run/curl flow, asserted on whole outputs where stable. */
import { describe, expect, it } from 'vitest';
import { newSession, runAll, runIn } from '../../../helpers/run.ts';

describe('docker engine', () => {
  it('ends a stress container over its memory limit OOMKilled', async () => {
    const s = newSession('docker');
    const run = await runIn(s, 'docker run -d --memory 64m --name hog polinux/stress stress --vm 1 --vm-bytes 256M');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await runIn(s, "docker inspect -f '{{.State.Status}} {{.State.OOMKilled}} {{.State.ExitCode}}' hog")).toEqual({ stdout: 'exited true 1\n', stderr: '', exitCode: 0 });
    const json = JSON.parse((await runIn(s, 'docker inspect hog')).stdout) as { State: { OOMKilled: boolean }; HostConfig: { Memory: number } }[];
    expect(json[0]!.State.OOMKilled).toBe(true);
    expect(json[0]!.HostConfig.Memory).toBe(67108864);
    expect((await runIn(s, 'docker inspect hog')).stdout).toContain('"OOMKilled": true');
  });

  it('publishes a port that curl reaches, with the cgroup limit visible on the host', async () => {
    const s = newSession('docker');
    await runAll(s, 'docker run -d -p 8080:80 --memory 128m --name web nginx');
    const page = await runIn(s, 'curl -s localhost:8080');
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    const pid = (await runIn(s, "docker inspect -f '{{.State.Pid}}' web")).stdout.trim();
    expect(Number(pid)).toBeGreaterThan(1);
    const id = (await runIn(s, "docker inspect -f '{{.Id}}' web")).stdout.trim();
    expect(await runIn(s, `cat /sys/fs/cgroup/system.slice/docker-${id}.scope/memory.max`)).toEqual({ stdout: '134217728\n', stderr: '', exitCode: 0 });
    expect(await runIn(s, 'curl localhost:8081')).toEqual({ stdout: '', stderr: "curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server\n", exitCode: 7 });
  });

  it('builds with a cache, and history shows which layer added a file', async () => {
    const s = newSession('docker');
    await runAll(s, `mkdir app\ncd app\nprintf 'FROM alpine:3.20\\nRUN apk add --no-cache curl\\nCOPY index.html /srv/\\nCMD ["cat", "/srv/index.html"]\\n' > Dockerfile\necho hi > index.html`);
    const first = await runIn(s, 'docker build --progress=plain -t web:1 .');
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain('#5 [2/3] RUN apk add --no-cache curl\n#5 0.150 fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\n');
    const second = await runIn(s, 'docker build --progress=plain -t web:1 .');
    expect(second.stderr).toContain('#5 [2/3] RUN apk add --no-cache curl\n#5 CACHED\n');
    const hist = await runIn(s, "docker history --format '{{.CreatedBy}}' web:1");
    expect(hist.exitCode).toBe(0);
    expect(await runIn(s, 'docker run --rm web:1')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect((await runIn(s, 'docker run --rm web:1 ls /usr/bin/curl')).stdout).toBe('/usr/bin/curl\n');
  });
});

describe('docker run flags the simulation leaves out', () => {
  it('refuses them by name instead of ignoring them, and accepts their defaults', async () => {
    const s = newSession('docker');
    expect(await runIn(s, 'docker run -d -v /data:/data nginx')).toEqual({ stdout: '', stderr: "docker: '--volume' is not available in this lab environment (containers here have no volumes or bind mounts; COPY files into the image instead)\n", exitCode: 125 });
    expect(await runIn(s, 'docker run -d --network mynet nginx')).toEqual({ stdout: '', stderr: "docker: '--network' is not available in this lab environment (every container is on the default bridge network; user-defined networks are not simulated)\n", exitCode: 125 });
    expect(await runIn(s, 'docker run -d --restart=always nginx')).toEqual({ stdout: '', stderr: "docker: '--restart' is not available in this lab environment (restart policies are not simulated; start the container again with docker start)\n", exitCode: 125 });
    expect((await runIn(s, 'docker run -d -q --network bridge --restart no --name web nginx')).exitCode).toBe(0);
  });
});
