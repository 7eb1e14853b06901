/** The Job controller: runs pods until `completions` succeed, or gives up after `backoffLimit` failures. */
import { jsonEqual } from '../../util/json-equal.ts';
import { rfc3339 } from '../../clock.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { deleteObject, dependents, enqueue, getObject, onChange, requeueAt, updateObject, type Cluster } from '../store.ts';
import type { KubeObject } from '../types.ts';
import { controllerRef, controllerSystem, createPodFromTemplate, enqueueOwner, isReady, splitKey } from './util.ts';

const QUEUE = 'job';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'jobs') enqueue(c, QUEUE, key);
  else if (plural === 'pods') enqueueOwner(c, obj, 'Job', QUEUE);
});

interface JobSpec {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  suspend?: boolean;
  activeDeadlineSeconds?: number;
  template: { metadata?: { labels?: Record<string, string> }; spec?: { restartPolicy?: string } };
}

function hasCondition(job: KubeObject, type: string): boolean {
  return ((job.status?.conditions ?? []) as { type: string; status: string }[]).some((x) => x.type === type && x.status === 'True');
}

function finish(c: Cluster, job: KubeObject, status: Record<string, unknown>, type: 'Complete' | 'Failed', reason: string, message: string): void {
  const now = rfc3339(c.world.state.clock);
  const first = type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
  status.conditions = [
    { lastProbeTime: now, lastTransitionTime: now, message, reason, status: 'True', type: first },
    { lastProbeTime: now, lastTransitionTime: now, message, reason, status: 'True', type },
  ];
  if (type === 'Complete') status.completionTime = now;
  recordEvent(c, job, type === 'Complete' ? 'Normal' : 'Warning', type === 'Complete' ? 'Completed' : reason, type === 'Complete' ? 'Job completed' : message, 'job-controller');
}

export function syncJob(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const job = getObject(c, rt('jobs'), ns, name);
  if (!job || job.metadata.deletionTimestamp) return false;
  if (hasCondition(job, 'Complete') || hasCondition(job, 'Failed')) return false;
  const spec = job.spec as unknown as JobSpec;
  const pods = dependents(c, job.metadata.uid, 'pods').filter((p) => controllerRef(p)?.uid === job.metadata.uid);
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const prev = (job.status ?? {}) as Record<string, number>;
  const succeeded = Math.max(prev.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
  const restarts = active.reduce((n, p) => n + ((p.status?.containerStatuses ?? []) as { restartCount: number }[]).reduce((m, cs) => m + cs.restartCount, 0), 0);
  const failedPods = Math.max(prev.failed ?? 0, pods.filter((p) => p.status?.phase === 'Failed').length);
  const failed = failedPods + (spec.template.spec?.restartPolicy === 'OnFailure' ? restarts : 0);
  const completions = spec.completions ?? 1;
  const parallelism = spec.parallelism ?? 1;
  const before = c.s.resourceVersion;
  const status: Record<string, unknown> = { ...(job.status ?? {}) };
  status.startTime ??= rfc3339(c.world.state.clock);
  if (succeeded >= completions) {
    for (const p of active) deleteObject(c, rt('pods'), p);
    finish(c, job, status, 'Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');
  } else if (failed > (spec.backoffLimit ?? 6)) {
    for (const p of active) deleteObject(c, rt('pods'), p);
    finish(c, job, status, 'Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
  } else if (spec.activeDeadlineSeconds && c.world.now - (Date.parse(String(status.startTime)) - c.world.state.clock.epoch) >= spec.activeDeadlineSeconds * 1000) {
    for (const p of active) deleteObject(c, rt('pods'), p);
    finish(c, job, status, 'Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline');
  } else if (!spec.suspend) {
    const want = Math.min(parallelism, completions - succeeded) - active.length;
    // Failed pods are replaced after a back-off: 10 s doubling, capped at 6 minutes.
    const lastFail = pods.filter((p) => p.status?.phase === 'Failed').map((p) => Date.parse(String((((p.status?.containerStatuses ?? []) as { state?: { terminated?: { finishedAt?: string } } }[])[0]?.state?.terminated?.finishedAt) ?? p.metadata.creationTimestamp)) - c.world.state.clock.epoch);
    const wait = failedPods ? Math.min(360_000, 10_000 * 2 ** (failedPods - 1)) : 0;
    const readyAt = lastFail.length ? Math.max(...lastFail) + wait : 0;
    if (want > 0 && c.world.now < readyAt) requeueAt(c, QUEUE, key, readyAt);
    else for (let i = 0; i < want; i++) createPodFromTemplate(c, job, spec.template, `${job.metadata.name}-`, 'job-controller');
    if (spec.activeDeadlineSeconds) requeueAt(c, QUEUE, key, Date.parse(String(status.startTime)) - c.world.state.clock.epoch + spec.activeDeadlineSeconds * 1000);
  }
  const nowActive = dependents(c, job.metadata.uid, 'pods').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  if (nowActive.length) status.active = nowActive.length;
  else delete status.active;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  status.ready = nowActive.filter(isReady).length;
  status.terminating = 0;
  status.uncountedTerminatedPods = {};
  if (!jsonEqual(status, job.status ?? {})) {
    job.status = status;
    updateObject(c, rt('jobs'), job);
  }
  return c.s.resourceVersion !== before;
}

export const jobController = controllerSystem('job-controller', QUEUE, syncJob);
