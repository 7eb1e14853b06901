// The CLI's prebuilt bundle. Transpiling the TypeScript at every start (tsx) costs about a
// second, so `hatchway` runs an esbuild bundle of bin/cli.ts when it is up to date with the
// sources, and the sources through tsx when it is not. `npm install` builds it (the
// `prepare` script); `npm run prepare` rebuilds it after an edit. The launcher never builds
// on its own: one unfinished edit anywhere in the engine fails a whole-program build, while
// tsx loads only what the command uses, so `hatchway validate` keeps working meanwhile.
//
// How a stale bundle is kept from running old code: bin/dist/manifest.json records the
// modification time and size of every file the bundle was built from (esbuild's list of
// inputs, this file, the tsconfigs, and node_modules/.package-lock.json, which npm rewrites
// whenever a dependency changes). The bundle runs only if every one of them is exactly as
// recorded; an edit, a checkout or an install changes a time or a size.
//
// Why building is safe while the CLI runs: each build goes to a fresh directory, renamed to
// bin/dist/<hash of the output>/ once complete, and the manifest that points at it is
// replaced atomically. A running process keeps loading chunks from its own directory; a
// build deletes older builds' directories except the one it replaces, which a process
// started just before may still use.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'bin/dist');

function stamp(file) {
  try {
    const s = statSync(join(ROOT, file));
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

function readManifest(dist) {
  try {
    return JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The bundle's entry module if it was built from exactly the files on disk now, else undefined. */
export function freshEntry(dist = DIST) {
  const m = readManifest(dist);
  if (!m || typeof m.entry !== 'string' || typeof m.inputs !== 'object') return undefined;
  for (const [file, recorded] of Object.entries(m.inputs)) {
    const now = stamp(file);
    if (!now || now[0] !== recorded[0] || now[1] !== recorded[1]) return undefined;
  }
  const entry = join(dist, m.entry);
  return existsSync(entry) ? entry : undefined;
}

/** Files besides the sources whose change must rebuild the bundle. */
function buildInputs(sources) {
  const files = new Set([relative(ROOT, fileURLToPath(import.meta.url)), 'tsconfig.base.json', 'node_modules/.package-lock.json']);
  for (const dir of new Set(sources.map((s) => dirname(s)))) {
    for (let d = dir; d !== '.' && d !== '/'; d = dirname(d)) if (existsSync(join(ROOT, d, 'tsconfig.json'))) files.add(join(d, 'tsconfig.json'));
  }
  return [...files].filter((f) => existsSync(join(ROOT, f)));
}

/** esbuild options for TypeScript that runs in Node as the CLI does (also used by the bench). */
export const NODE_BUNDLE = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Two packages resolve as in the site's worker, so the CLI validates with the same code:
  // yaml's browser build (its Node build reads process.env on every token it parses, a
  // quarter of the parse time), and the six schema formats of formats-shim.ts instead of
  // @kubernetes-models/validate (every ajv format, and Node's deprecated punycode).
  alias: {
    yaml: './node_modules/yaml/browser/index.js',
    '@kubernetes-models/validate': './src/checks/validate/k8s/formats-shim.ts',
  },
  // Bundled CommonJS modules call require() for Node's built-ins.
  banner: { js: "import { createRequire as __hatchwayRequire } from 'node:module'; const require = __hatchwayRequire(import.meta.url);" },
  logLevel: 'error',
};

/**
 * Builds the bundle into bin/dist/<hash>/ and points the manifest at it; returns the entry.
 * Dependencies are bundled too: Node then opens a few files instead of hundreds (yaml alone
 * is 70 CommonJS modules, a Deployment's schema over 100).
 */
export async function buildBundle(dist = DIST) {
  const [{ build }, { createHash }] = await Promise.all([import('esbuild'), import('node:crypto')]);
  const previous = readManifest(dist);
  const started = Date.now();
  const result = await build({
    ...NODE_BUNDLE,
    entryPoints: ['bin/cli.ts'],
    // Commands, world kinds and schemas stay in their own chunks, loaded when used.
    splitting: true,
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    write: false,
  });
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(relative(dist, f.path)).update(f.contents);
  const id = hash.digest('hex').slice(0, 16);
  const tmp = join(dist, `.tmp-${process.pid}-${started}`);
  for (const f of result.outputFiles) {
    const to = join(tmp, relative(dist, f.path));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, f.contents);
  }
  try {
    renameSync(tmp, join(dist, id));
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process finished the same build first
  }
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  // A file changed while esbuild ran may not be in the bundle: record it as never matching.
  const inputs = Object.fromEntries([...sources, ...buildInputs(sources)].map((f) => {
    const s = stamp(f);
    return [f, s && s[0] < started ? s : [-1, -1]];
  }));
  const manifestTmp = join(dist, `.manifest-${process.pid}-${started}.json`);
  writeFileSync(manifestTmp, `${JSON.stringify({ entry: `${id}/cli.mjs`, inputs })}\n`);
  renameSync(manifestTmp, join(dist, 'manifest.json'));
  const keep = new Set([id, previous?.entry?.split('/')[0]]);
  for (const d of readdirSync(dist)) if (!keep.has(d) && !d.startsWith('.') && d !== 'manifest.json') rmSync(join(dist, d), { recursive: true, force: true });
  return join(dist, id, 'cli.mjs');
}

// `node bin/bundle.mjs` (the prepare script). A failed build leaves the CLI on tsx rather
// than failing `npm install`; the bundle test (tests/unit/cli/bundle.test.ts) fails instead.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildBundle();
  } catch (e) {
    process.stderr.write(`hatchway: the CLI bundle was not built, so the CLI runs the sources through tsx: ${e instanceof Error ? e.message.split('\n')[0] : e}\n`);
  }
}
