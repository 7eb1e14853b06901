/** Codes of lab check failures (manifest validity failures carry the validator's own codes). */
export const LAB_CODES = {
  LAB001: 'file missing',
  LAB002: 'file must not exist',
  LAB003: 'wrong file type or mode',
  LAB004: 'file content does not match',
  LAB010: 'manifest has no matching document',
  LAB011: 'manifest field has the wrong value',
  LAB020: 'resource not found',
  LAB021: 'resource field has the wrong value',
  LAB022: 'wrong number of resources',
  LAB030: 'probe command output does not match',
  LAB040: 'no matching command in history',
  LAB050: 'check module failed',
} as const;

export type LabCode = keyof typeof LAB_CODES;
