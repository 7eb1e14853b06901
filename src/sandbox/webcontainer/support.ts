/**
 * Can this page run a WebContainer? It needs cross-origin isolation (COOP/COEP headers, for
 * SharedArrayBuffer), a network to reach StackBlitz, and a CSP that lets its frames load.
 * Checked before anything is downloaded, so a page that cannot use it never tries.
 */
export type Unsupported = 'no-isolation' | 'no-shared-memory' | 'offline' | 'csp' | 'boot-failed' | 'timeout';

export interface SupportEnv {
  crossOriginIsolated?: boolean;
  hasSharedArrayBuffer: boolean;
  online: boolean;
}

export function currentEnv(): SupportEnv {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    hasSharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
  };
}

export function checkSupport(env: SupportEnv): Unsupported | undefined {
  if (!env.online) return 'offline';
  if (!env.crossOriginIsolated) return 'no-isolation';
  if (!env.hasSharedArrayBuffer) return 'no-shared-memory';
  return undefined;
}

const REASONS: Record<Unsupported, string> = {
  'no-isolation': 'the page is not cross-origin isolated (the site needs COOP/COEP headers)',
  'no-shared-memory': 'this browser does not offer SharedArrayBuffer',
  offline: 'you are offline',
  csp: "the site's Content-Security-Policy blocks it",
  'boot-failed': 'it failed to start',
  timeout: 'it did not start in time',
};

/** The notice the learner sees when the lab falls back to the built-in engine. */
export function fallbackNotice(reason: Unsupported, detail?: string): string {
  return `This lab can run real Node programs in a WebContainer, but it could not start here: ${REASONS[reason]}${detail ? ` (${detail})` : ''}. The terminal runs the built-in simulation instead; every task that does not need real Node still works.`;
}
