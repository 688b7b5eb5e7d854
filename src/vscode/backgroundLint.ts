/**
 * "Lint This Document Now" off the ordinary lint path: the result type, cancellation, and the
 * in-process lint both hosts fall back to. Where the lint runs is the platform's
 * (src/vscode/platform): in a worker thread on the desktop (platform/node.ts), in the extension
 * host itself on the web (platform/web.ts, the host is a web worker there).
 */
import { lint, type Finding, type LintOptions, type LintResult } from '../core/index';

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

/**
 * Lints in this thread after yielding once (the progress notification shows first); a
 * cancellation before the lint starts is honoured, the lint itself runs to its end.
 */
export async function lintInProcess(text: string, options: LintOptions, token?: Cancellation): Promise<BackgroundResult> {
  await new Promise((r) => setTimeout(r, 0));
  if (token?.isCancellationRequested) throw new Cancelled();
  const started = performance.now();
  const r = lint(text, { ...options, cache: false });
  return { ...r, ms: performance.now() - started, inWorker: false };
}
