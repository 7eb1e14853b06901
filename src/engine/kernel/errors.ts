/**
 * Kernel errors. A failing system call throws a SysError carrying its errno; commands turn
 * it into the real message (`ls: cannot access 'x': No such file or directory`) and an exit
 * status, so the failure reaches the learner as a value.
 */
export const ERRNO_TEXT = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOTEMPTY: 'Directory not empty',
  EBUSY: 'Device or resource busy',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  ENOSPC: 'No space left on device',
  EFBIG: 'File too large',
  EXDEV: 'Invalid cross-device link',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  ESRCH: 'No such process',
  ENAMETOOLONG: 'File name too long',
  EROFS: 'Read-only file system',
  ENOEXEC: 'Exec format error',
  E2BIG: 'Argument list too long',
  ERANGE: 'Numerical result out of range',
  ENODEV: 'No such device',
  EOPNOTSUPP: 'Operation not supported',
  ENETUNREACH: 'Network is unreachable',
  ENOTBLK: 'Block device required',
  ECHILD: 'No child processes',
  ENOTSUP: 'Operation not supported',
} as const;

export type Errno = keyof typeof ERRNO_TEXT;

export class SysError extends Error {
  override readonly name = 'SysError';
  constructor(
    readonly errno: Errno,
    readonly path?: string,
  ) {
    super(ERRNO_TEXT[errno]);
  }
}

export function isSysError(e: unknown): e is SysError {
  return e instanceof SysError;
}

/** The strerror text for an errno, as tools print it after a colon. */
export function strerror(e: SysError): string {
  return ERRNO_TEXT[e.errno];
}
