/**
 * An in-memory WebContainer for tests: a filesystem of path → content and a process
 * factory, so the backend runs in Node without a browser or a network (TutorialKit's fake).
 */
import type { ContainerHost, ContainerProcess, FileTree } from '../../../src/sandbox/webcontainer/types.ts';

export interface FakeIo {
  /** Text the process writes to the terminal. */
  write(data: string): void;
  /** The next chunk the terminal sends (keystrokes), or undefined once input closes. */
  read(): Promise<string | undefined>;
  env: Record<string, string>;
  fs: FakeWebContainer['files'];
}

export type ProcessFactory = (command: string, args: string[], io: FakeIo) => Promise<number>;

export class FakeWebContainer implements ContainerHost {
  readonly workdir = '/home/projects';
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['']);
  private readonly servers = new Set<(port: number, url: string) => void>();
  torn = false;

  constructor(private readonly factory: ProcessFactory) {}

  private rel(path: string): string {
    const p = path.startsWith(this.workdir) ? path.slice(this.workdir.length) : path;
    return p.split('/').filter((x) => x && x !== '.').join('/');
  }

  fs = {
    readFile: async (path: string) => {
      const c = this.files.get(this.rel(path));
      if (c === undefined) throw new Error(`ENOENT: ${path}`);
      return c;
    },
    writeFile: async (path: string, data: string) => {
      const rel = this.rel(path);
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      if (!this.dirs.has(dir)) throw new Error(`ENOENT: ${path}`);
      this.files.set(rel, data);
    },
    mkdir: async (path: string) => {
      const parts = this.rel(path).split('/');
      for (let i = 1; i <= parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
      return path;
    },
    readdir: async (path: string) => {
      const dir = this.rel(path);
      const prefix = dir ? `${dir}/` : '';
      const names = new Map<string, boolean>();
      for (const f of this.files.keys()) if (f.startsWith(prefix)) {
        const rest = f.slice(prefix.length);
        names.set(rest.split('/')[0]!, !rest.includes('/'));
      }
      return [...names].map(([name, isFile]) => ({ name, isFile: () => isFile, isDirectory: () => !isFile }));
    },
  };

  async mount(tree: FileTree, at = ''): Promise<void> {
    this.dirs.add(at);
    for (const [name, node] of Object.entries(tree)) {
      const path = at ? `${at}/${name}` : name;
      if ('file' in node) this.files.set(path, node.file.contents);
      else await this.mount(node.directory, path);
    }
  }

  async spawn(command: string, args: string[], options?: { env?: Record<string, string> }): Promise<ContainerProcess> {
    let emit!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({ start: (c) => void (emit = c) });
    const pending: string[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const input = new WritableStream<string>({
      write(chunk) {
        pending.push(chunk);
        wake?.();
      },
      close() {
        closed = true;
        wake?.();
      },
    });
    const io: FakeIo = {
      write: (d) => emit.enqueue(d),
      read: async () => {
        while (pending.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
        return pending.shift();
      },
      env: options?.env ?? {},
      fs: this.files,
    };
    const exit = this.factory(command, args, io).then((code) => {
      emit.close();
      return code;
    });
    return { output, input, exit, kill: () => void (closed = true) };
  }

  on(_event: 'server-ready', listener: (port: number, url: string) => void): () => void {
    this.servers.add(listener);
    return () => this.servers.delete(listener);
  }

  serverReady(port: number, url: string): void {
    for (const l of this.servers) l(port, url);
  }

  teardown(): void {
    this.torn = true;
  }
}
