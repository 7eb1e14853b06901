/**
 * Waiting inside commands. Scripted use advances the virtual clock at once; interactive use
 * waits in wall time (the host keeps the clock in step), and Ctrl-C interrupts either way.
 */
import { Interrupted } from './shell/signals.ts';
import type { World } from './world.ts';

export async function wait(world: World, ms: number): Promise<void> {
  if (world.host.sleep) {
    await world.host.sleep(ms, world.signal);
    if (world.signal.interrupted) throw new Interrupted('interrupted');
  } else world.advance(ms);
}

/**
 * Waits until `done()` holds or `timeoutMs` passes, checking after each step of virtual
 * time. Returns whether the condition held. Used by kubectl wait, rollout status, aws ecs wait.
 */
export async function waitUntil(world: World, done: () => boolean, timeoutMs: number, stepMs = 1000): Promise<boolean> {
  const deadline = world.now + timeoutMs;
  world.reconcile();
  while (!done()) {
    if (world.now >= deadline) return false;
    if (world.host.sleep) {
      await wait(world, Math.min(stepMs, deadline - world.now));
      continue;
    }
    // Scripted: jump straight to the next event (or the next step), whichever is sooner.
    const next = world.nextWake();
    const to = Math.min(deadline, next !== undefined && next > world.now ? next : world.now + stepMs);
    world.advance(to - world.now);
  }
  return true;
}
