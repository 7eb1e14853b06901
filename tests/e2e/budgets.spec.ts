// The JavaScript byte budgets of issue 8, asserted from dist/ (bytes do not change between
// runs, so this is a test, unlike the timing budgets that live in `npm run bench`).
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BYTE_BUDGETS, sitePages } from '../../bench/lib/script-graph.mjs';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

test('every page ships JavaScript within its budget (gzip, worker included)', () => {
  test.skip(!existsSync(dist), 'dist/ is missing: run npm run build');
  const pages = sitePages(dist);
  expect(pages.some((p) => p.lab)).toBe(true);
  const over = pages
    .map((p) => ({ page: p.page, kb: Math.round(p.shippedGzip / 102.4) / 10, budget: p.lab ? BYTE_BUDGETS.labKb : BYTE_BUDGETS.lessonKb }))
    .filter((p) => p.kb > p.budget);
  expect(over).toEqual([]);
});

test('a lab page loads the engine worker with it', () => {
  test.skip(!existsSync(dist), 'dist/ is missing: run npm run build');
  const lab = sitePages(dist).find((p) => p.lab)!;
  expect(lab.files.some((f) => /main-[^/]*\.js$/.test(f))).toBe(true);
});

/**
 * What a lab really loads before its prompt is ready: the page's scripts, the worker, and the
 * chunks of its world kind that the worker imports at boot (which a static walk of the
 * page's imports counts as lazy). Panes that load after the prompt (editor, cluster view)
 * are excluded: they are the lazy parts the budget allows.
 */
async function bytesBeforeReady(page: import('@playwright/test').Page, path: string): Promise<{ kb: number; files: string[] }> {
  const { gzipSync } = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  const files = new Set<string>();
  let ready = false;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!ready && u.pathname.endsWith('.js')) files.add(u.pathname);
  });
  await page.goto(path);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  ready = true;
  const list = [...files].filter((f) => !/\/(editor-pane|view)\.[^/]*\.js$/.test(f));
  const bytes = list.reduce((n, f) => n + gzipSync(readFileSync(`${dist}${f}`)).length, 0);
  return { kb: Math.round(bytes / 102.4) / 10, files: list };
}

for (const lab of ['hello-pod', 'chroot-jail', 'image-layers']) {
  test(`${lab}: JavaScript loaded before the prompt is ready stays within ${BYTE_BUDGETS.labKb} KB gzip`, async ({ page }) => {
    test.skip(!existsSync(dist), 'dist/ is missing: run npm run build');
    const r = await bytesBeforeReady(page, `/labs/${lab}/`);
    expect(r.kb, r.files.join(', ')).toBeLessThanOrEqual(BYTE_BUDGETS.labKb);
  });
}

// Known overage: the aws world carries docker, the Kubernetes engine and AWS together
// (about 390 KB gzip). This fails the day it fits, so the exception cannot outlive the cause.
test.fail('eks-cluster (aws world): JavaScript before the prompt is within the lab budget', async ({ page }) => {
  test.skip(!existsSync(dist), 'dist/ is missing: run npm run build');
  const r = await bytesBeforeReady(page, '/labs/eks-cluster/');
  expect(r.kb, r.files.join(', ')).toBeLessThanOrEqual(BYTE_BUDGETS.labKb);
});
