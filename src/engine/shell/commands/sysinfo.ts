/** The host and its resources: hostname, uname, date, env, which, ldd, df, du, free. */
import { clockDate } from '../../clock.ts';
import { memoryCurrent, MEM_TOTAL } from '../../kernel/cgroup.ts';
import { isSysError, strerror } from '../../kernel/errors.ts';
import { librariesOf, loadAddress } from '../../kernel/libraries.ts';
import { capable } from '../../kernel/namespaces.ts';
import { mountsFor } from '../../kernel/mounts.ts';
import { programOf } from '../../kernel/binaries.ts';
import { KERNEL_RELEASE, KERNEL_VERSION } from '../../kernel/procfs.ts';
import * as sys from '../../kernel/syscalls.ts';
import { LIMITS } from '../../limits.ts';
import { dict } from '../../util/dict.ts';
import type { Program } from '../types.ts';
import { fileSize } from './ls.ts';
import { parseArgs, usageError, wantsHelp } from './util.ts';

const HOSTNAME_USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

export const hostname: Program = {
  name: 'hostname',
  summary: 'show or set the system host name',
  run(ctx) {
    const p = parseArgs('hostname', ctx.args, { short: 'aAbdfhiIsyV', shortValue: 'F', long: { alias: 'a', 'all-fqdns': 'A', boot: 'b', domain: 'd', fqdn: 'f', long: 'f', help: 'h', 'ip-address': 'i', 'all-ip-addresses': 'I', short: 's', version: 'V' }, longValue: { file: 'F' } });
    if ('error' in p) {
      ctx.stderr.write(`${p.error.replace(/^hostname: unrecognized option/, 'hostname: unrecognized option')}\n${HOSTNAME_USAGE}`);
      return 255;
    }
    if (p.flags.has('h')) {
      ctx.stdout.write(HOSTNAME_USAGE);
      return 0;
    }
    const names = ctx.world.state.hostnames;
    const uts = ctx.proc.ns.uts;
    let newName = p.operands[0];
    if (p.values.has('F')) {
      try {
        newName = sys.readFile(ctx.world, ctx.proc, p.values.get('F')!).split('\n').find((l) => l.trim() && !l.startsWith('#'))?.trim();
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`hostname: ${p.values.get('F')}: ${strerror(e)}\n`);
        return 1;
      }
    }
    if (newName !== undefined) {
      if (!capable(ctx.world, ctx.proc, uts)) {
        ctx.stderr.write('hostname: you must be root to change the host name\n');
        return 1;
      }
      if (newName.length > 64 || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(newName)) {
        ctx.stderr.write(newName.length > 64 ? 'hostname: name too long\n' : 'hostname: the specified hostname is invalid\n');
        return 1;
      }
      names[uts] = newName;
      return 0;
    }
    const name = names[uts] ?? 'localhost';
    if (p.flags.has('I') || p.flags.has('i')) {
      const net = ctx.world.state.ext.linux?.net[ctx.proc.ns.net];
      const addrs = net?.links.filter((l) => l.type !== 'loopback' && l.up).flatMap((l) => l.addrs.map((a) => a.split('/')[0]!)) ?? [];
      ctx.stdout.write(p.flags.has('i') ? '127.0.1.1\n' : addrs.map((a) => a + ' ').join('') + '\n');
      return 0;
    }
    ctx.stdout.write((p.flags.has('s') ? name.split('.')[0] : name) + '\n');
    return 0;
  },
};

