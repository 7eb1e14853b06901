/** kubectl explain: the generated documentation stays in step with kubernetes-models, loads lazily, and wraps as go-wordwrap does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_FILE, explainModule } from '../../../../scripts/gen-explain.ts';
import { wrap } from '../../../../src/engine/kube/kubectl/explain.ts';
import { newSession, runIn } from '../../../helpers/run.ts';

describe('kubectl explain', () => {
  it('explain.generated.ts is what scripts/gen-explain.ts makes from the installed kubernetes-models', () => {
    expect(readFileSync(EXPLAIN_FILE, 'utf8')).toBe(explainModule());
  });

  it('the documentation is only ever imported on demand', () => {
    const dir = join(import.meta.dirname, '../../../../src/engine/kube/kubectl');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/^import [^(]*explain\.generated/m);
    }
  });

  it('types: arrays, maps, named types, primitive aliases, required fields and short enums', async () => {
    const s = newSession('kubernetes');
    const r = await runIn(s, 'kubectl explain pod.spec --recursive');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    for (const line of [
      '  containers\t<[]Container> -required-',
      '    resources\t<ResourceRequirements>',
      '      limits\t<map[string]Quantity>',
      '  nodeSelector\t<map[string]string>',
      '  restartPolicy\t<string>',
      '  enum: Always, Never, OnFailure',
      '      tcpSocket\t<TCPSocketAction>',
      '        port\t<IntOrString> -required-',
      '  terminationGracePeriodSeconds\t<integer>',
      '  hostNetwork\t<boolean>',
    ]) expect(lines).toContain(line);
    // A long enum is cut after four values.
    expect(lines).toContain('            enum: DoesNotExist, Exists, Gt, In, ....');
    const svc = await runIn(s, 'kubectl explain service.spec');
    expect(svc.stdout).toContain('  internalTrafficPolicy\t<string>\n  enum: Cluster, Local\n');
    expect(svc.stdout).toContain('  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n');
    const time = await runIn(s, 'kubectl explain pod.metadata.creationTimestamp');
    expect(time.stdout).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: creationTimestamp <string>\n\n\nDESCRIPTION:\n' +
        '    CreationTimestamp is a timestamp representing the server time when this\n    object was created. It is not guaranteed to be set in happens-before order\n    across separate operations. Clients may not set this value. It is\n    represented in RFC3339 form and is in UTC.\n    \n    Populated by the system. Read-only. Null for lists. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata\n' +
        '    Time is a wrapper around time.Time which supports correct marshaling to YAML\n    and JSON.  Wrappers are provided for many of the factory methods that the\n    time package offers.\n    \n\n',
    );
  });

  it('errors: output formats it does not render, a field inside a string', async () => {
    const s = newSession('kubernetes');
    expect(await runIn(s, 'kubectl explain pod -o plaintext-openapiv2')).toEqual({ stdout: '', stderr: 'kubectl: explain --output=plaintext-openapiv2 is not available in this lab environment\n', exitCode: 1 });
    expect(await runIn(s, 'kubectl explain pod.spec.restartPolicy.x')).toEqual({ stdout: '', stderr: 'error: field "x" does not exist\n', exitCode: 1 });
  });

  it('wrap breaks at the last space that fits, keeps newlines and runs of spaces, never splits a word', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('aaa  bbb', 20)).toBe('aaa  bbb');
    expect(wrap('one\n\ntwo three', 5)).toBe('one\n\ntwo\nthree');
    expect(wrap('a https://example.com/very/long/url b', 10)).toBe('a\nhttps://example.com/very/long/url\nb');
    expect(wrap('trailing   ', 20)).toBe('trailing   ');
  });
});
