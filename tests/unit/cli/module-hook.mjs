// Loaded with `node --import` by bundle.test.ts: refuses tsx, so whatever runs must come
// from the CLI bundle, and appends every module Node loads to $HATCHWAY_MODULE_LOG.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// Module hooks run on a thread of their own, where this file is loaded a second time.
if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  if (specifier === 'tsx' || specifier.startsWith('tsx/')) throw new Error('tsx is blocked: the CLI must run from its bundle');
  const resolved = await next(specifier, context);
  if (process.env.HATCHWAY_MODULE_LOG) appendFileSync(process.env.HATCHWAY_MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}
