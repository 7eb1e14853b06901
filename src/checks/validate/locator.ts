// Turns a path in parsed data into a place in the source, or nothing when the data did
// not come from a file (the simulated AWS CLI validates objects it already holds).

import type { At } from './reporter.ts';
import type { ParsedDocument, PathSegment } from './types.ts';

export interface Locator {
  at(path: readonly PathSegment[]): At;
  atKey(path: readonly PathSegment[]): At;
}

export function docLocator(doc: ParsedDocument | undefined): Locator {
  if (!doc) return { at: (path) => ({ path }), atKey: (path) => ({ path }) };
  const nearest = (path: readonly PathSegment[]) => {
    for (let n = path.length; n >= 0; n--) {
      const pos = doc.locate(path.slice(0, n));
      if (pos) return pos;
    }
    return doc.start;
  };
  return {
    at: (path) => ({ pos: nearest(path), path }),
    atKey: (path) => ({ pos: doc.locateKey(path) ?? nearest(path), path }),
  };
}
