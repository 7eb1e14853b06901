/**
 * The base images Docker Hub serves in this world: alpine, debian, ubuntu, nginx, node,
 * python, busybox, httpd, redis and polinux/stress. Each is built from small simulated
 * root filesystems whose layers are shared the way the real images share them (nginx,
 * httpd, redis, python and node all start from debian:bookworm-slim's layer).
 */
import { NGINX_INDEX } from '../images/pages.ts';
import { binaryContent } from '../kernel/binaries.ts';
import { allLibraries, libraryContent } from '../kernel/libraries.ts';
import { getProgram } from '../shell/registry.ts';
import { dict, type Dict } from '../util/dict.ts';
import type { World } from '../world.ts';
import { addLayer, storeImage, union } from './layers.ts';
import type { HistoryEntry, Image, ImageConfig, LayerFile } from './state.ts';

const DAY = 86_400_000;
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const COMMON_BINS = ['sh', 'ls', 'cat', 'echo', 'mkdir', 'rm', 'cp', 'mv', 'touch', 'sleep', 'true', 'false', 'env', 'id', 'hostname', 'ps', 'grep', 'head', 'tail', 'wc', 'pwd', 'uname', 'whoami', 'chmod', 'ln', 'date', 'kill', 'mount', 'df', 'free', 'top', 'find', 'sed'];

function file(data: string, mode = 0o644): LayerFile {
  return { data, mode };
}
function dir(mode = 0o755): LayerFile {
  return { data: '', mode, dir: true };
}
function bin(program: string): LayerFile {
  return { data: binaryContent(program), mode: 0o755 };
}

/** Shell builtins that images also ship as files (/bin/echo...), served by the busybox program. */
const BUILTIN_FILES = ['echo', 'printf', 'test', '[', 'pwd', 'true', 'false'];

/**
 * Puts binaries for the programs the engine implements, so missing ones fail as "not found".
 * `busybox`: every name is a link to the one multi-call binary, as on Alpine.
 */
function bins(files: Dict<LayerFile | null>, dirPath: string, names: readonly string[], busybox = false): void {
  for (const n of names) {
    if (busybox && (getProgram(n) || BUILTIN_FILES.includes(n))) files[`${dirPath}/${n}`] = { data: '', mode: 0o777, link: '/bin/busybox' };
    else if (getProgram(n)) files[`${dirPath}/${n}`] = bin(n);
    else if (BUILTIN_FILES.includes(n)) files[`${dirPath}/${n}`] = bin('busybox');
  }
}

/**
 * The dynamic loader and shared libraries. The kernel checks for glibc's loader on exec, so
 * every image carries it; Alpine's real musl loader is not modelled.
 */
function libs(files: Dict<LayerFile | null>, libDir: string): void {
  for (const lib of [...allLibraries(), 'ld-linux-x86-64.so.2']) files[`${libDir}/${lib}`] = { data: libraryContent(lib), mode: 0o755 };
  files['lib64'] = dir();
  files['lib64/ld-linux-x86-64.so.2'] = { data: '', mode: 0o777, link: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' };
}

function skeleton(): Dict<LayerFile | null> {
  const f = dict<LayerFile | null>();
  for (const d of ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'usr', 'usr/bin', 'usr/sbin', 'usr/lib', 'usr/local', 'usr/local/bin', 'usr/share', 'var', 'var/log', 'var/lib', 'var/cache']) f[d] = dir();
  f['tmp'] = dir(0o1777);
  f['root'] = dir(0o700);
  f['etc/hosts'] = file('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n');
  return f;
}

function alpineRootfs(version: string): Dict<LayerFile | null> {
  const f = skeleton();
  f['etc/os-release'] = file(`NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`);
  f['etc/alpine-release'] = file(version + '\n');
  f['etc/passwd'] = file('root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n');
  f['etc/group'] = file('root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nnogroup:x:65533:\nnobody:x:65534:\n');
  f['etc/apk/world'] = file('alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n');
  f['etc/apk/repositories'] = file(`https://dl-cdn.alpinelinux.org/alpine/v${version.split('.').slice(0, 2).join('.')}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${version.split('.').slice(0, 2).join('.')}/community\n`);
  f['lib/apk/db/installed'] = file('P:alpine-baselayout\nP:apk-tools\nP:busybox\nP:musl\n');
  f['bin/busybox'] = bin('busybox');
  bins(f, 'bin', COMMON_BINS, true);
  libs(f, 'lib/x86_64-linux-gnu');
  f['sbin/apk'] = bin('apk');
  f['usr/bin/wget'] = getProgram('wget') ? bin('wget') : null;
  for (const k of Object.keys(f)) if (f[k] === null) delete f[k];
  return f;
}

