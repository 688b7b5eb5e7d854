/**
 * Lints a (large) document without blocking the extension host: in a worker thread running
 * dist/lintWorker.js, one worker per request, terminated when done or cancelled. When the worker
 * cannot start (file missing, workers unavailable) it falls back to linting in-process after
 * yielding once, so the progress notification is shown first.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lint, type Finding, type LintOptions, type LintResult } from '../core/index';
import { WorkerPool } from '../node/pool';
import type { WorkerReply, WorkerRequest } from './lintWorker';

export interface BackgroundResult {
  kind: LintResult['kind'];
  findings: readonly Finding[];
  /** Wall time of the lint itself (in the worker, or in-process). */
  ms: number;
  inWorker: boolean;
}

export interface Cancellation {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class Cancelled extends Error {
  constructor() { super('cancelled'); }
}

/** The core threw inside the worker (would throw in-process too). */
export class LintFailed extends Error {}

const WORKER_FILE = path.join(__dirname, 'lintWorker.js');

export async function lintInBackground(text: string, options: LintOptions, token?: Cancellation): Promise<BackgroundResult> {
  const plain: LintOptions = { ...options, cache: false };
  if (existsSync(WORKER_FILE)) {
    try {
      return await inWorker(text, plain, token);
    } catch (e) {
      if (e instanceof Cancelled || e instanceof LintFailed) throw e;
      // The worker did not start or died: lint in-process.
    }
  }
  await new Promise((r) => setTimeout(r, 0));
  if (token?.isCancellationRequested) throw new Cancelled();
  const started = performance.now();
  const r = lint(text, plain);
  return { ...r, ms: performance.now() - started, inWorker: false };
}

function inWorker(text: string, options: LintOptions, token?: Cancellation): Promise<BackgroundResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE);
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      sub?.dispose();
      void worker.terminate();
      f();
    };
    const sub = token?.onCancellationRequested(() => finish(() => reject(new Cancelled())));
    worker.once('message', (m: WorkerReply) => finish(() => (m.ok
      ? resolve({ kind: m.kind, findings: m.findings, ms: m.ms, inWorker: true })
      : reject(new LintFailed(m.error)))));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`lint worker exited (${code})`))));
    const request: WorkerRequest = { text, options };
    worker.postMessage(request);
  });
}

/**
 * One pool worker (src/node/pool.ts) running dist/lintWorker.js, for the workspace index's
 * initial build: reading and parsing a large workspace then neither blocks the extension host
 * nor competes with it for its thread. Undefined when the worker script is missing.
 */
export function startIndexWorker(): WorkerPool | undefined {
  return existsSync(WORKER_FILE) ? new WorkerPool(1, WORKER_FILE) : undefined;
}
