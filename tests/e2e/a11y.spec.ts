/// <reference lib="dom" />
// axe-core on every page type, in light and dark: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const PAGES = {
  overview: '/',
  lesson: '/kubernetes/your-first-pod/',
  'lab page': '/labs/hello-pod/',
  'labs index': '/labs/',
  'docs: authoring': '/docs/authoring/',
  'docs: lab format': '/docs/authoring/labs/',
  'docs: components': '/docs/authoring/components/',
  'docs: diagnostics': '/docs/diagnostics/',
};

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`axe: ${name} (${scheme})`, async ({ page }) => {
      // axe checks the contrast of every highlighted token: long pages take a while.
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      const terminal = page.getByTestId('terminal').first();
      if (await terminal.count()) await expect(terminal).toHaveAttribute('data-state', 'ready');
      const r = await new AxeBuilder({ page }).exclude('.xterm').analyze();
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    });
  }
}

test('every lab control is reachable with the keyboard', async ({ page }) => {
  await page.goto('/labs/hello-pod/');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  // The terminal has focus; Tab completes there, so Escape then Tab moves on.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
    if (id) reached.add(id);
    await page.keyboard.press('Tab');
  }
  for (const id of ['check', 'reset', 'screen-reader', 'hint', 'show-solution']) expect(reached).toContain(id);
  await page.getByTestId('screen-reader').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-reader')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.xterm-accessibility')).toHaveCount(1);
});
