// Security in the browser: learner text is never HTML, the site runs under the strict CSP
// without violations, and a lab makes no request beyond 127.0.0.1.
import { expect, test, type Page } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

const MARKUP = '<img src=x onerror=alert(1)>';

/** Collects CSP violations (reported to the page and to the console) and console errors. */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('markup typed by the learner is shown as text: file names, pod names, output', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openLab(page, 'hello-pod');
  const imagesBefore = await page.locator('img').count();
  await typeCommand(page, `echo '${MARKUP}' > '${MARKUP}'`);
  await typeCommand(page, 'ls');
  await typeCommand(page, `cat '${MARKUP}'`);
  await typeCommand(page, `kubectl run '${MARKUP}' --image=nginx:1.27`);
  await typeCommand(page, `kubectl get pod '${MARKUP}'`);
  await expect(page.locator('.xterm-rows')).toContainText(MARKUP);
  await page.getByTestId('check').click();
  await expect(page.getByTestId('task').first()).toHaveAttribute('data-status', /passed|failed/);
  await page.waitForTimeout(300);
  expect(await page.locator('img').count()).toBe(imagesBefore);
  expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('a task message with markup stays text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openLab(page, 'hello-pod');
  // The manifest check quotes the learner's image back in its message.
  await typeCommand(page, `cat > pod.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: "${MARKUP}"\nEOF`);
  await page.getByTestId('check').click();
  const message = page.locator('[data-testid="task"][data-task-id="manifest"] [data-role="message"]');
  await expect(message).not.toBeEmpty();
  expect(await message.locator('*').count()).toBe(0);
  expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('lab pages run under the strict CSP without violations or console errors', async ({ page }) => {
  const problems = await watchPolicy(page);
  const response = await page.goto('/labs/hello-pod/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response?.headers()['content-security-policy']).not.toMatch(/'unsafe-eval'/);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await typeCommand(page, 'kubectl get nodes');
  await page.getByTestId('check').click();
  await expect(page.getByTestId('task').first()).toHaveAttribute('data-status', /passed|failed/);
  for (const path of ['/', '/labs/', '/kubernetes/your-first-pod/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(problems).toEqual([]);
});

test('a lab makes no network request beyond the site while commands run', async ({ page }) => {
  const external = watchExternalRequests(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openLab(page, 'hello-pod');
  const before = requests.length;
  for (const cmd of ['kubectl get nodes', 'kubectl run web --image=nginx:1.27', 'kubectl get pods', 'ls -la /', 'cat /etc/hostname']) await typeCommand(page, cmd);
  await page.getByTestId('check').click();
  await page.waitForTimeout(500);
  expect(external).toEqual([]);
  // Commands load nothing at all, apart from lazily loaded code of the site itself.
  expect(requests.slice(before).filter((u) => !new URL(u).pathname.startsWith('/_astro/'))).toEqual([]);
});
