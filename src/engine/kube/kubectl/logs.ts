/**
 * kubectl logs: a container's log so far, the previous run's (`-p`), and `-f`, which then
 * streams what the container writes on the virtual clock until it exits. Like `get -w`, a
 * follow waits in wall time interactively (Ctrl-C ends it) and, scripted, jumps from event
 * to event until nothing is left to happen or LIMITS.watchMs passes.
 */
import { clockDate } from '../../clock.ts';
import { LIMITS } from '../../limits.ts';
import { wait } from '../../time.ts';
import { containerLogs, logStream } from '../kubelet.ts';
import { rt } from '../resources.ts';
import { listObjects } from '../store.ts';
import type { KubeObject, PodSpec } from '../types.ts';
import { allowed, err, flagBool, out, type K } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { pickContainer, podFor, waitingReason } from './pods.ts';

export const LOGS_FLAGS: FlagSpec = { bools: ['follow', 'previous', 'timestamps', 'all-containers', 'prefix', 'ignore-errors', 'insecure-skip-tls-verify-backend', 'all-pods'], values: ['container', 'tail', 'since', 'since-time', 'limit-bytes', 'selector', 'max-log-requests', 'pod-running-timeout'], short: { c: 'container', f: 'follow', p: 'previous', l: 'selector' } };

/** One container being followed: where its output has been printed up to. */
interface Stream {
  pod: KubeObject;
  name: string;
  prefix: string;
  id: string;
  /** Lines up to `at` are printed, and `n` of those written exactly at `at`. */
  at: number;
  n: number;
}

export async function logs(k: K): Promise<number> {
  const f = k.f;
  const sel = f.flags.get('selector');
  let pods: KubeObject[];
  if (sel) {
    pods = listObjects(k.c, rt('pods'), k.ns).filter((p) => Object.entries(Object.fromEntries(sel.split(',').map((x) => x.split('=')))).every(([a, b]) => p.metadata.labels?.[a] === b));
    if (!pods.length) {
      err(k, `No resources found in ${k.ns} namespace.\n`);
      return 0;
    }
  } else {
    const ref = f.positional[0];
    if (!ref) {
      err(k, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
      return 1;
    }
    const pod = podFor(k, ref, 'logs');
    if (!pod) return 1;
    pods = [pod];
  }
  const follow = flagBool(f, 'follow');
  const previous = flagBool(f, 'previous');
  const targets: { pod: KubeObject; name: string }[] = [];
  for (const pod of pods) {
    if (!allowed(k, 'get', rt('pods'), pod.metadata.namespace, pod.metadata.name, 'log')) return 1;
    const names = flagBool(f, 'all-containers') ? (pod.spec as unknown as PodSpec).containers.map((c) => c.name) : [pickContainer(k, pod, f.flags.get('container') ?? f.positional[1])];
    for (const name of names) {
      if (!name) return 1;
      targets.push({ pod, name });
    }
  }
  const max = Number(f.flags.get('max-log-requests') ?? 5);
  if (follow && !previous && targets.length > max) {
    err(k, `error: you are attempting to follow ${targets.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit\n`);
    return 1;
  }
  const prefixed = flagBool(f, 'prefix') || pods.length > 1;
  const streams: Stream[] = [];
  let status = 0;
  for (const { pod, name } of targets) {
    const lines = containerLogs(k.c, pod, name, previous);
    if (lines === undefined) {
      if (previous) err(k, `Error from server (BadRequest): previous terminated container "${name}" in pod "${pod.metadata.name}" not found\n`);
      else {
        const reason = waitingReason(pod, name);
        err(k, `Error from server (BadRequest): container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason === 'CreateContainerConfigError' ? 'CreateContainerConfigError' : reason === 'PodInitializing' ? 'PodInitializing' : 'ContainerCreating'}\n`);
      }
      status = 1;
      continue;
    }
    const live = previous ? undefined : logStream(k.c, pod, name);
    // Each line's own time when the runtime still has it (a stopped loop's lines only kept their text).
    const times = live && live.entries.length === lines.length ? live.entries.map((e) => e.at) : lines.map(() => k.ctx.world.now);
    const tail = f.flags.get('tail');
    const from = tail !== undefined && Number(tail) >= 0 ? Math.max(0, lines.length - Number(tail)) : 0;
    const timestamps = flagBool(f, 'timestamps');
    const prefix = prefixed ? `[pod/${pod.metadata.name}/${name}] ` : '';
    out(k, lines.slice(from).map((l, i) => `${prefix}${timestamps ? `${stamp(k, times[from + i]!)} ` : ''}${l}\n`).join(''));
    if (follow && live?.running) streams.push(streamFrom(k, pod, name, prefix, live));
  }
  if (streams.length) await followStreams(k, streams);
  return status;
}

/** Streams what a running container writes from now on until it exits (`kubectl attach`, `kubectl run --attach`). */
export async function followContainer(k: K, pod: KubeObject, name: string): Promise<void> {
  const live = logStream(k.c, pod, name);
  if (live?.running) await followStreams(k, [streamFrom(k, pod, name, '', live)]);
}

/** A stream that starts after everything the container has written by now. */
function streamFrom(k: K, pod: KubeObject, name: string, prefix: string, live: { id: string; entries: { at: number }[] }): Stream {
  const now = k.ctx.world.now;
  return { pod, name, prefix, id: live.id, at: now, n: live.entries.filter((e) => e.at === now).length };
}

/** RFC 3339 with nanoseconds, as `--timestamps` prints the container runtime's time. */
function stamp(k: K, at: number): string {
  return clockDate(k.ctx.world.state.clock, at).toISOString().replace('Z', '000000Z');
}

async function followStreams(k: K, streams: Stream[]): Promise<void> {
  const world = k.ctx.world;
  const timestamps = flagBool(k.f, 'timestamps');
  const deadline = world.now + LIMITS.watchMs;
  let printed = 0;
  let live = streams;
  while (live.length && printed < LIMITS.watchLines) {
    if (world.host.sleep) await wait(world, 1000);
    else {
      // Scripted: the next moment anything happens, a kubelet step or a line the container writes.
      let next = world.nextWake();
      for (const s of live) {
        const at = logStream(k.c, s.pod, s.name)?.nextAt;
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
      if (next === undefined || next > deadline) break;
      world.advance(Math.max(0, next - world.now));
    }
    const still: Stream[] = [];
    for (const s of live) {
      const now = logStream(k.c, s.pod, s.name);
      // The stream ends with the container: deleted, exited, or already replaced by a restart.
      if (!now || now.id !== s.id) continue;
      let seen = 0;
      for (const e of now.entries) {
        if (e.at < s.at || (e.at === s.at && seen++ < s.n)) continue;
        out(k, `${s.prefix}${timestamps ? `${stamp(k, e.at)} ` : ''}${e.line}\n`);
        printed++;
      }
      const last = now.entries[now.entries.length - 1];
      if (last && last.at >= s.at) {
        s.at = last.at;
        s.n = now.entries.filter((e) => e.at === last.at).length;
      }
      if (now.running) still.push(s);
    }
    live = still;
    if (world.host.sleep && world.now >= deadline) break;
  }
}
