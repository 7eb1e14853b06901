/// <reference lib="dom" />
// The course site around the labs: search, code-block buttons, help, quizzes, layout controls.
import { expect, test } from '@playwright/test';
import { watchExternalRequests } from './helpers.ts';

test('search finds a lesson by a word in its body, loading Pagefind only when used', async ({ page }) => {
  const external = watchExternalRequests(page);
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto('/labs/');
  expect(loaded.some((p) => p.startsWith('/pagefind/'))).toBe(false);
  await page.getByRole('searchbox', { name: 'Search the lessons' }).fill('kubelet');
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('link', { name: 'Your first Pod' })).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText(/kubelet/i);
  await results.getByRole('link', { name: 'Your first Pod' }).click();
  await expect(page).toHaveURL(/\/kubernetes\/your-first-pod\/$/);
  expect(external).toEqual([]);
});

test('shell blocks have Copy and Run; Run types the command into the lab terminal', async ({ page }) => {
  await page.goto('/kubernetes/your-first-pod/');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  const block = page.locator('.code-block').filter({ hasText: 'kubectl apply -f pod.yaml' });
  await expect(block.getByRole('button', { name: 'Copy code to the clipboard' })).toBeVisible();
  await page.locator('.code-block').filter({ hasText: 'cat > pod.yaml' }).getByTestId('run-in-terminal').click();
  await block.getByTestId('run-in-terminal').click();
  await expect(page.locator('.xterm-rows')).toContainText('pod/web created');
  // YAML blocks get Copy but not Run.
  await expect(page.locator('.code-block').filter({ hasText: 'kind: Pod             #' }).getByTestId('run-in-terminal')).toHaveCount(0);
});

test('hints are revealed one at a time, and the solution only after a confirm', async ({ page }) => {
  await page.goto('/labs/hello-pod/');
  const task = page.locator('[data-testid="task"][data-task-id="manifest"]');
  await expect(task.locator('[data-hint]:visible')).toHaveCount(0);
  await task.getByTestId('hint').click();
  await expect(task.locator('[data-hint]:visible')).toHaveCount(1);
  await expect(task.getByTestId('hint')).toHaveText('Show another hint (2 of 3)');
  // The keyboard works too, and focus moves to the hint just shown.
  await task.getByTestId('hint').press('Enter');
  await expect(task.locator('[data-hint]:visible')).toHaveCount(2);
  // The task's solution is offered only once its hints are out.
  await expect(task.getByTestId('show-task-solution')).toBeHidden();
  await task.getByTestId('hint').click();
  await expect(task.locator('[data-hint]:visible')).toHaveCount(3);
  await expect(task.getByTestId('hint')).toBeHidden();
  await expect(task.getByTestId('show-task-solution')).toBeVisible();
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('show-solution').click();
  await expect(page.locator('[data-solution]')).toBeHidden();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('show-solution').click();
  await expect(page.locator('[data-solution]')).toContainText('kubectl apply -f pod.yaml');
});

test("a task's solution, after its hints and a confirm, runs in the terminal and passes the task", async ({ page }) => {
  await page.goto('/labs/hello-pod/');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-state', 'ready');
  const task = page.locator('[data-testid="task"][data-task-id="manifest"]');
  for (let i = 0; i < 3; i++) await task.getByTestId('hint').click();
  page.once('dialog', (d) => void d.dismiss());
  await task.getByTestId('show-task-solution').click();
  await expect(task.locator('[data-task-solution]')).toBeHidden();
  page.once('dialog', (d) => void d.accept());
  await task.getByTestId('show-task-solution').click();
  await expect(task.locator('[data-task-solution]')).toContainText('cat > pod.yaml <<EOF');
  await expect(task.getByTestId('show-task-solution')).toHaveAttribute('aria-expanded', 'true');
  await task.getByTestId('run-solution').click();
  await expect(page.locator('.xterm-rows')).toContainText('> EOF');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-busy', 'false');
  await page.getByTestId('check').click();
  await expect(task).toHaveAttribute('data-status', 'passed');
  await expect(page.locator('[data-testid="task"][data-task-id="running"]')).toHaveAttribute('data-status', 'failed');
});

test('the lab-tested badge reflects the build-time lab tests', async ({ page }) => {
  await page.goto('/labs/hello-pod/');
  await expect(page.getByTestId('lab-tested')).toHaveText('Lab tested');
  await expect(page.getByTestId('lab-tested')).toHaveAttribute('title', /hatchway labs test passed at build/);
});

test('the divider resizes with the keyboard; narrow screens switch between lesson and lab', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/kubernetes/your-first-pod/');
  const divider = page.getByRole('separator', { name: 'Resize the lesson and the lab' });
  await divider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', '55');
  await page.keyboard.press('Home');
  await expect(divider).toHaveAttribute('aria-valuenow', '20');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('terminal')).toBeHidden();
  await page.getByTestId('show-lab').click();
  await expect(page.getByTestId('terminal')).toBeVisible();
  await expect(page.locator('#content')).toBeHidden();
  // The header fits a phone screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('quizzes are checked locally and counted', async ({ page }) => {
  await page.goto('/docs/authoring/components/');
  const quiz = page.getByTestId('quiz').first();
  await quiz.getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await expect(quiz.locator('[data-quiz-result]')).toHaveText('Not quite. Read the section again and try once more.');
  await quiz.getByRole('radio').nth(1).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await expect(quiz.locator('[data-quiz-result]')).toHaveText('Correct.');
  await page.reload();
  await expect(page.getByTestId('quiz').first().locator('[data-quiz-result]')).toHaveText('Answered correctly before.');
});

test('progress exports to a file and imports back', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  const download = page.waitForEvent('download');
  await page.getByTestId('export-progress').click();
  const file = await (await download).path();
  expect(file).toBeTruthy();
  await page.getByTestId('import-progress').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await expect(page.locator('[data-transfer-status]')).toHaveText('Not imported: the file cannot be imported because it is not a hatchway-progress record.');
  await page.getByTestId('import-progress').setInputFiles(file!);
  await expect(page.locator('[data-transfer-status]')).toHaveText('Progress imported and merged with what was here.');
});
