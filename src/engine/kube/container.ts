/**
 * Simulated container processes: what a container of a known image runs, the files it
 * sees (ConfigMap and Secret volumes, files its script made), the tools available inside
 * it (`kubectl exec`), and its logs.
 */
import { clockDate } from '../clock.ts';
import { LIMITS } from '../limits.ts';
import { dict, type Dict } from '../util/dict.ts';
import { decodeBase64 } from './base64.ts';
import { pullImage, type ImageInfo } from './images.ts';
import { DNS_IP, CLUSTER_DOMAIN, httpFetch, resolveHost, type FetchResult } from './network.ts';
import { rt } from './resources.ts';
import { findSandbox, syncFiles, treeList, treeRead, type Sandbox } from './sandbox.ts';
import { getObject, listObjects, type Cluster, type ContainerRuntime } from './store.ts';
import { parseScript, runScript, type ScriptHost, type Stmt, type ToolResult } from './script.ts';
import type { Container, KubeObject, PodSpec } from './types.ts';
import { bytes } from './quantity.ts';

export interface View {
  c: Cluster;
  pod: KubeObject;
  ctr: Container;
  rt: ContainerRuntime;
  info: ImageInfo;
}

export function imageInfo(ctr: Container): ImageInfo | undefined {
  const r = pullImage(ctr.image ?? '');
  return r.ok ? r.info : undefined;
}

/** The process a container runs: ENTRYPOINT/CMD overridden by command/args, as the runtime merges them. */
export function argvOf(ctr: Container, info: ImageInfo): string[] {
  if (ctr.command?.length) return [...ctr.command, ...(ctr.args ?? [])];
  return [...info.entrypoint, ...(ctr.args ?? info.cmd)];
}

