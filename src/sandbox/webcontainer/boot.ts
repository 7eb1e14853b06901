/**
 * Boots the real WebContainer (loaded only on pages that can use it) and starts the backend.
 * A boot that a CSP blocks, that throws, or that takes too long ends in a typed failure the
 * feature turns into the fallback notice.
 */
import { WebContainer } from '@webcontainer/api';
import { startBackend, type RunningBackend } from './backend.ts';
import type { FlatFile } from './file-tree.ts';
import type { Unsupported } from './support.ts';
import type { ContainerHost, LabPort } from './types.ts';

export class BootError extends Error {
  override readonly name = 'BootError';
  constructor(
    readonly reason: Unsupported,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

const BOOT_TIMEOUT_MS = 20_000;

export async function bootWebContainer(lab: LabPort, files: FlatFile[], boot: () => Promise<ContainerHost> = () => WebContainer.boot() as unknown as Promise<ContainerHost>): Promise<RunningBackend> {
  let blocked: string | undefined;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    blocked = `${e.effectiveDirective} ${e.blockedURI}`.trim();
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const host = await Promise.race([
      boot(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BootError(blocked ? 'csp' : 'timeout', blocked)), BOOT_TIMEOUT_MS);
      }),
    ]);
    return await startBackend(host, lab, files);
  } catch (e) {
    if (e instanceof BootError) throw e;
    throw new BootError(blocked ? 'csp' : 'boot-failed', blocked ?? (e instanceof Error ? e.message : String(e)));
  } finally {
    clearTimeout(timer);
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}
