/**
 * Building workspace-index entries (`indexDocument`) for many documents on worker threads.
 * `indexDocument` is parse-bound (one analysis per document), so a cold index of a large folder
 * scales with the threads. The core stays pure: this is the Node driver around it, used by
 * `partnership-docs report` and by the benchmark, and usable by any Node front end whose bundle
 * serves the `index` handler (`servePool({ index: indexOne })`, as dist/cli.js does).
 *
 * The entries are exactly `indexDocument`'s (structured clones of them; the same options).
 */
import { indexDocument, type IndexOptions } from '../core/index.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { readTextFileSync } from './files.js';
import { defaultJobs, runTasks, type PoolOptions, type WorkerPool } from '../node/pool.js';

/**
 * One document to index: its text, or a file (`abs`) the worker reads (UTF-8, BOM stripped, as
 * `check` reads). `options` must be plain data (no `cache`: each thread has its own).
 */
export interface IndexTask {
  path: string;
  text?: string;
  abs?: string;
  options?: Omit<IndexOptions, 'cache'>;
  /** Send the text back (for a file read by the worker). */
  wantText?: boolean;
}

export type IndexOutcome =
  | { ok: true; doc: IndexedDoc | null; text?: string }
  | { ok: false; message: string };

/** Reads (when given a file) and indexes one document. Never throws. */
export async function indexOne(task: IndexTask): Promise<IndexOutcome> {
  let text = task.text;
  if (text === undefined) {
    if (task.abs === undefined) return { ok: false, message: 'nothing to index' };
    const read = readTextFileSync(task.abs);
    if (!read.ok) return { ok: false, message: read.message };
    text = read.text;
  }
  try {
    const doc = indexDocument(task.path, text, { ...task.options, path: task.path });
    return task.wantText && task.text === undefined ? { ok: true, doc, text } : { ok: true, doc };
  } catch (err) {
    return { ok: false, message: `could not index: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Indexes every task on `jobs` threads (default: the number of cores); the outcomes are in the
 * order of the tasks.
 */
export function indexFiles(tasks: IndexTask[], opts: Partial<PoolOptions> = {}, pool?: WorkerPool): Promise<IndexOutcome[]> {
  return runTasks('index', tasks, indexOne, { ...opts, jobs: opts.jobs ?? defaultJobs() }, pool);
}

/** `indexDocument` of each text, on worker threads: the entries (null: not a partnership document). */
export async function indexTexts(
  docs: Array<{ path: string; text: string; options?: Omit<IndexOptions, 'cache'> }>,
  opts: Partial<PoolOptions> = {},
): Promise<Array<IndexedDoc | null>> {
  const outcomes = await indexFiles(docs.map((d) => ({ path: d.path, text: d.text, options: d.options })), opts);
  return outcomes.map((o, i) => {
    if (!o.ok) throw new Error(`${docs[i]!.path}: ${o.message}`);
    return o.doc;
  });
}
