/**
 * The desktop (Node extension host) platform: "Lint This Document Now" and the workspace index's
 * initial build run in worker threads (dist/lintWorker.js, src/vscode/lintWorker.ts), falling
 * back to this thread when the worker cannot start or dies.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexedDoc, LintOptions } from '../../core/index';
import { runTasks, WorkerPool } from '../../node/pool';
import { Cancelled, LintFailed, lintInProcess, type BackgroundResult, type Cancellation } from '../backgroundLint';
import type { WorkerReply, WorkerRequest } from '../lintWorker';
import type { IndexJob, Platform } from './platform';

const WORKER_FILE = path.join(__dirname, 'lintWorker.js');
/** Fewer files than this are indexed on the host's thread (starting a worker costs more). */
const MIN_FILES_FOR_WORKER = 24;

export const nodePlatform: Platform = {
  host: 'node',
  env: (name) => process.env[name],
  utf8Length: (text) => Buffer.byteLength(text, 'utf8'),
  lintInBackground,
  async indexAll(jobs, here) {
    return runTasks<IndexJob, IndexedDoc | null>('index', jobs, async (job) => here(job), { jobs: 1 },
      jobs.length > MIN_FILES_FOR_WORKER ? startIndexWorker() : undefined);
  },
};

/**
 * Lints a (large) document without blocking the extension host: in a worker thread running
 * dist/lintWorker.js, one worker per request, terminated when done or cancelled. When the worker
 * cannot start (file missing, workers unavailable) it lints in-process after yielding once, so
 * the progress notification is shown first.
 */
async function lintInBackground(text: string, options: LintOptions, token?: Cancellation): Promise<BackgroundResult> {
  const plain: LintOptions = { ...options, cache: false };
  if (existsSync(WORKER_FILE)) {
    try {
      return await inWorker(text, plain, token);
    } catch (e) {
      if (e instanceof Cancelled || e instanceof LintFailed) throw e;
      // The worker did not start or died: lint in-process.
    }
  }
  return lintInProcess(text, plain, token);
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
function startIndexWorker(): WorkerPool | undefined {
  return existsSync(WORKER_FILE) ? new WorkerPool(1, WORKER_FILE) : undefined;
}
