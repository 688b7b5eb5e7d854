/**
 * `partnership-docs check`: collect files, resolve configuration, lint, optionally fix, report.
 * Returns the exit code: 0 clean or warnings only, 1 error findings (or too many warnings),
 * 2 usage, I/O or configuration problems.
 */
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import pc from 'picocolors';
import { DOCS_BASE, fixAll, lint, ruleIds, rules } from '../core/index.js';
import type { Config, Finding } from '../core/types.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { writeFixedFile } from './fix.js';
import { collectFiles, displayPath, errMessage, readTextFile } from './files.js';
import { addWorkspaceFindings } from './workspace.js';
import { indexDocument } from '../core/index.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { formatJson } from './formatters/json.js';
import { formatSarif } from './formatters/sarif.js';
import { formatStylish } from './formatters/stylish.js';
import type { FileFailure, FileReport } from './types.js';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CheckOptions {
  format: Format;
  fix: boolean;
  today?: string;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  color: boolean;
  /** Files checked in parallel (worker threads); default: the number of cores. 1 = no workers. */
  jobs?: number;
}

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  version: string;
}

export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const display = (abs: string) => displayPath(abs, io.cwd);
  const { files, problems } = await collectFiles(paths, io.cwd);
  const failures: FileFailure[] = problems.map((p) => ({ path: display(p.path), message: p.message }));

  // Configuration first: an invalid config file stops the run before anything is linted.
  const resolver = new ConfigResolver(ruleIds, opts.config ? resolve(io.cwd, opts.config) : undefined);
  await resolver.init();
  const configs = await Promise.all(files.map((f) => resolver.forFile(f)));
  if (resolver.errors.length) {
    const sorted = [...resolver.errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
    for (const e of sorted) io.stderr(`${formatConfigError(e, display)}\n`);
    io.stderr('Invalid configuration: nothing was checked.\n');
    return 2;
  }

  const tasks: CheckTask[] = files.map((abs, i) => ({ abs, path: display(abs), today: opts.today, config: configs[i]!, fix: opts.fix }));
  const outcomes = await checkAll(tasks, opts.jobs ?? defaultJobs());
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    failures.push(...o.failures);
    if (o.report) reports.push(o.report);
  }
  // Cross-document rules over the QBRs among the checked files (see workspace.ts).
  const entries = outcomes.flatMap((o, i) => (o.workspace ? [{ abs: tasks[i]!.abs, path: tasks[i]!.path, config: tasks[i]!.config, ...o.workspace }] : []));
  failures.push(...(await addWorkspaceFindings(reports, entries, { today: opts.today, fix: opts.fix })));

  const all = reports.flatMap((r) => r.findings);
  const errors = count(all, 'error');
  const warnings = count(all, 'warning');
  const shown = opts.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;

  const colors = pc.createColors(opts.color);
  if (opts.format === 'json') io.stdout(formatJson(shown));
  else if (opts.format === 'sarif') {
    io.stdout(formatSarif(shown, { rules, version: io.version, informationUri: informationUri(), cwd: io.cwd, failures }));
  } else io.stdout(formatStylish(shown, colors));

  for (const f of failures) io.stderr(`${f.path}: ${f.message}\n`);
  const tooManyWarnings = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && warnings > opts.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`partnership-docs found too many warnings (${warnings}; maximum allowed is ${opts.maxWarnings}).\n`);
  }
  if (failures.length) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function count(findings: Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

function informationUri(): string {
  const i = DOCS_BASE.indexOf('/blob/');
  return i > 0 ? DOCS_BASE.slice(0, i) : DOCS_BASE;
}

// ---------------------------------------------------------------------------------------------
// Checking the files: one file at a time in this thread, or spread over worker threads (the
// same bundle, started with WORKER_MARK) when there are enough files to repay their start-up.

/** One file to check; plain data, so it can be posted to a worker. */
export interface CheckTask {
  abs: string;
  path: string;
  today?: string;
  config: Config;
  fix: boolean;
}

/** What checking one file produced: its report (unless unreadable) and its failures, in order. */
export interface CheckOutcome {
  report?: FileReport;
  failures: FileFailure[];
  /** A QBR's index entry and final text, for the cross-document rules. */
  workspace?: { doc: IndexedDoc; text: string };
}

/** workerData of a check worker. */
export const WORKER_MARK = 'partnership-docs-check-worker';
/** Below this many files a single thread is faster than starting workers. */
const MIN_FILES_FOR_WORKERS = 8;
/** Files per message: small enough to balance the load, large enough to keep messages few. */
const BATCH = 4;

export function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : Math.max(1, cpus().length);
}

