/**
 * Lab features: each attaches to a LabController (events, worker requests, DOM) on its own.
 * A feature may return a saved snapshot to start the world from. Heavy features load their
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

export type LabFeature = (lab: LabController) => void | { snapshot?: string } | Promise<void | { snapshot?: string }>;

export const FEATURES: LabFeature[] = [persistence, help, progress, runInTerminal, screenReader, timeControlFeature, editorFeature, clusterViewFeature, webContainerFeature];