/** Environment at container start: service links, env and envFrom. Returns an error for a missing ConfigMap/Secret key. */
export function containerEnv(c: Cluster, pod: KubeObject, ctr: Container): { env: Dict<string> } | { error: string } {
  const env = dict<string>();
  env.PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  env.HOSTNAME = pod.metadata.name;
  const ns = pod.metadata.namespace ?? 'default';
  // Service links (enableServiceLinks): every service in the namespace, plus `kubernetes`.
  const svcs = listObjects(c, rt('services'), ns);
  const kubernetes = getObject(c, rt('services'), 'default', 'kubernetes');
  if (kubernetes && ns !== 'default') svcs.push(kubernetes);
  for (const s of svcs) {
    const spec = s.spec as { clusterIP?: string; ports?: { port: number; protocol?: string; name?: string }[] };
    if (!spec.clusterIP || spec.clusterIP === 'None' || !spec.ports?.length) continue;
    const n = s.metadata.name.toUpperCase().replace(/-/g, '_');
    const p0 = spec.ports[0]!;
    const proto = (p0.protocol ?? 'TCP').toLowerCase();
    env[`${n}_SERVICE_HOST`] = spec.clusterIP;
    env[`${n}_SERVICE_PORT`] = String(p0.port);
    for (const p of spec.ports) if (p.name) env[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    env[`${n}_PORT`] = `${proto}://${spec.clusterIP}:${p0.port}`;
    for (const p of spec.ports) {
      const pr = (p.protocol ?? 'TCP').toUpperCase();
      const base = `${n}_PORT_${p.port}_${pr}`;
      env[base] = `${pr.toLowerCase()}://${spec.clusterIP}:${p.port}`;
      env[`${base}_PROTO`] = pr.toLowerCase();
      env[`${base}_PORT`] = String(p.port);
      env[`${base}_ADDR`] = spec.clusterIP;
    }
  }
  const lookup = (kind: 'configMap' | 'secret', name: string, key: string | undefined, optional: boolean): string | { error: string } | undefined => {
    const type = rt(kind === 'configMap' ? 'configmaps' : 'secrets');
    const obj = getObject(c, type, ns, name);
    if (!obj) return optional ? undefined : { error: `${kind === 'configMap' ? 'configmap' : 'secret'} "${name}" not found` };
    if (key === undefined) return '';
    const data = (obj.data ?? {}) as Record<string, string>;
    if (!(key in data)) return optional ? undefined : { error: `couldn't find key ${key} in ${kind === 'configMap' ? 'ConfigMap' : 'Secret'} ${ns}/${name}` };
    return kind === 'secret' ? (decodeBase64(data[key]!) ?? '') : data[key]!;
  };
  for (const from of ctr.envFrom ?? []) {
    const kind = from.configMapRef ? 'configMap' : 'secret';
    const name = (from.configMapRef ?? from.secretRef)?.name ?? '';
    const obj = getObject(c, rt(kind === 'configMap' ? 'configmaps' : 'secrets'), ns, name);
    if (!obj) return { error: `${kind === 'configMap' ? 'configmap' : 'secret'} "${name}" not found` };
    for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) env[(from.prefix ?? '') + k] = kind === 'secret' ? (decodeBase64(v) ?? '') : v;
  }
  for (const e of ctr.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value).replace(/\$\((\w+)\)/g, (m, n: string) => env[n] ?? m);
    else if (e.valueFrom?.configMapKeyRef) {
      const r = lookup('configMap', e.valueFrom.configMapKeyRef.name ?? '', e.valueFrom.configMapKeyRef.key, !!e.valueFrom.configMapKeyRef.optional);
      if (typeof r === 'object') return r;
      if (r !== undefined) env[e.name] = r;
    } else if (e.valueFrom?.secretKeyRef) {
      const r = lookup('secret', e.valueFrom.secretKeyRef.name ?? '', e.valueFrom.secretKeyRef.key, !!e.valueFrom.secretKeyRef.optional);
      if (typeof r === 'object') return r;
      if (r !== undefined) env[e.name] = r;
    } else if (e.valueFrom?.fieldRef) {
      const f = e.valueFrom.fieldRef.fieldPath;
      const v = f === 'metadata.name' ? pod.metadata.name : f === 'metadata.namespace' ? ns : f === 'spec.nodeName' ? (pod.spec as unknown as PodSpec).nodeName : f === 'status.podIP' ? pod.status?.podIP : f === 'status.hostIP' ? pod.status?.hostIP : f === 'spec.serviceAccountName' ? (pod.spec as unknown as PodSpec).serviceAccountName : undefined;
      env[e.name] = String(v ?? '');
    } else env[e.name] = '';
  }
  env.HOME = '/root';
  return { env };
}

/** A volume that cannot be mounted (missing ConfigMap/Secret), as the FailedMount event says it. */
export function mountProblem(c: Cluster, pod: KubeObject): string | undefined {
  const ns = pod.metadata.namespace;
  for (const v of (pod.spec as unknown as PodSpec).volumes ?? []) {
    if (v.configMap && !getObject(c, rt('configmaps'), ns, v.configMap.name) && !(v.configMap as { optional?: boolean }).optional) return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    if (v.secret && !getObject(c, rt('secrets'), ns, v.secret.secretName) && !(v.secret as { optional?: boolean }).optional) return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
  }
  return undefined;
}

type PodVolume = NonNullable<PodSpec['volumes']>[number];

/**
 * What a volume holds, path (relative to the volume) → content: a ConfigMap's or Secret's
 * keys (or the chosen items) and the service account token's files. Undefined for a volume
 * with no such content (emptyDir): an empty directory.
 */
