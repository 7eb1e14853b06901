#!/usr/bin/env node
// The `hatchway` CLI: the prebuilt bundle when it matches the sources, else the sources
// through tsx (bin/bundle.mjs explains how the two are kept apart).
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { freshEntry } from './bundle.mjs';

// Node 22 can keep the compiled bundle on disk between runs (Node 20 has no such cache).
module.enableCompileCache?.();
const bundle = freshEntry();
if (!bundle) (await import('tsx/esm/api')).register();
const { main } = await import(bundle ? pathToFileURL(bundle).href : './cli.ts');
process.exitCode = await main(process.argv.slice(2));
