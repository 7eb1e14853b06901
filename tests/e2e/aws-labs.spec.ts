// The aws world in the browser: its EKS part (with the Kubernetes engine) loads on first use,
// or right after the prompt when the lab starts with a cluster, and works either way.
import { expect, test } from '@playwright/test';
import { openLab, typeCommand } from './helpers.ts';

test('a lab that starts with an EKS cluster answers kubectl at once', async ({ page }) => {
  await openLab(page, 'eks-fargate-profile');
  await typeCommand(page, 'kubectl get nodes --no-headers | wc -l');
  await expect(page.locator('.xterm-rows')).toContainText('kubectl get nodes --no-headers | wc -l2');
});

test('aws eks loads EKS on first use in a lab without a cluster', async ({ page }) => {
  await openLab(page, 'ecs-fargate-task');
  await typeCommand(page, 'aws eks list-clusters --output text; echo "exit=$?"');
  await expect(page.locator('.xterm-rows')).toContainText('exit=0');
  await typeCommand(page, 'kubectl config get-contexts; echo "exit=$?"');
  await expect(page.locator('.xterm-rows')).toContainText('exit=0');
});