export function volumeContents(c: Cluster, pod: KubeObject, v: PodVolume): Dict<string> | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const files = dict<string>();
  if (v.configMap || v.secret) {
    const obj = v.configMap ? getObject(c, rt('configmaps'), ns, v.configMap.name) : getObject(c, rt('secrets'), ns, v.secret!.secretName);
    const data = (obj?.data ?? {}) as Record<string, string>;
    const items = (v.configMap ?? v.secret)?.items;
    for (const k of Object.keys(data)) {
      const item = items ? items.find((i) => i.key === k) : { key: k, path: k };
      if (item) files[item.path] = v.secret ? (decodeBase64(data[k]!) ?? '') : data[k]!;
    }
    return files;
  }
  if (!(v as { projected?: unknown }).projected) return undefined;
  files['ca.crt'] = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIc2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n-----END CERTIFICATE-----\n';
  files['namespace'] = ns;
  files['token'] = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImhhdGNod2F5In0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2ltdWxhdGVk';
  return files;
}

/** Files a container sees from its volumes (read at the time of reading, as kubelet syncs them). */
function volumeFiles(c: Cluster, pod: KubeObject, ctr: Container): Dict<string> {
  const files = dict<string>();
  for (const m of ctr.volumeMounts ?? []) {
    const v = ((pod.spec as unknown as PodSpec).volumes ?? []).find((x) => x.name === m.name);
    const base = m.mountPath.replace(/\/$/, '');
    for (const [path, content] of Object.entries((v && volumeContents(c, pod, v)) ?? {})) {
      if (!m.subPath) files[`${base}/${path}`] = content;
      else if (m.subPath === path) files[base] = content;
    }
  }
  return files;
}

