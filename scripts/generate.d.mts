// Types of scripts/generate.mjs (the bench's deterministic document generator), for the
// TypeScript tests that use it (unit tests and the real-host suites).

/** A realistic QBR of about `bytes` characters (repeated KPI-table / challenges / next-steps sections). */
export function generateQbr(bytes: number, seed?: number): string;
/** A status report of about `bytes` characters. */
export function generateStatusReport(bytes: number, seed?: number, partner?: string): string;
/** A partnership issue document of about `bytes` characters. */
export function generateIssue(bytes: number, seed?: number, partner?: string): string;
/** `n` partnership documents of 5–30 KB as [relativePath, text] pairs, one folder per partner. */
export function generateFolderFiles(n?: number, seed?: number): Array<[string, string]>;
