import { format } from 'node:util';

/** Prints a line into the suite's output (the file the runner tails, and the console). */
export function log(...args: unknown[]): void {
  const sink = (globalThis as { __partnershipDocsTestLog?: (...a: unknown[]) => void }).__partnershipDocsTestLog;
  if (sink) sink(format(...args));
  else console.log(...args);
}