/** The files kubelet writes into every container of a pod: /etc/hostname, /etc/hosts and /etc/resolv.conf. */
export function podEtcFiles(pod: KubeObject): Dict<string> {
  const f = dict<string>();
  f['/etc/hostname'] = `${pod.metadata.name}\n`;
  f['/etc/resolv.conf'] = `search ${pod.metadata.namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_IP}\noptions ndots:5\n`;
  f['/etc/hosts'] = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${String(pod.status?.podIP ?? '')}\t${pod.metadata.name}\n`;
  return f;
}

function imageFiles(v: View): Dict<string> {
  const f = podEtcFiles(v.pod);
  if (v.info.kind === 'nginx') f['/usr/share/nginx/html/index.html'] = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n';
  if (v.info.kind === 'httpd') f['/usr/local/apache2/htdocs/index.html'] = '<html><body><h1>It works!</h1></body></html>\n';
  return f;
}

/** The container's sandbox, brought up to `at`, once someone has opened a shell or run exec in it. */
function sandboxAt(v: View, at: number): Sandbox | undefined {
  const sb = findSandbox(v.c.world, v.rt.containerId);
  if (sb) syncFiles(v.c.world, sb, v.rt.files ?? [], at);
  return sb;
}

/** The content of `path` inside the container at virtual time `at`, or undefined. */
export function readFileAt(v: View, path: string, at: number): string | undefined {
  const sb = sandboxAt(v, at);
  if (sb) return treeRead(v.c.world, sb, path);
  const made = [...(v.rt.files ?? [])].reverse().find((f) => f.path === path && f.from <= at);
  if (made) return made.to !== undefined && made.to <= at ? undefined : made.content;
  return volumeFiles(v.c, v.pod, v.ctr)[path] ?? imageFiles(v)[path];
}

function listDir(v: View, dir: string, at: number): string[] | undefined {
  const sb = sandboxAt(v, at);
  if (sb) return treeList(v.c.world, sb, dir);
  const base = dir.replace(/\/$/, '');
  const all = { ...imageFiles(v), ...volumeFiles(v.c, v.pod, v.ctr) };
  const names = new Set<string>();
  for (const p of Object.keys(all)) if (p.startsWith(base + '/')) names.add(p.slice(base.length + 1).split('/')[0]!);
  for (const f of v.rt.files ?? []) if (f.path.startsWith(base + '/') && f.from <= at && (f.to === undefined || f.to > at)) names.add(f.path.slice(base.length + 1).split('/')[0]!);
  if (!names.size && !['/', '/tmp', '/etc', '/root', '/var', '/usr'].includes(base || '/')) return undefined;
  return [...names].sort();
}

/** Images whose tools are busybox applets (their texts and their shell's prompt are busybox's). */
export const busyboxStyle = (info: ImageInfo) => info.kind === 'busybox' || info.kind === 'alpine' || info.kind === 'stress';

function fetchTool(v: View, tool: 'curl' | 'wget', args: string[]): ToolResult {
  const log = (uid: string, ctr: string, line: string) => appendLog(v.c, uid, ctr, line);
  if (tool === 'curl') {
    let silent = false;
    let head = false;
    let fail = false;
    let writeOut: string | undefined;
    let output: string | undefined;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-s' || a === '--silent') silent = true;
      else if (a === '-I' || a === '--head') head = true;
      else if (a === '-f' || a === '--fail') fail = true;
      else if (a === '-sS' || a === '-Ss') silent = true;
      else if (a === '-sI' || a === '-Is') (silent = true), (head = true);
      else if (a === '-w' || a === '--write-out') writeOut = args[++i];
      else if (a === '-o' || a === '--output') output = args[++i];
      else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') i++;
      else if (a === '-L' || a === '-v' || a === '-k' || a === '-4') continue;
      else if (a.startsWith('-')) return { out: '', err: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, code: 2 };
      else url = a;
    }
    if (!url) return { out: '', err: "curl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 };
    const r = httpFetch(v.c, v.pod, url, head ? 'HEAD' : 'GET', 'curl/7.88.1', log);
    const errs: Record<FetchResult['kind'], [number, string]> = {
      ok: [0, ''],
      dns: [6, `curl: (6) Could not resolve host: ${r.host}`],
      refused: [7, `curl: (7) Failed to connect to ${r.host} port ${r.port} after 0 ms: Couldn't connect to server`],
      empty: [52, 'curl: (52) Empty reply from server'],
      timeout: [28, `curl: (28) Failed to connect to ${r.host} port ${r.port} after 130000 ms: Couldn't connect to server`],
    };
    if (r.kind !== 'ok') return { out: '', err: silent ? '' : errs[r.kind][1] + '\n', code: errs[r.kind][0] };
    const res = r.response!;
    if (fail && res.status >= 400) return { out: '', err: silent ? '' : `curl: (22) The requested URL returned error: ${res.status}\n`, code: 22 };
    let body = head ? `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, val]) => `${k}: ${val}\r\n`).join('')}\r\n` : res.body;
    if (output === '/dev/null') body = '';
    if (writeOut) body += writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n');
    const size = res.body.length;
    const meter = silent || head ? '' : `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100   ${size}  100   ${size}    0     0   ${size}k      0 --:--:-- --:--:-- --:--:--  ${size}k\n`;
    return { out: body, err: meter, code: 0 };
  }
  // busybox wget
  let quiet = false;
  let out: string | undefined;
  let url: string | undefined;
  let spider = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q') quiet = true;
    else if (a === '-qO-' || a === '-qO' ) (quiet = true), (out = a === '-qO-' ? '-' : args[++i]);
    else if (a === '-O-') out = '-';
    else if (a === '-O') out = args[++i];
    else if (a === '--spider') spider = true;
    else if (a === '-T' || a === '--timeout') i++;
    else if (a.startsWith('--timeout=')) continue;
    else if (a.startsWith('-')) return { out: '', err: `wget: unrecognized option '${a}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, code: 1 };
    else url = a;
  }
  if (!url) return { out: '', err: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', code: 1 };
  const r = httpFetch(v.c, v.pod, url, 'GET', 'Wget', log);
  const connecting = quiet ? '' : `Connecting to ${r.host}${r.ip && r.ip !== r.host ? ` (${r.ip}:${r.port})` : ''}\n`;
  if (r.kind === 'dns') return { out: '', err: `wget: bad address '${r.host}'\n`, code: 1 };
  if (r.kind === 'refused') return { out: '', err: `${connecting}wget: can't connect to remote host (${r.ip}): Connection refused\n`, code: 1 };
  if (r.kind === 'timeout') return { out: '', err: `${connecting}wget: download timed out\n`, code: 1 };
  if (r.kind === 'empty') return { out: '', err: `${connecting}wget: error getting response\n`, code: 1 };
  const res = r.response!;
  if (res.status >= 400) return { out: '', err: `${connecting}wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`, code: 1 };
  if (spider) return { out: '', err: quiet ? '' : `${connecting}remote file exists\n`, code: 0 };
  if (out === '-') return { out: res.body, err: quiet ? '' : `${connecting}writing to stdout\n-                    100% |********************************|   ${res.body.length}  0:00:00 ETA\nwritten to stdout\n`, code: 0 };
  const file = out ?? 'index.html';
  (v.rt.files ??= []).push({ path: file.startsWith('/') ? file : `/${file}`, content: res.body, from: v.c.world.now });
  return { out: '', err: quiet ? '' : `${connecting}saving to '${file}'\n${file.padEnd(20)} 100% |********************************|   ${res.body.length}  0:00:00 ETA\n'${file}' saved\n`, code: 0 };
}