function debianRootfs(id: 'debian' | 'ubuntu', version: string, codename: string, pretty: string): Dict<LayerFile | null> {
  const f = skeleton();
  for (const [l, t] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib']] as const) f[l] = { data: '', mode: 0o777, link: t };
  f['etc/os-release'] = file(`PRETTY_NAME="${pretty}"\nNAME="${id === 'debian' ? 'Debian GNU/Linux' : 'Ubuntu'}"\nVERSION_ID="${version}"\nVERSION_CODENAME=${codename}\nID=${id}\n`);
  if (id === 'debian') f['etc/debian_version'] = file('12.8\n');
  f['etc/passwd'] = file('root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  f['etc/group'] = file('root:x:0:\ndaemon:x:1:\nwww-data:x:33:\nnogroup:x:65534:\n');
  f['var/lib/dpkg/status'] = file('Package: base-files\nStatus: install ok installed\n\nPackage: bash\nStatus: install ok installed\n\nPackage: coreutils\nStatus: install ok installed\n');
  f['var/lib/apt/lists'] = dir();
  f['etc/apt/sources.list.d'] = dir();
  bins(f, 'usr/bin', ['bash', ...COMMON_BINS]);
  libs(f, 'usr/lib/x86_64-linux-gnu');
  f['usr/bin/apt-get'] = bin('apt-get');
  f['usr/bin/apt'] = bin('apt-get');
  return f;
}

interface Def {
  /** Repository on Docker Hub (`library/nginx`). */
  repo: string;
  tags: string[];
  created: number;
  /** Layers: files and the size they stand for, and the history line that made them. */
  layers: { files: () => Dict<LayerFile | null>; size: number; createdBy: string }[];
  /** Metadata-only history lines after the layers. */
  meta: string[];
  config: Partial<ImageConfig>;
}

const ALPINE = { files: () => alpineRootfs('3.20.3'), size: 7_800_000, createdBy: 'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit' };
const BOOKWORM_SLIM = { files: () => debianRootfs('debian', '12', 'bookworm', 'Debian GNU/Linux 12 (bookworm)'), size: 74_800_000, createdBy: '# debian.sh --arch amd64 out/ bookworm @1731888000' };

function nginxFiles(): Dict<LayerFile | null> {
  const f = dict<LayerFile | null>();
  f['usr/sbin/nginx'] = bin('nginx');
  f['etc/nginx/nginx.conf'] = file('user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    access_log  /var/log/nginx/access.log  main;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n');
  f['etc/nginx/conf.d/default.conf'] = file('server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n');
  f['usr/share/nginx/html/index.html'] = file(NGINX_INDEX);
  f['usr/share/nginx/html/50x.html'] = file('<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  f['docker-entrypoint.sh'] = file('#!/bin/sh\n# vim:sw=4:ts=4:et\nset -e\nexec "$@"\n', 0o775);
  f['var/log/nginx'] = dir();
  return f;
}


/** busybox's image: the multi-call binary and its links, and buildroot's users and groups. */
function busyboxRootfs(): Dict<LayerFile | null> {
  const f = skeleton();
  f['etc/passwd'] = file('root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  f['etc/group'] = file('root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65534:\n');
  f['bin/busybox'] = bin('busybox');
  bins(f, 'bin', COMMON_BINS, true);
  libs(f, 'lib/x86_64-linux-gnu');
  return f;
}

function simple(files: Record<string, LayerFile>): () => Dict<LayerFile | null> {
  return () => dict(Object.entries(files));
}

const DEFS: Def[] = [
  { repo: 'library/alpine', tags: ['latest', '3.20', '3.20.3', '3'], created: -65 * DAY, layers: [ALPINE], meta: ['CMD ["/bin/sh"]'], config: { Cmd: ['/bin/sh'] } },
  { repo: 'library/busybox', tags: ['latest', '1.37', '1.37.0', 'stable'], created: -420 * DAY, layers: [{ files: busyboxRootfs, size: 4_270_000, createdBy: 'BusyBox 1.37.0 (glibc), Debian 12' }], meta: ['CMD ["sh"]'], config: { Cmd: ['sh'] } },
  { repo: 'library/debian', tags: ['latest', 'bookworm', '12', 'bookworm-slim', '12-slim'], created: -3 * DAY - 40 * DAY, layers: [BOOKWORM_SLIM], meta: ['CMD ["bash"]'], config: { Cmd: ['bash'] } },
  { repo: 'library/ubuntu', tags: ['latest', '24.04', 'noble'], created: -50 * DAY, layers: [{ files: () => debianRootfs('ubuntu', '24.04', 'noble', 'Ubuntu 24.04.1 LTS'), size: 78_100_000, createdBy: 'ADD file:6df775300d76441aa33f31b22c1afce8dfe35c8ffbc14ef27c27009235b12a95 in / ' }], meta: ['CMD ["/bin/bash"]'], config: { Cmd: ['/bin/bash'] } },
  {
    repo: 'library/nginx', tags: ['latest', '1.27', '1.27.3', 'stable-bookworm', 'mainline'], created: -30 * DAY,
    layers: [BOOKWORM_SLIM, { files: nginxFiles, size: 117_000_000, createdBy: 'RUN /bin/sh -c set -x && groupadd --system --gid 101 nginx && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y nginx # buildkit' }],
    meta: ['ENV NGINX_VERSION=1.27.3', 'ENTRYPOINT ["/docker-entrypoint.sh"]', 'EXPOSE map[80/tcp:{}]', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx" "-g" "daemon off;"]'],
    config: { Env: [PATH_ENV, 'NGINX_VERSION=1.27.3'], Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: dict([['80/tcp', {}]]), StopSignal: 'SIGQUIT' },
  },
  {
    repo: 'library/nginx', tags: ['alpine', '1.27-alpine'], created: -30 * DAY,
    layers: [ALPINE, { files: nginxFiles, size: 40_800_000, createdBy: 'RUN /bin/sh -c set -x && addgroup -g 101 -S nginx && apk add --no-cache nginx # buildkit' }],
    meta: ['ENV NGINX_VERSION=1.27.3', 'ENTRYPOINT ["/docker-entrypoint.sh"]', 'EXPOSE map[80/tcp:{}]', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx" "-g" "daemon off;"]'],
    config: { Env: [PATH_ENV, 'NGINX_VERSION=1.27.3'], Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: dict([['80/tcp', {}]]), StopSignal: 'SIGQUIT' },
  },
  {
    repo: 'library/httpd', tags: ['latest', '2.4', '2.4.62'], created: -35 * DAY,
    layers: [BOOKWORM_SLIM, { files: simple({ 'usr/local/apache2/bin/httpd-foreground': bin('httpd'), 'usr/local/apache2/htdocs/index.html': file('<html><body><h1>It works!</h1></body></html>\n'), 'usr/local/apache2/conf/httpd.conf': file('ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n') }), size: 73_300_000, createdBy: 'RUN /bin/sh -c set -eux; apt-get install -y --no-install-recommends libapr1-dev libaprutil1-dev; make install # buildkit' }],
    meta: ['ENV HTTPD_VERSION=2.4.62', 'WORKDIR /usr/local/apache2', 'STOPSIGNAL SIGWINCH', 'EXPOSE map[80/tcp:{}]', 'CMD ["httpd-foreground"]'],
    config: { Env: ['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_VERSION=2.4.62'], WorkingDir: '/usr/local/apache2', Cmd: ['httpd-foreground'], ExposedPorts: dict([['80/tcp', {}]]), StopSignal: 'SIGWINCH' },
  },
  {
    repo: 'library/redis', tags: ['latest', '7', '7.4', '7.4.1'], created: -40 * DAY,
    layers: [BOOKWORM_SLIM, { files: simple({ 'usr/local/bin/redis-server': bin('redis-server'), 'usr/local/bin/redis-cli': bin('redis-cli'), 'data': dir() }), size: 42_600_000, createdBy: 'RUN /bin/sh -c set -eux; make -C /usr/src/redis -j "$(nproc)" all; make -C /usr/src/redis install # buildkit' }],
    meta: ['ENV REDIS_VERSION=7.4.1', 'WORKDIR /data', 'EXPOSE map[6379/tcp:{}]', 'CMD ["redis-server"]'],
    config: { Env: [PATH_ENV, 'REDIS_VERSION=7.4.1'], WorkingDir: '/data', Cmd: ['redis-server'], ExposedPorts: dict([['6379/tcp', {}]]) },
  },
  {
    repo: 'library/python', tags: ['latest', '3.12', '3.12-slim', '3.12.7-slim', 'slim'], created: -20 * DAY,
    layers: [BOOKWORM_SLIM, { files: simple({ 'usr/local/bin/python3': bin('python3'), 'usr/local/bin/python': bin('python3'), 'usr/local/bin/pip': bin('pip'), 'usr/local/bin/pip3': bin('pip'), 'usr/local/lib/python3.12/site-packages/README.txt': file('This directory exists so that 3rd party packages can be installed here.\n') }), size: 49_500_000, createdBy: 'RUN /bin/sh -c set -eux; ./configure --enable-optimizations; make -j "$(nproc)"; make install # buildkit' }],
    meta: ['ENV LANG=C.UTF-8', 'ENV PYTHON_VERSION=3.12.7', 'CMD ["python3"]'],
    config: { Env: [PATH_ENV, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.12.7'], Cmd: ['python3'] },
  },
  {
    repo: 'library/node', tags: ['latest', '22', '22-slim', 'lts', '22.11.0'], created: -15 * DAY,
    layers: [BOOKWORM_SLIM, { files: simple({ 'usr/local/bin/node': bin('node'), 'usr/local/bin/npm': bin('npm'), 'usr/local/bin/docker-entrypoint.sh': file('#!/bin/sh\nset -e\nexec "$@"\n', 0o755) }), size: 125_000_000, createdBy: 'RUN /bin/sh -c ARCH= && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz" # buildkit' }],
    meta: ['ENV NODE_VERSION=22.11.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
    config: { Env: [PATH_ENV, 'NODE_VERSION=22.11.0'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] },
  },
  {
    repo: 'library/node', tags: ['22-alpine', 'alpine', 'lts-alpine'], created: -15 * DAY,
    layers: [ALPINE, { files: simple({ 'usr/local/bin/node': bin('node'), 'usr/local/bin/npm': bin('npm'), 'usr/local/bin/docker-entrypoint.sh': file('#!/bin/sh\nset -e\nexec "$@"\n', 0o755) }), size: 147_000_000, createdBy: 'RUN /bin/sh -c addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node # buildkit' }],
    meta: ['ENV NODE_VERSION=22.11.0', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node"]'],
    config: { Env: [PATH_ENV, 'NODE_VERSION=22.11.0'], Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] },
  },
  {
    repo: 'polinux/stress', tags: ['latest', '1.0.4'], created: -2100 * DAY,
    layers: [{ files: () => alpineRootfs('3.8.0'), size: 4_410_000, createdBy: 'ADD file:25c10b1d1b41d46a1827ad0b0d2389c24df6d31430005ff4e9a2d84ea23ebd42 in / ' }, { files: simple({ 'usr/bin/stress': bin('stress') }), size: 5_330_000, createdBy: '/bin/sh -c apk add --update bash g++ make curl && curl -o /tmp/stress-${STRESS_VERSION}.tgz https://fossies.org/linux/privat/stress-${STRESS_VERSION}.tar.gz && make install' }],
    meta: ['CMD ["/usr/bin/stress" "--verbose" "--vm" "1" "--vm-bytes" "128M" "--timeout" "60s"]'],
    config: { Cmd: ['/usr/bin/stress', '--verbose', '--vm', '1', '--vm-bytes', '128M', '--timeout', '60s'] },
  },
];

/** Finds the definition for `repo:tag` on Docker Hub. */
function findDef(repo: string, tag: string): Def | undefined {
  return DEFS.find((d) => d.repo === repo && d.tags.includes(tag));
}

export function hubHasRepo(repo: string): boolean {
  return DEFS.some((d) => d.repo === repo);
}

/**
 * The root filesystem and config of `repo:tag` without storing the image: for Kubernetes
 * nodes, whose runtime keeps no docker image store. A tag the library does not model takes
 * the repository's image of the same flavour (alpine or not).
 */
export function hubRootfs(repo: string, tag: string): { files: Dict<LayerFile>; config: ImageConfig } | undefined {
  const def = findDef(repo, tag) ?? DEFS.find((d) => d.repo === repo && d.tags.some((t) => t.includes('alpine')) === tag.includes('alpine')) ?? DEFS.find((d) => d.repo === repo);
  if (!def) return undefined;
  return { files: union(def.layers.map((l) => l.files())), config: configOf(def) };
}

function configOf(def: Def): ImageConfig {
  return { Env: [PATH_ENV], WorkingDir: '', User: '', ExposedPorts: dict(), Labels: dict(), ...def.config };
}

/** Builds (once) the remote image for `repo:tag`; undefined when Docker Hub has no such tag. */
export function hubImage(world: World, repo: string, tag: string): Image | undefined {
  const def = findDef(repo, tag);
  if (!def) return undefined;
  const history: HistoryEntry[] = [];
  const layers: string[] = [];
  for (const l of def.layers) {
    // A base layer's digest names the release it stands for (the line that made it and its
    // size), not its simulated files: those hold a stub per program the engine implements,
    // so hashing them would change every base image's digests whenever a program is added.
    const d = addLayer(world, l.files(), l.size, `${l.createdBy}|${l.size}`);
    layers.push(d);
    history.push({ created: def.created, createdBy: l.createdBy, layer: d, comment: l.createdBy.endsWith('# buildkit') ? 'buildkit.dockerfile.v0' : undefined });
  }
  for (const m of def.meta) history.push({ created: def.created, createdBy: m, emptyLayer: true, comment: 'buildkit.dockerfile.v0' });
  return storeImage(world, { layers, history, config: configOf(def), created: def.created }, 'remote');
}
