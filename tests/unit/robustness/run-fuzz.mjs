// `npm run fuzz`: the robustness fuzzers with many more cases than `npm test` runs.
// HATCHWAY_FUZZ_RUNS (default 300) and HATCHWAY_FUZZ_SEED override the count and seed.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, HATCHWAY_FUZZ_RUNS: process.env.HATCHWAY_FUZZ_RUNS ?? '300' };
if (process.argv[2]) env.HATCHWAY_FUZZ_SEED = process.argv[2];
console.log(`hatchway fuzz: ${env.HATCHWAY_FUZZ_RUNS} cases per property, seed ${env.HATCHWAY_FUZZ_SEED ?? 'fixed'}`);
const r = spawnSync('npx', ['vitest', 'run', 'tests/unit/robustness/world-fuzz.test.ts', '--testTimeout', '3600000'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
