/**
 * Helpers the engine benches share. They use only the engine's public surface (worlds,
 * sessions, kubectl through the shell, snapshots), so the benches survive rewrites of the
 * scheduler and controllers behind it.
 */
import { writeLearnerFiles } from '../../src/checks/lab/lab-world.ts';
import { Session } from '../../src/engine/shell/session.ts';
import type { World, WorldKind } from '../../src/engine/world.ts';
import '../../src/engine/kinds/all.ts';
import { createWorld, restoreWorld } from '../../src/engine/worlds.ts';

export interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function newSession(kind: WorldKind, seed = 1): Session {
  return new Session(createWorld({ kind, seed }));
}

export async function run(session: Session, line: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const r = await session.execute(line, { stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) } });
  return { stdout, stderr, exitCode: r.exitCode };
}

export async function mustRun(session: Session, line: string): Promise<Captured> {
  const r = await run(session, line);
  if (r.exitCode !== 0) throw new Error(`\`${line.split('\n')[0]}\` failed (${r.exitCode}): ${r.stderr.trim().split('\n')[0]}`);
  return r;
}

/** Writes a file in the learner's home, the way a lab's starting files are written (big files exceed a command line). */
export function writeFile(session: Session, path: string, text: string): void {
  writeLearnerFiles(session.world, { [path]: text });
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Tables found per world and kind: the engine keeps a table for the life of its cluster. */
const foundTables = new WeakMap<World, Map<string, Record<string, Json>[]>>();

/**
 * Every table of Kubernetes objects of `kind` in the world state (one per cluster), wherever
 * the engine keeps them. Found by walking the state once; a bench that polls every virtual
 * second must not spend its time walking 10,000 pods field by field.
 */
export function objectTables(world: World, kind: string): Record<string, Json>[] {
  let byKind = foundTables.get(world);
  if (!byKind) foundTables.set(world, (byKind = new Map()));
  const known = byKind.get(kind);
  if (known) return known;
  const out: Record<string, Json>[] = [];
  const walk = (v: unknown, depth: number) => {
    if (!isObj(v) || depth > 5) return;
    const values = Object.values(v);
    if (values.length && values.every((x) => isObj(x) && x.kind === kind)) {
      out.push(v as Record<string, Json>);
      return;
    }
    for (const x of values) walk(x, depth + 1);
  };
  walk(world.state.ext, 0);
  if (out.length) byKind.set(kind, out);
  return out;
}

export function objects(world: World, kind: string): Json[] {
  return objectTables(world, kind).flatMap((t) => Object.values(t));
}

/** Pods (only those labelled `app: <app>` when given) and how many are Running. */
export function podPhases(world: World, app?: string): { total: number; running: number } {
  let total = 0;
  let running = 0;
  for (const table of objectTables(world, 'Pod')) {
    for (const key in table) {
      const p = table[key]!;
      if (app !== undefined && ((p.metadata as Json | undefined)?.labels as Json | undefined)?.app !== app) continue;
      total++;
      if ((p.status as Json | undefined)?.phase === 'Running') running++;
    }
  }
  return { total, running };
}

/** Replaces every string equal to `from` (or containing it as a path/label part) inside a JSON value. */
function renamed(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v === from ? to : v.split(from).join(to);
  if (Array.isArray(v)) return v.map((x) => renamed(x, from, to));
  if (isObj(v)) {
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) o[k.split(from).join(to)] = renamed(x, from, to);
    return o;
  }
  return v;
}

/**
 * A copy of the world with `count` more worker nodes, cloned from `template` (node01) in the
 * snapshot: every table keyed by the node's name (the Node object, the simulated machine,
 * its lease) gets a renamed copy. Restoring rebuilds whatever indexes the engine keeps.
 */
export function withNodes(world: World, count: number, template = 'node01'): World {
  const state = JSON.parse(world.snapshot()) as Json;
  let copies = 0;
  const walk = (v: unknown, depth: number) => {
    if (!isObj(v) || depth > 8) return;
    const keys = Object.keys(v).filter((k) => k === template || k.endsWith(`/${template}`));
    for (const key of keys) {
      for (let i = 0; i < count; i++) {
        const name = `bench-${String(i).padStart(5, '0')}`;
        v[key.split(template).join(name)] = renamed(v[key], template, name);
        copies++;
      }
    }
    for (const [k, x] of Object.entries(v)) if (!k.startsWith('bench-') && !k.includes('/bench-')) walk(x, depth + 1);
  };
  walk(state.ext, 0);
  if (!copies) throw new Error(`no node named ${template} in this world`);
  return restoreWorld(JSON.stringify(state));
}

export function deploymentYaml(name: string, replicas: number, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          resources:
            requests:
              cpu: 1m
              memory: 1Mi`;
}

export function podsYaml(prefix: string, count: number, image = 'nginx:1.27', app = prefix): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${prefix}-${i}
  labels:
    app: ${app}
spec:
  containers:
    - name: app
      image: ${image}`);
  }
  return docs.join('\n---\n');
}

/** Advances virtual time a second at a time until `done()` or `maxMs` of virtual time. */
export function advanceUntil(world: World, done: () => boolean, maxMs = 10 * 60_000, stepMs = 1000): boolean {
  const end = world.now + maxMs;
  world.reconcile();
  while (!done()) {
    if (world.now >= end) return false;
    world.advance(stepMs);
  }
  return true;
}
