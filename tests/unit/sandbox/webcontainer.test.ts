import { describe, expect, it } from 'vitest';
import { startBackend } from '../../../src/sandbox/webcontainer/backend.ts';
import { DOCKER_SHIM, MARK_END, MARK_START, OutputScanner, shellQuote, type DockerRequest } from '../../../src/sandbox/webcontainer/docker-bridge.ts';
import { readFiles, toFileTree } from '../../../src/sandbox/webcontainer/file-tree.ts';
import { checkSupport, fallbackNotice } from '../../../src/sandbox/webcontainer/support.ts';
import type { LabPort } from '../../../src/sandbox/webcontainer/types.ts';
import { FakeWebContainer, type FakeIo } from './fake-webcontainer.ts';

const marker = (req: DockerRequest) => `${MARK_START}${btoa(JSON.stringify(req))}${MARK_END}`;

describe('support check', () => {
  it('names why a WebContainer cannot start, offline first', () => {
    expect(checkSupport({ crossOriginIsolated: true, hasSharedArrayBuffer: true, online: true })).toBeUndefined();
    expect(checkSupport({ crossOriginIsolated: false, hasSharedArrayBuffer: true, online: true })).toBe('no-isolation');
    expect(checkSupport({ crossOriginIsolated: undefined, hasSharedArrayBuffer: false, online: true })).toBe('no-isolation');
    expect(checkSupport({ crossOriginIsolated: true, hasSharedArrayBuffer: false, online: true })).toBe('no-shared-memory');
    expect(checkSupport({ crossOriginIsolated: true, hasSharedArrayBuffer: true, online: false })).toBe('offline');
  });

  it('tells the learner the lab still works', () => {
    expect(fallbackNotice('no-isolation')).toBe(
      'This lab can run real Node programs in a WebContainer, but it could not start here: the page is not cross-origin isolated (the site needs COOP/COEP headers). The terminal runs the built-in simulation instead; every task that does not need real Node still works.',
    );
  });
});

describe('file trees', () => {
  it('nests flat paths and skips unsafe ones', () => {
    expect(JSON.parse(JSON.stringify(toFileTree([{ path: 'server.js', content: 'a' }, { path: 'src/lib/x.js', content: 'b' }, { path: '../etc/passwd', content: 'no' }, { path: './Dockerfile', content: 'c' }])))).toEqual({
      'server.js': { file: { contents: 'a' } },
      src: { directory: { lib: { directory: { 'x.js': { file: { contents: 'b' } } } } } },
      Dockerfile: { file: { contents: 'c' } },
    });
  });

  it('reads a project back without node_modules, bounded', async () => {
    const fake = new FakeWebContainer(async () => 0);
    await fake.mount(toFileTree([{ path: 'a.js', content: '1' }, { path: 'node_modules/x/index.js', content: 'big' }, { path: 'src/b.js', content: '22' }]));
    expect(await readFiles(fake.fs, fake.workdir)).toEqual([{ path: 'a.js', content: '1' }, { path: 'src/b.js', content: '22' }]);
    expect(await readFiles(fake.fs, fake.workdir, { files: 1, bytes: 100 })).toEqual([{ path: 'a.js', content: '1' }]);
  });
});

describe('output scanner', () => {
  it('passes text through and pulls out bridge requests, even split across chunks', () => {
    const seen: DockerRequest[] = [];
    const s = new OutputScanner((r) => seen.push(r));
    const m = marker({ id: 'x1', args: ['build', '-t', 'app', '.'], cwd: '/home/projects' });
    const cut = 10;
    expect(s.push(`$ docker build\r\n${m.slice(0, cut)}`)).toBe('$ docker build\r\n');
    expect(s.push(m.slice(cut, cut + 5))).toBe('');
    expect(s.push(`${m.slice(cut + 5)}after\x1b]0;title\x07`)).toBe('after\x1b]0;title\x07');
    expect(seen).toEqual([{ id: 'x1', args: ['build', '-t', 'app', '.'], cwd: '/home/projects' }]);
  });

  it('drops a malformed request instead of printing it', () => {
    const s = new OutputScanner(() => {
      throw new Error('not called');
    });
    expect(s.push(`a${MARK_START}%%%${MARK_END}b`)).toBe('ab');
  });

  it('quotes arguments for the engine shell', () => {
    expect(shellQuote(['build', '-t', 'my app:1', "it's", '.'])).toBe("build -t 'my app:1' 'it'\\''s' .");
  });
});

