/**
 * Findings and their edits, and the document kinds: plain data with no imports, so that the
 * model (model.ts), the chunk cache (cache.ts) and the public types (types.ts) can all use
 * them without importing each other. types.ts re-exports everything here.
 *
 * Coordinates: offsets are UTF-16 code-unit indices into the linted text. Lines and columns
 * are 1-based, columns count UTF-16 code units, and end positions are exclusive (spec §7).
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type DocKind = 'qbr' | 'status-report' | 'issue' | 'launch-plan';

/** A text edit in offsets (half-open [start, end)). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** A text edit in 1-based line/column coordinates (end exclusive), as in the JSON output. */
export interface TextEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface Fix {
  /** Edits in line/column coordinates (spec §7 JSON shape). */
  edits: TextEdit[];
}

/**
 * A finding of lint(). Findings (and their fixes, suggestions and data) are shared: between the
 * findings of one lint that say the same, and with later lints of the same document (a section
 * that did not change keeps its findings). Treat them as read-only.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets of the same range (convenient for editors working on offsets). */
  startOffset: number;
  endOffset: number;
  /**
   * A safe automatic fix (applied by --fix, "fix all", fix-on-save). `edits` and `offsetEdits`
   * are the same edits in both coordinates (lint() gives both the same array of objects that
   * carry both).
   */
  fix?: Fix & { offsetEdits: OffsetEdit[] };
  /**
   * Suggestions: fixes that need a human decision. Never applied by --fix / fix-all;
   * offered as non-preferred quick fixes in the editor.
   */
  suggestions?: Array<{ title: string; edits: TextEdit[]; offsetEdits: OffsetEdit[] }>;
  /** Structured data a front end can show (e.g. the hover breakdown); rule-specific. */
  data?: Record<string, unknown>;
}
