/**
 * Worker-thread entry (dist/lintWorker.js), off the extension host's main thread. No vscode
 * import: it is a plain Node worker running the core. Two requests:
 * - `{ text, options }`: lint one document ("Lint This Document Now" on documents above
 *   partnershipDocs.maxFileSizeMB);
 * - `{ id, index: [...] }`: index a batch of documents (the workspace index's initial build).
 */
import { parentPort } from 'node:worker_threads';
import { indexDocument, lint, type IndexedDoc, type LintOptions } from '../core/index';

export interface WorkerRequest { text: string; options: LintOptions }
export type WorkerReply =
  | { ok: true; kind: ReturnType<typeof lint>['kind']; findings: ReturnType<typeof lint>['findings']; ms: number }
  | { ok: false; error: string };

export interface IndexJob { path: string; text: string; options: LintOptions }
export interface IndexRequest { id: number; index: IndexJob[] }
export type IndexReply = { id: number; ok: true; docs: Array<IndexedDoc | null> } | { id: number; ok: false; error: string };

parentPort?.on('message', (m: WorkerRequest | IndexRequest) => {
  if ('index' in m) {
    let reply: IndexReply;
    try {
      reply = { id: m.id, ok: true, docs: m.index.map((j) => indexDocument(j.path, j.text, { ...j.options, cache: false })) };
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    parentPort!.postMessage(reply);
    return;
  }
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
