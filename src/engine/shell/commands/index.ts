/** The base system's programs (coreutils, util-linux, procps, iproute2 and friends), installed in every world. */
import type { Program } from '../types.ts';
import { base64 } from './base64.ts';
import { sha256sum } from './sha256sum.ts';
import { cat } from './cat.ts';
import { breakout, chroot, pivotRootProgram } from './chroot.ts';
import { cp, mv } from './cp-mv.ts';
import { cut, tr } from './cut-tr.ts';
import { dd } from './dd.ts';
import { chmod, chown, ln, readlink, realpath, rmdir, stat, touch } from './files.ts';
import { find } from './find.ts';
import { grep } from './grep.ts';
import { head, tail } from './head-tail.ts';
import { groups, id, su, sudo, whoami } from './identity.ts';
import { ip, ping } from './ip.ts';
import { ls } from './ls.ts';
import { clear, falseProgram, sleep, trueProgram } from './misc.ts';
import { mkdir } from './mkdir.ts';
import { findmnt, mount, umount } from './mount.ts';
import { lsns, nsenter, unshare } from './namespaces.ts';
import { ps } from './ps.ts';
import { rm } from './rm.ts';
import { sed } from './sed.ts';
import { bash, sh } from './shell-programs.ts';
import { basename, dirname, echoProgram, nproc, printfProgram, seq, tee } from './small.ts';
import { sort, uniq } from './sort.ts';
import { date, df, du, env, free, hostname, ldd, uname, which } from './sysinfo.ts';
import { tar } from './tar.ts';
import { wc } from './wc.ts';
import { memhog, stress, top } from './workloads.ts';
import { xargs } from './xargs.ts';
import { yes } from './yes.ts';

/** Programs whose binaries live in /usr/sbin, as on Debian. */
const SBIN = new Set(['chroot', 'pivot_root']);
const withPath = (p: Program): Program => (p.path || !SBIN.has(p.name) ? p : { ...p, path: `/usr/sbin/${p.name}` });

export const CORE_PROGRAMS: readonly Program[] = [
  bash, sh, cat, ls, mkdir, rm, clear, sleep, trueProgram, falseProgram,
  cp, mv, ln, touch, rmdir, stat, chmod, chown, readlink, realpath,
  head, tail, wc, grep, sed, sort, uniq, cut, tr, tee, seq, basename, dirname, echoProgram, printfProgram, nproc, yes, base64, sha256sum, dd,
  find, tar, xargs,
  id, whoami, groups, sudo, su, hostname, uname, date, env, which, ldd, df, du, free,
  ps, top, stress, memhog,
  chroot, pivotRootProgram, breakout, unshare, nsenter, lsns, mount, umount, findmnt, ip, ping,
].map((p) => (p.name === 'unshare' || p.name === 'nsenter' ? p : withPath(p)));
