/**
 * Keys such as `__proto__` and `constructor` in learner input (YAML and JSON manifests,
 * file names, shell variables, snapshots) stay data: Object.prototype is never touched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeLearnerFiles } from '../../../src/checks/lab/lab-world.ts';
import { validateFiles } from '../../../src/checks/validate/index.ts';
import { restoreWorld } from '../../../src/engine/worlds.ts';
import { Session } from '../../../src/engine/shell/session.ts';
import { newSession, runIn } from '../../helpers/run.ts';

function expectClean(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(typeof probe.constructor).toBe('function');
  expect(typeof probe.toString).toBe('function');
}

afterEach(() => {
  // If a test polluted the prototype, clean up so the other tests are not affected, then fail.
  const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
  delete (Object.prototype as Record<string, unknown>).polluted;
  expect(polluted).toBe(false);
});

const YAML_POD = `apiVersion: v1
kind: Pod
metadata:
  name: proto
  labels:
    app: proto
    __proto__:
      polluted: "yes"
    constructor: x
  annotations:
    __proto__: "yes"
    toString: "x"
spec:
  __proto__:
    polluted: yes
  nodeSelector:
    constructor:
      prototype:
        polluted: yes
  containers:
    - name: c
      image: nginx:1.27
      __proto__: { polluted: yes }
      env:
        - name: __proto__
          value: polluted
`;

const JSON_POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'proto-json', labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
}).replace('"labels":{', '"labels":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');

describe('prototype pollution', () => {
  it('kubectl apply of YAML with __proto__ and constructor keys leaves Object.prototype alone', async () => {
    const s = newSession('kubernetes');
    writeLearnerFiles(s.world, { 'proto.yaml': YAML_POD });
    const r = await runIn(s, 'kubectl apply -f proto.yaml');
    expect(r.stderr).not.toMatch(/internal error/);
    expectClean();
    await runIn(s, 'kubectl get pods --show-labels');
    await runIn(s, 'kubectl describe pod proto');
    expectClean();
    // The world still snapshots and restores with those keys in it.
    const snap = s.world.snapshot();
    expect(restoreWorld(snap).snapshot()).toBe(snap);
    expectClean();
  });

  it('kubectl apply of JSON with __proto__ keys leaves Object.prototype alone', async () => {
    const s = newSession('kubernetes');
    expect(JSON_POD).toContain('"__proto__":{"polluted":"yes"}');
    writeLearnerFiles(s.world, { 'proto.json': JSON_POD });
    const r = await runIn(s, 'kubectl apply -f proto.json');
    expect(r.stderr).not.toMatch(/internal error/);
    await runIn(s, 'kubectl get pods');
    expectClean();
  });

  it('the validator reads such keys as data', async () => {
    await validateFiles([
      { path: 'proto.yaml', content: YAML_POD },
      { path: 'proto.json', content: JSON_POD },
    ]);
    expectClean();
  });

  it('file names and shell variables called __proto__ are ordinary names', async () => {
    const s = newSession('linux');
    const made = await runIn(s, 'mkdir __proto__ constructor && echo polluted > __proto__/polluted && ls');
    expect({ ...made, stdout: made.stdout.trim().split(/\s+/).sort() }).toEqual({ stdout: ['__proto__', 'constructor'], stderr: '', exitCode: 0 });
    expect(await runIn(s, '__proto__=polluted; constructor=x; echo $__proto__ $constructor')).toEqual({ stdout: 'polluted x\n', stderr: '', exitCode: 0 });
    expectClean();
    const copy = new Session(restoreWorld(s.world.snapshot()));
    expect(await runIn(copy, 'cat __proto__/polluted; echo $__proto__')).toEqual({ stdout: 'polluted\npolluted\n', stderr: '', exitCode: 0 });
    expectClean();
  });

  it('a snapshot whose JSON carries __proto__ keys restores without polluting', () => {
    const s = newSession('linux');
    const snap = s.world.snapshot().replace('"hostnames":{', '"hostnames":{"__proto__":{"polluted":"yes"},');
    expect(snap).toContain('"__proto__":{"polluted":"yes"}');
    const w = restoreWorld(snap);
    expectClean();
    expect(Object.getPrototypeOf(w.state.hostnames)).toBeNull();
  });
});
