/** util-linux mount(8), umount(8) and findmnt(8) over the caller's mount namespace. */
import { isSysError } from '../../kernel/errors.ts';
import { mount as doMount, mountsFor, umount as doUmount, type MountView } from '../../kernel/mounts.ts';
import { capable } from '../../kernel/namespaces.ts';
import * as sys from '../../kernel/syscalls.ts';
import { visiblePath } from '../../kernel/vfs.ts';
import type { CommandContext, Program } from '../types.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

const MOUNT_HELP = `
Usage:
 mount [-lhV]
 mount -a [options]
 mount [options] [--source] <source> | [--target] <directory>
 mount [options] <source> <directory>
 mount <operation> <mountpoint> [<target>]

Mount a filesystem.

Options:
 -a, --all               mount all filesystems mentioned in fstab
 -n, --no-mtab           don't write to /etc/mtab
 -o, --options <list>    comma-separated list of mount options
 -r, --read-only         mount the filesystem read-only (same as -o ro)
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done

Operations:
 -B, --bind              mount a subtree somewhere else (same as -o bind)
 -M, --move              move a subtree to some other place
 -R, --rbind             mount a subtree and all submounts somewhere else
 --make-shared           mark a subtree as shared
 --make-slave            mark a subtree as slave
 --make-private          mark a subtree as private
 --make-unbindable       mark a subtree as unbindable
 --make-rshared          recursively mark a whole subtree as shared
 --make-rslave           recursively mark a whole subtree as slave
 --make-rprivate         recursively mark a whole subtree as private
 --make-runbindable      recursively mark a whole subtree as unbindable

 -h, --help              display this help
 -V, --version           display version

For more details see mount(8).
`;

function listMounts(ctx: CommandContext, type?: string): void {
  for (const v of mountsFor(ctx.world, ctx.proc)) {
    if (type && v.fstype !== type) continue;
    ctx.stdout.write(`${v.source} on ${v.target} type ${v.fstype} (${v.options})\n`);
  }
}

export const mount: Program = {
  name: 'mount',
  summary: 'mount a filesystem',
  run(ctx) {
    if (wantsHelp(ctx, MOUNT_HELP)) return 0;
    const p = parseArgs('mount', ctx.args, {
      short: 'anrvBMRlhV',
      shortValue: 'ot',
      long: { all: 'a', 'no-mtab': 'n', 'read-only': 'r', verbose: 'v', bind: 'B', move: 'M', rbind: 'R', 'make-shared': 'P', 'make-slave': 'P', 'make-private': 'P', 'make-unbindable': 'P', 'make-rshared': 'P', 'make-rslave': 'P', 'make-rprivate': 'P', 'make-runbindable': 'P' },
      longValue: { options: 'o', types: 't', source: 's', target: 'T' },
    });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const ops = [...p.operands];
    if (p.values.has('s')) ops.unshift(p.values.get('s')!);
    if (p.values.has('T')) ops.push(p.values.get('T')!);
    if (ops.length === 0 && !p.flags.has('P')) {
      listMounts(ctx, p.values.get('t'));
      return 0;
    }
    const options = (p.values.get('o') ?? '').split(',').filter(Boolean);
    const bind = p.flags.has('B') || p.flags.has('R') || options.includes('bind') || options.includes('rbind');
    const target = ops.length === 1 ? ops[0]! : ops[1];
    if (!capable(ctx.world, ctx.proc, ctx.proc.ns.mnt)) {
      ctx.stderr.write(`mount: ${target ?? ops[0]}: must be superuser to use mount.\n`);
      return 32;
    }
    // Propagation changes and remounts are accepted; the simulation has no propagation between namespaces.
    if (p.flags.has('P') || options.includes('remount')) {
      if (ops.length === 0) return usageError(ctx, 'mount: bad usage', 1);
      if (!sys.exists(ctx.world, ctx.proc, ops[0]!)) {
        ctx.stderr.write(`mount: ${ops[0]}: mount point does not exist.\n`);
        return 32;
      }
      return 0;
    }
    if (ops.length < 2) {
      const known = mountsFor(ctx.world, ctx.proc).some((m) => m.target === ops[0]);
      ctx.stderr.write(known ? `mount: ${ops[0]}: already mounted.\n` : `mount: ${ops[0]}: can't find in /etc/fstab.\n`);
      return known ? 32 : 1;
    }
    const [source, dir] = ops as [string, string];
    const fstype = p.values.get('t') ?? (bind ? undefined : source === 'proc' ? 'proc' : source === 'tmpfs' ? 'tmpfs' : source === 'cgroup2' ? 'cgroup2' : source === 'sysfs' ? 'sysfs' : undefined);
    if (!sys.exists(ctx.world, ctx.proc, dir)) {
      ctx.stderr.write(`mount: ${dir}: mount point does not exist.\n`);
      return 32;
    }
    if (!bind && fstype === undefined) {
      ctx.stderr.write(sys.exists(ctx.world, ctx.proc, source) ? `mount: ${dir}: ${source} is not a block device.\n` : `mount: ${dir}: special device ${source} does not exist.\n`);
      return 32;
    }
    if (bind && !sys.exists(ctx.world, ctx.proc, source)) {
      ctx.stderr.write(`mount: ${dir}: special device ${source} does not exist.\n`);
      return 32;
    }
    try {
      doMount(ctx.world, ctx.proc, { source, target: dir, fstype, options: options.filter((o) => !['bind', 'rbind', 'defaults'].includes(o)).join(','), bind, recursive: p.flags.has('R') || options.includes('rbind') });
    } catch (e) {
      if (!isSysError(e)) throw e;
      if (e.errno === 'ENODEV') ctx.stderr.write(`mount: ${dir}: unknown filesystem type '${fstype}'.\n`);
      else if (e.errno === 'ENOTDIR') ctx.stderr.write(`mount: ${dir}: mount point is not a directory.\n`);
      else ctx.stderr.write(`mount: ${dir}: ${e.message}.\n`);
      return 32;
    }
    if (p.flags.has('v')) ctx.stdout.write(`mount: ${source} mounted on ${dir}.\n`);
    return 0;
  },
};

