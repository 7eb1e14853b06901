/**
 * The simulated network's HTTP endpoints: published container ports on the host, container
 * IPs on the docker bridge, and `localhost` inside a container's net namespace. Other
 * domains (Kubernetes services, load balancers) can add resolvers with `registerHttpResolver`.
 */
import * as vfs from '../kernel/vfs.ts';
import type { Process } from '../kernel/process.ts';
import { clockDate } from '../clock.ts';
import type { World } from '../world.ts';
import { log } from './containers.ts';
import { NGINX_INDEX } from '../images/pages.ts';
import { docker, type Container } from './state.ts';

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** What a connection attempt gives: a response, or a curl-style failure. */
export type HttpResult = { response: HttpResponse } | { error: 'refused' | 'reset' | 'resolve' | 'http09' };

export type HttpResolver = (world: World, from: Process, host: string, port: number, path: string, method: string) => HttpResult | undefined;

const resolvers: HttpResolver[] = [];
export function registerHttpResolver(r: HttpResolver): void {
  if (!resolvers.includes(r)) resolvers.push(r);
}

function httpDate(world: World): string {
  return clockDate(world.state.clock).toUTCString();
}

function readIn(world: World, c: Container, path: string): string | undefined {
  const r = vfs.lookup(world.state.fs, { uid: 0, gid: 0, root: c.rootfs, cwd: c.rootfs, mntns: String(c.ns?.mnt ?? 0) }, path);
  if (r?.node.type === 'file') return r.node.data ?? '';
  if (r?.node.type === 'dir') return undefined;
  return undefined;
}

function isDir(world: World, c: Container, path: string): boolean {
  return vfs.lookup(world.state.fs, { uid: 0, gid: 0, root: c.rootfs, cwd: c.rootfs, mntns: String(c.ns?.mnt ?? 0) }, path)?.node.type === 'dir';
}

function listDir(world: World, c: Container, path: string): string[] {
  const r = vfs.lookup(world.state.fs, { uid: 0, gid: 0, root: c.rootfs, cwd: c.rootfs, mntns: String(c.ns?.mnt ?? 0) }, path);
  return r?.node.entries ? Object.keys(r.node.entries).sort() : [];
}

/** A container's server answering one request on `port`. */
export function serve(world: World, c: Container, port: number, path: string, method: string, clientIp: string): HttpResult {
  const w = c.workload;
  if (!w || w.kind !== 'server' || !w.listens?.includes(port)) return { error: 'reset' };
  const date = httpDate(world);
  const clean = path.split('?')[0]!.replace(/\/+/g, '/') || '/';
  if (w.server === 'redis') return { error: 'http09' };
  if (w.server === 'registry') {
    const reg = docker(world).registries[`localhost:${c.ports.find((p) => p.containerPort === 5000)?.hostPort ?? 5000}`];
    const body = clean === '/v2/_catalog' ? JSON.stringify({ repositories: Object.keys(reg?.repos ?? {}).sort() }) + '\n' : clean === '/v2/' ? '{}' : '404 page not found\n';
    return { response: { status: clean.startsWith('/v2/') && body !== '404 page not found\n' ? 200 : 404, reason: 'OK', headers: [['Content-Type', 'application/json; charset=utf-8'], ['Docker-Distribution-Api-Version', 'registry/2.0'], ['Date', date]], body } };
  }
  if (w.server === 'node') {
    const src = readIn(world, c, `${c.workingDir || ''}/${c.args.find((a) => a.endsWith('.js')) ?? 'index.js'}`.replace(/\/+/g, '/')) ?? '';
    const m = /(?:res\.end|res\.send)\(\s*(['"`])([\s\S]*?)\1/.exec(src);
    return { response: { status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain'], ['Date', date], ['Connection', 'keep-alive']], body: m ? m[2]!.replace(/\\n/g, '\n') : '' } };
  }
  const root = w.docroot ?? '/';
  let file = `${root}${clean}`.replace(/\/+/g, '/');
  if (isDir(world, c, file)) file = `${file.replace(/\/$/, '')}/index.html`;
  const body = readIn(world, c, file);
  const server = w.server === 'nginx' ? 'nginx/1.27.3' : w.server === 'httpd' ? 'Apache/2.4.62 (Unix)' : 'SimpleHTTP/0.6 Python/3.12.7';
  let res: HttpResponse;
  if (body !== undefined) {
    res = { status: 200, reason: 'OK', headers: [['Server', server], ['Date', date], ['Content-Type', file.endsWith('.html') ? 'text/html' : file.endsWith('.json') ? 'application/json' : 'text/plain'], ['Content-Length', String(new TextLength(body).n)], ['Connection', 'keep-alive']], body };
  } else if (w.server === 'python' && isDir(world, c, `${root}${clean}`)) {
    const items = listDir(world, c, `${root}${clean}`).map((n) => `<li><a href="${n}">${n}</a></li>`).join('\n');
    const html = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${clean}</title>\n</head>\n<body>\n<h1>Directory listing for ${clean}</h1>\n<hr>\n<ul>\n${items}\n</ul>\n<hr>\n</body>\n</html>\n`;
    res = { status: 200, reason: 'OK', headers: [['Server', server], ['Date', date], ['Content-type', 'text/html; charset=utf-8'], ['Content-Length', String(new TextLength(html).n)]], body: html };
  } else {
    const nf = w.server === 'nginx' ? '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n' : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    res = { status: 404, reason: 'Not Found', headers: [['Server', server], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(new TextLength(nf).n)], ['Connection', 'keep-alive']], body: nf };
  }
  if (w.server === 'nginx') {
    const d = clockDate(world.state.clock);
    const mon = d.toUTCString().split(' ')[2];
    const p2 = (n: number) => String(n).padStart(2, '0');
    log(world, c, 'stdout', `${clientIp} - - [${p2(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000] "${method} ${path} HTTP/1.1" ${res.status} ${new TextLength(res.body).n} "-" "curl/7.88.1" "-"`);
  }
  if (method === 'HEAD') res = { ...res, body: '' };
  return { response: res };
}

class TextLength {
  n = 0;
  constructor(s: string) {
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      this.n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
  }
}

/** Routes a request from `from` to whatever answers `host:port`. */
export function request(world: World, from: Process, host: string, port: number, path: string, method = 'GET'): HttpResult {
  for (const r of resolvers) {
    const res = r(world, from, host, port, path, method);
    if (res) return res;
  }
  const containers = Object.values(world.state.ext.docker?.containers ?? {}).filter((c) => c.state.status === 'running');
  const inside = containers.find((c) => c.ns && c.ns.net === from.ns.net);
  const local = host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' || host === '[::1]';
  if (local && inside) return serve(world, inside, port, path, method, '127.0.0.1');
  if (local) {
    const c = containers.find((x) => x.ports.some((p) => p.hostPort === port && p.proto === 'tcp'));
    if (!c) return { error: 'refused' };
    const b = c.ports.find((p) => p.hostPort === port)!;
    return serve(world, c, b.containerPort, path, method, '172.17.0.1');
  }
  const byIp = containers.find((c) => c.ip === host);
  if (byIp) return byIp.workload?.listens?.includes(port) ? serve(world, byIp, port, path, method, '172.17.0.1') : { error: 'refused' };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { error: 'refused' };
  return { error: 'resolve' };
}

export { NGINX_INDEX };
