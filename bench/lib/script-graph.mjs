// JavaScript a built page ships: follows the page's <script> tags through static imports,
// modulepreloads and `new Worker(new URL(...))` into the worker's own graph, and reports
// the gzip size. Dynamic import() targets are lazy: counted apart, not in the shipped total.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`]([^"'`\s]+\.m?js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`\s]+\.m?js)["'`]\s*\)/g;
const WORKER_URL = /new\s+URL\(\s*["'`]([^"'`\s]+\.m?js)["'`]/g;
const HTML_SCRIPT = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g;
const HTML_PRELOAD = /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["'][^>]*>/g;

/** Resolves a reference inside `fromFile` (absolute `/x.js` or relative) to a path in dist. */
function resolveRef(dist, fromFile, ref) {
  if (/^[a-z]+:/i.test(ref)) return undefined;
  return ref.startsWith('/') ? join(dist, ref) : resolve(dirname(fromFile), ref);
}

function refs(text, pattern) {
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

/**
 * The script graph of one HTML page. Returns the files loaded at page load (`eager`,
 * workers included) and the ones only reachable through dynamic import (`lazy`).
 */
export function pageScripts(dist, htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const roots = [...refs(html, HTML_SCRIPT), ...refs(html, HTML_PRELOAD)].map((r) => resolveRef(dist, htmlFile, r)).filter(Boolean);
  const eager = new Set();
  const lazy = new Set();
  const visit = (file, set) => {
    if (eager.has(file) || set.has(file) || !existsSync(file)) return;
    set.add(file);
    const text = readFileSync(file, 'utf8');
    for (const r of [...refs(text, STATIC_IMPORT), ...refs(text, WORKER_URL)]) {
      const f = resolveRef(dist, file, r);
      if (f) visit(f, set);
    }
    for (const r of refs(text, DYNAMIC_IMPORT)) {
      const f = resolveRef(dist, file, r);
      if (f && !eager.has(f)) visit(f, lazy);
    }
  };
  for (const r of roots) visit(r, eager);
  for (const f of eager) lazy.delete(f);
  return { eager: [...eager], lazy: [...lazy] };
}

export function gzipBytes(files) {
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(f), { level: 9 }).length;
  return total;
}

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

/**
 * Every page of the built site with its shipped and lazy JavaScript (gzip bytes). A page
 * with `data-testid="terminal"` is a lab page (a lab page or a lesson with its lab).
 */
export function sitePages(dist) {
  return htmlFiles(dist).map((file) => {
    const { eager, lazy } = pageScripts(dist, file);
    const html = readFileSync(file, 'utf8');
    return {
      page: '/' + relative(dist, dirname(file)).split('\\').join('/') + (relative(dist, dirname(file)) ? '/' : ''),
      lab: /data-testid=["']terminal["']/.test(html),
      shippedGzip: gzipBytes(eager),
      lazyGzip: gzipBytes(lazy),
      files: eager.map((f) => relative(dist, f)),
    };
  });
}

/** The byte budgets of issue 8: the largest page of each sort against its budget. */
export const BYTE_BUDGETS = { lessonKb: 15, labKb: 300 };

export function byteFigures(dist) {
  const pages = sitePages(dist).filter((p) => !p.page.startsWith('/404'));
  const worst = (list) => list.reduce((a, b) => (b.shippedGzip > a.shippedGzip ? b : a), list[0]);
  const lesson = worst(pages.filter((p) => !p.lab));
  const lab = worst(pages.filter((p) => p.lab));
  return { lesson, lab, pages };
}
