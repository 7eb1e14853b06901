#!/usr/bin/env node
// The `hatchway` CLI: runs the TypeScript sources directly through tsx, so the CLI and the
// site always use the same engine and checks with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
