/**
 * The kubelet of every node: pulls images (with ErrImagePull / ImagePullBackOff for
 * images the registry does not have), starts the simulated container processes, runs
 * probes, enforces memory limits (OOMKilled), restarts with CrashLoopBackOff's back-off,
 * and finishes graceful deletions. A stopped machine's kubelet does nothing at all.
 */
import { jsonEqual } from '../util/json-equal.ts';
import { rfc3339 } from '../clock.ts';
import { HEX, randomString } from '../random.ts';
import type { System, World } from '../world.ts';
import { appendLog, containerEnv, imageInfo, logEntries, logLines, memoryLimit, mountProblem, nextLogAt, runTool, startProcess, type View } from './container.ts';
import { clusterHooks } from './cluster.ts';
import { recordEvent } from './events.ts';
import { imageId, parseImage, pullImage } from './images.ts';
import { listener, serve } from './network.ts';
import { rt } from './resources.ts';
import { allClusters, drain, enqueue, getByKey, hasQueued, keyOf, onChange, podsOnNode, removeObject, requeueAt, updateObject, type Cluster, type ContainerRuntime, type PodRuntime } from './store.ts';
import type { Container, KubeObject, PodSpec, Probe } from './types.ts';

const QUEUE = 'kubelet';
/** Back-off of restarts and pulls: 10 s doubling to 300 s, reset after 10 minutes of running. */
export const BACKOFF_INITIAL = 10_000;
export const BACKOFF_MAX = 300_000;
const BACKOFF_RESET = 600_000;

/** Set while the kubelet stores a pod's status, so its own write does not queue the pod again. */
let writingStatus = false;

onChange((c, plural, obj, kind, key) => {
  if (plural !== 'pods' || kind === 'deleted' || writingStatus) return;
  if ((obj.spec as { nodeName?: string }).nodeName) enqueue(c, QUEUE, key);
});

/**
 * Stores the pod's status. Like the real kubelet's status manager, this does not make the
 * pod worker sync again: only changes from elsewhere (binding, spec, deletion) do.
 */
function storeStatus(c: Cluster, pod: KubeObject): void {
  writingStatus = true;
  try {
    updateObject(c, rt('pods'), pod);
  } finally {
    writingStatus = false;
  }
}

/** How long pulling an image takes, from its size (a plausible 20 MB/s plus set-up). */
function pullMs(sizeMb: number): number {
  return 400 + sizeMb * 45;
}

function containersOf(pod: KubeObject): { ctr: Container; init: boolean }[] {
  const spec = pod.spec as unknown as PodSpec;
  return [...(spec.initContainers ?? []).map((ctr) => ({ ctr, init: true })), ...(spec.containers ?? []).map((ctr) => ({ ctr, init: false }))];
}

function newRuntime(c: Cluster, pod: KubeObject, node: string): PodRuntime {
  return {
    uid: pod.metadata.uid,
    key: keyOf(pod),
    node,
    pulledImages: false,
    containers: containersOf(pod).map(({ ctr, init }) => ({
      name: ctr.name,
      init,
      state: 'waiting',
      reason: init ? 'PodInitializing' : 'ContainerCreating',
      since: c.world.now,
      restartCount: 0,
      backoffMs: 0,
      waitMs: 0,
      ready: false,
      started: false,
      probeFailures: 0,
      containerId: '',
      logs: [],
    })),
  };
}

function allocateIp(c: Cluster, node: string): string {
  const fromNetwork = clusterHooks.get(c.s.name)?.podIp?.(c, node);
  if (fromNetwork) return fromNetwork;
  const m = c.s.machines[node];
  if (!m) return '10.244.0.2';
  const used = new Set<string>();
  for (const p of podsOnNode(c, node)) {
    const ip = c.s.runtime[p.metadata.uid]?.ip;
    if (ip) used.add(ip);
  }
  const base = m.ipIndex;
  const prefix = `10.${244 + Math.floor(base / 256)}.${base % 256}.`;
  for (let i = 0; i < 254; i++) {
    const host = ((m.nextHost + i) % 253) + 2;
    const ip = prefix + host;
    if (!used.has(ip)) {
      m.nextHost = host - 1;
      return ip;
    }
  }
  return prefix + '254';
}