/** A fake jsh: echoes lines, and for `docker ...` does what the shim script does. */
function fakeShell(io: FakeIo): Promise<number> {
  return (async () => {
    io.write('~/projects ❯ ');
    let line = '';
    for (;;) {
      const chunk = await io.read();
      if (chunk === undefined) return 0;
      for (const ch of chunk) {
        if (ch !== '\r') {
          line += ch;
          continue;
        }
        const args = line.trim().split(/\s+/);
        line = '';
        if (args[0] === 'docker') {
          io.write(marker({ id: 'req1', args: args.slice(1), cwd: '/home/projects/app' }));
          const done = `${io.env.HATCHWAY_DIR!.slice('/home/projects/'.length)}/done-req1`;
          while (!io.fs.has(done)) await new Promise((r) => setTimeout(r, 5));
          io.write(`[exit ${io.fs.get(done)}]\r\n`);
        } else if (args[0] === 'exit') return 0;
        else io.write(`ran ${args.join(' ')}\r\n`);
        io.write('~/projects ❯ ');
      }
    }
  })();
}

function fakeLab() {
  const world = new Map<string, string>([['notes.txt', 'from the world']]);
  const calls: string[] = [];
  const out: string[] = [];
  let input: (d: string) => void = () => {};
  const previews: [number, string][] = [];
  const lab: LabPort = {
    request: async <T>(method: string, params?: unknown): Promise<T> => {
      calls.push(method);
      const p = params as Record<string, unknown>;
      if (method === 'files.import') for (const f of p.files as { path: string; content: string }[]) world.set(f.path, f.content);
      if (method === 'shell.run') {
        // The engine's docker build writes nothing here, but say an image digest file appears.
        world.set('app/.last-build', 'sha256:abc');
        return { stdout: `#0 building with "default" instance\n${String(p.command)}\n`, stderr: '', exitCode: 0 } as T;
      }
      if (method === 'files.export') return [...world].map(([path, content]) => ({ path, content })) as T;
      return undefined as T;
    },
    terminal: { write: (d) => out.push(d), reset: () => out.push('<reset>'), cols: 80, rows: 24, takeInput: (h) => (input = h) },
    preview: (port, url) => previews.push([port, url]),
  };
  return { lab, world, calls, out, previews, type: (d: string) => input(d) };
}

describe('WebContainer backend (with the fake)', () => {
  it('mounts the lab files, attaches the terminal, and bridges docker build with files both ways', async () => {
    const fake = new FakeWebContainer(async (command, _args, io) => (command === 'jsh' ? fakeShell(io) : 127));
    const t = fakeLab();
    const backend = await startBackend(fake, t.lab, [{ path: 'app/server.js', content: 'require("http")' }, { path: 'app/Dockerfile', content: 'FROM node:22\n' }]);
    expect(fake.files.get('app/server.js')).toBe('require("http")');
    expect(fake.files.get('.hatchway/bin/docker')).toBe(DOCKER_SHIM);

    t.type('node app/server.js\r');
    await new Promise((r) => setTimeout(r, 20));
    expect(t.out.join('')).toContain('ran node app/server.js');

    // The learner edits the Dockerfile inside the WebContainer, then builds.
    await fake.fs.writeFile('app/Dockerfile', 'FROM node:22-alpine\n');
    t.type('docker build -t web .\r');
    for (let i = 0; i < 100 && !t.out.join('').includes('[exit 0]'); i++) await new Promise((r) => setTimeout(r, 10));
    await backend.idle();
    const shown = t.out.join('');
    expect(shown).toContain('\r\n(cd app && docker build -t web .)\r\n');
    expect(shown).toContain('[exit 0]');
    expect(shown).not.toContain(MARK_START);
    // Into the world: the edited Dockerfile. Back into the WebContainer: files the world has.
    expect(t.world.get('app/Dockerfile')).toBe('FROM node:22-alpine\n');
    expect(t.calls).toEqual(['files.import', 'shell.run', 'files.export']);
    expect(fake.files.get('notes.txt')).toBe('from the world');
    expect(fake.files.get('app/.last-build')).toBe('sha256:abc');

    fake.serverReady(3000, 'https://example.invalid/3000');
    expect(t.previews).toEqual([[3000, 'https://example.invalid/3000']]);
    backend.stop();
    expect(fake.torn).toBe(true);
  });
});
