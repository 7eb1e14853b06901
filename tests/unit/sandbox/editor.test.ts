import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { diagnosticRange, languageOf, toLintDiagnostics } from '../../../src/sandbox/features/editor/codemirror.ts';
import { formatClock, formatElapsed } from '../../../src/sandbox/features/time-control/format.ts';

describe('editor language by file name', () => {
  it('picks YAML, JSON and Dockerfile modes', () => {
    const names = ['pod.yaml', 'a/b/svc.YML', 'task-def.json', 'Dockerfile', 'app/Dockerfile.dev', 'web.dockerfile', 'Containerfile', 'run.sh', 'yaml'];
    expect(names.map(languageOf)).toEqual(['yaml', 'yaml', 'json', 'dockerfile', 'dockerfile', 'dockerfile', 'dockerfile', 'text', 'text']);
  });
});

describe('diagnostic ranges', () => {
  const doc = Text.of(['apiVersion: apps/v1', 'spec:', '  replica: 3', '']);

  it('covers the key the validator points at, not its colon', () => {
    const r = diagnosticRange(doc, { line: 3, column: 3 });
    expect(doc.sliceString(r.from, r.to)).toBe('replica');
  });

  it('covers a value up to the next space', () => {
    const r = diagnosticRange(doc, { line: 1, column: 13 });
    expect(doc.sliceString(r.from, r.to)).toBe('apps/v1');
  });

  it('takes the whole line without a column, and clamps positions past the end', () => {
    const whole = diagnosticRange(doc, { line: 2 });
    expect(doc.sliceString(whole.from, whole.to)).toBe('spec');
    const past = diagnosticRange(doc, { line: 99, column: 99 });
    expect(past.from).toBeLessThanOrEqual(doc.length);
    expect(past.to).toBeLessThanOrEqual(doc.length);
  });

  it('maps findings to lint diagnostics with the code and hint in the message', () => {
    const [d] = toLintDiagnostics(doc, [{ code: 'K8S001', severity: 'error', message: 'unknown field "spec.replica"', hint: 'Did you mean replicas?', line: 3, column: 3, href: '/docs/diagnostics/#k8s001' }]);
    expect({ from: d!.from, to: d!.to, severity: d!.severity, message: d!.message }).toEqual({ from: 28, to: 35, severity: 'error', message: 'K8S001 unknown field "spec.replica" Hint: Did you mean replicas?' });
  });
});

describe('time-control clock', () => {
  it('reads like kubectl ages and a UTC wall clock', () => {
    expect([0, 45_000, 60_000, 184_000, 3_600_000, 3_720_000].map(formatElapsed)).toEqual(['0s', '45s', '1m', '3m4s', '1h', '1h2m']);
    expect(formatClock(Date.UTC(2026, 10, 21, 10, 5, 7))).toBe('10:05:07 UTC');
  });
});
