/**
 * The seam between the extension and its host. Everything under src/vscode is shared by the
 * desktop (Node extension host: dist/extension.js, entry src/vscode/extension.ts) and VS Code for
 * the Web (web worker extension host: dist/web/extension.js, entry src/vscode/extension.web.ts);
 * the few things that need Node (worker threads, Buffer, process.env) are here, implemented by
 * platform/node.ts and platform/web.ts. The entry file sets the platform before VS Code calls
 * activate(); the web bundle never contains platform/node.ts (scripts/build.mjs fails the build
 * if a Node built-in reaches it).
 */
import type { IndexedDoc, LintOptions } from '../../core/index';
import type { BackgroundResult, Cancellation } from '../backgroundLint';

/** One document of the workspace index's initial build (plain data: it may cross to a worker). */
export interface IndexJob { path: string; text: string; options: LintOptions }

export interface Platform {
  /** 'node': the desktop / remote extension host; 'web': the web worker extension host. */
  readonly host: 'node' | 'web';
  /** An environment variable of the extension host (none on the web). */
  env(name: string): string | undefined;
  /** UTF-8 length of `text` in bytes. */
  utf8Length(text: string): number;
  /** "Lint This Document Now" without blocking the host's thread where possible. */
  lintInBackground(text: string, options: LintOptions, token?: Cancellation): Promise<BackgroundResult>;
  /**
   * The workspace index's initial build: `here(job)` indexes one job on the host's thread (with
   * the section cache); the platform may run the jobs elsewhere instead (then `here` is not
   * called for them). Results in the order of `jobs`.
   */
  indexAll(jobs: IndexJob[], here: (job: IndexJob) => IndexedDoc | null): Promise<Array<IndexedDoc | null>>;
}

let current: Platform | undefined;

export function setPlatform(p: Platform): void {
  current = p;
}

export function platform(): Platform {
  if (!current) throw new Error('partnership-docs: no platform set (the entry file sets it)');
  return current;
}

/** UTF-8 length without allocating (the web has no Buffer.byteLength). Lone surrogates count 3, as TextEncoder writes U+FFFD. */
export function utf8LengthOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
