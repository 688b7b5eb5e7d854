/**
 * Lints a (large) document without blocking the extension host: in a worker thread running
 * dist/lintWorker.js, one worker per request, terminated when done or cancelled. When the worker
 * cannot start (file missing, workers unavailable) it falls back to linting in-process after
 * yielding once, so the progress notification is shown first.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lint, type IndexedDoc, type LintOptions, type LintResult } from '../core/index';
import type { IndexJob, IndexReply, IndexRequest, WorkerReply, WorkerRequest } from './lintWorker';

export interface BackgroundResult extends LintResult {
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
 * A worker thread that indexes batches of documents (`indexDocument`) for the workspace index's
 * initial build, so reading and parsing a large workspace neither blocks the extension host nor
 * competes with it for its thread. `start()` is undefined when workers are unavailable; a
 * rejected `index()` means the caller indexes in-process.
 */
export class IndexWorker {
  private readonly pending = new Map<number, { resolve(docs: Array<IndexedDoc | null>): void; reject(e: Error): void }>();
  private seq = 0;
  private dead: Error | undefined;

  static start(): IndexWorker | undefined {
    if (!existsSync(WORKER_FILE)) return undefined;
    try {
      return new IndexWorker(new Worker(WORKER_FILE));
    } catch {
      return undefined;
    }
  }

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: IndexReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.docs);
      else p.reject(new Error(m.error));
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`index worker exited (${code})`)));
  }

  index(jobs: IndexJob[]): Promise<Array<IndexedDoc | null>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: IndexRequest = { id, index: jobs.map((j) => ({ ...j, options: { ...j.options, cache: false } })) };
      this.worker.postMessage(request);
    });
  }

  close(): void {
    this.fail(new Error('index worker closed'));
    void this.worker.terminate();
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
