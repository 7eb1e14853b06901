// JavaScript shipped per page type, from dist/ (issue 8): a page without a lab ≤ 15 KB gzip,
// a lab page ≤ 300 KB gzip. Counted: the page's module scripts, their static imports, and the
// engine worker with its static imports; lazy chunks (import()) are not counted.
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../../dist');

function shipped(htmlPath: string): { bytes: number; files: string[] } {
  const html = readFileSync(join(DIST, htmlPath), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  let bytes = 0;
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.startsWith('/')) continue;
    seen.add(url);
    const file = join(DIST, url);
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    bytes += gzipSync(code).length;
    const dir = url.slice(0, url.lastIndexOf('/') + 1);
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{},\s]+from\s*)?["']([^"']+\.js)["']/g)) queue.push(new URL(m[1]!, `http://x${dir}`).pathname);
    for (const m of code.matchAll(/new Worker\(\s*new URL\(\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1]!, `http://x${dir}`).pathname);
  }
  return { bytes, files: [...seen] };
}

const KB = 1024;
const CASES: [string, string, number][] = [
  ['overview (no lab)', 'index.html', 15 * KB],
  ['labs index (no lab)', 'labs/index.html', 15 * KB],
  ['docs page (no lab)', 'docs/authoring/index.html', 15 * KB],
  ['lab page', 'labs/hello-pod/index.html', 300 * KB],
  ['lesson with a lab', 'kubernetes/your-first-pod/index.html', 300 * KB],
];

for (const [name, html, budget] of CASES) {
  test(`JS budget: ${name} ≤ ${budget / KB} KB gzip`, () => {
    const { bytes, files } = shipped(html);
    console.log(`${name}: ${(bytes / KB).toFixed(1)} KB gzip in ${files.length} files`);
    expect(files.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(budget);
  });
}
