/// <reference lib="dom" />
// A lab's world, scrollback (with its colours), revealed hints and progress survive a reload;
// bad saved data gives a notice, never a blank page; learner text is never markup
// (issue 7 "Persistence" and "Help", issue 8 "Security").
import { expect, test, type Page } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

const XSS = '<img src=x onerror=alert(1)>';

async function noMarkupFrom(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('a reload resumes the same world, history and scrollback', async ({ page }) => {
  const external = watchExternalRequests(page);
  await openLab(page, 'hello-pod');
  await typeCommand(page, 'echo kept > notes.txt');
  await typeCommand(page, 'kubectl run web --image=nginx:1.27 2>/dev/null; echo marker-$((6*7))');
  await expect(page.locator('.xterm-rows')).toContainText('marker-42');
  await expect(page.locator('[data-save-status]')).toHaveText('Saved in this browser');
  // Wait for the save after the second command (saves are asynchronous).
  await expect(page.locator('[data-save-status]')).toHaveAttribute('data-saves', /^[2-9]|\d\d/);
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  // Scrollback from before the reload is shown again, from its first line, and the files are still there.
  await expect(page.locator('.xterm-rows')).toContainText('marker-42');
  await expect(page.locator('.xterm-rows > div').first()).toHaveText(/^learner@hatchway:~\$\secho\skept\s>\snotes\.txt\s*$/);
  await typeCommand(page, 'cat notes.txt');
  await expect(page.locator('.xterm-rows')).toContainText(/kept\s/);
  // History is restored: ArrowUp recalls the last command.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.xterm-rows')).toContainText('$ cat notes.txt');
  expect(external).toEqual([]);
});

test('a lab with hundreds of pods is still saved, and comes back after a reload', async ({ page }) => {
  await openLab(page, 'hello-pod');
  // Unpacked, this world is about 2.5 million characters of JSON: more than a save may hold (MAX_SAVE_CHARS).
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=200');
  await typeCommand(page, 'hatchway sim advance 2m');
  await typeCommand(page, 'kubectl get deployment web');
  await expect(page.locator('.xterm-rows')).toContainText(/web\s+200\/200\s+200\s+200/);
  await expect(page.locator('[data-save-status]')).toHaveAttribute('data-saves', /^[2-9]|\d\d/);
  await expect(page.locator('[data-save-status]')).toHaveText('Saved in this browser');
  const stored = await page.evaluate(() => localStorage.getItem('hatchway:lab:hello-pod')?.length ?? 0);
  expect(stored).toBeLessThan(1_000_000);
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await typeCommand(page, 'clear; kubectl get deployment web');
  await expect(page.locator('.xterm-rows')).toContainText(/web\s+200\/200\s+200\s+200/);
});

test('the scrollback keeps its colours across a reload', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await typeCommand(page, String.raw`printf '\033[31mred-text\033[0m plain \033[1;38;5;208mbold-orange\033[0m\n'`);
  const red = page.locator('.xterm-rows span.xterm-fg-1', { hasText: 'red-text' });
  const orange = page.locator('.xterm-rows span.xterm-bold.xterm-fg-208', { hasText: 'bold-orange' });
  await expect(red).toHaveCount(1);
  await expect(orange).toHaveCount(1);
  await expect(page.locator('[data-save-status]')).toHaveText('Saved in this browser');
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expect(red).toHaveCount(1);
  await expect(orange).toHaveCount(1);
  // The text between them is back in the default colour, and the prompt after them too.
  await expect(page.locator('.xterm-rows span[class*="xterm-fg-"]', { hasText: 'plain' })).toHaveCount(0);
  await typeCommand(page, 'echo after-reload');
  await expect(page.locator('.xterm-rows span[class*="xterm-fg-"]', { hasText: 'after-reload' })).toHaveCount(0);
});

test('revealed hints and solutions are shown again after a reload, and Reset folds them', async ({ page }) => {
  await openLab(page, 'hello-pod');
  const manifest = page.locator('[data-testid="task"][data-task-id="manifest"]');
  const running = page.locator('[data-testid="task"][data-task-id="running"]');
  for (let i = 0; i < 3; i++) await manifest.getByTestId('hint').click();
  page.once('dialog', (d) => void d.accept());
  await manifest.getByTestId('show-task-solution').click();
  await running.getByTestId('hint').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('show-solution').click();
  const expectRevealed = async () => {
    await expect(manifest.locator('[data-hint]:visible')).toHaveCount(3);
    await expect(manifest.locator('[data-task-solution]')).toBeVisible();
    await expect(manifest.getByTestId('show-task-solution')).toHaveText('Hide the solution');
    await expect(running.locator('[data-hint]:visible')).toHaveCount(1);
    await expect(running.getByTestId('hint')).toHaveText('Show another hint (2 of 2)');
    await expect(running.getByTestId('show-task-solution')).toBeHidden();
    await expect(page.locator('[data-solution]')).toBeVisible();
  };
  await expectRevealed();
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expectRevealed();
  // Hiding a solution is remembered too.
  await manifest.getByTestId('show-task-solution').click();
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expect(manifest.locator('[data-hint]:visible')).toHaveCount(3);
  await expect(manifest.locator('[data-task-solution]')).toBeHidden();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  const expectFolded = async () => {
    await expect(page.locator('[data-hint]:visible')).toHaveCount(0);
    await expect(manifest.getByTestId('hint')).toHaveText('Show a hint (1 of 3)');
    await expect(manifest.getByTestId('show-task-solution')).toBeHidden();
    await expect(page.locator('[data-solution]')).toBeHidden();
  };
  await expectFolded();
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expectFolded();
});