export const uname: Program = {
  name: 'uname',
  summary: 'print system information',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: uname [OPTION]...\nPrint certain system information.  With no OPTION, same as -s.\n\n  -a, --all                print all information, in the following order,\n                             except omit -p and -i if unknown:\n  -s, --kernel-name        print the kernel name\n  -n, --nodename           print the network node hostname\n  -r, --kernel-release     print the kernel release\n  -v, --kernel-version     print the kernel version\n  -m, --machine            print the machine hardware name\n  -p, --processor          print the processor type (non-portable)\n  -i, --hardware-platform  print the hardware platform (non-portable)\n  -o, --operating-system   print the operating system\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('uname', ctx.args, { short: 'asnrvmpio', long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length) return usageError(ctx, `uname: extra operand ‘${p.operands[0]}’`, 1);
    const f = p.flags;
    const all = f.has('a');
    const fields: string[] = [];
    if (all || f.has('s') || f.size === 0) fields.push('Linux');
    if (all || f.has('n')) fields.push(ctx.world.state.hostnames[ctx.proc.ns.uts] ?? 'localhost');
    if (all || f.has('r')) fields.push(KERNEL_RELEASE);
    if (all || f.has('v')) fields.push(KERNEL_VERSION);
    if (all || f.has('m')) fields.push('x86_64');
    if (f.has('p')) fields.push('unknown');
    if (f.has('i')) fields.push('unknown');
    if (all || f.has('o')) fields.push('GNU/Linux');
    ctx.stdout.write(fields.join(' ') + '\n');
    return 0;
  },
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const date: Program = {
  name: 'date',
  summary: 'print or set the system date and time',
  run(ctx) {
    if (wantsHelp(ctx, "Usage: date [OPTION]... [+FORMAT]\nDisplay the current time in the given FORMAT.\n\n  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.\n  -R, --rfc-email            output date and time in RFC 5322 format.\n  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)\n      --help        display this help and exit\n")) return 0;
    const args = ctx.args.filter((a) => !a.startsWith('+'));
    const p = parseArgs('date', args, { short: 'uRI', long: { utc: 'u', universal: 'u', 'rfc-email': 'R', 'iso-8601': 'I' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    if (p.operands.length) {
      ctx.stderr.write(`date: cannot set date: Operation not permitted\n`);
      return 1;
    }
    const d = clockDate(ctx.world.state.clock);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const fmt = ctx.args.find((a) => a.startsWith('+'));
    const map: Record<string, string> = {
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()), M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()),
      s: String(Math.floor(d.getTime() / 1000)), a: DAYS[d.getUTCDay()]!, b: MONTHS[d.getUTCMonth()]!, e: String(d.getUTCDate()).padStart(2), Z: 'UTC', z: '+0000', N: pad(d.getUTCMilliseconds() * 1_000_000, 9), '%': '%', n: '\n', T: '', F: '', D: '',
    };
    map.T = `${map.H}:${map.M}:${map.S}`;
    map.F = `${map.Y}-${map.m}-${map.d}`;
    map.D = `${map.m}/${map.d}/${map.Y!.slice(2)}`;
    if (fmt) ctx.stdout.write(fmt.slice(1).replace(/%(.)/g, (m, c: string) => map[c] ?? m) + '\n');
    else if (p.flags.has('R')) ctx.stdout.write(`${map.a}, ${map.d} ${map.b} ${map.Y} ${map.T} +0000\n`);
    else if (p.flags.has('I')) ctx.stdout.write(`${map.F}\n`);
    else ctx.stdout.write(`${map.a} ${map.b} ${map.e} ${map.T} UTC ${map.Y}\n`);
    return 0;
  },
};

export const env: Program = {
  name: 'env',
  summary: 'run a program in a modified environment',
  async run(ctx) {
    if (wantsHelp(ctx, 'Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\nSet each NAME to VALUE in the environment and run COMMAND.\n\n  -i, --ignore-environment  start with an empty environment\n  -u, --unset=NAME     remove variable from the environment\n  -C, --chdir=DIR      change working directory to DIR\n      --help        display this help and exit\n\nA mere - implies -i.  If no COMMAND, print the resulting environment.\n')) return 0;
    const args = [...ctx.args];
    let clear = false;
    const unset: string[] = [];
    while (args[0]?.startsWith('-') && args[0] !== '--') {
      const a = args.shift()!;
      if (a === '-' || a === '-i' || a === '--ignore-environment') clear = true;
      else if (a === '-u') unset.push(args.shift() ?? '');
      else if (a.startsWith('-u')) unset.push(a.slice(2));
      else if (a.startsWith('--unset=')) unset.push(a.slice(8));
      else {
        ctx.stderr.write(`${a.startsWith('--') ? `env: unrecognized option '${a}'` : `env: invalid option -- '${a[1]}'`}\nTry 'env --help' for more information.\n`);
        return 125;
      }
    }
    if (args[0] === '--') args.shift();
    const vars = dict<string>(clear ? [] : Object.entries(ctx.proc.env));
    for (const u of unset) delete vars[u];
    while (args[0] && /^[^=]+=/.test(args[0])) {
      const a = args.shift()!;
      const i = a.indexOf('=');
      vars[a.slice(0, i)] = a.slice(i + 1);
    }
    if (args.length === 0) {
      for (const [k, v] of Object.entries(vars)) ctx.stdout.write(`${k}=${v}\n`);
      return 0;
    }
    const code = await ctx.exec(args, { proc: { env: vars }, notFound: (name, errno) => `env: ‘${name}’: ${errno === 'EACCES' ? 'Permission denied' : 'No such file or directory'}\n` });
    return code;
  },
};

export const which: Program = {
  name: 'which',
  summary: 'locate a command',
  run(ctx) {
    const all = ctx.args.includes('-a');
    const names = ctx.args.filter((a) => a !== '-a');
    const bad = names.find((a) => a.startsWith('-'));
    if (bad) {
      // debianutils' which is a shell script: it knows -a and -s, and says so for anything else.
      ctx.stderr.write(`Illegal option ${bad.startsWith('--') ? '--' : bad}\nUsage: /usr/bin/which [-as] args\n`.replace('Usage: /usr/bin/which [-as] args', 'Usage: /usr/bin/which [-a] args'));
      return 2;
    }
    let status = 0;
    const path = ctx.proc.env.PATH ?? '';
    for (const n of names) {
      const hits: string[] = [];
      const dirs = n.includes('/') ? [''] : path.split(':').filter(Boolean);
      for (const d of dirs) {
        const full = n.includes('/') ? n : `${d}/${n}`;
        try {
          const st = sys.stat(ctx.world, ctx.proc, full);
          if (st.node.type === 'file' && st.node.mode & 0o111) hits.push(full);
        } catch {
          // not there
        }
        if (hits.length && !all) break;
      }
      if (hits.length === 0) status = 1;
      for (const h of hits) ctx.stdout.write(h + '\n');
    }
    return status;
  },
};

export const ldd: Program = {
  name: 'ldd',
  summary: 'print shared object dependencies',
  run(ctx) {
    if (ctx.args[0] === '--help') {
      ctx.stdout.write('Usage: ldd [OPTION]... FILE...\n      --help              print this help and exit\n      --version           print version information and exit\n  -d, --data-relocs       process data relocations\n  -r, --function-relocs   process data and function relocations\n  -u, --unused            print unused direct dependencies\n  -v, --verbose           print all information\n\nFor bug reporting instructions, please see:\n<http://www.debian.org/Bugs/>.\n');
      return 0;
    }
    const files = ctx.args.filter((a) => !a.startsWith('-'));
    if (files.length === 0) {
      ctx.stderr.write("ldd: missing file arguments\nTry `ldd --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const f of files) {
      let text: string;
      try {
        const st = sys.stat(ctx.world, ctx.proc, f);
        if (st.node.type === 'dir') {
          ctx.stderr.write(`ldd: ${f}: not regular file\n`);
          status = 1;
          continue;
        }
        text = sys.readFile(ctx.world, ctx.proc, f);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`ldd: ${f}: ${strerror(e)}\n`);
        status = 1;
        continue;
      }
      if (files.length > 1) ctx.stdout.write(`${f}:\n`);
      const program = programOf(text);
      if (!program) {
        ctx.stdout.write('\tnot a dynamic executable\n');
        status = 1;
        continue;
      }
      let out = `\tlinux-vdso.so.1 (${loadAddress(program, 'vdso')})\n`;
      for (const lib of librariesOf(program)) {
        const path = `/lib/x86_64-linux-gnu/${lib}`;
        const there = sys.exists(ctx.world, ctx.proc, path);
        out += there ? `\t${lib} => ${path} (${loadAddress(program, lib)})\n` : `\t${lib} => not found\n`;
      }
      out += `\t/lib64/ld-linux-x86-64.so.2 (${loadAddress(program, 'ld')})\n`;
      ctx.stdout.write(out);
    }
    return status;
  },
};

function human(kb: number): string {
  const units = ['K', 'M', 'G', 'T'];
  let v = kb;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${Math.ceil(v)}K`;
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

export const df: Program = {
  name: 'df',
  summary: 'report file system space usage',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: df [OPTION]... [FILE]...\nShow information about the file system on which each FILE resides,\nor all file systems by default.\n\n  -a, --all             include pseudo, duplicate, inaccessible file systems\n  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n  -T, --print-type      print file system type\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('df', ctx.args, { short: 'ahkTi', long: { all: 'a', 'human-readable': 'h', 'print-type': 'T' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const used = Math.round(ctx.world.state.fs.bytes / 1024) + 2_100_000;
    const sizes: Record<string, [number, number]> = { ext4: [20_466_256, used], tmpfs: [401_812, 620], devtmpfs: [1_995_300, 0] };
    let views = mountsFor(ctx.world, ctx.proc).filter((v) => p.flags.has('a') || sizes[v.fstype]);
    if (p.operands.length) {
      const picked = [];
      for (const f of p.operands) {
        if (!sys.exists(ctx.world, ctx.proc, f)) {
          ctx.stderr.write(`df: ${f}: No such file or directory\n`);
          return 1;
        }
        const canon = sys.stat(ctx.world, ctx.proc, f).path;
        const best = views.filter((v) => canon === v.target || canon.startsWith(v.target === '/' ? '/' : v.target + '/')).sort((a, b) => b.target.length - a.target.length)[0];
        if (best) picked.push(best);
      }
      views = picked;
    }
    const h = p.flags.has('h');
    const rows = [[ 'Filesystem', ...(p.flags.has('T') ? ['Type'] : []), h ? 'Size' : '1K-blocks', 'Used', h ? 'Avail' : 'Available', 'Use%', 'Mounted on']];
    for (const v of views) {
      const [size, u] = sizes[v.fstype] ?? [0, 0];
      const fmt = (n: number) => (h ? (n === 0 ? '0' : human(n)) : String(n));
      rows.push([v.source, ...(p.flags.has('T') ? [v.fstype] : []), fmt(size), fmt(u), fmt(size - u), size ? `${Math.ceil((u / size) * 100)}%` : '-', v.target]);
    }
    // GNU df's minimum column widths: 14 for the source, 5 (9 in 1K blocks) for sizes, 4 for Use%.
    const t = p.flags.has('T');
    const mins = [14, ...(t ? [4] : []), h ? 5 : 9, h ? 5 : 8, h ? 5 : 9, 4, 0];
    const widths = rows[0]!.map((_, i) => Math.max(mins[i] ?? 0, ...rows.map((r) => r[i]!.length)));
    const left = new Set([0, p.flags.has('T') ? 1 : -1]);
    for (const r of rows) ctx.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ') + '\n');
    return 0;
  },
};

export const du: Program = {
  name: 'du',
  summary: 'estimate file space usage',
  run(ctx) {
    if (wantsHelp(ctx, 'Usage: du [OPTION]... [FILE]...\nSummarize device usage of the set of FILEs, recursively for directories.\n\n  -a, --all             write counts for all files, not just directories\n  -c, --total           produce a grand total\n  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)\n  -s, --summarize       display only a total for each argument\n      --help        display this help and exit\n')) return 0;
    const p = parseArgs('du', ctx.args, { short: 'achsk', long: { all: 'a', total: 'c', 'human-readable': 'h', summarize: 's' } });
    if ('error' in p) return usageError(ctx, p.error, 1);
    const fmt = (kb: number) => (p.flags.has('h') ? (kb === 0 ? '0' : human(kb)) : String(kb));
    let status = 0;
    let total = 0;
    let budget = LIMITS.walkEntries;
    const walk = (path: string, depth: number): number => {
      if (--budget < 0) return 0;
      const st = sys.stat(ctx.world, ctx.proc, path, false);
      let kb = st.node.type === 'dir' ? 4 : st.node.type === 'file' ? Math.ceil(fileSize(st.node) / 4096) * 4 : 0;
      if (st.node.type === 'dir' && !st.node.synthetic) {
        for (const n of sys.readdir(ctx.world, ctx.proc, path)) kb += walk(`${path.replace(/\/+$/, '')}/${n}`, depth + 1);
        if (!p.flags.has('s') || depth === 0) ctx.stdout.write(`${fmt(kb)}\t${path}\n`);
      } else if ((p.flags.has('a') && !p.flags.has('s')) || depth === 0) ctx.stdout.write(`${fmt(kb)}\t${path}\n`);
      return kb;
    };
    for (const f of p.operands.length ? p.operands : ['.']) {
      try {
        total += walk(f, 0);
      } catch (e) {
        if (!isSysError(e)) throw e;
        ctx.stderr.write(`du: cannot access '${f}': ${strerror(e)}\n`);
        status = 1;
      }
    }
    if (p.flags.has('c')) ctx.stdout.write(`${fmt(total)}\ttotal\n`);
    return status;
  },
};

export const free: Program = {
  name: 'free',
  summary: 'display amount of free and used memory in the system',
  run(ctx) {
    const p = parseArgs('free', ctx.args, { short: 'bkmghtw', long: { bytes: 'b', kibi: 'k', mebi: 'm', gibi: 'g', human: 'h', total: 't', wide: 'w', help: 'H' } });
    if ('error' in p || p.flags.has('H')) {
      const usage = `\nUsage:\n free [options]\n\nOptions:\n -b, --bytes         show output in bytes\n -k, --kibi          show output in kibibytes\n -m, --mebi          show output in mebibytes\n -g, --gibi          show output in gibibytes\n -h, --human         show human-readable output\n -t, --total         show total for RAM + swap\n -w, --wide          wide output\n\n     --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see free(1).\n`;
      if ('error' in p) ctx.stderr.write(p.error + '\n' + usage);
      else ctx.stdout.write(usage.slice(1));
      return 'error' in p ? 1 : 0;
    }
    const total = MEM_TOTAL / 1024;
    const used = Math.round(memoryCurrent(ctx.world, '/') / 1024) + 380_000;
    const cache = 900_000;
    const free = total - used - cache;
    const unit = (kb: number): string => {
      if (p.flags.has('h')) return kb === 0 ? '0B' : kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(1)}Gi` : `${Math.round(kb / 1024)}Mi`;
      if (p.flags.has('m')) return String(Math.floor(kb / 1024));
      if (p.flags.has('g')) return String(Math.floor(kb / 1024 / 1024));
      if (p.flags.has('b')) return String(kb * 1024);
      return String(kb);
    };
    // procps 4 layout: an 8-column label, then 12-column right-aligned values under the header.
    const row = (label: string, vals: number[]) => label.padEnd(8) + vals.map((v) => unit(v).padStart(12)).join('') + '\n';
    let out = '               total        used        free      shared  buff/cache   available\n';
    out += row('Mem:', [total, used, free, 1200, cache, total - used]);
    out += row('Swap:', [0, 0, 0]);
    ctx.stdout.write(out);
    return 0;
  },
};
