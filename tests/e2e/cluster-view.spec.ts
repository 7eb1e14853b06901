import { expect, test, type Page } from '@playwright/test';
import { openLab, typeCommand, watchExternalRequests } from './helpers.ts';

/** Serves a lab page with some lab.yaml fields changed (the lab JSON is inert data in the page). */
async function withLabFields(page: Page, id: string, fields: Record<string, unknown>): Promise<void> {
  await page.route(`**/labs/${id}/`, async (route) => {
    const res = await route.fetch();
    let html = await res.text();
    for (const [k, v] of Object.entries(fields)) html = html.replace(new RegExp(`"${k}":("[^"]*"|true|false|\\d+)`), `"${k}":${JSON.stringify(v)}`);
    await route.fulfill({ response: res, body: html });
  });
}

const POD = (name: string) => `cat > ${name}.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
    - name: web
      image: nginx:1.27
EOF`;

const DEPLOYMENT = `cat > deploy.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
EOF`;

// These tests type several manifests like a learner; give them room on a busy machine.
test.describe.configure({ timeout: 90_000 });

const pods = (page: Page) => page.locator('[data-testid="cluster-view"] [data-testid="pod"]:not([disabled])');

test('pods appear in the diagram on their nodes, with a table alternative and a scheduling story', async ({ page }) => {
  const external = watchExternalRequests(page);
  await openLab(page, 'hello-pod');
  const view = page.getByTestId('cluster-view');
  await expect(view).toContainText('nodes');
  for (const n of ['a', 'b', 'c']) {
    await typeCommand(page, POD(`web-${n}`));
    await typeCommand(page, `kubectl apply -f web-${n}.yaml`);
  }
  await expect(pods(page)).toHaveCount(3);
  // Image pulls take virtual seconds; skip ahead rather than wait them out in wall time.
  await typeCommand(page, 'hatchway sim advance 30s');
  // Every pod sits inside a node box that names the node it is bound to.
  for (const pod of await pods(page).all()) {
    const node = await pod.getAttribute('data-node');
    expect(node).toMatch(/^node0\d$/);
    await expect(page.locator(`[data-testid="node"][data-node="${node}"] [data-uid="${await pod.getAttribute('data-uid')}"]`)).toHaveCount(1);
  }
  await expect(pods(page).first()).toHaveAttribute('data-tone', 'running', { timeout: 10_000 });

  // The table view lists the same pods for screen readers.
  await view.getByText('Table view').click();
  await expect(page.getByTestId('cluster-table').locator('tbody tr')).toHaveCount(3);

  // Keyboard: a pod is a button; Enter opens its details with its events.
  await pods(page).first().focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('pod-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('Pod default/web-a');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();
  expect(external).toEqual([]);
});

// The node controller marks a stopped node NotReady, taints it, and evicts its pods after the
// 300 s toleration; the view shows them come back on the other worker.
test('a 3-replica Deployment shows 3 pods, and one moves when its node is stopped', async ({ page }) => {
  await withLabFields(page, 'hello-pod', { timeControls: true });
  await openLab(page, 'hello-pod');
  await typeCommand(page, DEPLOYMENT);
  await typeCommand(page, 'kubectl apply -f deploy.yaml');
  await expect(page.locator('.xterm-rows')).toContainText('deployment.apps/web created');
  await expect(pods(page)).toHaveCount(3, { timeout: 10_000 });
  await typeCommand(page, 'hatchway sim advance 30s');
  await expect(page.locator('[data-testid="cluster-view"] [data-testid="pod"][data-tone="running"]')).toHaveCount(3, { timeout: 10_000 });
  const onNode01 = await page.locator('[data-testid="pod"][data-node="node01"]:not([disabled])').count();
  expect(onNode01).toBeGreaterThan(0);

  // Clicking a pod tells why the scheduler put it there.
  await page.locator('[data-testid="pod"][data-node="node01"]').first().click();
  await expect(page.getByTestId('pod-detail')).toContainText('The scheduler chose node01');

  await typeCommand(page, 'hatchway sim node stop node01');
  // The node controller waits for the grace period, then evicts: fast-forward past it.
  await page.getByTestId('ff-5m').click();
  await page.getByTestId('ff-1m').click();
  await expect(page.locator('[data-testid="node"][data-node="node01"]')).toHaveAttribute('data-ready', 'false');
  await expect(page.locator('[data-testid="pod"][data-node="node01"]:not([disabled])[data-tone="running"]')).toHaveCount(0, { timeout: 10_000 });
  await expect(page.locator('[data-testid="pod"][data-node="node02"]:not([disabled])[data-tone="running"]')).toHaveCount(3, { timeout: 10_000 });
});

test('the time-control bar fast-forwards the virtual clock', async ({ page }) => {
  await withLabFields(page, 'hello-pod', { timeControls: true });
  await openLab(page, 'hello-pod');
  const elapsed = page.getByTestId('clock-elapsed');
  await expect(page.getByTestId('clock')).toHaveText(/^\d\d:\d\d:\d\d UTC$/);
  await page.getByTestId('ff-5m').click();
  await expect(elapsed).toHaveText(/lab time 5m\d*s?\)/);
  await page.getByTestId('ff-1m').click();
  await expect(elapsed).toHaveText(/lab time 6m\d*s?\)/);
});

test('labs without timeControls have no clock bar', async ({ page }) => {
  await openLab(page, 'hello-pod');
  await expect(page.getByTestId('clock')).toHaveCount(0);
});

test('with reduced motion the diagram does not animate', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await openLab(page, 'hello-pod');
  await typeCommand(page, POD('still'));
  await typeCommand(page, 'kubectl apply -f still.yaml');
  await expect(pods(page)).toHaveCount(1);
  const running = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && ((a.effect as KeyframeEffect | null)?.target as Element | null)?.closest('.cv')).length);
  expect(running).toBe(0);
  await context.close();
});

test('a Linux lab shows the process tree with namespaces and cgroups', async ({ page }) => {
  await withLabFields(page, 'hello-pod', { world: 'linux' });
  await openLab(page, 'hello-pod');
  const tree = page.getByTestId('process-tree');
  await expect(tree.locator('[role="tree"]')).toContainText('bash (learner)');
  await expect(tree.locator('table')).toContainText('/user.slice');
  // Processes are keyboard focusable, with a spoken summary.
  await expect(tree.locator('.cv-proc').first()).toHaveAttribute('tabindex', '0');
});
