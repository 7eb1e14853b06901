import { expect, test } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

const MANIFEST = (image: string) => `cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: ${image}
EOF`;

test('the solution passes both tasks', async ({ page }) => {
  const external = watchExternalRequests(page);
  await openLab(page, 'hello-pod');
  await typeCommand(page, MANIFEST('nginx:1.27'));
  await typeCommand(page, 'kubectl apply -f pod.yaml');
  await expect(page.locator('.xterm-rows')).toContainText('pod/web created');
  // The interactive clock follows wall time: the image pull takes a few seconds, as it would.
  await typeCommand(page, 'kubectl wait --for=condition=Ready pod/web --timeout=60s');
  await expect(page.locator('.xterm-rows')).toContainText('pod/web condition met', { timeout: 20_000 });
  await page.getByTestId('check').click();
  await expect(page.locator('[data-testid="task"][data-task-id="manifest"]')).toHaveAttribute('data-status', 'passed');
  await expect(page.locator('[data-testid="task"][data-task-id="running"]')).toHaveAttribute('data-status', 'passed');
  expect(external).toEqual([]);
});

test('a wrong image fails the manifest task with its location', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await typeCommand(page, MANIFEST('nginx'));
  await page.getByTestId('check').click();
  const task = page.locator('[data-testid="task"][data-task-id="manifest"]');
  await expect(task).toHaveAttribute('data-status', 'failed');
  await expect(task.locator('[data-role="message"]')).toHaveText('pod.yaml:10:14 image is "nginx" — the task asks for nginx:1.27');
  await expect(page.locator('[data-testid="task"][data-task-id="running"]')).toHaveAttribute('data-status', 'failed');
});

test('the terminal edits lines, recalls history and completes commands', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await typeCommand(page, 'echo first');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('again');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('again');
  await page.keyboard.insertText('kubec');
  await page.keyboard.press('Tab');
  await page.keyboard.insertText('get nodes');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('node01');
});

test('Ctrl-C stops a runaway loop and the page stays responsive', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.insertText('while true; do echo x; done');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+C');
  await typeCommand(page, 'echo still-here');
  await expect(page.locator('.xterm-rows')).toContainText('still-here');
});
