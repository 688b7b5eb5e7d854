/**
 * Public types of the Partnership Docs core. Everything here is plain data: the CLI, the
 * extension and any other front end consume findings without knowing how they were made.
 *
 * Coordinates: offsets are UTF-16 code-unit indices into the linted text. Lines and columns
 * are 1-based, columns count UTF-16 code units, and end positions are exclusive (spec §7).
 */

export type { DocKind, Finding, Fix, OffsetEdit, Severity, SeveritySetting, TextEdit } from './finding.js';
import type { DocKind, Finding, OffsetEdit, Severity, SeveritySetting, TextEdit } from './finding.js';

export interface Thresholds {
  statusGreen: number; // attainment % at or above which a KPI is Green (100)
  statusYellow: number; // attainment % at or above which a KPI is Yellow (80)
  healthGreen: number; // health score at or above which the badge is Green (90)
  healthYellow: number; // health score at or above which the badge is Yellow (70)
  stableBand: number; // |change| % below which a trend is Stable (2)
  renewalWindowDays: number; // renewal-window fires 0..N days ahead (90)
}

export interface MetricConfig {
  direction?: 'higher' | 'lower';
}

export interface Config {
  rules: Record<string, SeveritySetting>;
  thresholds: Thresholds;
  /** Metric name (case-insensitive) → settings. */
  metrics: Record<string, MetricConfig>;
  dateOrder: 'mdy' | 'dmy';
  /** Roster of owners; empty = no roster check. */
  owners: string[];
  lintAllMarkdown: boolean;
  /**
   * Partner aliases for the workspace index: a name as written → the canonical partner name
   * (case-insensitive), e.g. `{ "Globex Corporation": "Globex" }`. Optional for compatibility.
   */
  partners?: Record<string, string>;
  /**
   * Extra KPI table header names per column role (case-insensitive, normalised like headings),
   * e.g. `{ "actual": ["Landed"], "target": ["Commit"] }`. Optional: present only when set.
   */
  kpiColumns?: KpiColumnNames;
  // --- KPI values family (#11): status vocabulary and direction words ---
  /** Extra status words / phrases per colour (override the built-in vocabulary). Optional. */
  statusWords?: StatusWordsConfig;
  /** Extra words / phrases that make a metric lower-is-better (whole words). Optional. */
  lowerIsBetter?: string[];
  /** Words / phrases that make a metric higher-is-better, over the built-in keywords. Optional. */
  higherIsBetter?: string[];
  /**
   * Section equivalents (spec §9): a required section's name → other headings that count as it,
   * added to the built-in ones (`{ "Next Steps": ["Follow-ups"] }`). Optional for compatibility.
   */
  sectionEquivalents?: Record<string, string[]>;
  /**
   * Folder of the team templates (`<kind>.md`), as written in a configuration file: relative to
   * that file's folder. The front ends resolve it (the core does no I/O). Optional.
   */
  templatesFolder?: string;
  /**
   * The team templates that apply (read by the CLI / the editor from the templates folder and
   * passed in; not a configuration-file key). A kind with one follows it: its sections are the
   * required ones (section-missing), see teamTemplates.ts. Optional.
   */
  templates?: import('./teamTemplates.js').TeamTemplates;
}

/** Extra header names per KPI column role (configuration key `kpiColumns`). */
export interface KpiColumnNames {
  metric?: string[];
  target?: string[];
  actual?: string[];
  status?: string[];
  trend?: string[];
}

/** `statusWords`: words or phrases read as each colour in a Status cell. */
export interface StatusWordsConfig {
  green?: string[];
  yellow?: string[];
  red?: string[];
}

/** What a user may write in .partnership-docs.json: every key optional, merged over defaults. */
export interface PartialConfig {
  rules?: Record<string, SeveritySetting>;
  thresholds?: Partial<Thresholds>;
  metrics?: Record<string, MetricConfig>;
  dateOrder?: 'mdy' | 'dmy';
  owners?: string[];
  lintAllMarkdown?: boolean;
  partners?: Record<string, string>;
  kpiColumns?: KpiColumnNames;
  statusWords?: StatusWordsConfig;
  lowerIsBetter?: string[];
  higherIsBetter?: string[];
  sectionEquivalents?: Record<string, string[]>;
  templatesFolder?: string;
  /** Set by the front ends only (see Config.templates); the schema rejects it in a file. */
  templates?: import('./teamTemplates.js').TeamTemplates;
}

export interface LintOptions {
  /** Path of the document (used in messages and for nothing else: the core does no I/O). */
  path?: string;
  /** "Today" as YYYY-MM-DD or a Date; defaults to the current local date. */
  today?: string | Date;
  /** Configuration (partial: merged over the defaults). */
  config?: PartialConfig;
  /**
   * Section-model cache. Defaults to a shared bounded module-level cache; pass a
   * `createCache()` of your own per document, or `false` to parse everything afresh.
   */
  cache?: import('./cache.js').ChunkCache | false;
  /** Parse the whole document as one unit instead of per section (reference mode for tests). */
  wholeDocument?: boolean;
}

export interface LintResult {
  /** The detected document kind, or null for ordinary markdown. */
  kind: DocKind | null;
  findings: Finding[];
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** 'fix': has a safe automatic fix; 'suggestion': offers fixes that need a human; false: none. */
  fixable: 'fix' | 'suggestion' | false;
  /** Relative docs page, `docs/rules/<id>.md`. */
  docs: string;
  /** Absolute docs URL (derived in one place, rules/index.ts). */
  url: string;
}
