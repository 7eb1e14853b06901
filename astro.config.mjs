// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { hoistTransitiveImports } from './src/lib/build/hoist-imports.ts';
import { siteIntegration } from './src/lib/build/site-integration.ts';
import { CODE_THEMES } from './src/lib/code-themes.ts';

// A static site: every page is prerendered and the labs run in the browser, so the
// built dist/ can be served by any static host (see README, "Deploy").
export default defineConfig({
  site: 'https://hatchway.dev',
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx(), siteIntegration()],
  markdown: {
    shikiConfig: {
      themes: CODE_THEMES,
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'never' },
  vite: {
    resolve: {
      // The official schemas need six string formats, not all of ajv-formats (about 20 KB gzip).
      alias: [{ find: /^@kubernetes-models\/validate$/, replacement: fileURLToPath(new URL('./src/checks/validate/k8s/formats-shim.ts', import.meta.url)) }],
    },
    worker: { format: 'es', plugins: () => [hoistTransitiveImports()] },
    build: { assetsInlineLimit: 0 },
  },
});
