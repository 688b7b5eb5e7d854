import type { DocKind, Finding, Severity } from '../core/types.js';

/** One checked file, as the formatters see it. */
export interface FileReport {
  /** Path relative to the working directory, `/`-separated. */
  path: string;
  kind: DocKind | null;
  findings: Finding[];
}

/** A file that could not be checked (unreadable, binary, invalid UTF-8, fix not written). */
export interface FileFailure {
  path: string;
  message: string;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(reports: FileReport[]): Summary {
  const count = (s: Severity) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  return { files: reports.length, errors: count('error'), warnings: count('warning'), infos: count('info') };
}
