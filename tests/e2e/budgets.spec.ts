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