/** Reads, optionally fixes, and lints one file. Never throws. */
export async function checkOne(task: CheckTask): Promise<CheckOutcome> {
  const { abs, path, fix } = task;
  const failures: FileFailure[] = [];
  const read = await readTextFile(abs);
  if (!read.ok) return { failures: [{ path, message: read.message }] };
  const options = { path, today: task.today, config: task.config };
  try {
    let text = read.text;
    if (fix) {
      const fixed = fixAll(text, options).text;
      if (fixed !== text) {
        const outcome = await writeFixedFile(abs, read.raw, fixed, read.bom);
        if (outcome === 'changed-on-disk') {
          failures.push({ path, message: 'changed on disk while being checked; fixes not written' });
        } else {
          text = fixed;
        }
      }
    }
    const result = lint(text, options);
    const doc = result.kind === 'qbr' ? indexDocument(path, text, options) : null;
    return { report: { path, kind: result.kind, findings: result.findings }, failures, ...(doc ? { workspace: { doc, text } } : {}) };
  } catch (err) {
    failures.push({ path, message: `${fix ? 'could not check or fix' : 'could not check'}: ${errMessage(err)}` });
    return { failures };
  }
}

/** Checks every task; the outcomes are in the order of the tasks whatever the parallelism. */
export async function checkAll(tasks: CheckTask[], jobs: number): Promise<CheckOutcome[]> {
  const workers = Math.min(Math.max(1, Math.floor(jobs)), Math.ceil(tasks.length / BATCH));
  if (workers <= 1 || tasks.length < MIN_FILES_FOR_WORKERS || !workerScript()) {
    const out: CheckOutcome[] = [];
    for (const t of tasks) out.push(await checkOne(t));
    return out;
  }
  const outcomes = new Array<CheckOutcome | undefined>(tasks.length);
  let next = 0;
  const takeBatch = (): number[] => {
    const ids: number[] = [];
    while (ids.length < BATCH && next < tasks.length) ids.push(next++);
    return ids;
  };
  const runWorker = () =>
    new Promise<void>((done) => {
      let pending: number[] = [];
      let finished = false;
      const worker = new Worker(workerScript()!, { workerData: WORKER_MARK });
      const send = () => {
        pending = takeBatch();
        if (pending.length) worker.postMessage(pending.map((i) => ({ id: i, task: tasks[i]! })));
        else {
          finished = true;
          void worker.terminate();
        }
      };
      const fallBack = async () => {
        // A worker that failed to start or died: check what it held (and the rest) here.
        if (finished) return;
        finished = true;
        const mine = pending;
        pending = [];
        for (const i of mine) outcomes[i] ??= await checkOne(tasks[i]!);
        for (let ids = takeBatch(); ids.length; ids = takeBatch()) for (const i of ids) outcomes[i] = await checkOne(tasks[i]!);
        done();
      };
      worker.on('message', (msg: Array<{ id: number; outcome: CheckOutcome }>) => {
        for (const { id, outcome } of msg) outcomes[id] = outcome;
        send();
      });
      worker.on('error', () => void fallBack());
      worker.on('exit', () => {
        if (finished && !pending.length) done();
        else void fallBack();
      });
      send();
    });
  await Promise.all(Array.from({ length: workers }, runWorker));
  return outcomes.map((o, i) => o ?? { failures: [{ path: tasks[i]!.path, message: 'could not check: the worker stopped' }] });
}

/** The script a worker runs: this bundle (dist/cli.js), which starts the worker loop below. */
function workerScript(): string | undefined {
  return typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined;
}

/** The worker side: checks the batches it is sent and posts the outcomes back. */
export function runCheckWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (batch: Array<{ id: number; task: CheckTask }>) => {
    void (async () => {
      const out: Array<{ id: number; outcome: CheckOutcome }> = [];
      for (const { id, task } of batch) out.push({ id, outcome: await checkOne(task) });
      port.postMessage(out);
    })();
  });
}
