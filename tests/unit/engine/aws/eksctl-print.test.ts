/** eksctl's -o yaml|json printers, against the expected texts of eksctl's own printer tests (pkg/actions/fargate/print_test.go). */
import { expect, it } from 'vitest';
import { printObjects } from '../../../../src/engine/aws/eksctl-print.ts';

const profiles = [
  { name: 'fp-test', podExecutionRoleARN: 'arn:aws:iam::123:role/root', selectors: [{ namespace: 'kube-system', labels: { app: 'my-app', env: 'test' } }, { namespace: 'default' }], tags: { app: 'my-app', env: 'test' }, status: 'ACTIVE' },
  { name: 'fp-prod', podExecutionRoleARN: 'arn:aws:iam::123:role/root', selectors: [{ namespace: 'prod', labels: { env: 'prod' } }], subnets: ['subnet-prod', 'subnet-d34dc0w'], status: 'ACTIVE' },
];

it('prints YAML as sigs.k8s.io/yaml does', () => {
  expect(printObjects('yaml', profiles)).toBe(
    '- name: fp-test\n  podExecutionRoleARN: arn:aws:iam::123:role/root\n  selectors:\n  - labels:\n      app: my-app\n      env: test\n    namespace: kube-system\n  - namespace: default\n  status: ACTIVE\n  tags:\n    app: my-app\n    env: test\n- name: fp-prod\n  podExecutionRoleARN: arn:aws:iam::123:role/root\n  selectors:\n  - labels:\n      env: prod\n    namespace: prod\n  status: ACTIVE\n  subnets:\n  - subnet-prod\n  - subnet-d34dc0w\n',
  );
});

it('prints JSON as MarshalIndent does, in field order and without a final newline', () => {
  expect(printObjects('json', profiles)).toBe(
    '[\n    {\n        "name": "fp-test",\n        "podExecutionRoleARN": "arn:aws:iam::123:role/root",\n        "selectors": [\n            {\n                "namespace": "kube-system",\n                "labels": {\n                    "app": "my-app",\n                    "env": "test"\n                }\n            },\n            {\n                "namespace": "default"\n            }\n        ],\n        "tags": {\n            "app": "my-app",\n            "env": "test"\n        },\n        "status": "ACTIVE"\n    },\n    {\n        "name": "fp-prod",\n        "podExecutionRoleARN": "arn:aws:iam::123:role/root",\n        "selectors": [\n            {\n                "namespace": "prod",\n                "labels": {\n                    "env": "prod"\n                }\n            }\n        ],\n        "subnets": [\n            "subnet-prod",\n            "subnet-d34dc0w"\n        ],\n        "status": "ACTIVE"\n    }\n]',
  );
});
