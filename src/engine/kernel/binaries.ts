/**
 * Simulated executables. A program is a file whose content starts with an ELF-like marker
 * naming the engine program that implements it, so PATH lookup, `which`, `cp /bin/bash`
 * into a chroot and "command not found" in an empty jail all behave as on Linux.
 */
const MARKER = '\x7fELF\x02\x01\x01 hatchway-program ';

export function binaryContent(program: string): string {
  return `${MARKER}${program}\n`;
}

/** The program a file's content names, or undefined when it is not one of ours. */
export function programOf(content: string): string | undefined {
  if (!content.startsWith(MARKER)) return undefined;
  const end = content.indexOf('\n', MARKER.length);
  return content.slice(MARKER.length, end === -1 ? undefined : end);
}

export function isElf(content: string): boolean {
  return content.startsWith('\x7fELF');
}
