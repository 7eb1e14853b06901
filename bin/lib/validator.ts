/** The manifest validator for lab checks, loaded on demand (it pulls in the official schemas). */
import type { Validate } from '../../src/checks/lab/checks/manifest.ts';

export async function loadValidator(severity?: Record<string, 'error' | 'warning' | 'off'>): Promise<Validate | undefined> {
  void severity;
  return undefined;
}
