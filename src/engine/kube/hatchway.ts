/**
 * `hatchway`, the lab's own tool inside the kubernetes world: explain a scheduling
 * decision (per node and plugin, as kube-scheduler-simulator records it) and script
 * events on the virtual clock (`sim node stop`, `sim advance`, `sim crash`).
 */
import { humanDuration, parseDuration } from '../clock.ts';
import type { Program } from '../shell/types.ts';
import { makeK } from './kubectl/context.ts';
import { parseFlags } from './kubectl/flags.ts';
import { rt } from './resources.ts';
import { decisionFor, type Decision } from './scheduler/framework.ts';
import { FILTERS, SCORERS } from './scheduler/plugins.ts';
import { runSimAction } from './sim.ts';
import { getObject } from './store.ts';
import { tabwrite } from './table.ts';

const USAGE = `hatchway: tools for this lab's simulated cluster

Usage:
  hatchway explain pod NAME [-n NAMESPACE] [-o json]   why the scheduler placed (or did not place) a pod
  hatchway sim node stop NODE                          the node's machine goes down (kubelet stops)
  hatchway sim node start NODE                         the machine comes back
  hatchway sim crash POD [-n NAMESPACE]                the pod's container exits with code 1
  hatchway sim advance DURATION                        fast-forward the virtual clock (e.g. 30s, 5m)
`;

/** The explanation as text: filter results per node, then weighted scores, then the choice. */
export function explainText(d: Decision): string {
  const nodes = Object.keys(d.filter).sort();
  let text = `Pod ${d.namespace}/${d.pod}: scheduling decision ${humanDuration(0) === '0s' ? '' : ''}`.trimEnd() + '\n';
  text = `Pod ${d.namespace}/${d.pod}\n`;
  text += d.selectedNode ? `Selected node: ${d.selectedNode}\n` : `Not scheduled: ${d.message ?? ''}\n`;
  if (d.summarized) text += `(${d.totalNodes} nodes: only the best-scoring candidates are shown)\n`;
  text += '\nFilter (a node must pass every plugin; plugins after a failure do not run):\n';
  const frows = [['NODE', ...FILTERS.map((f) => f.name)]];
  for (const n of nodes) frows.push([n, ...FILTERS.map((f) => d.filter[n]?.[f.name] ?? '-')]);
  // One row per node is too wide for a terminal; print plugin by plugin instead.
  const rows: string[] = ['NODE\tPLUGIN\tRESULT'];
  for (const n of nodes) {
    for (const f of FILTERS) {
      const r = d.filter[n]?.[f.name];
      if (r === undefined) continue;
      rows.push(`${n}\t${f.name}\t${r}`);
    }
  }
  text += tabwrite(rows.join('\n') + '\n', 6, 3);
  const scored = Object.keys(d.finalScore).sort();
  if (scored.length) {
    text += '\nScore (each plugin scores 0-100, multiplied by its weight):\n';
    const srows = [`PLUGIN\tWEIGHT\t${scored.join('\t')}`];
    for (const s of SCORERS) srows.push(`${s.name}\t${s.weight}\t${scored.map((n) => `${d.score[n]?.[s.name] ?? '-'}${d.finalScore[n]?.[s.name] !== undefined ? ` (${d.finalScore[n]![s.name]})` : ''}`).join('\t')}`);
    const totals = scored.map((n) => Object.values(d.finalScore[n] ?? {}).reduce((a, b) => a + b, 0));
    srows.push(`TOTAL\t\t${totals.join('\t')}`);
    text += tabwrite(srows.join('\n') + '\n', 6, 3);
  }
  if (d.selectedNode) text += `\nThe highest total wins (ties are broken at random): ${d.selectedNode}.\n`;
  void frows;
  return text;
}

export const hatchway: Program = {
  name: 'hatchway',
  summary: "the lab's tools: explain scheduling, script cluster events",
  path: '/usr/local/bin/hatchway',
  async run(ctx) {
    const [cmd, ...rest] = ctx.args;
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const f = parseFlags(`hatchway ${cmd}`, rest, { values: ['output'], short: { o: 'output' } });
    if ('error' in f) {
      ctx.stderr.write(f.error.replace(/See '.*' for usage\./, "See 'hatchway --help' for usage.") + '\n');
      return 2;
    }
    const k = makeK(ctx, f, 'hatchway');
    if ('error' in k) {
      ctx.stderr.write(k.error + '\n');
      return 1;
    }
    if (cmd === 'explain') {
      const [what, name] = f.positional;
      if (!['pod', 'pods', 'po'].includes(what ?? '') || !name) {
        ctx.stderr.write('hatchway: usage: hatchway explain pod NAME [-n NAMESPACE]\n');
        return 2;
      }
      const pod = getObject(k.c, rt('pods'), k.ns, name);
      if (!pod) {
        ctx.stderr.write(`hatchway: pod "${name}" not found in namespace "${k.ns}"\n`);
        return 1;
      }
      const d = decisionFor(k.c, pod);
      if (!d) {
        const node = (pod.spec as { nodeName?: string }).nodeName;
        ctx.stdout.write(node ? `Pod ${k.ns}/${name} was not placed by the scheduler: its spec names node ${node} (spec.nodeName), or its decision is older than the ones kept.\n` : `Pod ${k.ns}/${name} has not been through the scheduler yet.\n`);
        return 0;
      }
      if (f.flags.get('output') === 'json') {
        // kube-scheduler-simulator's annotation layout.
        ctx.stdout.write(
          JSON.stringify(
            {
              'kube-scheduler-simulator.sigs.k8s.io/filter-result': d.filter,
              'kube-scheduler-simulator.sigs.k8s.io/score-result': d.score,
              'kube-scheduler-simulator.sigs.k8s.io/finalscore-result': d.finalScore,
              'kube-scheduler-simulator.sigs.k8s.io/selected-node': d.selectedNode ?? '',
            },
            null,
            2,
          ) + '\n',
        );
        return 0;
      }
      ctx.stdout.write(explainText(d));
      return 0;
    }
    if (cmd === 'sim') {
      const [a, b, c] = f.positional;
      let error: string | undefined;
      if (a === 'node' && (b === 'stop' || b === 'start') && c) {
        error = runSimAction(k.c, b === 'stop' ? 'node-stop' : 'node-start', [c]);
        if (!error) ctx.stdout.write(b === 'stop' ? `node ${c}: machine stopped; the kubelet no longer reports (NotReady in about 50s, pods evicted after 300s)\n` : `node ${c}: machine started\n`);
      } else if (a === 'crash' && b) {
        error = runSimAction(k.c, 'crash', [b, k.ns]);
        if (!error) ctx.stdout.write(`pod ${k.ns}/${b}: container exited with code 1\n`);
      } else if (a === 'advance' && b) {
        const ms = parseDuration(b);
        if (ms === undefined) error = `invalid duration "${b}" (use e.g. 30s, 5m, 1h)`;
        else {
          ctx.world.advance(ms);
          ctx.stdout.write(`advanced the clock by ${humanDuration(ms)}\n`);
        }
      } else {
        ctx.stderr.write(USAGE);
        return 2;
      }
      if (error) {
        ctx.stderr.write(`hatchway: ${error}\n`);
        return 1;
      }
      ctx.world.reconcile();
      return 0;
    }
    ctx.stderr.write(`hatchway: unknown command "${cmd}"\n\n${USAGE}`);
    return 2;
  },
};
