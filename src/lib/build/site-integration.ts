/**
 * Build steps after `astro build`: the Pagefind search index over lesson text
 * (`data-pagefind-body`), then the service worker's precache list of every file in dist/
 * (the index included), so the whole course works offline after the first visit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const PRECACHE_FILE = 'sw-precache.json';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

/** URLs to precache: pages by their directory URL, every other file by its path; the SW itself excluded. */
export function precacheList(dist: string): { version: string; files: string[] } {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const file of walk(dist).sort()) {
    const rel = relative(dist, file).split(sep).join('/');
    if (rel === 'sw.js' || rel === PRECACHE_FILE) continue;
    hash.update(rel).update(readFileSync(file));
    files.push(rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`);
  }
  return { version: hash.digest('hex').slice(0, 16), files };
}

async function buildSearchIndex(dist: string, log: (s: string) => void): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: dist });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  log(`search index: ${added.page_count} pages`);
}

export function siteIntegration(): AstroIntegration {
  return {
    name: 'hatchway:search-and-offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        await buildSearchIndex(dist, (s) => logger.info(s));
        const list = precacheList(dist);
        writeFileSync(join(dist, PRECACHE_FILE), JSON.stringify(list));
        logger.info(`offline: ${list.files.length} files precached by the service worker (version ${list.version})`);
      },
    },
  };
}
