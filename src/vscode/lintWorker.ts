/**
 * Worker-thread entry (dist/lintWorker.js): lints one document off the extension host's main
 * thread, for "Lint This Document Now" on documents above partnershipDocs.maxFileSizeMB. No
 * vscode import: it is a plain Node worker running the core.
 */
import { parentPort } from 'node:worker_threads';
import { lint, type LintOptions } from '../core/index';

export interface WorkerRequest { text: string; options: LintOptions }
export type WorkerReply =
  | { ok: true; kind: ReturnType<typeof lint>['kind']; findings: ReturnType<typeof lint>['findings']; ms: number }
  | { ok: false; error: string };

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
