/**
 * Package managers inside images: `apk add` (Alpine) and `apt-get install` (Debian,
 * Ubuntu). Installing writes the package's files, so the RUN layer really holds them and
 * `docker history` shows the size it added. Debian images ship without package lists, so
 * `apt-get install` before `apt-get update` fails the way it does on a real image.
 */
import { binaryContent } from '../kernel/binaries.ts';
import * as sys from '../kernel/syscalls.ts';
import { getProgram } from '../shell/registry.ts';
import type { CommandContext, Program } from '../shell/types.ts';

interface Pkg {
  version: string;
  /** Installed size in bytes (what the layer grows by). */
  size: number;
  bins: string[];
  deps?: string[];
}

const CATALOGUE: Record<string, Pkg> = {
  curl: { version: '8.11.0-r2', size: 4_200_000, bins: ['curl'], deps: ['ca-certificates', 'libcurl'] },
  libcurl: { version: '8.11.0-r2', size: 1_100_000, bins: [] },
  'ca-certificates': { version: '20240705-r0', size: 700_000, bins: [] },
  wget: { version: '1.24.5-r0', size: 1_000_000, bins: ['wget'] },
  bash: { version: '5.2.26-r0', size: 1_400_000, bins: ['bash'] },
  git: { version: '2.45.2-r0', size: 16_000_000, bins: ['git'] },
  python3: { version: '3.12.8-r1', size: 45_000_000, bins: ['python3'] },
  nodejs: { version: '20.15.1-r0', size: 42_000_000, bins: ['node'] },
  npm: { version: '10.9.1-r0', size: 9_000_000, bins: ['npm'] },
  vim: { version: '9.1.0707-r0', size: 18_000_000, bins: ['vim'] },
  jq: { version: '1.7.1-r0', size: 600_000, bins: ['jq'] },
  procps: { version: '4.0.4-r0', size: 900_000, bins: ['ps', 'top', 'free'] },
  iproute2: { version: '6.9.0-r0', size: 2_300_000, bins: ['ip'] },
  iputils: { version: '20240130-r0', size: 300_000, bins: ['ping'] },
  'iputils-ping': { version: '3:20221126-1', size: 300_000, bins: ['ping'] },
  nginx: { version: '1.26.2-r0', size: 2_700_000, bins: ['nginx'] },
  stress: { version: '1.0.7-r0', size: 100_000, bins: ['stress'] },
  'stress-ng': { version: '0.18.06-r0', size: 4_000_000, bins: ['stress'] },
  htop: { version: '3.3.0-r0', size: 500_000, bins: ['htop'] },
  tzdata: { version: '2024b-r1', size: 1_500_000, bins: [] },
  'build-essential': { version: '12.9', size: 230_000_000, bins: ['gcc', 'make'] },
  gcc: { version: '13.2.1-r0', size: 120_000_000, bins: ['gcc'] },
  make: { version: '4.4.1-r2', size: 300_000, bins: ['make'] },
};

/** Resolves names with their dependencies; returns the unknown ones separately. */
function resolve(names: string[]): { pkgs: string[]; unknown: string[] } {
  const pkgs: string[] = [];
  const unknown: string[] = [];
  const visit = (n: string) => {
    if (pkgs.includes(n)) return;
    const p = Object.prototype.hasOwnProperty.call(CATALOGUE, n) ? CATALOGUE[n] : undefined;
    if (!p) {
      unknown.push(n);
      return;
    }
    for (const d of p.deps ?? []) visit(d);
    pkgs.push(n);
  };
  for (const n of names) visit(n);
  return { pkgs, unknown };
}

/** Writes a package's files: its binaries (markers for programs the engine has) and a payload standing for the rest. */
function install(ctx: CommandContext, name: string, dbFile: string, dbEntry: string): void {
  const p = CATALOGUE[name]!;
  for (const b of p.bins) {
    const content = getProgram(b) ? binaryContent(b) : `\x7fELF\x02\x01\x01 ${name} (not simulated)\n`;
    sys.mkdirp(ctx.world, ctx.proc, '/usr/bin');
    sys.writeFile(ctx.world, ctx.proc, `/usr/bin/${b}`, content, false, 0o755);
  }
  // The payload is small text; the size it stands for is recorded for `docker history`.
  sys.mkdirp(ctx.world, ctx.proc, `/usr/share/doc/${name}`);
  sys.writeFile(ctx.world, ctx.proc, `/usr/share/doc/${name}/installed-size`, `${p.size}\n`);
  sys.writeFile(ctx.world, ctx.proc, dbFile, dbEntry, true);
}

