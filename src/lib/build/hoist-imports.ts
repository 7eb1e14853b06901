/**
 * A build plugin for the engine worker's bundle: each lazily imported chunk (a world kind's
 * engine) also names every chunk it needs further down, so the browser fetches them all at
 * once instead of discovering them one level at a time. Rollup does this by default
 * (`hoistTransitiveImports`); rolldown, which Vite 8 builds with, does not yet.
 *
 * The extra imports go at the end of the chunk: module requests are made in source order and
 * each module runs once, so the chunks they name have already run by the time they are
 * reached and the order in which modules run is unchanged.
 */
import { dirname, posix, relative } from 'node:path';
import type { Plugin } from 'vite';

interface ChunkInfo {
  type: 'chunk';
  fileName: string;
  code: string;
  imports: string[];
  isDynamicEntry: boolean;
}

function transitiveImports(start: ChunkInfo, chunks: Map<string, ChunkInfo>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start.imports];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(chunks.get(name)?.imports ?? []));
  }
  return seen;
}

export function hoistTransitiveImports(): Plugin {
  return {
    name: 'hatchway:hoist-transitive-imports',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const [name, out] of Object.entries(bundle)) if (out.type === 'chunk') chunks.set(name, out as unknown as ChunkInfo);
      for (const chunk of chunks.values()) {
        if (!chunk.isDynamicEntry) continue;
        const direct = new Set(chunk.imports);
        const extra = [...transitiveImports(chunk, chunks)].filter((name) => !direct.has(name) && name !== chunk.fileName).sort();
        if (!extra.length) continue;
        const from = dirname(chunk.fileName);
        const specifiers = extra.map((name) => {
          const rel = relative(from, name).split('\\').join(posix.sep);
          return rel.startsWith('.') ? rel : `./${rel}`;
        });
        chunk.code += `\n${specifiers.map((s) => `import ${JSON.stringify(s)};`).join('')}\n`;
        chunk.imports.push(...extra);
      }
    },
  };
}
