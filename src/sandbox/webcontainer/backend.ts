/**
 * Runs a lab's terminal in a WebContainer: mounts the lab's files, attaches the terminal to
 * its shell (jsh), shows served ports in the preview pane, and bridges `docker` to the
 * simulated engine with the files synced both ways (see docker-bridge.ts).
 */
import { DOCKER_SHIM, OutputScanner, shellQuote, type DockerRequest } from './docker-bridge.ts';
import { readFiles, toFileTree, type FlatFile } from './file-tree.ts';
import type { ContainerHost, LabPort } from './types.ts';

const BRIDGE_DIR = '.hatchway';

export interface RunningBackend {
  stop(): void;
  /** Settles when a bridged docker command has been handled (tests wait on it). */
  idle(): Promise<void>;
}

function crlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

export async function startBackend(host: ContainerHost, lab: LabPort, files: FlatFile[]): Promise<RunningBackend> {
  await host.mount(toFileTree([...files, { path: `${BRIDGE_DIR}/bin/docker`, content: DOCKER_SHIM }]));
  let queue: Promise<void> = Promise.resolve();

  const handle = async (req: DockerRequest): Promise<void> => {
    let code = 1;
    try {
      // The project goes into the world first, so the build context is what the learner wrote.
      const project = await readFiles(host.fs, host.workdir);
      await lab.request('files.import', { files: project });
      const rel = req.cwd.startsWith(host.workdir) ? req.cwd.slice(host.workdir.length).replace(/^\/+/, '') : '';
      const docker = `docker ${shellQuote(req.args)}`;
      const command = rel ? `(cd ${shellQuote([rel])} && ${docker})` : docker;
      const r = await lab.request<{ stdout: string; stderr: string; exitCode: number }>('shell.run', { command });
      lab.terminal.write(crlf(r.stdout + r.stderr));
      code = r.exitCode;
      // And back: whatever the engine wrote or changed in the home folder appears in the project.
      const before = new Map(project.map((f) => [f.path, f.content]));
      for (const f of await lab.request<FlatFile[]>('files.export')) {
        if (before.get(f.path) === f.content) continue;
        const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
        if (dir) await host.fs.mkdir(dir, { recursive: true });
        await host.fs.writeFile(f.path, f.content);
      }
    } catch (e) {
      lab.terminal.write(crlf(`hatchway: docker could not run in the simulated engine: ${e instanceof Error ? e.message : String(e)}\n`));
    } finally {
      await host.fs.writeFile(`${BRIDGE_DIR}/done-${req.id}`, String(code));
    }
  };

  const scanner = new OutputScanner((req) => {
    queue = queue.then(() => handle(req));
  });
  const shell = await host.spawn('jsh', [], {
    env: { HATCHWAY_DIR: `${host.workdir}/${BRIDGE_DIR}`, PATH: `${host.workdir}/${BRIDGE_DIR}/bin:/usr/local/bin:/usr/bin:/bin` },
    terminal: { cols: lab.terminal.cols, rows: lab.terminal.rows },
  });
  lab.terminal.reset();
  void shell.output.pipeTo(
    new WritableStream({
      write(chunk) {
        const shown = scanner.push(chunk);
        if (shown) lab.terminal.write(shown);
      },
    }),
  );
  const input = shell.input.getWriter();
  lab.terminal.takeInput((data) => void input.write(data));
  const offServer = host.on('server-ready', (port, url) => lab.preview(port, url));
  return {
    stop() {
      offServer();
      shell.kill?.();
      host.teardown?.();
    },
    idle: () => queue,
  };
}
