/** iproute2 `ip` (link, addr, route, netns) and iputils `ping`, over the simulated network namespaces. */
import { isSysError, strerror } from '../../kernel/errors.ts';
import { capable } from '../../kernel/namespaces.ts';
import { findLink, linkOperUp, netNs, newNetNs, parseCidr, ping as reach, randomMac } from '../../kernel/net.ts';
import type { Process } from '../../kernel/process.ts';
import { pidIn } from '../../kernel/process.ts';
import { linux, type NetLink, type NetNs } from '../../kernel/state.ts';
import * as sys from '../../kernel/syscalls.ts';
import { nextInt } from '../../random.ts';
import { wait } from '../../time.ts';
import { Interrupted } from '../signals.ts';
import type { CommandContext, Program } from '../types.ts';
import { LIMITS } from '../../limits.ts';

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

function objectOf(word: string): string | undefined {
  const objects: [string, string][] = [['address', 'addr'], ['link', 'link'], ['route', 'route'], ['netns', 'netns'], ['neighbor', 'neigh'], ['neighbour', 'neigh']];
  for (const [full, canon] of objects) if (word.length > 0 && full.startsWith(word)) return canon;
  return undefined;
}

function nsName(world: CommandContext['world'], ino: number): string | undefined {
  return Object.entries(linux(world).netnsNames).find(([, v]) => v === ino)?.[0];
}

function flags(world: CommandContext['world'], l: NetLink, ns: NetNs): string {
  void ns;
  const f: string[] = [];
  const oper = linkOperUp(world, l);
  if (l.type === 'loopback') f.push('LOOPBACK');
  else {
    if (l.up && !oper) f.push('NO-CARRIER');
    f.push('BROADCAST', 'MULTICAST');
  }
  if (l.up) f.push('UP');
  if (l.up && oper) f.push('LOWER_UP');
  if (l.type === 'veth' && l.peer) {
    const peer = linux(world).net[l.peer.ns]?.links.find((x) => x.ifindex === l.peer!.ifindex);
    if (!peer?.up) f.push('M-DOWN');
  }
  return f.join(',');
}

function linkHeader(ctx: CommandContext, l: NetLink, ns: NetNs, here: number, withMode: boolean): string {
  const world = ctx.world;
  let name = l.name;
  if (l.type === 'veth' && l.peer) name += l.peer.ns === here ? `@${linux(world).net[here]!.links.find((x) => x.ifindex === l.peer!.ifindex)?.name}` : `@if${l.peer.ifindex}`;
  const oper = linkOperUp(world, l);
  const qdisc = l.up ? (l.type === 'ether' ? 'fq_codel' : 'noqueue') : 'noop';
  const state = l.type === 'loopback' ? (l.up ? 'UNKNOWN' : 'DOWN') : !l.up ? 'DOWN' : oper ? 'UP' : 'LOWERLAYERDOWN';
  const master = l.master !== undefined ? ` master ${ns.links.find((x) => x.ifindex === l.master)?.name}` : '';
  let out = `${l.ifindex}: ${name}: <${flags(world, l, ns)}> mtu ${l.mtu} qdisc ${qdisc}${master} state ${state}${withMode ? ' mode DEFAULT' : ''} group default qlen 1000\n`;
  out += l.type === 'loopback' ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' : `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff`;
  if (l.type !== 'loopback') {
    if (l.type === 'veth' && l.peer && l.peer.ns !== here) {
      const peerName = nsName(world, l.peer.ns);
      out += peerName ? ` link-netns ${peerName}` : ' link-netnsid 0';
    }
    out += '\n';
  }
  return out;
}

function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 2;
  const h = (i: number, j: number) => ((b[i]! << 8) | b[j]!).toString(16);
  return `fe80::${h(0, 1)}:${((b[2]! << 8) | 0xff).toString(16)}:${(0xfe00 | b[3]!).toString(16)}:${h(4, 5)}/64`;
}

function addrBlock(l: NetLink, oper: boolean): string {
  let out = '';
  for (const a of l.addrs) {
    const scope = a.startsWith('127.') ? 'host' : 'global';
    out += `    inet ${a} scope ${scope} ${l.name}\n       valid_lft forever preferred_lft forever\n`;
  }
  if (l.up && l.type === 'loopback') out += '    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n';
  // IPv6 link-local addresses appear once the link has carrier.
  else if (l.up && l.type !== 'loopback' && (l.type !== 'veth' || l.peer === undefined || oper)) out += `    inet6 ${linkLocal(l.mac)} scope link \n       valid_lft forever preferred_lft forever\n`;
  return out;
}