/** Bytes a layer's package payloads stand for (see installed-size files). */
export function packagePayload(files: Record<string, { data: string } | null>): number {
  let n = 0;
  for (const [path, f] of Object.entries(files)) if (f && /usr\/share\/doc\/[^/]+\/installed-size$/.test(path)) n += Number(f.data.trim()) || 0;
  return n;
}

export const apk: Program = {
  name: 'apk',
  summary: 'Alpine Package Keeper',
  path: '/sbin/apk',
  run(ctx) {
    const [sub, ...rest] = ctx.args;
    const names = rest.filter((a) => !a.startsWith('-'));
    if (sub === 'update') {
      ctx.stdout.write('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\nv3.20.3-224-g3d1bb4ddf3b [https://dl-cdn.alpinelinux.org/alpine/v3.20/main]\nv3.20.3-225-ga8ed7e9226c [https://dl-cdn.alpinelinux.org/alpine/v3.20/community]\nOK: 24166 distinct packages available\n');
      return 0;
    }
    if (sub !== 'add' && sub !== 'del') {
      ctx.stderr.write('apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n');
      return 1;
    }
    if (ctx.proc.uid !== 0) {
      ctx.stderr.write('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
      return 99;
    }
    if (sub === 'del') {
      ctx.stdout.write(`OK: 7 MiB in 14 packages\n`);
      return 0;
    }
    const { pkgs, unknown } = resolve(names);
    if (unknown.length) {
      ctx.stdout.write('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n');
      ctx.stderr.write(`ERROR: unable to select packages:\n${unknown.map((u) => `  ${u} (no such package):\n    required by: world[${u}]\n`).join('')}`);
      return unknown.length;
    }
    ctx.stdout.write('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n');
    pkgs.forEach((n, i) => {
      ctx.stdout.write(`(${i + 1}/${pkgs.length}) Installing ${n} (${CATALOGUE[n]!.version})\n`);
      install(ctx, n, '/lib/apk/db/installed', `P:${n}\nV:${CATALOGUE[n]!.version}\n`);
    });
    const total = pkgs.reduce((s, n) => s + CATALOGUE[n]!.size, 0);
    ctx.stdout.write(`Executing busybox-1.36.1-r29.trigger\nOK: ${Math.round((7_800_000 + total) / 1048576)} MiB in ${14 + pkgs.length} packages\n`);
    return 0;
  },
};

export const aptGet: Program = {
  name: 'apt-get',
  summary: 'APT package handling utility',
  run(ctx) {
    const args = ctx.args.filter((a) => !a.startsWith('-'));
    const sub = args[0];
    if (ctx.proc.uid !== 0) {
      ctx.stderr.write('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
      return 100;
    }
    if (sub === 'update') {
      ctx.stdout.write('Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\nGet:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]\nGet:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]\nGet:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]\nFetched 9047 kB in 1s (6981 kB/s)\nReading package lists...\n');
      sys.writeFile(ctx.world, ctx.proc, '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4', 'Package: curl\nPackage: git\n');
      return 0;
    }
    if (sub === 'clean') return 0;
    if (sub !== 'install') {
      ctx.stderr.write(`E: Invalid operation ${sub ?? ''}\n`);
      return 100;
    }
    const names = args.slice(1);
    ctx.stdout.write('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
    let lists: string[] = [];
    try {
      lists = sys.readdir(ctx.world, ctx.proc, '/var/lib/apt/lists').filter((f) => f.endsWith('Packages.lz4'));
    } catch {
      lists = [];
    }
    const { pkgs, unknown } = resolve(names);
    const missing = lists.length === 0 ? names : unknown;
    if (missing.length) {
      ctx.stderr.write(`E: Unable to locate package ${missing[0]}\n`);
      return 100;
    }
    ctx.stdout.write(`The following NEW packages will be installed:\n  ${pkgs.join(' ')}\n0 upgraded, ${pkgs.length} newly installed, 0 to remove and 0 not upgraded.\n`);
    for (const n of pkgs) {
      ctx.stdout.write(`Setting up ${n} (${CATALOGUE[n]!.version}) ...\n`);
      install(ctx, n, '/var/lib/dpkg/status', `\nPackage: ${n}\nStatus: install ok installed\nVersion: ${CATALOGUE[n]!.version}\n`);
    }
    return 0;
  },
};