function view(c: Cluster, pod: KubeObject, r: ContainerRuntime): View | undefined {
  const ctr = specOf(pod, r);
  if (!ctr) return undefined;
  const info = imageInfo(ctr);
  return info ? { c, pod, ctr, rt: r, info } : undefined;
}

function specOf(pod: KubeObject, r: ContainerRuntime): Container | undefined {
  const spec = pod.spec as unknown as PodSpec;
  const list = (r.init ? spec.initContainers : spec.containers) ?? [];
  for (let i = 0; i < list.length; i++) if (list[i]!.name === r.name) return list[i];
  return undefined;
}

function containerId(c: Cluster): string {
  return `containerd://${randomString(c.world.state.random, 64, HEX)}`;
}

/** Resolves a probe's port (number or the name of a container port). */
function probePort(ctr: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return ctr.ports?.find((p) => p.name === port)?.containerPort;
}

function runProbe(v: View, probe: Probe, kind: 'Liveness' | 'Readiness' | 'Startup'): string | undefined {
  const ip = String(v.pod.status?.podIP ?? '');
  if (probe.httpGet) {
    const port = probePort(v.ctr, probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const url = `http://${ip}:${port ?? probe.httpGet.port}${path}`;
    const res = port === undefined ? undefined : serve(v.c, v.pod, port, 'GET', path, String(v.pod.status?.hostIP ?? ''), `kube-probe/1.34`, (uid, ctr, line) => appendLog(v.c, uid, ctr, line));
    if (!res) return `Get "${url}": dial tcp ${ip}:${port ?? probe.httpGet.port}: connect: connection refused`;
    if (res.status >= 400) return `HTTP probe failed with statuscode: ${res.status}`;
    return undefined;
  }
  if (probe.tcpSocket) {
    const port = probePort(v.ctr, probe.tcpSocket.port);
    if (port === undefined || !listener(v.pod, port)) return `dial tcp ${ip}:${port ?? probe.tcpSocket.port}: connect: connection refused`;
    return undefined;
  }
  if (probe.exec) {
    const r = runTool(v, probe.exec.command ?? [], v.c.world.now, v.rt.env ?? {});
    if (r.code !== 0) return (r.out + r.err).replace(/\n$/, '') || `command "${(probe.exec.command ?? []).join(' ')}" exited with ${r.code}`;
    return undefined;
  }
  void kind;
  return undefined;
}

function terminate(c: Cluster, pod: KubeObject, r: ContainerRuntime, code: number, reason: string, at: number, message?: string): void {
  const v = view(c, pod, r);
  if (v) r.prevLogs = logLines(v, at);
  r.last = { exitCode: code, reason, startedAt: r.startedAt ?? at, finishedAt: at };
  r.state = 'terminated';
  r.exitHandled = false;
  r.exitCode = code;
  r.reason = reason;
  r.message = message;
  r.since = at;
  r.ready = false;
  r.started = false;
  delete r.killAt;
  delete r.killReason;
  delete r.killCode;
  delete r.exitAt;
  delete r.loop;
}

/** Starts (or restarts) one container; false if its configuration is broken. */
function start(c: Cluster, pod: KubeObject, r: ContainerRuntime, node: string): void {
  const ctr = specOf(pod, r)!;
  const envResult = containerEnv(c, pod, ctr);
  if ('error' in envResult) {
    if (r.reason !== 'CreateContainerConfigError') recordEvent(c, pod, 'Warning', 'Failed', `Error: ${envResult.error}`, 'kubelet', node);
    r.state = 'waiting';
    r.reason = 'CreateContainerConfigError';
    r.message = envResult.error;
    r.since = c.world.now;
    requeueAt(c, QUEUE, keyOf(pod), c.world.now + 10_000);
    return;
  }
  r.env = envResult.env;
  r.state = 'running';
  r.reason = undefined;
  r.message = undefined;
  r.startedAt = c.world.now;
  r.since = c.world.now;
  r.containerId = containerId(c);
  r.probeFailures = 0;
  r.ready = false;
  r.readyAt = undefined;
  r.started = true;
  recordEvent(c, pod, 'Normal', 'Created', `Created container: ${r.name}`, 'kubelet', node);
  recordEvent(c, pod, 'Normal', 'Started', `Started container ${r.name}`, 'kubelet', node);
  const v = view(c, pod, r);
  if (!v) return;
  startProcess(v, c.world.now);
  if (r.killReason === 'StartError') {
    recordEvent(c, pod, 'Warning', 'Failed', `Error: ${r.message ?? ''}`, 'kubelet', node);
    terminate(c, pod, r, 128, 'StartError', c.world.now, r.message);
    return;
  }
  const limit = memoryLimit(ctr);
  if (limit !== undefined && (r.memory ?? 0) > limit) {
    r.killAt = c.world.now + 1000;
    r.killReason = 'OOMKilled';
    r.killCode = 137;
  }
  if (!ctr.readinessProbe && !ctr.startupProbe) r.ready = true;
}

/** Recomputes the pod's status from the runtime; stores it only if it changed (or `changed` says the old one already did). */
function writeStatus(c: Cluster, pod: KubeObject, pr: PodRuntime, changed = false): void {
  const spec = pod.spec as unknown as PodSpec;
  const status = (pod.status ??= {}) as Record<string, unknown>;
  const now = rfc3339(c.world.state.clock);
  const toStatus = (r: ContainerRuntime) => {
    const ctr = specOf(pod, r);
    const image = ctr?.image ?? '';
    const ref = parseImage(image);
    const shown = ref.repo.startsWith('docker.io/library/') ? `docker.io/library/${ref.repo.slice(18)}:${ref.tag}` : `${ref.repo}:${ref.tag}`;
    const state: Record<string, unknown> =
      r.state === 'running'
        ? { running: { startedAt: rfc3339(c.world.state.clock, r.startedAt) } }
        : r.state === 'terminated'
          ? { terminated: { containerID: r.containerId, exitCode: r.exitCode, finishedAt: rfc3339(c.world.state.clock, r.since), reason: r.reason, ...(r.message ? { message: r.message } : {}), startedAt: rfc3339(c.world.state.clock, r.last?.startedAt ?? r.since) } }
          : { waiting: { reason: r.reason, ...(r.message ? { message: r.message } : {}) } };
    const pulled = r.containerId !== '';
    return {
      ...(pulled ? { containerID: r.containerId } : {}),
      image: pulled ? shown : image,
      imageID: pulled ? imageId(image) : '',
      lastState: r.last && (r.state !== 'terminated' || r.restartCount > 0) ? { terminated: { containerID: r.containerId, exitCode: r.last.exitCode, finishedAt: rfc3339(c.world.state.clock, r.last.finishedAt), reason: r.last.reason, startedAt: rfc3339(c.world.state.clock, r.last.startedAt) } } : {},
      name: r.name,
      ready: r.ready,
      restartCount: r.restartCount,
      started: r.state === 'running',
      state,
    };
  };
  const inits = pr.containers.filter((r) => r.init);
  const mains = pr.containers.filter((r) => !r.init);
  const initDone = inits.every((r) => r.state === 'terminated' && r.exitCode === 0);
  const restart = spec.restartPolicy ?? 'Always';
  let phase = 'Pending';
  if (initDone && mains.some((r) => r.state === 'running' || r.restartCount > 0 || (r.state === 'terminated' && restart !== 'Never'))) phase = 'Running';
  const allDone = mains.every((r) => r.state === 'terminated' && (restart === 'Never' || (restart === 'OnFailure' && r.exitCode === 0)));
  if (initDone && allDone && mains.length) phase = mains.every((r) => r.exitCode === 0) ? 'Succeeded' : 'Failed';
  if (inits.some((r) => r.state === 'terminated' && r.exitCode !== 0) && restart === 'Never') phase = 'Failed';
  const nodeDown = c.s.machines[pr.node]?.running === false;
  const containersReady = initDone && mains.every((r) => r.ready) && !nodeDown;
  const old = (status.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[];
  const cond = (type: string, ok: boolean, reason?: string) => {
    const prev = old.find((x) => x.type === type);
    const s = ok ? 'True' : 'False';
    const since = prev && prev.status === s ? prev.lastTransitionTime : now;
    // PodReadyToStartContainers has no lastProbeTime (left out, not deleted: a delete makes the object slow).
    const r: Record<string, unknown> = type === 'PodReadyToStartContainers' ? { lastTransitionTime: since, status: s, type } : { lastProbeTime: null, lastTransitionTime: since, status: s, type };
    if (!ok && reason) r.reason = reason;
    if (!ok && reason === 'ContainersNotReady') r.message = `containers with unready status: [${mains.filter((m) => !m.ready).map((m) => m.name).join(' ')}]`;
    if (!ok && reason === 'ContainersNotInitialized') r.message = `containers with incomplete status: [${inits.filter((m) => !(m.state === 'terminated' && m.exitCode === 0)).map((m) => m.name).join(' ')}]`;
    return r;
  };
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const conditions = [
    cond('PodReadyToStartContainers', !!pr.ip && !terminal),
    cond('Initialized', initDone, 'ContainersNotInitialized'),
    cond('Ready', containersReady && !terminal, terminal ? 'PodCompleted' : 'ContainersNotReady'),
    cond('ContainersReady', containersReady && !terminal, terminal ? 'PodCompleted' : 'ContainersNotReady'),
    old.find((x) => x.type === 'PodScheduled') ?? cond('PodScheduled', true),
  ];
  const next: Record<string, unknown> = {
    conditions,
    containerStatuses: mains.map(toStatus),
    hostIP: status.hostIP,
    hostIPs: status.hostIPs,
    ...(inits.length ? { initContainerStatuses: inits.map(toStatus) } : {}),
    phase,
    ...(pr.ip ? { podIP: pr.ip, podIPs: [{ ip: pr.ip }] } : {}),
    qosClass: status.qosClass,
    startTime: status.startTime,
  };
  if (status.observedGeneration !== undefined) next.observedGeneration = status.observedGeneration;
  if (!changed && jsonEqual(next, pod.status)) return;
  pod.status = next;
  storeStatus(c, pod);
}

/** The next virtual time this pod needs its kubelet, from its containers' pending transitions. */
function schedule(c: Cluster, pod: KubeObject, pr: PodRuntime): void {
  let next: number | undefined;
  const at = (t: number | undefined) => {
    if (t !== undefined && (next === undefined || t < next)) next = t;
  };
  for (const r of pr.containers) {
    if (r.state === 'pulling' || (r.state === 'waiting' && (r.reason === 'ImagePullBackOff' || r.reason === 'CrashLoopBackOff' || r.reason === 'ErrImagePull'))) at(r.since + r.waitMs);
    if (r.state === 'running') {
      at(r.exitAt);
      at(r.killAt);
    }
    if (r.state === 'terminated') at(r.restartAt);
    if (r.state === 'running') {
      const ctr = specOf(pod, r);
      for (const p of [ctr?.readinessProbe, ctr?.livenessProbe]) {
        if (!p) continue;
        const first = (r.startedAt ?? 0) + (p.initialDelaySeconds ?? 0) * 1000;
        const period = (p.periodSeconds ?? 10) * 1000;
        const now = c.world.now;
        at(now < first ? first : first + (Math.floor((now - first) / period) + 1) * period);
      }
    }
  }
  if (next !== undefined) requeueAt(c, QUEUE, pr.key, Math.max(next, c.world.now));
}

function syncPod(c: Cluster, pod: KubeObject): void {
  const node = (pod.spec as unknown as PodSpec).nodeName!;
  const machine = c.s.machines[node];
  if (!machine?.running) return;
  const now = c.world.now;
  let pr = c.s.runtime[pod.metadata.uid];
  const key = keyOf(pod);
  // Graceful deletion: stop the containers, then remove the pod from the API.
  if (pod.metadata.deletionTimestamp) {
    const deadline = Date.parse(pod.metadata.deletionTimestamp) - c.world.state.clock.epoch + (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    let stop = 0;
    for (const r of pr?.containers ?? []) {
      if (r.state !== 'running') continue;
      const v = view(c, pod, r);
      stop = Math.max(stop, (v?.info.stopSeconds ?? 0) * 1000);
      if (r.readyAt !== undefined || r.ready) r.ready = false;
    }
    const doneAt = Math.min(deadline, Date.parse(pod.metadata.deletionTimestamp) - c.world.state.clock.epoch + stop);
    if (pr && !pr.containers.some((r) => r.reason === 'Killing')) {
      for (const r of pr.containers) if (r.state === 'running') recordEvent(c, pod, 'Normal', 'Killing', `Stopping container ${r.name}`, 'kubelet', node);
      for (const r of pr.containers) r.reason = r.state === 'running' ? 'Killing' : r.reason;
    }
    if (now >= doneAt || !pr) {
      delete c.s.runtime[pod.metadata.uid];
      removeObject(c, rt('pods'), pod);
    } else requeueAt(c, QUEUE, key, doneAt);
    return;
  }
  const phase = pod.status?.phase;
  if ((phase === 'Succeeded' || phase === 'Failed') && pr) return;
  // The first sync's status (host IP, start time) goes out with the rest of that sync's status, in one write.
  let firstStatus = false;
  if (!pr) {
    const problem = mountProblem(c, pod);
    if (!pod.status?.hostIP) {
      const status = (pod.status ??= {}) as Record<string, unknown>;
      const hostIP = ((c.s.objects.nodes?.[node]?.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address;
      status.hostIP = hostIP;
      status.hostIPs = [{ ip: hostIP }];
      status.startTime = rfc3339(c.world.state.clock);
      status.phase = 'Pending';
      status.containerStatuses = containersOf(pod)
        .filter((x) => !x.init)
        .map(({ ctr }) => ({ image: ctr.image, imageID: '', lastState: {}, name: ctr.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } }));
      firstStatus = true;
    }
    if (problem) {
      if (firstStatus) storeStatus(c, pod);
      recordEvent(c, pod, 'Warning', 'FailedMount', problem, 'kubelet', node);
      requeueAt(c, QUEUE, key, now + 10_000);
      return;
    }
    pr = c.s.runtime[pod.metadata.uid] = newRuntime(c, pod, node);
    pr.ip = (pod.spec as { hostNetwork?: boolean }).hostNetwork ? String(pod.status?.hostIP ?? '') : allocateIp(c, node);
  }
  stepContainers(c, pod, pr, node);
  writeStatus(c, pod, pr, firstStatus);
  schedule(c, pod, pr);
}

function beginPull(c: Cluster, pod: KubeObject, r: ContainerRuntime, node: string, ctr: Container): void {
  const image = ctr.image ?? '';
  const machine = c.s.machines[node]!;
  const full = parseImage(image).full;
  const pulled = pullImage(image);
  if (ctr.imagePullPolicy !== 'Always' && machine.images.includes(full) && pulled.ok) {
    // No pull, but creating the sandbox and container still takes a moment.
    r.state = 'pulling';
    r.cached = true;
    r.since = c.world.now;
    r.waitMs = 700;
    return;
  }
  recordEvent(c, pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet', node);
  r.state = 'pulling';
  r.reason = r.reason === 'ImagePullBackOff' ? 'ImagePullBackOff' : r.init ? 'PodInitializing' : 'ContainerCreating';
  r.since = c.world.now;
  r.waitMs = pulled.ok ? pullMs(pulled.info.sizeMb) : 1200;
}

function finishPull(c: Cluster, pod: KubeObject, r: ContainerRuntime, node: string, ctr: Container): void {
  const image = ctr.image ?? '';
  if (r.cached) {
    r.cached = false;
    recordEvent(c, pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`, 'kubelet', node);
    start(c, pod, r, node);
    return;
  }
  const pulled = pullImage(image);
  if (!pulled.ok) {
    recordEvent(c, pod, 'Warning', 'Failed', pulled.message, 'kubelet', node);
    recordEvent(c, pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', node);
    r.state = 'waiting';
    r.reason = 'ErrImagePull';
    r.message = pulled.message.slice(pulled.message.indexOf(': ') + 2);
    r.since = c.world.now;
    // ErrImagePull shows until the pod's next sync, when the back-off starts.
    r.waitMs = 2000;
    r.pullAttempts = (r.pullAttempts ?? 0) + 1;
    return;
  }
  const took = r.waitMs;
  const machine = c.s.machines[node]!;
  const full = parseImage(image).full;
  if (!machine.images.includes(full)) machine.images.push(full);
  const secs = (took / 1000).toFixed(3).replace(/\.?0+$/, '');
  recordEvent(c, pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took >= 1000 ? `${secs}s` : `${took}ms`} (${took >= 1000 ? `${secs}s` : `${took}ms`} including waiting). Image size: ${pulled.info.sizeMb * 1000 * 1000 + 188133} bytes.`, 'kubelet', node);
  r.pullAttempts = 0;
  start(c, pod, r, node);
}

function stepContainers(c: Cluster, pod: KubeObject, pr: PodRuntime, node: string): void {
  const now = c.world.now;
  const spec = pod.spec as unknown as PodSpec;
  const restart = spec.restartPolicy ?? 'Always';
  // Init containers run one at a time, in order; app containers wait for all of them.
  let gate = true;
  for (const r of pr.containers) {
    if (!gate) break;
    const ctr = specOf(pod, r);
    if (!ctr) continue;
    if (r.state === 'waiting' && (r.reason === 'ContainerCreating' || r.reason === 'PodInitializing' || r.reason === 'CreateContainerConfigError')) {
      if (r.reason === 'CreateContainerConfigError') start(c, pod, r, node);
      else beginPull(c, pod, r, node, ctr);
    } else if (r.state === 'pulling' && now >= r.since + r.waitMs) finishPull(c, pod, r, node, ctr);
    else if (r.state === 'waiting' && r.reason === 'ErrImagePull' && now >= r.since + r.waitMs) {
      // Back off before pulling again (10 s doubling to 300 s).
      const attempts = r.pullAttempts ?? 1;
      r.reason = 'ImagePullBackOff';
      r.message = `Back-off pulling image "${ctr.image ?? ''}"`;
      r.since = now;
      r.waitMs = Math.min(BACKOFF_MAX, BACKOFF_INITIAL * 2 ** (attempts - 1));
      recordEvent(c, pod, 'Normal', 'BackOff', `Back-off pulling image "${ctr.image ?? ''}"`, 'kubelet', node);
      recordEvent(c, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', node);
    } else if (r.state === 'waiting' && r.reason === 'ImagePullBackOff' && now >= r.since + r.waitMs) beginPull(c, pod, r, node, ctr);
    else if (r.state === 'waiting' && r.reason === 'CrashLoopBackOff' && now >= r.since + r.waitMs) {
      r.restartCount++;
      if (ctr.imagePullPolicy === 'Always') {
        recordEvent(c, pod, 'Normal', 'Pulling', `Pulling image "${ctr.image ?? ''}"`, 'kubelet', node);
        recordEvent(c, pod, 'Normal', 'Pulled', `Successfully pulled image "${ctr.image ?? ''}" in 512ms (512ms including waiting). Image size: 2000188133 bytes.`.replace('2000188133', String((imageInfo(ctr)?.sizeMb ?? 2) * 1000 * 1000 + 188133)), 'kubelet', node);
      } else recordEvent(c, pod, 'Normal', 'Pulled', `Container image "${ctr.image ?? ''}" already present on machine and can be accessed by the pod`, 'kubelet', node);
      start(c, pod, r, node);
    }
    if (r.state === 'terminated' && r.restartAt !== undefined && now >= r.restartAt) {
      delete r.restartAt;
      r.backoffMs = BACKOFF_INITIAL;
      r.restartCount++;
      if (ctr.imagePullPolicy === 'Always') recordEvent(c, pod, 'Normal', 'Pulling', `Pulling image "${ctr.image ?? ''}"`, 'kubelet', node);
      recordEvent(c, pod, 'Normal', 'Pulled', ctr.imagePullPolicy === 'Always' ? `Successfully pulled image "${ctr.image ?? ''}" in 512ms (512ms including waiting). Image size: ${(imageInfo(ctr)?.sizeMb ?? 2) * 1000 * 1000 + 188133} bytes.` : `Container image "${ctr.image ?? ''}" already present on machine and can be accessed by the pod`, 'kubelet', node);
      start(c, pod, r, node);
    }
    if (r.state === 'running') runningStep(c, pod, r, node, ctr);
    if (r.state === 'terminated' && !r.exitHandled) {
      r.exitHandled = true;
      afterExit(c, pod, r, node, restart);
    }
    if (r.init && !(r.state === 'terminated' && r.exitCode === 0)) gate = false;
  }
}

function runningStep(c: Cluster, pod: KubeObject, r: ContainerRuntime, node: string, ctr: Container): void {
  const now = c.world.now;
  if (r.killAt !== undefined && now >= r.killAt) {
    const reason = r.killReason ?? 'Error';
    const code = r.killCode ?? 137;
    if (reason === 'Liveness') {
      terminate(c, pod, r, 137, 'Error', now);
    } else terminate(c, pod, r, code, reason, now);
    return;
  }
  if (r.exitAt !== undefined && now >= r.exitAt) {
    const code = r.exitCodePlanned ?? 0;
    terminate(c, pod, r, code, code === 0 ? 'Completed' : 'Error', r.exitAt);
    return;
  }
  if (r.startedAt !== undefined && now - r.startedAt >= BACKOFF_RESET) r.backoffMs = 0;
  const v = view(c, pod, r);
  if (!v) return;
  for (const [probe, kind] of [[ctr.readinessProbe, 'Readiness'], [ctr.livenessProbe, 'Liveness']] as const) {
    if (!probe) continue;
    const first = (r.startedAt ?? 0) + (probe.initialDelaySeconds ?? 0) * 1000;
    const period = (probe.periodSeconds ?? 10) * 1000;
    if (now < first || (now - first) % period !== 0) continue;
    const failure = runProbe(v, probe, kind);
    if (kind === 'Readiness') {
      if (!failure) {
        if (!r.ready) r.readyAt = now;
        r.ready = true;
      } else {
        recordEvent(c, pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${failure}`, 'kubelet', node);
        r.ready = false;
      }
    } else if (failure) {
      r.probeFailures++;
      recordEvent(c, pod, 'Warning', 'Unhealthy', `Liveness probe failed: ${failure}`, 'kubelet', node);
      if (r.probeFailures >= (probe.failureThreshold ?? 3)) {
        recordEvent(c, pod, 'Normal', 'Killing', `Container ${r.name} failed liveness probe, will be restarted`, 'kubelet', node);
        terminate(c, pod, r, 137, 'Error', now);
        return;
      }
    } else r.probeFailures = 0;
  }
}

function afterExit(c: Cluster, pod: KubeObject, r: ContainerRuntime, node: string, restart: string): void {
  const again = restart === 'Always' || (restart === 'OnFailure' && r.exitCode !== 0) || (r.init && restart !== 'Never' && r.exitCode !== 0);
  if (!again || (r.init && r.exitCode === 0)) return;
  const now = c.world.now;
  if (r.backoffMs === 0) {
    // First failure since the last reset: the next pod sync (about a second later) restarts it,
    // so `Error`/`OOMKilled`/`Completed` shows briefly; later failures back off.
    r.restartAt = now + 1000;
    return;
  }
  r.state = 'waiting';
  r.reason = 'CrashLoopBackOff';
  r.message = `back-off ${r.backoffMs / 1000 >= 60 ? `${Math.floor(r.backoffMs / 60000)}m${r.backoffMs % 60000 ? `${(r.backoffMs % 60000) / 1000}s` : '0s'}` : `${r.backoffMs / 1000}s`} restarting failed container=${r.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  r.since = now;
  recordEvent(c, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${r.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, 'kubelet', node);
  r.waitMs = r.backoffMs;
  r.backoffMs = Math.min(BACKOFF_MAX, r.backoffMs * 2);
}

/** `hatchway sim crash POD`: the main container's process dies with exit code 1 now. */
export function crashPod(c: Cluster, pod: KubeObject, code = 1): boolean {
  const pr = c.s.runtime[pod.metadata.uid];
  const r = pr?.containers.find((x) => !x.init && x.state === 'running');
  if (!r) return false;
  r.killAt = c.world.now;
  r.killReason = 'Error';
  r.killCode = code;
  enqueue(c, QUEUE, keyOf(pod));
  return true;
}

/** Logs of a container for `kubectl logs`: the current run, or the previous one. */
export function containerLogs(c: Cluster, pod: KubeObject, name: string, previous: boolean): string[] | undefined {
  const pr = c.s.runtime[pod.metadata.uid];
  const r = pr?.containers.find((x) => x.name === name);
  if (!r) return undefined;
  if (previous) return r.prevLogs;
  const v = view(c, pod, r);
  if (!v || r.containerId === '') return undefined;
  if (r.state === 'terminated' || r.state === 'waiting') return r.prevLogs ?? [];
  return logLines(v, c.world.now);
}

/**
 * A container's current run as `kubectl logs -f` streams it: the lines with their times,
 * whether it still runs, and when it next writes. Undefined before it first started.
 */
export function logStream(c: Cluster, pod: KubeObject, name: string): { id: string; entries: { at: number; line: string }[]; running: boolean; nextAt?: number } | undefined {
  const r = c.s.runtime[pod.metadata.uid]?.containers.find((x) => x.name === name);
  const v = r && r.containerId !== '' ? view(c, pod, r) : undefined;
  if (!r || !v) return undefined;
  const now = c.world.now;
  if (r.state === 'running') return { id: r.containerId, entries: logEntries(v, now), running: true, nextAt: nextLogAt(v, now) };
  return { id: r.containerId, entries: r.logs.filter((l) => l.at <= r.since), running: false };
}

/** A running container of a pod, with its image and spec (exec, attach and the tools inside pods). */
export function runningView(c: Cluster, pod: KubeObject, name: string): View | undefined {
  const r = c.s.runtime[pod.metadata.uid]?.containers.find((x) => x.name === name && !x.init);
  return r?.state === 'running' ? view(c, pod, r) : undefined;
}

/** The main process of a running container exits now with `code` (the shell a learner attached to ended). */
export function endMainProcess(c: Cluster, pod: KubeObject, name: string, code: number): void {
  const r = c.s.runtime[pod.metadata.uid]?.containers.find((x) => x.name === name && !x.init);
  if (r?.state !== 'running') return;
  r.exitAt = c.world.now;
  r.exitCodePlanned = code;
  enqueue(c, QUEUE, keyOf(pod));
}

/** Resumes a machine's kubelet: everything on it gets synced again. */
export function resyncNode(c: Cluster, node: string): void {
  for (const pr of Object.values(c.s.runtime)) if (pr.node === node) enqueue(c, QUEUE, pr.key);
  for (const key of Object.keys(c.s.objects.pods ?? {})) if ((c.s.objects.pods![key]!.spec as unknown as PodSpec).nodeName === node) enqueue(c, QUEUE, key);
}

export const kubelet: System = {
  name: 'kubelet',
  nextWake(world: World) {
    for (const c of allClusters(world)) if (hasQueued(c, QUEUE)) return world.now;
    return undefined;
  },
  tick(world: World) {
    let changed = false;
    for (const c of allClusters(world)) {
      for (const key of drain(c, QUEUE)) {
        const pod = getByKey(c, 'pods', key);
        if (!pod || !(pod.spec as unknown as PodSpec).nodeName) continue;
        const rv = pod.metadata.resourceVersion;
        syncPod(c, pod);
        if (pod.metadata.resourceVersion !== rv || !getByKey(c, 'pods', key)) changed = true;
      }
    }
    return changed;
  },
};