/** Runs one tool inside the container at virtual time `at` (exec, scripts, exec probes). */
export function runTool(v: View, argv: string[], at: number, env: Dict<string>): ToolResult {
  const [cmd0, ...args] = argv;
  const cmd = (cmd0 ?? '').replace(/^\/(usr\/)?(s?bin)\//, '');
  const bb = busyboxStyle(v.info);
  const notFound = (): ToolResult => ({ out: '', err: bb ? `sh: ${cmd0}: not found\n` : `sh: 1: ${cmd0}: not found\n`, code: 127 });
  if (!v.info.tools.includes(cmd) && !['sh', 'bash'].includes(cmd)) return notFound();
  const ok = (out: string): ToolResult => ({ out, err: '', code: 0 });
  switch (cmd) {
    case 'echo': {
      const n = args[0] === '-n';
      const rest = n ? args.slice(1) : args;
      return ok(rest.join(' ') + (n ? '' : '\n'));
    }
    case 'true':
      return ok('');
    case 'false':
      return { out: '', err: '', code: 1 };
    case 'hostname':
      return ok(`${v.pod.metadata.name}\n`);
    case 'whoami':
      return ok('root\n');
    case 'id':
      return ok('uid=0(root) gid=0(root) groups=0(root)' + (bb ? ',10(wheel)\n' : '\n'));
    case 'pwd':
      return ok('/\n');
    case 'uname':
      return ok(args.includes('-a') ? `Linux ${v.pod.metadata.name} 6.8.0-85-generic #85-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : args.includes('-r') ? '6.8.0-85-generic\n' : 'Linux\n');
    case 'date':
      return ok(`${dateText(clockDate(v.c.world.state.clock, at))}\n`);
    case 'env':
    case 'printenv': {
      if (cmd === 'printenv' && args.length) {
        const vals = args.map((a) => env[a]).filter((x) => x !== undefined);
        return { out: vals.map((x) => `${x}\n`).join(''), err: '', code: vals.length === args.length ? 0 : 1 };
      }
      return ok(Object.keys(env).map((k) => `${k}=${env[k]}\n`).join(''));
    }
    case 'cat': {
      let out = '';
      let err = '';
      for (const p of args) {
        const content = readFileAt(v, p, at);
        if (content === undefined) err += bb ? `cat: can't open '${p}': No such file or directory\n` : `cat: ${p}: No such file or directory\n`;
        else out += content;
      }
      return { out, err, code: err ? 1 : 0 };
    }
    case 'ls': {
      const paths = args.filter((a) => !a.startsWith('-'));
      let out = '';
      let err = '';
      for (const p of paths.length ? paths : ['/']) {
        const file = readFileAt(v, p, at);
        if (file !== undefined) {
          out += `${p}\n`;
          continue;
        }
        const names = p === '/' ? ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'] : listDir(v, p, at);
        if (names === undefined) err += bb ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`;
        else out += names.map((n) => `${n}\n`).join('');
      }
      return { out, err, code: err ? (bb ? 1 : 2) : 0 };
    }
    case 'touch':
    case 'mkdir':
      for (const p of args.filter((a) => !a.startsWith('-'))) if (cmd === 'touch') (v.rt.files ??= []).push({ path: p, content: readFileAt(v, p, at) ?? '', from: at });
      return ok('');
    case 'rm':
      for (const p of args.filter((a) => !a.startsWith('-'))) {
        const f = [...(v.rt.files ?? [])].reverse().find((x) => x.path === p && x.from <= at && (x.to === undefined || x.to > at));
        if (f) f.to = at;
        else if (!args.some((a) => a.startsWith('-') && a.includes('f'))) return { out: '', err: bb ? `rm: can't remove '${p}': No such file or directory\n` : `rm: cannot remove '${p}': No such file or directory\n`, code: 1 };
      }
      return ok('');
    case 'curl':
    case 'wget':
      return fetchTool(v, cmd, args);
    case 'nslookup': {
      const name = args[0] ?? '';
      const r = resolveHost(v.c, v.pod.metadata.namespace ?? 'default', name);
      const head = `Server:\t\t${DNS_IP}\nAddress:\t${DNS_IP}:53\n\n`;
      if (!r || !r.ip) return { out: `${head}** server can't find ${name}: NXDOMAIN\n\n`, err: '', code: 1 };
      const fq = r.service ? `${r.service.metadata.name}.${r.service.metadata.namespace}.svc.${CLUSTER_DOMAIN}` : name;
      return ok(`${head}\nName:\t${fq}\nAddress: ${r.ip}\n\n`);
    }
    case 'redis-cli':
      return ok(args.includes('ping') || args.includes('PING') ? 'PONG\n' : '(nil)\n');
    case 'ps':
      return ok(`PID   USER     TIME  COMMAND\n    1 root      0:00 ${argvOf(v.ctr, v.info).join(' ')}\n`);
    case 'nginx':
      return args.includes('-v') ? { out: '', err: 'nginx version: nginx/1.27.5\n', code: 0 } : args.includes('-t') ? { out: '', err: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', code: 0 } : ok('');
    case 'sleep':
      return ok('');
    case 'sh':
    case 'bash': {
      if (args[0] !== '-c' || args[1] === undefined) return { out: '', err: '', code: 0 };
      const parsed = parseScript(args[1]);
      if ('error' in parsed) return { out: '', err: parsed.error + '\n', code: 2 };
      const host = scriptHost(v, env);
      const r = runScript(parsed, host, at, LIMITS.containerScriptSteps, {}, false);
      return { out: r.lines.map((l) => l.text + '\n').join(''), err: '', code: r.code };
    }
    default:
      return notFound();
  }
}

function dateText(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${mons[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function scriptHost(v: View, env: Dict<string>): ScriptHost {
  return {
    env,
    shellName: 'sh',
    tool: (argv, at) => runTool(v, argv, at, env),
    write(path, content, append, at) {
      const prev = append ? (readFileAt(v, path, at) ?? '') : '';
      (v.rt.files ??= []).push({ path, content: prev + content, from: at });
    },
  };
}

export function appendLog(c: Cluster, podUid: string, ctrName: string, line: string): void {
  const pr = c.s.runtime[podUid];
  const ctr = pr?.containers.find((x) => x.name === ctrName && !x.init) ?? pr?.containers.find((x) => x.name === ctrName);
  if (!ctr) return;
  ctr.logs.push({ at: c.world.now, line });
  if (ctr.logs.length > LIMITS.logLines) ctr.logs.splice(0, ctr.logs.length - LIMITS.logLines);
}

function nginxStartLogs(v: View, at: number): string[] {
  const d = clockDate(v.c.world.state.clock, at);
  const p = (n: number) => String(n).padStart(2, '0');
  const ts = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const tag = (v.ctr.image ?? '').split(':')[1] ?? 'latest';
  const ver = /^\d+\.\d+\.\d+$/.test(tag) ? tag : { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0' }[tag] ?? '1.29.1';
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${ts} [notice] 1#1: using the "epoll" event method`,
    `${ts} [notice] 1#1: nginx/${ver}`,
    `${ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
    `${ts} [notice] 1#1: OS: Linux 6.8.0-85-generic`,
    `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${ts} [notice] 1#1: start worker processes`,
    `${ts} [notice] 1#1: start worker process 29`,
    `${ts} [notice] 1#1: start worker process 30`,
  ];
}

/**
 * Starts the main process at `at`: fills the container runtime with its planned output,
 * when it exits by itself, and its memory use. Returns the start-up output lines.
 */
export function startProcess(v: View, at: number): void {
  const r = v.rt;
  r.logs = [];
  r.files = [];
  delete r.loop;
  delete r.exitAt;
  delete r.exitCodePlanned;
  r.memory = v.info.memoryMi * 1024 * 1024;
  r.cpu = v.info.cpuMilli;
  const env = r.env ?? dict<string>();
  const argv = argvOf(v.ctr, v.info);
  const push = (lines: string[], when = at) => {
    for (const line of lines) r.logs.push({ at: when, line });
  };
  const cmd = (argv[0] ?? '').replace(/^.*\//, '');
  // Control-plane components run until stopped, whatever their flags.
  if (v.info.kind === 'system') return push([`I1104 09:58:12.000000       1 server.go:0] "Starting ${cmd || v.ctr.name}"`]);
  // Known servers run until stopped.
  if (!v.ctr.command?.length || v.info.kind === 'hello-app') {
    if (v.info.kind === 'nginx' && !v.ctr.args?.length) return push(nginxStartLogs(v, at));
    if (v.info.kind === 'httpd' && !v.ctr.args?.length) {
      const d = clockDate(v.c.world.state.clock, at).toUTCString();
      return push([
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${String(v.pod.status?.podIP ?? '10.244.1.2')}. Set the 'ServerName' directive globally to suppress this message`,
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${String(v.pod.status?.podIP ?? '10.244.1.2')}. Set the 'ServerName' directive globally to suppress this message`,
        `[${d}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations`,
        `[${d}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ]);
    }
    if (v.info.kind === 'redis' && !v.ctr.args?.length) {
      return push([
        '1:C 21 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '1:C 21 Nov 2026 10:00:00.000 * Redis version=8.0.2, bits=64, commit=00000000, modified=1, pid=1, just started',
        '1:M 21 Nov 2026 10:00:00.000 * Server initialized',
        '1:M 21 Nov 2026 10:00:00.000 * Ready to accept connections tcp',
      ]);
    }
    if (v.info.kind === 'hello-app') return push(['2026/11/21 10:00:00 Server listening on port 8080']);
  }
  if (cmd === 'stress') return startStress(v, argv.slice(1), at);
  // Everything else is a shell script or a single command, of a program the image has.
  if (!v.info.tools.includes(cmd) && !(cmd === 'ash' && v.info.tools.includes('sh'))) {
    // containerd cannot start a binary the image does not have.
    r.exitAt = at;
    r.exitCodePlanned = 128;
    r.killReason = 'StartError';
    r.message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`;
    return;
  }
  let script: Stmt[];
  if ((cmd === 'sh' || cmd === 'bash' || cmd === 'ash') && argv[1] === '-c') {
    const parsed = parseScript(argv[2] ?? '');
    if ('error' in parsed) {
      push([parsed.error]);
      r.exitAt = at;
      r.exitCodePlanned = 2;
      return;
    }
    script = parsed;
  } else if ((cmd === 'sh' || cmd === 'bash' || cmd === 'ash') && argv.length === 1) {
    // With stdin open (`stdin: true`, kubectl run -i) the shell waits for someone to attach;
    // without, it reads EOF and exits at once.
    if (v.ctr.stdin) return;
    r.exitAt = at;
    r.exitCodePlanned = 0;
    return;
  } else script = [{ k: 'cmd', argv: argv.map((a) => [{ t: a, q: 's' as const }]) }];
  const host = scriptHost(v, env);
  const out = runScript(script, host, at, LIMITS.containerScriptSteps);
  for (const l of out.lines) r.logs.push({ at: l.at, line: l.text });
  if (out.loop) r.loop = { body: out.loop.body, start: out.loop.start, period: out.loop.period, vars: dict(Object.entries(out.loop.vars)) };
  if (out.busy) r.cpu = 1000;
  if (out.endedAt !== undefined) {
    r.exitAt = out.endedAt;
    r.exitCodePlanned = out.code;
  }
}

function startStress(v: View, args: string[], at: number): void {
  const r = v.rt;
  let vmBytes = 256 * 1024 * 1024;
  let workers = 0;
  let cpuWorkers = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--vm-bytes') vmBytes = bytes(String(args[++i] ?? '').replace(/([KMG])$/i, '$1i').replace(/ii$/, 'i'));
    else if (args[i] === '--vm' || args[i] === '-m') workers = Number(args[++i] ?? 1);
    else if (args[i] === '--cpu' || args[i] === '-c') cpuWorkers = Number(args[++i] ?? 1);
  }
  r.logs.push({ at, line: `stress: info: [1] dispatching hogs: ${cpuWorkers} cpu, 0 io, ${workers} vm, 0 hdd` });
  r.memory = workers * vmBytes + 1024 * 1024;
  r.cpu = cpuWorkers * 1000 + (workers ? 50 : 0);
}

/** Log lines of the current run of a container up to now, including `while true` iterations. */
export function logLines(v: View, now: number): string[] {
  return logEntries(v, now).map((l) => l.line);
}

/** The same lines with the virtual time each was written (`kubectl logs -f`, `--timestamps`). */
export function logEntries(v: View, now: number): { at: number; line: string }[] {
  const r = v.rt;
  const out: { at: number; line: string }[] = r.logs.filter((l) => l.at <= now);
  if (r.loop && now >= r.loop.start + r.loop.period) {
    const env = r.env ?? dict<string>();
    const host = scriptHost(v, env);
    const total = Math.floor((now - r.loop.start) / r.loop.period);
    const first = Math.max(1, total - LIMITS.logLines);
    for (let k = first; k <= total; k++) {
      const res = runScript(r.loop.body as Stmt[], host, r.loop.start + k * r.loop.period, LIMITS.containerScriptSteps, { ...r.loop.vars }, false);
      for (const l of res.lines) if (l.at <= now) out.push({ at: l.at, line: l.text });
    }
  }
  out.sort((a, b) => a.at - b.at);
  return out.slice(-LIMITS.logLines);
}

/** When the running main process next writes to its log after `now` (a planned line or the loop's next pass). */
export function nextLogAt(v: View, now: number): number | undefined {
  let next: number | undefined;
  for (const l of v.rt.logs) if (l.at > now && (next === undefined || l.at < next)) next = l.at;
  const loop = v.rt.loop;
  if (loop) {
    const pass = loop.start + (Math.floor(Math.max(0, now - loop.start) / loop.period) + 1) * loop.period;
    if (next === undefined || pass < next) next = pass;
  }
  return next;
}

/** Log lines of the previous run (`kubectl logs --previous`), kept when the container restarted. */
export const previousLogs = new WeakMap<object, string[]>();

export type { Container };
export { memoryLimit };

function memoryLimit(ctr: Container): number | undefined {
  const l = ctr.resources?.limits?.memory;
  return l === undefined ? undefined : bytes(l);
}
