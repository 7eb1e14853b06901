// Workloads for `npm run bench`: the validator on a 2,000-document stream, and the refusals
// of a 100 MB file and an alias bomb. The clock is passed in, so this module stays free of
// timers and runs the same in Node and in the worker.

import { parseYamlDocuments } from './yaml/parse-yaml.ts';
import { validateFiles } from './validate-files.ts';

export interface BenchResult {
  name: string;
  ms: number;
  /** What the run produced, so a bench that "passes" by failing early is visible. */
  detail: string;
  /** The bound the acceptance criteria set, in milliseconds. */
  budgetMs: number;
}

/** A stream of `count` documents: Deployments and their Services, all valid. */
export function manifestStream(count: number): string {
  const docs: string[] = [];
  for (let i = 0; docs.length < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  labels:
    app: web-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet: {path: /, port: 80}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 64Mi}
`);
    if (docs.length < count) docs.push(`apiVersion: v1
kind: Service
metadata:
  name: web-${i}
spec:
  selector:
    app: web-${i}
  ports:
  - port: 80
    targetPort: 80
`);
  }
  return docs.join('---\n');
}

/** Nine levels of nine aliases each: 9^9 strings if anything expanded it. */
export function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the three workloads; `documents` shrinks the stream for a quick smoke run. */
export async function benchValidator(now: () => number, documents = 2000): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const stream = manifestStream(documents);
  let t = now();
  const diagnostics = await validateFiles([{ path: 'stream.yaml', content: stream }]);
  results.push({ name: `validate ${documents.toLocaleString('en-US')} documents`, ms: now() - t, detail: `${diagnostics.length} diagnostics`, budgetMs: 2000 });

  const huge = `a: ${'x'.repeat(100 * 1024 * 1024)}\n`;
  t = now();
  const refusedHuge = await validateFiles([{ path: 'huge.yaml', content: huge }]);
  results.push({ name: 'refuse a 100 MB file', ms: now() - t, detail: refusedHuge[0]?.message ?? 'not refused', budgetMs: 200 });

  const bomb = aliasBomb();
  t = now();
  const refusedBomb = parseYamlDocuments(bomb, 'bomb.yaml').diagnostics;
  results.push({ name: 'refuse an alias bomb', ms: now() - t, detail: refusedBomb[0]?.message ?? 'not refused', budgetMs: 200 });
  return results;
}
