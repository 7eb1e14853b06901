/**
 * Lab features: each attaches to a LabController (events, worker requests, DOM) on its own.
 * A feature may return a saved lab to start from. Heavy features load their
 * code lazily with dynamic import() so a lab page ships only what it needs.
 */
import type { LabController } from '../lab-client.ts';
import { help } from './help.ts';
import { persistence } from './persistence.ts';
import { progress } from './progress.ts';
import { runInTerminal } from './run-in-terminal.ts';
import { screenReader } from './screen-reader.ts';
import { clusterViewFeature } from './cluster-view/index.ts';
import { editorFeature } from './editor/index.ts';
import { timeControlFeature } from './time-control/index.ts';
import { webContainerFeature } from './webcontainer/index.ts';

/** A saved lab a feature can start from: the world, and the terminal text shown above the prompt once the engine has restored it. */
export interface SavedLab {
  snapshot: string;
  scrollback: string;
}

export type LabFeature = (lab: LabController) => void | SavedLab | Promise<void | SavedLab>;

export const FEATURES: LabFeature[] = [persistence, help, progress, runInTerminal, screenReader, timeControlFeature, editorFeature, clusterViewFeature, webContainerFeature];