function fail(ctx: CommandContext, msg: string, code = 2): number {
  ctx.stderr.write(msg + '\n');
  return code;
}

/** `ip link set` / `ip addr add` and the other changes need CAP_NET_ADMIN over the namespace. */
function privileged(ctx: CommandContext, nsIno: number): boolean {
  return capable(ctx.world, ctx.proc, nsIno);
}

export const ip: Program = {
  name: 'ip',
  summary: 'show / manipulate routing, network devices, interfaces and tunnels',
  // Debian's iproute2 ships /bin/ip (so /usr/bin/ip with merged /usr): on every user's PATH.
  path: '/usr/bin/ip',
  async run(ctx) {
    const args = [...ctx.args];
    let nsIno = ctx.proc.ns.net;
    let brief = false;
    while (args[0]?.startsWith('-')) {
      const o = args.shift()!;
      if (o === '-n' || o === '-netns' || o === '--netns') {
        const name = args.shift() ?? '';
        const ino = linux(ctx.world).netnsNames[name];
        if (ino === undefined) return fail(ctx, `Cannot open network namespace "${name}": No such file or directory`, 255);
        nsIno = ino;
      } else if (o === '-br' || o === '-brief') brief = true;
      else if (o === '-h' || o === '-help' || o === '--help') {
        ctx.stderr.write(IP_USAGE);
        return 255;
      } else if (['-4', '-6', '-d', '-s', '-c', '-color', '-details', '-o', '-oneline'].includes(o)) continue;
      else return fail(ctx, `Option "${o.startsWith('--') ? o.slice(1) : o}" is unknown, try "ip -help".`, 255);
    }
    const word = args.shift();
    if (word === undefined || word === 'help') {
      ctx.stderr.write(IP_USAGE);
      return 255;
    }
    const obj = objectOf(word);
    if (!obj) return fail(ctx, `Object "${word}" is unknown, try "ip help".`, 1);
    const world = ctx.world;
    const ns = netNs(world, nsIno);
    const cmd = args.shift() ?? 'show';
    if (obj === 'netns') return netnsCmd(ctx, cmd, args);
    if (obj === 'neigh') return 0;
    if (obj === 'route') {
      if (!['show', 'list', 'ls', 'lst'].includes(cmd)) {
        if (!privileged(ctx, nsIno)) return fail(ctx, 'RTNETLINK answers: Operation not permitted');
        return 0;
      }
      let out = '';
      for (const l of ns.links) {
        if (!l.up || l.type === 'loopback') continue;
        for (const a of l.addrs) {
          const c = parseCidr(a)!;
          const mask = c.prefix === 0 ? 0 : (~0 << (32 - c.prefix)) >>> 0;
          const net = (c.ip & mask) >>> 0;
          const dotted = [24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.');
          if (l.name === 'eth0') out = `default via 10.0.2.2 dev eth0 \n` + out;
          out += `${dotted}/${c.prefix} dev ${l.name} proto kernel scope link src ${a.split('/')[0]} ${linkOperUp(world, l) ? '' : 'linkdown '}\n`;
        }
      }
      ctx.stdout.write(out);
      return 0;
    }
    if (['show', 'list', 'ls', 'lst'].includes(cmd)) {
      let dev = args[0] === 'dev' ? args[1] : args[0];
      if (dev === 'up') dev = undefined;
      const links = dev ? ns.links.filter((l) => l.name === dev) : ns.links;
      if (dev && links.length === 0) return fail(ctx, `Device "${dev}" does not exist.`, 1);
      let out = '';
      for (const l of links) {
        if (brief) {
          const state = l.type === 'loopback' ? (l.up ? 'UNKNOWN' : 'DOWN') : !l.up ? 'DOWN' : linkOperUp(world, l) ? 'UP' : 'LOWERLAYERDOWN';
          out += `${l.name.padEnd(16)} ${state.padEnd(14)} ${obj === 'addr' ? l.addrs.join(' ') + ' ' : `${l.mac} <${flags(world, l, ns)}> `}\n`;
          continue;
        }
        out += linkHeader(ctx, l, ns, nsIno, obj === 'link');
        if (obj === 'addr') out += addrBlock(l, linkOperUp(world, l));
      }
      ctx.stdout.write(out);
      return 0;
    }
    if (!privileged(ctx, nsIno)) return fail(ctx, 'RTNETLINK answers: Operation not permitted');
    if (obj === 'addr') {
      if (cmd !== 'add' && cmd !== 'del' && cmd !== 'delete' && cmd !== 'flush') return fail(ctx, `Command "${cmd}" is unknown, try "ip address help".`, 255);
      const devIdx = args.indexOf('dev');
      const devName = devIdx >= 0 ? args[devIdx + 1] : undefined;
      if (!devName) return fail(ctx, 'Not enough information: "dev" argument is required.', 1);
      const l = findLink(ns, devName);
      if (!l) return fail(ctx, `Cannot find device "${devName}"`, 1);
      if (cmd === 'flush') {
        l.addrs = [];
        return 0;
      }
      const cidr = args.find((a, i) => i !== devIdx + 1 && a !== 'dev' && /^\d/.test(a));
      if (!cidr || !parseCidr(cidr)) return fail(ctx, `Error: any valid prefix is expected rather than "${cidr ?? ''}".`, 1);
      const norm = cidr.includes('/') ? cidr : `${cidr}/32`;
      if (cmd === 'add') {
        if (l.addrs.includes(norm)) return fail(ctx, 'RTNETLINK answers: File exists');
        l.addrs.push(norm);
      } else {
        if (!l.addrs.includes(norm)) return fail(ctx, 'RTNETLINK answers: Cannot assign requested address');
        l.addrs = l.addrs.filter((a) => a !== norm);
      }
      return 0;
    }
    // ip link add|set|del
    if (cmd === 'add') {
      const name = args[0] === 'name' ? args[1] : args[0];
      const typeIdx = args.indexOf('type');
      const type = typeIdx >= 0 ? args[typeIdx + 1] : undefined;
      if (!name) return fail(ctx, 'Not enough information: "dev" argument is required.', 1);
      if (!type) return fail(ctx, 'Not enough information: "type" argument is required', 1);
      if (findLink(ns, name)) return fail(ctx, 'RTNETLINK answers: File exists');
      if (type === 'bridge') {
        ns.links.push({ ifindex: ns.nextIfindex++, name, type: 'bridge', mac: randomMac(world), mtu: 1500, up: false, addrs: [] });
        return 0;
      }
      if (type !== 'veth') return fail(ctx, `Error: Unknown device type.`, 2);
      const peerIdx = args.indexOf('peer');
      const peerName = peerIdx >= 0 ? (args[peerIdx + 1] === 'name' ? args[peerIdx + 2] : args[peerIdx + 1]) : undefined;
      const pn = peerName ?? `veth${ns.nextIfindex}`;
      if (findLink(ns, pn)) return fail(ctx, 'RTNETLINK answers: File exists');
      // The peer is created first, so it gets the lower ifindex (as the kernel numbers them).
      const a: NetLink = { ifindex: ns.nextIfindex + 1, name, type: 'veth', mac: randomMac(world), mtu: 1500, up: false, addrs: [] };
      const b: NetLink = { ifindex: ns.nextIfindex, name: pn, type: 'veth', mac: randomMac(world), mtu: 1500, up: false, addrs: [] };
      ns.nextIfindex += 2;
      a.peer = { ns: nsIno, ifindex: b.ifindex };
      b.peer = { ns: nsIno, ifindex: a.ifindex };
      ns.links.push(b, a);
      ns.links.sort((x, y) => x.ifindex - y.ifindex);
      return 0;
    }
    if (cmd === 'del' || cmd === 'delete') {
      const name = args[0] === 'dev' ? args[1] : args[0];
      const l = name ? findLink(ns, name) : undefined;
      if (!l) return fail(ctx, `Cannot find device "${name ?? ''}"`, 1);
      if (l.type === 'loopback') return fail(ctx, 'RTNETLINK answers: Operation not supported');
      ns.links = ns.links.filter((x) => x !== l);
      if (l.peer) {
        const other = linux(world).net[l.peer.ns];
        if (other) other.links = other.links.filter((x) => x.ifindex !== l.peer!.ifindex);
      }
      return 0;
    }
    if (cmd === 'set') {
      const name = args[0] === 'dev' ? args[1] : args[0];
      const rest = args.slice(args[0] === 'dev' ? 2 : 1);
      const l = name ? findLink(ns, name) : undefined;
      if (!l) return fail(ctx, `Cannot find device "${name ?? ''}"`, 1);
      for (let i = 0; i < rest.length; i++) {
        const w = rest[i]!;
        if (w === 'up') {
          l.up = true;
          // The kernel gives loopback 127.0.0.1/8 when it comes up.
          if (l.type === 'loopback' && !l.addrs.includes('127.0.0.1/8')) l.addrs.unshift('127.0.0.1/8');
        }
        else if (w === 'down') l.up = false;
        else if (w === 'mtu') l.mtu = Number(rest[++i]) || l.mtu;
        else if (w === 'name') {
          const n = rest[++i] ?? '';
          if (findLink(ns, n)) return fail(ctx, 'RTNETLINK answers: File exists');
          l.name = n;
        } else if (w === 'master') {
          const br = findLink(ns, rest[++i] ?? '');
          if (!br || br.type !== 'bridge') return fail(ctx, `Device "${rest[i]}" does not exist.`, 1);
          l.master = br.ifindex;
        } else if (w === 'nomaster') delete l.master;
        else if (w === 'netns') {
          const t = rest[++i] ?? '';
          let dest = linux(world).netnsNames[t];
          if (dest === undefined && /^\d+$/.test(t)) {
            const target = Object.values(world.state.procs.procs).find((p: Process) => pidIn(p, ctx.proc.ns.pid) === Number(t));
            dest = target?.ns.net;
          }
          if (dest === undefined) return fail(ctx, /^\d+$/.test(t) ? `Error: Peer netns reference is invalid.` : `Cannot find netns "${t}"`, /^\d+$/.test(t) ? 2 : 1);
          if (l.type === 'loopback') return fail(ctx, 'RTNETLINK answers: Invalid argument');
          const target = netNs(world, dest);
          if (findLink(target, l.name)) return fail(ctx, 'RTNETLINK answers: File exists');
          // Moving a link takes it down and drops its addresses, as the kernel does.
          ns.links = ns.links.filter((x) => x !== l);
          const old = l.ifindex;
          if (target.links.some((x) => x.ifindex === l.ifindex)) l.ifindex = target.nextIfindex;
          target.nextIfindex = Math.max(target.nextIfindex, l.ifindex + 1);
          l.up = false;
          l.addrs = [];
          delete l.master;
          target.links.push(l);
          target.links.sort((x, y) => x.ifindex - y.ifindex);
          if (l.peer) {
            const peer = linux(world).net[l.peer.ns]?.links.find((x) => x.ifindex === l.peer!.ifindex);
            if (peer?.peer && peer.peer.ifindex === old) peer.peer = { ns: dest, ifindex: l.ifindex };
          }
        } else if (w === 'address') l.mac = rest[++i] ?? l.mac;
        else return fail(ctx, `Error: either "dev" is duplicate, or "${w}" is a garbage.`, 255);
      }
      return 0;
    }
    return fail(ctx, `Command "${cmd}" is unknown, try "ip link help".`, 255);
  },
};

async function netnsCmd(ctx: CommandContext, cmd: string, args: string[]): Promise<number> {
  const world = ctx.world;
  const st = linux(world);
  if (cmd === 'list' || cmd === 'show' || cmd === 'ls') {
    for (const name of Object.keys(st.netnsNames).reverse()) ctx.stdout.write(`${name}\n`);
    return 0;
  }
  if (cmd === 'add' || cmd === 'delete' || cmd === 'del') {
    const name = args[0];
    if (!name) return fail(ctx, 'No netns name specified', 255);
    if (!capable(world, ctx.proc)) return fail(ctx, cmd === 'add' ? 'mount --make-shared /run/netns failed: Operation not permitted' : `Cannot remove namespace file "/run/netns/${name}": Permission denied`, 1);
    const path = `/run/netns/${name}`;
    if (cmd === 'add') {
      if (st.netnsNames[name] !== undefined) return fail(ctx, `Cannot create namespace file "${path}": File exists`, 1);
      const ino = st.nextNs++;
      st.ns[ino] = { type: 'net', ino, owner: ctx.proc.ns.user, creator: ctx.proc.pid };
      newNetNs(world, ino);
      st.netnsNames[name] = ino;
      try {
        sys.mkdirp(world, ctx.proc, '/run/netns');
        sys.writeFile(world, ctx.proc, path, '');
      } catch (e) {
        if (!isSysError(e)) throw e;
      }
      return 0;
    }
    if (st.netnsNames[name] === undefined) return fail(ctx, `Cannot remove namespace file "${path}": No such file or directory`, 1);
    delete st.netnsNames[name];
    try {
      sys.unlink(world, ctx.proc, path);
    } catch (e) {
      if (!isSysError(e)) throw e;
    }
    return 0;
  }
  if (cmd === 'exec') {
    const name = args[0];
    if (!name) return fail(ctx, 'No netns name specified', 255);
    const ino = st.netnsNames[name];
    if (ino === undefined) return fail(ctx, `Cannot open network namespace "${name}": No such file or directory`, 255);
    if (!capable(world, ctx.proc)) return fail(ctx, `setting the network namespace "${name}" failed: Operation not permitted`, 255);
    const argv = args.slice(1);
    if (argv.length === 0) return fail(ctx, 'No command specified', 255);
    const code = await ctx.exec(argv, { proc: { ns: { ...ctx.proc.ns, net: ino } }, notFound: (n) => `exec of "${n}" failed: No such file or directory\n` });
    return code === 127 && argv[0] && !sys.exists(world, ctx.proc, argv[0]) && !argv[0].includes('/') ? 255 : code;
  }
  if (cmd === 'identify' || cmd === 'pids') return 0;
  return fail(ctx, `Command "${cmd}" is unknown, try "ip netns help".`, 255);
}

function resolveHost(host: string): string | undefined {
  if (host === 'localhost') return '127.0.0.1';
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : undefined;
}

export const ping: Program = {
  name: 'ping',
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  async run(ctx) {
    const args = [...ctx.args];
    let count: number | undefined;
    let quiet = false;
    let interval = 1000;
    let host: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') count = Number(args[++i]);
      else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
      else if (a === '-q') quiet = true;
      else if (a === '-i') interval = Math.max(200, Number(args[++i]) * 1000);
      else if (a === '-W' || a === '-w' || a === '-s' || a === '-I') i++;
      else if (a === '-4' || a === '-n') continue;
      else if (a === '-h' || a === '--help') {
        ctx.stdout.write('\nUsage\n  ping [options] <destination>\n\nOptions:\n  <destination>      dns name or ip address\n  -c <count>         stop after <count> replies\n  -i <interval>      seconds between sending each packet\n  -q                 quiet output\n  -W <timeout>       time to wait for response\n\nFor more details see ping(8).\n');
        return 0;
      } else if (a.startsWith('-')) {
        ctx.stderr.write(`ping: invalid option -- '${a.slice(1, 2)}'\n\nUsage\n  ping [options] <destination>\n\nFor more details see ping(8).\n`);
        return 2;
      } else host = a;
    }
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
      ctx.stderr.write(`ping: invalid argument: '${args[args.indexOf('-c') + 1]}': out of range: 1 <= value <= 9223372036854775807\n`);
      return 1;
    }
    if (!host) {
      ctx.stderr.write('ping: usage error: Destination address required\n');
      return 1;
    }
    const dest = resolveHost(host);
    if (!dest) {
      ctx.stderr.write(`ping: ${host}: Temporary failure in name resolution\n`);
      return 2;
    }
    const world = ctx.world;
    const first = reach(world, ctx.proc.ns.net, dest);
    if (!first.ok && first.reason === 'no-route') {
      ctx.stderr.write('ping: connect: Network is unreachable\n');
      return 2;
    }
    ctx.stdout.write(`PING ${host} (${dest}) 56(84) bytes of data.\n`);
    const times: number[] = [];
    let sent = 0;
    let errors = 0;
    const limit = count ?? (world.host.sleep ? Infinity : Math.floor(LIMITS.foregroundWorkloadMs / interval));
    try {
      for (let seq = 1; seq <= limit; seq++) {
        if (seq > 1) await wait(world, interval);
        sent++;
        const r = reach(world, ctx.proc.ns.net, dest);
        if (r.ok) {
          const t = (dest.startsWith('127.') ? 0.02 : 0.035) + nextInt(world.state.random, 40) / 1000;
          times.push(t);
          if (!quiet) ctx.stdout.write(`64 bytes from ${dest}: icmp_seq=${seq} ttl=64 time=${t.toFixed(3)} ms\n`);
        } else {
          errors++;
          if (!quiet) ctx.stdout.write(`From ${r.source ?? dest} icmp_seq=${seq} Destination Host Unreachable\n`);
        }
      }
    } catch (e) {
      // Ctrl-C: ping prints its summary and exits normally, as the real one does on SIGINT.
      if (!(e instanceof Interrupted)) throw e;
      ctx.signal.interrupted = false;
    }
    const elapsed = Math.max(0, (sent - 1) * interval + (sent > 1 ? nextInt(world.state.random, 30) : 0));
    const loss = sent ? Math.round(((sent - times.length) / sent) * 100) : 0;
    let out = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${times.length} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${elapsed}ms\n`;
    if (times.length) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
      out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    } else out += '\n';
    ctx.stdout.write(out);
    void strerror;
    return times.length ? 0 : 1;
  },
};
