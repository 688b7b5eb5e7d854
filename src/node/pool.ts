/**
 * Spreading independent tasks (check a file, index a file) over worker threads — shared by the
 * CLI (`check`, `report`) and the extension (the workspace index's initial build).
 *
 * The workers run a bundle that calls `servePool` with the handlers (dist/cli.js does, see
 * src/cli/main.ts; the extension's dist/lintWorker.js too): by default the bundle this code is in. `runTasks` gives the outcomes in the order of
 * the tasks whatever the number of threads, runs everything in this thread when workers would
 * not pay off (few tasks, jobs = 1, or no bundle to start: under tsx), and when a worker fails to
 * start or dies, this thread takes over what it held and keeps taking tasks.
 *
 * Scheduling: guided batches (a share of what is left, so few messages at first and single
 * tasks at the end, which keeps the threads finishing together) and two batches in flight per
 * worker, so a worker never waits for this thread to hand it the next one.
 */
import { availableParallelism, cpus } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

/** workerData of a pool worker. */
export const POOL_MARK = 'partnership-docs-pool-worker';
/** Below this many tasks one thread is faster than starting workers. */
export const MIN_TASKS_FOR_WORKERS = 8;
const MAX_BATCH = 8;

export function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : Math.max(1, cpus().length);
}

/** The script workers run by default: this bundle (a `.js` file), or undefined (not bundled). */
export function bundleScript(): string | undefined {
  return typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined;
}

export interface PoolOptions {
  /** Threads to use (workers; 1 = this thread only). */
  jobs: number;
  /** The worker script (it must call `servePool` with a handler named like `kind`); default: this bundle. */
  workerScript?: string;
  /** Fewer tasks than this run in this thread. Default MIN_TASKS_FOR_WORKERS. */
  minTasks?: number;
}

/** Workers started ahead of the tasks (their start-up overlaps the caller's preparations). */
export class WorkerPool {
  readonly workers: Worker[];

  constructor(count: number, script: string) {
    this.workers = [];
    for (let i = 0; i < count; i++) {
      try {
        this.workers.push(new Worker(script, { workerData: POOL_MARK }));
      } catch {
        break; // the tasks of missing workers run in this thread
      }
    }
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/** Starts the workers `runTasks` would use for `taskCount` tasks, or returns undefined (none needed). */
export function startPool(taskCount: number, opts: PoolOptions): WorkerPool | undefined {
  const script = opts.workerScript ?? bundleScript();
  const n = workerCount(taskCount, opts);
  return script && n > 1 ? new WorkerPool(n, script) : undefined;
}

function workerCount(taskCount: number, opts: PoolOptions): number {
  if (taskCount < (opts.minTasks ?? MIN_TASKS_FOR_WORKERS)) return 1;
  return Math.min(Math.max(1, Math.floor(opts.jobs)), taskCount);
}

type Request = { kind: string; items: Array<{ id: number; task: unknown }> };
type Reply = Array<{ id: number; outcome: unknown }>;

/**
 * Runs `run(task)` for every task — in the pool's workers (`kind` names the worker's handler,
 * which must do what `run` does) or in this thread. The pool (from `startPool`, else started
 * here) is closed at the end.
 */
export async function runTasks<T, R>(
  kind: string,
  tasks: T[],
  run: (task: T) => Promise<R>,
  opts: PoolOptions,
  started?: WorkerPool,
): Promise<R[]> {
  const pool = started ?? startPool(tasks.length, opts);
  const outcomes = new Array<R | undefined>(tasks.length);
  const done = new Array<boolean>(tasks.length).fill(false);
  if (!pool || pool.workers.length === 0) {
    pool?.close();
    for (let i = 0; i < tasks.length; i++) outcomes[i] = await run(tasks[i]!);
    return outcomes as R[];
  }

  const threads = pool.workers.length;
  let next = 0;
  const takeBatch = (): number[] => {
    const left = tasks.length - next;
    const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(left / (threads * 4))));
    const ids: number[] = [];
    while (ids.length < size && next < tasks.length) ids.push(next++);
    return ids;
  };
  const runHere = async (i: number) => {
    if (done[i]) return;
    outcomes[i] = await run(tasks[i]!);
    done[i] = true;
  };

  const drive = (worker: Worker) =>
    new Promise<void>((resolveDrive) => {
      const inFlight: number[][] = [];
      let finished = false;
      const send = () => {
        const ids = takeBatch();
        if (!ids.length) return false;
        inFlight.push(ids);
        const msg: Request = { kind, items: ids.map((id) => ({ id, task: tasks[id] })) };
        worker.postMessage(msg);
        return true;
      };
      const finish = () => {
        if (finished) return;
        finished = true;
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
        resolveDrive();
      };
      const takeOver = async () => {
        // The worker failed to start or died: check what it held, then keep taking tasks here.
        if (finished) return;
        finished = true;
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
        for (const ids of inFlight.splice(0)) for (const i of ids) await runHere(i);
        for (let ids = takeBatch(); ids.length; ids = takeBatch()) for (const i of ids) await runHere(i);
        resolveDrive();
      };
      worker.on('message', (reply: Reply) => {
        for (const { id, outcome } of reply) {
          outcomes[id] = outcome as R;
          done[id] = true;
        }
        inFlight.shift();
        send();
        if (inFlight.length === 0) finish();
      });
      worker.on('error', () => void takeOver());
      worker.on('exit', () => void takeOver());
      if (!send()) finish();
      else send();
    });

  await Promise.all(pool.workers.map(drive));
  pool.close();
  // Anything left behind (a worker that ended without answering and without an exit event).
  for (let i = 0; i < tasks.length; i++) if (!done[i]) await runHere(i);
  return outcomes as R[];
}

/** The worker side: answers the batches it is sent with the named handlers, one task at a time. */
export function servePool(handlers: Record<string, (task: never) => Promise<unknown>>): void {
  const port = parentPort;
  if (!port) return;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg: Request) => {
    queue = queue.then(async () => {
      const handler = handlers[msg.kind] as ((task: unknown) => Promise<unknown>) | undefined;
      if (!handler) throw new Error(`no pool handler ${msg.kind}`);
      const out: Reply = [];
      for (const { id, task } of msg.items) out.push({ id, outcome: await handler(task) });
      port.postMessage(out);
    });
  });
}
