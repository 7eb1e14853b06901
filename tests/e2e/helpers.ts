/** Shared steps for end-to-end tests: wait for a lab's terminal and type into it like a learner. */
import { expect, type Page } from '@playwright/test';

export async function openLab(page: Page, id: string): Promise<void> {
  await page.goto(`/labs/${id}/`);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
}

/** Types text into the focused xterm, then waits until the prompt is back. */
export async function typeCommand(page: Page, text: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  for (const line of text.split('\n')) {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('.xterm-rows')).toContainText(/[$#] \s*$/, { timeout: 10_000 });
}

/** Records every request that leaves 127.0.0.1. */
export function watchExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) external.push(req.url());
  });
  return external;
}
