/**
 * The cluster network as seen from inside a pod: cluster DNS (`web`, `web.default`,
 * `web.default.svc.cluster.local`), kube-proxy's Service routing (round-robin over ready
 * endpoints, REJECT when there are none), and what the known servers answer.
 */
import { NGINX_INDEX } from '../images/pages.ts';
import { clockDate } from '../clock.ts';
import { pullImage } from './images.ts';
import { rt } from './resources.ts';
import { getObject, listObjects, type Cluster } from './store.ts';
import type { Container, KubeObject, PodSpec } from './types.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_IP = '10.96.0.10';

export interface Target {
  /** What the client connects to (for messages). */
  ip: string;
  pod?: KubeObject;
  port: number;
  /** Set when the name was a Service with no ready endpoint (kube-proxy rejects). */
  refused?: boolean;
}

/** Resolves a host name from a pod in `namespace`: services, pods by IP, nodes. */
export function resolveHost(c: Cluster, namespace: string, host: string): { ip: string; service?: KubeObject; pod?: KubeObject } | undefined {
  const svcType = rt('services');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    for (const s of listObjects(c, svcType)) if ((s.spec as { clusterIP?: string }).clusterIP === host) return { ip: host, service: s };
    for (const p of listObjects(c, rt('pods'))) if (p.status?.podIP === host && !p.metadata.deletionTimestamp) return { ip: host, pod: p };
    return { ip: host };
  }
  let name = host.replace(/\.$/, '');
  const suffixes = [`.svc.${CLUSTER_DOMAIN}`, '.svc'];
  let ns = namespace;
  for (const s of suffixes) if (name.endsWith(s)) name = name.slice(0, -s.length);
  const parts = name.split('.');
  if (parts.length === 2) {
    ns = parts[1]!;
    name = parts[0]!;
  } else if (parts.length !== 1) return undefined;
  const svc = getObject(c, svcType, ns, name);
  if (!svc) return undefined;
  const ip = (svc.spec as { clusterIP?: string }).clusterIP;
  return { ip: ip && ip !== 'None' ? ip : '', service: svc };
}

/** The ready endpoint a connection to `service:port` lands on (round-robin), or undefined. */
export function pickEndpoint(c: Cluster, svc: KubeObject, port: number): { pod: KubeObject; port: number } | undefined {
  const sp = ((svc.spec as { ports?: { port: number; name?: string; targetPort?: number | string }[] }).ports ?? []).find((p) => p.port === port);
  if (!sp) return undefined;
  const ep = getObject(c, rt('endpoints'), svc.metadata.namespace, svc.metadata.name);
  const subsets = (ep?.subsets ?? []) as { addresses?: { ip: string; targetRef?: { name: string } }[]; ports?: { name?: string; port: number }[] }[];
  const choices: { pod: KubeObject; port: number }[] = [];
  for (const ss of subsets) {
    const p = (ss.ports ?? []).find((x) => (x.name ?? '') === (sp.name ?? '')) ?? (ss.ports ?? [])[0];
    if (!p) continue;
    for (const a of ss.addresses ?? []) {
      const pod = a.targetRef ? getObject(c, rt('pods'), svc.metadata.namespace, a.targetRef.name) : undefined;
      if (pod) choices.push({ pod, port: p.port });
    }
  }
  if (!choices.length) return undefined;
  const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const i = (c.s.rr[key] ?? 0) % choices.length;
  c.s.rr[key] = i + 1;
  return choices[i];
}

export interface HttpResponse {
  status: number;
  reason: string;
  body: string;
  headers: [string, string][];
}


