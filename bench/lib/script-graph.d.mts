// Types for script-graph.mjs, which the budget test imports from TypeScript.
export interface PageScripts {
  page: string;
  lab: boolean;
  shippedGzip: number;
  lazyGzip: number;
  files: string[];
}
export function pageScripts(dist: string, htmlFile: string): { eager: string[]; lazy: string[] };
export function gzipBytes(files: string[]): number;
export function sitePages(dist: string): PageScripts[];
export const BYTE_BUDGETS: { lessonKb: number; labKb: number };
export function byteFigures(dist: string): { lesson: PageScripts; lab: PageScripts; pages: PageScripts[] };
