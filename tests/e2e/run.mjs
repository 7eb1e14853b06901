// Runs the Playwright end-to-end tests. Browsers cannot be downloaded on these machines,
// so this uses Debian's Chromium and installs it (apt-get) when it is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`hatchway e2e: ${chromium} is missing; installing Debian's chromium (apt-get install -y chromium)...`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    console.error('hatchway e2e: could not install chromium. Install it yourself (as root: apt-get install -y chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
