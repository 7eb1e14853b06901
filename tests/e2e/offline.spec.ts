/// <reference lib="dom" />
// After the first visit the course works with the network cut: the service worker serves
// the precached pages, scripts, the engine worker and the search index.
import { expect, test } from '@playwright/test';
import { typeCommand } from './helpers.ts';

test('with the network cut after the first load, a lesson and its lab still work', async ({ page, context }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  // Wait until the service worker has installed (precached everything) and is active.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 30_000 }).toBeGreaterThan(0);
  await context.setOffline(true);
  await page.goto('/kubernetes/your-first-pod/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your first Pod');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await typeCommand(page, 'kubectl get nodes');
  await expect(page.locator('.xterm-rows')).toContainText('node01');
  await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('scheduler');
  await expect(page.getByTestId('search-results').getByRole('link', { name: 'Your first Pod' })).toBeVisible();
  await context.setOffline(false);
});
