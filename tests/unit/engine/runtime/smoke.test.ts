import { it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';
it('smoke', async () => {
  const s = newSession('docker');
  for (const cmd of [
    'docker run -d --memory 64m --name hog polinux/stress stress --vm 1 --vm-bytes 256M',
    'docker ps -a',
    "docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Status}}' hog",
    'docker logs hog',
    'docker run -d -p 8080:80 --name web nginx',
    'docker ps',
    'curl -s localhost:8080',
    'docker images',
    'docker run --rm alpine echo hello',
    'docker run alpine cat /etc/os-release', 'cat /sys/fs/cgroup/system.slice/docker-*.scope/memory.max', 'docker exec web ls /usr/share/nginx/html', 'docker exec web hostname',
    'mkdir app; cd app; printf "FROM alpine:3.20\\nRUN apk add --no-cache curl\\nCOPY index.html /srv/\\nCMD [\\"cat\\", \\"/srv/index.html\\"]\\n" > Dockerfile; echo hi > index.html; docker build -t web:1 .',
    'cd app; docker build -t web:1 .',
    'docker history web:1',
    'docker run --rm web:1',
    'docker system df',
    "docker inspect -f '{{.State.Pid}}' web",
    'docker stop web; docker ps -a',
  ]) {
    const r = await runIn(s, cmd);
    console.log(`$ ${cmd}\n${r.stdout}${r.stderr ? '[stderr]\n' + r.stderr : ''}[exit ${r.exitCode}]`);
  }
});
