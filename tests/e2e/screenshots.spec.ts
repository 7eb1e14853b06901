// Screenshots of a lab page in light and dark mode, at desktop and phone widths. They are
// saved under test-results/screenshots/ as an artifact of every e2e run (the README uses one).
import { expect, test } from '@playwright/test';
import { typeCommand } from './helpers.ts';

const SIZES = { desktop: { width: 1400, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const [name, viewport] of Object.entries(SIZES)) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: lesson with lab, ${name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/kubernetes/your-first-pod/');
      // Narrow screens show the lesson or the lab; the screenshot is of the lab.
      if (name === 'phone') await page.getByTestId('show-lab').click();
      await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
      await typeCommand(page, 'kubectl get nodes');
      await page.screenshot({ path: `test-results/screenshots/lab-${name}-${scheme}.png`, fullPage: false });
    });
  }
}
