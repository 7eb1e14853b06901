// Starts tests/e2e/serve.mjs (dist/ on 127.0.0.1 with the production headers) for the bench.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function serveDist(port) {
  const script = fileURLToPath(new URL('../../tests/e2e/serve.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    child.stdout.on('data', (d) => String(d).includes('serving') && resolve());
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}
