/**
 * The VS Code for the Web platform (the web worker extension host: no Node APIs, no threads).
 * - The workspace index's initial build runs on the host's thread in time slices that yield to
 *   the event loop, so requests (diagnostics, hovers, completions, the tree) are answered between
 *   slices while a large workspace is indexed.
 * - "Lint This Document Now" lints in-process, after yielding once so the progress notification
 *   shows. The extension host is itself a web worker here, so the editor UI stays responsive
 *   meanwhile; other extensions' requests to this host wait until it is done, and a cancel is
 *   honoured only before the lint starts.
 */
import type { IndexedDoc } from '../../core/index';
import { lintInProcess } from '../backgroundLint';
import { utf8LengthOf, type Platform } from './platform';

/** Longest stretch of indexing between two yields to the event loop. */
export const INDEX_SLICE_MS = 12;

export const webPlatform: Platform = {
  host: 'web',
  env: () => undefined,
  utf8Length: utf8LengthOf,
  lintInBackground: lintInProcess,
  async indexAll(jobs, here) {
    const out: Array<IndexedDoc | null> = [];
    let sliceStart = performance.now();
    for (const job of jobs) {
      if (performance.now() - sliceStart >= INDEX_SLICE_MS) {
        await new Promise((r) => setTimeout(r, 0));
        sliceStart = performance.now();
      }
      out.push(here(job));
    }
    return out;
  },
};
