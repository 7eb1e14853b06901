/** The CronJob controller: creates a Job at each scheduled minute of the virtual clock, and trims history. */
import { jsonEqual } from '../../util/json-equal.ts';
import { rfc3339 } from '../../clock.ts';
import { deepDict } from '../../util/dict.ts';
import { apiCreate } from '../api.ts';
import { recordEvent } from '../events.ts';
import { rt } from '../resources.ts';
import { deleteObject, dependents, enqueue, getObject, onChange, requeueAt, updateObject, type Cluster } from '../store.ts';
import type { KubeObject } from '../types.ts';
import { nextRun, parseCron } from './cron.ts';
import { controllerSystem, enqueueOwner, ownerRef, splitKey } from './util.ts';

const QUEUE = 'cronjob';

onChange((c, plural, obj, _kind, key) => {
  if (plural === 'cronjobs') enqueue(c, QUEUE, key);
  else if (plural === 'jobs') enqueueOwner(c, obj, 'CronJob', QUEUE);
});

function jobDone(job: KubeObject): 'Complete' | 'Failed' | undefined {
  const conds = (job.status?.conditions ?? []) as { type: string; status: string }[];
  if (conds.some((x) => x.type === 'Complete' && x.status === 'True')) return 'Complete';
  if (conds.some((x) => x.type === 'Failed' && x.status === 'True')) return 'Failed';
  return undefined;
}

export function syncCronJob(c: Cluster, key: string): boolean {
  const [ns, name] = splitKey(key);
  const cj = getObject(c, rt('cronjobs'), ns, name);
  if (!cj || cj.metadata.deletionTimestamp) return false;
  const spec = cj.spec as { schedule: string; suspend?: boolean; concurrencyPolicy?: string; successfulJobsHistoryLimit?: number; failedJobsHistoryLimit?: number; jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown } };
  const cron = parseCron(spec.schedule);
  if (!cron) return false;
  const before = c.s.resourceVersion;
  const epoch = c.world.state.clock.epoch;
  const status = { ...((cj.status ?? {}) as Record<string, unknown>) };
  const jobs = dependents(c, cj.metadata.uid, 'jobs');
  const active = jobs.filter((j) => !jobDone(j));
  const last = status.lastScheduleTime ? Date.parse(String(status.lastScheduleTime)) : Date.parse(cj.metadata.creationTimestamp);
  const due = nextRun(cron, last);
  const now = epoch + c.world.now;
  if (due !== undefined && due <= now && !spec.suspend) {
    // Only the most recent missed run is started, as the real controller does after downtime.
    let run = due;
    for (let i = 0; i < 1000; i++) {
      const n = nextRun(cron, run);
      if (n === undefined || n > now) break;
      run = n;
    }
    const policy = spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      recordEvent(c, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', 'cronjob-controller');
    } else {
      if (policy === 'Replace') for (const j of active) deleteObject(c, rt('jobs'), j);
      const jobName = `${cj.metadata.name}-${Math.floor(run / 60_000)}`;
      const template = deepDict(spec.jobTemplate);
      const r = apiCreate(c, rt('jobs'), {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: jobName, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', labels: template.metadata?.labels, annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(run).toISOString().replace('.000Z', 'Z'), ...(template.metadata?.annotations ?? {}) }, ownerReferences: [ownerRef(cj)] },
        spec: template.spec as Record<string, unknown>,
      });
      if (r.ok) recordEvent(c, cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, 'cronjob-controller');
      else recordEvent(c, cj, 'Warning', 'FailedCreate', `Error creating job: ${r.error.message}`, 'cronjob-controller');
    }
    status.lastScheduleTime = rfc3339(c.world.state.clock, run - epoch);
  }
  // History limits: oldest finished jobs beyond the limits go.
  const fresh = dependents(c, cj.metadata.uid, 'jobs');
  for (const [kind, limit] of [['Complete', spec.successfulJobsHistoryLimit ?? 3], ['Failed', spec.failedJobsHistoryLimit ?? 1]] as const) {
    const done = fresh.filter((j) => jobDone(j) === kind).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
    for (const j of done.slice(0, Math.max(0, done.length - limit))) {
      deleteObject(c, rt('jobs'), j);
      recordEvent(c, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, 'cronjob-controller');
    }
  }
  const stillActive = dependents(c, cj.metadata.uid, 'jobs').filter((j) => !jobDone(j) && !j.metadata.deletionTimestamp);
  if (stillActive.length) status.active = stillActive.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: ns, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid }));
  else delete status.active;
  const succeeded = fresh.filter((j) => jobDone(j) === 'Complete').map((j) => String(j.status?.completionTime ?? '')).sort();
  if (succeeded.length) status.lastSuccessfulTime = succeeded[succeeded.length - 1];
  if (!jsonEqual(status, cj.status ?? {})) {
    cj.status = status;
    updateObject(c, rt('cronjobs'), cj);
  }
  const next = nextRun(cron, Math.max(now, last));
  if (next !== undefined) requeueAt(c, QUEUE, key, next - epoch);
  return c.s.resourceVersion !== before;
}

export const cronJobController = controllerSystem('cronjob-controller', QUEUE, syncCronJob);