export const umount: Program = {
  name: 'umount',
  summary: 'unmount filesystems',
  run(ctx) {
    if (wantsHelp(ctx, '\nUsage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>\n\nUnmount filesystems.\n\nOptions:\n -a, --all               unmount all filesystems\n -f, --force             force unmount (in case of an unreachable NFS system)\n -l, --lazy              detach the filesystem now, clean up things later\n -R, --recursive         recursively unmount a target with all its children\n -v, --verbose           say what is being done\n\n -h, --help              display this help\n -V, --version           display version\n\nFor more details see umount(8).\n')) return 0;
    const p = parseArgs('umount', ctx.args, { short: 'aflRvn', long: { all: 'a', force: 'f', lazy: 'l', recursive: 'R', verbose: 'v', 'no-mtab': 'n' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length === 0) return usageError(ctx, 'umount: bad usage', 1);
    let status = 0;
    for (const t of p.operands) {
      if (!capable(ctx.world, ctx.proc, ctx.proc.ns.mnt)) {
        ctx.stderr.write(`umount: ${t}: must be superuser to unmount.\n`);
        status = 32;
        continue;
      }
      // A mount source (`umount proc`) names the newest mount of it.
      let target = t;
      if (!t.startsWith('/') && !sys.exists(ctx.world, ctx.proc, t)) {
        const bySource = mountsFor(ctx.world, ctx.proc).filter((m) => m.source === t).pop();
        if (bySource) target = bySource.target;
      }
      try {
        doUmount(ctx.world, ctx.proc, target, p.flags.has('l') || p.flags.has('R'));
        if (p.flags.has('v')) ctx.stdout.write(`umount: ${t} unmounted\n`);
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (e.errno === 'ENOENT') ctx.stderr.write(`umount: ${t}: no mount point specified.\n`);
        else if (e.errno === 'EINVAL') ctx.stderr.write(`umount: ${t}: not mounted.\n`);
        else if (e.errno === 'EBUSY') ctx.stderr.write(`umount: ${t}: target is busy.\n`);
        else ctx.stderr.write(`umount: ${t}: ${e.message}.\n`);
        status = 32;
      }
    }
    return status;
  },
};

const FINDMNT_COLS: Record<string, (v: MountView) => string> = {
  TARGET: (v) => v.target,
  SOURCE: (v) => v.source,
  FSTYPE: (v) => v.fstype,
  OPTIONS: (v) => v.options,
  PROPAGATION: () => 'private',
  ID: (v) => String(v.id),
};

export const findmnt: Program = {
  name: 'findmnt',
  summary: 'find a filesystem',
  run(ctx) {
    if (wantsHelp(ctx, '\nUsage:\n findmnt [options]\n findmnt [options] <device> | <mountpoint>\n findmnt [options] <device> <mountpoint>\n findmnt [options] [--source <device>] [--target <path> | --mountpoint <dir>]\n\nFind a (mounted) filesystem.\n\nOptions:\n -l, --list             use list format output\n -n, --noheadings       don\'t print column headings\n -o, --output <list>    the output columns to be shown\n -t, --types <list>     limit the set of filesystems by FS types\n -T, --target <path>    the path to the filesystem to use\n -M, --mountpoint <dir> the mountpoint directory\n -S, --source <string>  the device to mount (by name, maj:min,\n                          LABEL=, UUID=, PARTUUID=, PARTLABEL=)\n\n -h, --help             display this help\n\nFor more details see findmnt(8).\n')) return 0;
    const p = parseArgs('findmnt', ctx.args, { short: 'lnrDkAu', shortValue: 'otTMSN', long: { list: 'l', noheadings: 'n', raw: 'r', kernel: 'k', all: 'A', notruncate: 'u', real: 'R', pseudo: 'Q' }, longValue: { output: 'o', types: 't', target: 'T', mountpoint: 'M', source: 'S', task: 'N' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    let views = mountsFor(ctx.world, ctx.proc);
    const types = p.values.get('t')?.split(',');
    if (types) views = views.filter((v) => types.includes(v.fstype));
    const want = p.values.get('M') ?? p.values.get('T') ?? p.operands[0];
    const source = p.values.get('S');
    let list = p.flags.has('l') || p.flags.has('r') || types !== undefined;
    if (source) {
      views = views.filter((v) => v.source === source);
      list = true;
    }
    if (want !== undefined) {
      // A path that is not itself a mount point finds nothing unless -T (which finds its filesystem).
      const vis = (() => {
        try {
          return visiblePath(ctx.proc, sys.stat(ctx.world, ctx.proc, want).path);
        } catch {
          return want;
        }
      })();
      if (p.values.has('T')) {
        const best = views.filter((v) => vis === v.target || vis.startsWith(v.target === '/' ? '/' : v.target + '/')).sort((a, b) => b.target.length - a.target.length)[0];
        views = best ? [best] : [];
      } else views = views.filter((v) => v.target === vis || v.source === want);
      views = views.slice(-1);
      list = true;
    }
    if (views.length === 0) return 1;
    const cols = (p.values.get('o') ?? 'TARGET,SOURCE,FSTYPE,OPTIONS').split(',').map((c) => c.toUpperCase());
    for (const c of cols) if (!FINDMNT_COLS[c]) {
      ctx.stderr.write(`findmnt: unknown column: ${c}\n`);
      return 1;
    }
    const rows: string[][] = [];
    if (list) for (const v of views) rows.push(cols.map((c) => FINDMNT_COLS[c]!(v)));
    else {
      // Tree: children under their parent mount, drawn with ├─ └─ │.
      const kids = (id: number) => views.filter((v) => v.parent === id && v.id !== id);
      const root = views.find((v) => v.target === '/') ?? views[0]!;
      const walk = (v: MountView, prefix: string, last: boolean, top: boolean): void => {
        const branch = top ? '' : prefix + (last ? '└─' : '├─');
        rows.push(cols.map((c, i) => (i === 0 ? branch + FINDMNT_COLS[c]!(v) : FINDMNT_COLS[c]!(v))));
        const children = kids(v.id);
        children.forEach((k, i) => walk(k, top ? '' : prefix + (last ? '  ' : '│ '), i === children.length - 1, false));
      };
      walk(root, '', true, true);
    }
    const all = p.flags.has('n') ? rows : [cols, ...rows];
    const width = (s: string) => [...s].length;
    const w = cols.map((_, i) => Math.max(...all.map((r) => width(r[i]!))));
    const raw = p.flags.has('r');
    for (const r of all) ctx.stdout.write(r.map((c, i) => (raw || i === r.length - 1 ? c : c + ' '.repeat(w[i]! - width(c)))).join(' ') + '\n');
    return 0;
  },
};