test('Reset asks first, then starts fresh and forgets the save', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await typeCommand(page, 'echo x > gone.txt');
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('reset').click();
  await typeCommand(page, 'ls');
  await expect(page.locator('.xterm-rows')).toContainText('gone.txt');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-save-status]')).toHaveText('');
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await typeCommand(page, 'ls -a');
  await expect(page.locator('.xterm-rows')).not.toContainText('gone.txt');
});

test('a damaged save is discarded with a visible notice, and progress is kept', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await page.evaluate(() => {
    localStorage.setItem('hatchway:lab:hello-pod', '{"format":"hatchway-lab-save","version":1,"checksum":"fnv1a:00000000","savedAt":1,"data":{"snapshot":"{}","scrollback":"","writer":"x"}}');
  });
  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('notice').first()).toContainText('Your saved lab could not be restored because its checksum does not match');
  await typeCommand(page, 'echo works');
  await expect(page.locator('.xterm-rows')).toContainText('works');
});

test('damaged progress is discarded with a notice, never a blank page', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('hatchway:progress', '{"format":"hatchway-progress","vers'));
  await page.reload();
  await expect(page.getByTestId('notice').first()).toContainText('Your saved progress could not be read');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('storage that is full gives a notice instead of an error', async ({ page }) => {
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k.startsWith('hatchway:lab:')) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await openLab(page, 'hello-pod');
  await typeCommand(page, 'echo hi');
  await expect(page.getByTestId('notice').first()).toContainText('The browser storage is full');
});

test('two tabs of one lab: the other tab is told that the last write wins', async ({ page, context }) => {
  await openLab(page, 'hello-pod');
  const other = await context.newPage();
  await openLab(other, 'hello-pod');
  await typeCommand(other, 'echo from-the-other-tab');
  await expect(page.getByTestId('notice').first()).toContainText('This lab is also open in another tab');
});

test('tasks passed mark the lab and lesson done in the sidebar and overview, across reloads', async ({ page }) => {
  await page.goto('/kubernetes/your-first-pod/');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  const item = page.locator('.sidebar [data-lesson-ref][data-href="/kubernetes/your-first-pod/"]');
  await expect(item).toHaveAttribute('data-done', 'false');
  await typeCommand(page, `cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: nginx:1.27
EOF`);
  await typeCommand(page, 'kubectl apply -f pod.yaml');
  await typeCommand(page, 'kubectl wait --for=condition=Ready pod/web --timeout=60s');
  await expect(page.locator('.xterm-rows')).toContainText('pod/web condition met', { timeout: 20_000 });
  await page.getByTestId('check').click();
  await expect(page.locator('[data-testid="task"][data-task-id="running"]')).toHaveAttribute('data-status', 'passed');
  await expect(item).toHaveAttribute('data-done', 'true');
  await page.reload();
  await expect(page.locator('.sidebar [data-lesson-ref][data-href="/kubernetes/your-first-pod/"]')).toHaveAttribute('data-done', 'true');
  await expect(page.locator('[data-lab-done]')).toBeVisible();
  await page.goto('/');
  const kubernetes = page.locator('[data-testid="module"][aria-labelledby="m-kubernetes"]');
  await expect(kubernetes.getByTestId('module-progress')).toHaveText(/^1 of \d+ lessons done$/);
});

test('learner text in file names and task messages is shown as text, never markup', async ({ page }) => {
  const dialogs = await noMarkupFrom(page);
  await openLab(page, 'hello-pod');
  await typeCommand(page, `touch '${XSS}' && ls`);
  await typeCommand(page, `cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: "${XSS}"
EOF`);
  await page.getByTestId('check').click();
  const task = page.locator('[data-testid="task"][data-task-id="manifest"]');
  await expect(task).toHaveAttribute('data-status', 'failed');
  await expect(task.locator('[data-role="message"]')).toContainText(XSS);
  await page.reload();
  await expect(page.locator('.xterm-rows')).toContainText(XSS);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