function nginx404(version: string): string {
  return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function nginxVersion(tag: string): string {
  const m = /^(\d+\.\d+)(\.\d+)?/.exec(tag);
  if (!m) return '1.29.1';
  return m[2] ? m[0] : { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1' }[m[1]!] ?? `${m[1]}.0`;
}

/** The container of `pod` that listens on `port`, and which server it runs. */
export function listener(pod: KubeObject, port: number): { container: Container; kind: string; tag: string } | undefined {
  const spec = pod.spec as unknown as PodSpec;
  for (const ctr of spec.containers) {
    const pulled = pullImage(ctr.image ?? '');
    if (!pulled.ok || pulled.info.port !== port) continue;
    // A custom command replaces the server process: nothing listens.
    if (ctr.command?.length && pulled.info.kind !== 'hello-app') continue;
    const tag = (ctr.image ?? '').split(':')[1] ?? 'latest';
    return { container: ctr, kind: pulled.info.kind, tag };
  }
  return undefined;
}

/** What the server in `pod` answers to `GET path`, or undefined if it does not speak HTTP. */
export function serve(c: Cluster, pod: KubeObject, port: number, method: string, path: string, clientIp: string, agent: string, log: (podUid: string, ctr: string, line: string) => void): HttpResponse | undefined {
  const l = listener(pod, port);
  if (!l) return undefined;
  const now = clockDate(c.world.state.clock);
  const date = now.toUTCString();
  if (l.kind === 'nginx') {
    const v = nginxVersion(l.tag);
    const ok = path === '/' || path === '/index.html';
    const body = ok ? NGINX_INDEX : nginx404(v);
    const stamp = accessStamp(now);
    log(pod.metadata.uid, l.container.name, `${clientIp} - - [${stamp}] "${method} ${path} HTTP/1.1" ${ok ? 200 : 404} ${method === 'HEAD' ? 0 : body.length} "-" "${agent}" "-"`);
    return {
      status: ok ? 200 : 404,
      reason: ok ? 'OK' : 'Not Found',
      body,
      headers: [['Server', `nginx/${v}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ...(ok ? ([['Last-Modified', 'Tue, 16 Apr 2025 12:55:34 GMT'], ['Connection', 'keep-alive'], ['ETag', '"67ffa8c6-267"'], ['Accept-Ranges', 'bytes']] as [string, string][]) : [['Connection', 'keep-alive'] as [string, string]])],
    };
  }
  if (l.kind === 'httpd') {
    const ok = path === '/' || path === '/index.html';
    const body = ok ? '<html><body><h1>It works!</h1></body></html>\n' : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    log(pod.metadata.uid, l.container.name, `${clientIp} - - [${accessStamp(now)}] "${method} ${path} HTTP/1.1" ${ok ? 200 : 404} ${body.length}`);
    return { status: ok ? 200 : 404, reason: ok ? 'OK' : 'Not Found', body, headers: [['Date', date], ['Server', 'Apache/2.4.65 (Unix)'], ['Content-Length', String(body.length)], ['Content-Type', 'text/html']] };
  }
  if (l.kind === 'hello-app') {
    const version = l.tag.startsWith('2') ? '2.0.0' : '1.0.0';
    const body = `Hello, world!\nVersion: ${version}\nHostname: ${pod.metadata.name}\n`;
    log(pod.metadata.uid, l.container.name, `${now.toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/')} Serving request: ${path}`);
    return { status: 200, reason: 'OK', body, headers: [['Date', date], ['Content-Length', String(body.length)], ['Content-Type', 'text/plain; charset=utf-8']] };
  }
  return undefined;
}

function accessStamp(d: Date): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export interface FetchResult {
  kind: 'ok' | 'dns' | 'refused' | 'empty' | 'timeout';
  ip: string;
  port: number;
  host: string;
  response?: HttpResponse;
}

/** One HTTP request from a pod: DNS, Service routing and the server's answer. */
export function httpFetch(c: Cluster, from: KubeObject | undefined, url: string, method: string, agent: string, log: (podUid: string, ctr: string, line: string) => void): FetchResult {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  const host = m?.[2] ?? url;
  const port = m?.[3] ? Number(m[3]) : m?.[1] === 'https' ? 443 : 80;
  const path = m?.[4] ?? '/';
  const namespace = from?.metadata.namespace ?? 'default';
  const clientIp = String(from?.status?.podIP ?? '10.244.0.1');
  let target: { pod: KubeObject; port: number } | undefined;
  let ip = '';
  if (host === 'localhost' || host === '127.0.0.1') {
    if (from) target = { pod: from, port };
    ip = '127.0.0.1';
  } else {
    const r = resolveHost(c, namespace, host);
    if (!r) return { kind: 'dns', ip: '', port, host };
    ip = r.ip;
    if (r.service) {
      target = pickEndpoint(c, r.service, port);
      if (!target) return { kind: 'refused', ip, port, host };
    } else if (r.pod) target = { pod: r.pod, port };
    else return { kind: 'timeout', ip, port, host };
  }
  if (!target || target.pod.status?.phase !== 'Running') return { kind: 'refused', ip, port, host };
  const res = serve(c, target.pod, target.port, method, path, clientIp, agent, log);
  if (!res) return listener(target.pod, target.port) ? { kind: 'empty', ip, port, host } : { kind: 'refused', ip, port, host };
  return { kind: 'ok', ip, port, host, response: res };
}
