/** The script every page runs. Small on purpose: lesson pages without a lab ship ≤ 15 KB of JS. */
import { initThemeToggle } from '../theme.ts';
import { initCodeBlocks } from './code-blocks.ts';
import { initOffline } from './offline.ts';
import { initProgressMarks } from './progress-marks.ts';
import { initSearch } from './search.ts';

initThemeToggle();
initCodeBlocks();
initProgressMarks();
initSearch();
initOffline();
