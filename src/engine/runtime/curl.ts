/** curl (7.88, as on Debian 12): requests to the simulated network, with curl's error texts and exit codes. */
import * as sys from '../kernel/syscalls.ts';
import type { Program } from '../shell/types.ts';
import { request } from './http.ts';

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

export const curl: Program = {
  name: 'curl',
  summary: 'transfer a URL',
  run(ctx) {
    let silent = false;
    let showErr = false;
    let include = false;
    let head = false;
    let fail = false;
    let output: string | undefined;
    let method = 'GET';
    const urls: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--help' || a === '-h') {
        ctx.stdout.write(HELP);
        return 0;
      }
      if (a === '--version' || a === '-V') {
        ctx.stdout.write('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13\nRelease-Date: 2023-02-20\nProtocols: http https\nFeatures: IPv6 Largefile libz SSL\n');
        return 0;
      }
      if (a.startsWith('--')) {
        const name = a.slice(2);
        if (name === 'silent') silent = true;
        else if (name === 'show-error') showErr = true;
        else if (name === 'include') include = true;
        else if (name === 'head') head = true;
        else if (name === 'fail') fail = true;
        else if (name === 'location' || name === 'verbose' || name === 'compressed' || name === 'insecure') continue;
        else if (name === 'output') output = args[++i];
        else if (name === 'request') method = args[++i] ?? 'GET';
        else if (name === 'max-time' || name === 'connect-timeout' || name === 'header' || name === 'user-agent' || name === 'data' || name === 'retry') i++;
        else {
          ctx.stderr.write(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (c === 's') silent = true;
          else if (c === 'S') showErr = true;
          else if (c === 'i') include = true;
          else if (c === 'I') head = true;
          else if (c === 'f') fail = true;
          else if (c === 'L' || c === 'v' || c === 'k') continue;
          else if (c === 'o' || c === 'X' || c === 'm' || c === 'H' || c === 'A' || c === 'd') {
            const v = a.length > j + 1 ? a.slice(j + 1) : args[++i];
            if (c === 'o') output = v;
            if (c === 'X') method = v ?? 'GET';
            break;
          } else {
            ctx.stderr.write(`curl: option -${c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
            return 2;
          }
        }
        continue;
      }
      urls.push(a);
    }
    if (urls.length === 0) {
      ctx.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const quietErr = silent && !showErr;
    let status = 0;
    for (const url of urls) {
      const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
      if (!m) {
        if (!quietErr) ctx.stderr.write(`curl: (3) URL using bad/illegal format or missing URL\n`);
        status = 3;
        continue;
      }
      const [, scheme = 'http', host = '', portText, path = '/'] = m;
      const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
      const r = request(ctx.world, ctx.proc, host, port, path, head ? 'HEAD' : method);
      if ('error' in r) {
        const [code, msg] =
          r.error === 'refused' ? [7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`] : r.error === 'reset' ? [56, 'Recv failure: Connection reset by peer'] : r.error === 'http09' ? [1, 'Received HTTP/0.9 when not allowed'] : [6, `Could not resolve host: ${host}`];
        if (!quietErr) ctx.stderr.write(`curl: (${code}) ${msg}\n`);
        status = code as number;
        continue;
      }
      const res = r.response;
      if (fail && res.status >= 400) {
        if (!quietErr) ctx.stderr.write(`curl: (22) The requested URL returned error: ${res.status}\n`);
        status = 22;
        continue;
      }
      const headers = `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
      const text = (include || head ? headers : '') + (head ? '' : res.body);
      if (output) sys.writeFile(ctx.world, ctx.proc, output, text);
      else ctx.stdout.write(text);
    }
    return status;
  },
};
