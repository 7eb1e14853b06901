import { expect, test, type Page } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

/** Replaces the editor's whole text the way a learner would: select all, then type. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="editor"] .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('a file written in the terminal opens in the editor, and an editor save is seen by cat', async ({ page }) => {
  const external = watchExternalRequests(page);
  await openLab(page, 'hello-pod');
  await typeCommand(page, 'cat > notes.yaml <<EOF\ngreeting: from-the-terminal\nEOF');
  const file = page.locator('[data-testid="file"][data-path="/home/learner/notes.yaml"]');
  await expect(file).toBeVisible();
  await file.click();
  await expect(page.locator('[data-testid="editor"] .cm-content')).toHaveText('greeting: from-the-terminal');

  await typeInEditor(page, 'greeting: from-the-editor');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('editor-status')).toHaveText('Saved notes.yaml.');
  await typeCommand(page, 'cat notes.yaml');
  await expect(page.locator('.xterm-rows')).toContainText('greeting: from-the-editor');

  // And back again: the terminal changes the open file, which has no unsaved edits.
  await typeCommand(page, 'echo "more: lines" >> notes.yaml');
  await expect(page.locator('[data-testid="editor"] .cm-content')).toContainText('more: lines');
  expect(external).toEqual([]);
});

test('the Save button writes a new file the terminal can read', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await page.getByTestId('new-file').fill('app/Dockerfile');
  await page.getByTestId('new-file').press('Enter');
  await expect(page.getByTestId('editor-file')).toHaveText('app/Dockerfile');
  await typeInEditor(page, 'FROM nginx:1.27\n');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-status')).toHaveText('Saved app/Dockerfile.');
  await typeCommand(page, 'cat app/Dockerfile');
  await expect(page.locator('.xterm-rows')).toContainText('FROM nginx:1.27');
});

const DEPLOYMENT = (replicasKey: string) =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', `  ${replicasKey}: 3`, '  selector:', '    matchLabels:', '      app: web', '  template:', '    metadata:', '      labels:', '        app: web', '    spec:', '      containers:', '        - name: web', '          image: nginx:1.27', ''].join('\n');

test('inline diagnostics flag an unknown field as the learner types, with hint and doc link', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await page.getByTestId('new-file').fill('deploy.yaml');
  await page.getByTestId('new-file').press('Enter');
  await expect(page.getByTestId('editor-file')).toHaveText('deploy.yaml');
  await typeInEditor(page, DEPLOYMENT('replica'));
  const squiggle = page.locator('[data-testid="editor"] .cm-lintRange-error').first();
  await expect(squiggle).toHaveText('replica', { timeout: 10_000 });
  await squiggle.hover();
  const tooltip = page.locator('.cm-tooltip-hover .ed-diag');
  await expect(tooltip).toContainText('K8S001');
  await expect(tooltip).toContainText('replica');
  await expect(tooltip.locator('a')).toHaveAttribute('href', '/docs/diagnostics/#k8s001');
  // Fixing the field clears the squiggle.
  await typeInEditor(page, DEPLOYMENT('replicas'));
  await expect(page.locator('[data-testid="editor"] .cm-lintRange-error')).toHaveCount(0, { timeout: 10_000 });
});

test('file names are shown as text, never as markup', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await typeCommand(page, "echo 'a: 1' > '<img src=x onerror=alert(1)>.yaml'");
  await expect(page.locator('[data-testid="file-tree"]')).toContainText('<img src=x onerror=alert(1)>.yaml');
  await expect(page.locator('[data-testid="file-tree"] img')).toHaveCount(0);
});
