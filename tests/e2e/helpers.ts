/** Shared steps for end-to-end tests: wait for a lab's terminal and type into it like a learner. */
import { expect, type Page } from '@playwright/test';

export async function openLab(page: Page, id: string): Promise<void> {
  await page.goto(`/labs/${id}/`);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
}

/** Types text into the focused xterm, then waits until the command has finished. */
export async function typeCommand(page: Page, text: string, timeout = 20_000): Promise<void> {
  const terminal = page.getByTestId('terminal').first();
  await page.locator('.xterm-helper-textarea').first().focus();
  for (const line of text.split('\n')) {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
  }
  await expect(terminal).toHaveAttribute('data-busy', 'false', { timeout });
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
