import { expect, test } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

// The e2e server sends no COOP/COEP headers (and a strict CSP), as most static hosts do, so a
// `runtime: webcontainer` lab must fall back to the engine, say so, and fetch nothing.
test('a webcontainer lab on a page without cross-origin isolation falls back with a notice', async ({ page }) => {
  const external = watchExternalRequests(page);
  await page.route('**/labs/hello-pod/', async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('"runtime":"engine"', '"runtime":"webcontainer"');
    await route.fulfill({ response: res, body: html });
  });
  await openLab(page, 'hello-pod');
  const notice = page.getByTestId('runtime-notice');
  await expect(notice).toHaveAttribute('data-reason', 'no-isolation');
  await expect(notice).toContainText('The terminal runs the built-in simulation instead');
  await typeCommand(page, 'kubectl get nodes');
  await expect(page.locator('.xterm-rows')).toContainText('node01');
  expect(external).toEqual([]);
});
