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
async function bytesBeforeReady(page: import('@playwright/test').Page, path: string): Promise<{ kb: number; files: string[]; later: string[] }> {
  const { gzipSync } = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  // When the engine's `ready` reached the page, before the page answers it: what the worker
  // starts after that (deferred parts, once the page says the prompt is shown) comes later.
  // Every time here is on the browser's clock (timeOrigin + now, the same in page and worker).
  await page.addInitScript(() => {
    const w = window as unknown as { __readyAt?: number; Worker: typeof Worker };
    const Native = w.Worker;
    w.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
          if (e.data?.type === 'ready' && w.__readyAt === undefined) w.__readyAt = performance.timeOrigin + performance.now();
        });
      }
    };
  });
  await page.goto(path);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await page.waitForLoadState('load');
  await page.waitForTimeout(500); // lets what starts after the prompt begin, so `later` shows it
  const starts = (): [string, number][] =>
    performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, performance.timeOrigin + e.startTime]);
  const all = [...(await page.evaluate(starts)), ...(await Promise.all(page.workers().map((w) => w.evaluate(starts)))).flat()].filter(([f]) => f.endsWith('.js'));
  const readyAt = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
  const pathsOf = (list: [string, number][]) => [...new Set(list.map(([f]) => f))];
  const before = pathsOf(all.filter(([, t]) => t < readyAt)).filter((f) => !/\/(editor-pane|view)\.[^/]*\.js$/.test(f));
  const bytes = before.reduce((n, f) => n + gzipSync(readFileSync(`${dist}${f}`)).length, 0);
  return { kb: Math.round(bytes / 102.4) / 10, files: before, later: pathsOf(all.filter(([, t]) => t >= readyAt)) };
}

// One lab per world kind, and the aws world both before its EKS cluster exists (EKS and the
// Kubernetes engine load on first use) and with one (they load once the prompt is up).
for (const lab of ['hello-pod', 'chroot-jail', 'image-layers', 'ecs-fargate-task', 'eks-cluster', 'eks-fargate-profile']) {
  test(`${lab}: JavaScript loaded before the prompt is ready stays within ${BYTE_BUDGETS.labKb} KB gzip`, async ({ page }) => {
    test.skip(!existsSync(dist), 'dist/ is missing: run npm run build');
    const r = await bytesBeforeReady(page, `/labs/${lab}/`);
    expect(r.kb, r.files.join(', ')).toBeLessThanOrEqual(BYTE_BUDGETS.labKb);
    // The cluster this lab starts with needs EKS, which loads once the prompt is up.
    if (lab === 'eks-fargate-profile') expect(r.later.some((f) => /\/eks-domain-[^/]*\.js$/.test(f)), r.later.join(', ')).toBe(true);
  });
}
