/**
 * Network namespaces: links (loopback, veth pairs, the host's eth0), addresses, and the
 * reachability rule `ping` uses. Enough to connect two namespaces by hand, as the
 * namespaces lab does; there is no packet model.
 */
import { nextInt } from '../random.ts';
import type { World } from '../world.ts';
import { INITIAL_NS } from './process.ts';
import { linux, type NetLink, type NetNs } from './state.ts';

export function newNetNs(world: World, ino: number): NetNs {
  const ns: NetNs = { links: [{ ifindex: 1, name: 'lo', type: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, up: false, addrs: [] }], nextIfindex: 2 };
  linux(world).net[ino] = ns;
  return ns;
}

/** The host's network: lo up with 127.0.0.1, and eth0 on a private /24. */
export function setupHostNet(world: World): void {
  const ns = newNetNs(world, INITIAL_NS.net);
  ns.links[0]!.up = true;
  ns.links[0]!.addrs = ['127.0.0.1/8'];
  ns.links.push({ ifindex: 2, name: 'eth0', type: 'ether', mac: '52:54:00:12:34:56', mtu: 1500, up: true, addrs: ['10.0.2.15/24'] });
  ns.nextIfindex = 3;
}

export function netNs(world: World, ino: number): NetNs {
  return linux(world).net[ino] ?? newNetNs(world, ino);
}

export function randomMac(world: World): string {
  const bytes = [0, 0, 0, 0, 0, 0].map(() => nextInt(world.state.random, 256));
  bytes[0] = (bytes[0]! & 0xfc) | 0x02; // locally administered, unicast
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function findLink(ns: NetNs, name: string): NetLink | undefined {
  return ns.links.find((l) => l.name === name);
}

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function parseCidr(cidr: string): { ip: number; prefix: number } | undefined {
  const [ip, prefix = '32'] = cidr.split('/');
  const n = ipToInt(ip ?? '');
  const p = Number(prefix);
  if (n === undefined || !/^\d+$/.test(prefix) || p > 32) return undefined;
  return { ip: n, prefix: p };
}

function sameSubnet(a: number, b: number, prefix: number): boolean {
  if (prefix === 0) return true;
  const mask = (~0 << (32 - prefix)) >>> 0;
  return (a & mask) === (b & mask);
}

/** A link is carrying traffic: it is up and, for a veth, its peer is up too. */
export function linkOperUp(world: World, link: NetLink): boolean {
  if (!link.up) return false;
  if (link.type !== 'veth' || !link.peer) return true;
  const peer = linux(world).net[link.peer.ns]?.links.find((l) => l.ifindex === link.peer!.ifindex);
  return peer?.up === true;
}

export type PingResult = { ok: true; source: string } | { ok: false; reason: 'unreachable' | 'no-route'; source?: string };

/**
 * Whether an echo request from namespace `from` to `dest` gets a reply: a local address
 * answers on an up loopback; otherwise an up link with an address in dest's subnet must lead
 * (directly, or over a veth pair) to a namespace that has `dest` on an up link.
 */
export function ping(world: World, from: number, dest: string): PingResult {
  const target = ipToInt(dest);
  const ns = netNs(world, from);
  if (target === undefined) return { ok: false, reason: 'no-route' };
  for (const l of ns.links) {
    for (const a of l.addrs) {
      const c = parseCidr(a)!;
      if (c.ip === target) {
        const lo = ns.links.find((x) => x.type === 'loopback');
        return lo?.up ? { ok: true, source: dest } : { ok: false, reason: 'unreachable' };
      }
    }
  }
  if ((target >>> 24) === 127) {
    const lo = ns.links.find((x) => x.type === 'loopback');
    return lo?.up ? { ok: true, source: dest } : { ok: false, reason: 'no-route' };
  }
  // Route lookup: the first up link whose subnet contains the target.
  for (const l of ns.links) {
    if (!l.up) continue;
    for (const a of l.addrs) {
      const c = parseCidr(a)!;
      if (!sameSubnet(c.ip, target, c.prefix)) continue;
      const source = a.split('/')[0]!;
      if (!linkOperUp(world, l)) return { ok: false, reason: 'unreachable', source };
      if (l.type === 'veth' && l.peer) {
        const peerNs = linux(world).net[l.peer.ns];
        const peer = peerNs?.links.find((x) => x.ifindex === l.peer!.ifindex);
        if (peer?.up && peer.addrs.some((pa) => parseCidr(pa)?.ip === target)) return { ok: true, source };
        // The peer may be a bridge port: any up link on the same bridge with the address answers.
        if (peer?.master !== undefined && peerNs) {
          for (const port of peerNs.links) {
            if (port.master !== peer.master || port === peer || !port.up || port.type !== 'veth' || !port.peer) continue;
            const far = linux(world).net[port.peer.ns]?.links.find((x) => x.ifindex === port.peer!.ifindex);
            if (far?.up && far.addrs.some((pa) => parseCidr(pa)?.ip === target)) return { ok: true, source };
          }
        }
      }
      return { ok: false, reason: 'unreachable', source };
    }
  }
  return { ok: false, reason: 'no-route' };
}
