/**
 * Worker-thread entry (dist/lintWorker.js), off the extension host's main thread. No vscode
 * import: it is a plain Node worker running the core. Started two ways:
 * - by lintInBackground (platform/node.ts): one `{ text, options }` request, lint one document ("Lint This
 *   Document Now" on documents above partnershipDocs.maxFileSizeMB);
 * - as a pool worker (workerData POOL_MARK, src/node/pool.ts): `index` tasks, the workspace
 *   index's initial build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexDocument, lint, type IndexedDoc, type LintOptions } from '../core/index';
import { POOL_MARK, servePool } from '../node/pool';
import type { IndexJob } from './platform/platform';

export interface WorkerRequest { text: string; options: LintOptions }
export type WorkerReply =
  | { ok: true; kind: ReturnType<typeof lint>['kind']; findings: ReturnType<typeof lint>['findings']; ms: number }
  | { ok: false; error: string };

/** One document of the workspace index's initial build (plain data: no cache). */
export async function indexJob(j: IndexJob): Promise<IndexedDoc | null> {
  return indexDocument(j.path, j.text, { ...j.options, cache: false });
}

if (workerData === POOL_MARK) {
  servePool({ index: indexJob });
} else {
  parentPort?.on('message', (m: WorkerRequest) => {
    const started = performance.now();
    let reply: WorkerReply;
    try {
      const r = lint(m.text, { ...m.options, cache: false });
      reply = { ok: true, kind: r.kind, findings: r.findings, ms: performance.now() - started };
    } catch (e) {
      reply = { ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    parentPort!.postMessage(reply);
  });
}
