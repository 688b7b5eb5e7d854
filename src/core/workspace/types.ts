/**
 * The workspace index: partnership documents across files, linked by partner and ordered by
 * period. Pure data, built by pure functions over texts (no file system): the CLI reads files,
 * the extension keeps the index current with a file watcher, one changed file at a time.
 */
import type { DocKind, Finding } from '../types.js';
import type { Rag } from '../values/status.js';
import type { LifecycleStage, StartDate } from '../lifecycle.js';

export type { Rag };

/** A quarter-precision period. `ordinal` = year * 4 + (quarter - 1), for sorting and adjacency. */
export interface Period {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  ordinal: number;
  /** e.g. "Q3 2026" */
  label: string;
}

export interface IndexedKpi {
  metric: string;
  /** Normalised metric name used to match the same KPI across quarters. */
  key: string;
  target: string | null;
  actual: string | null;
  /** Numeric actual (comparable with the previous quarter's when units agree), or null. */
  actualValue: number | null;
  direction: 'higher' | 'lower';
  attainment: number | null;
  computed: Rag | null;
  /** 1-based line of the row and the trend cell's range (for cross-document findings and fixes). */
  line: number;
  trendCell: { start: number; end: number; text: string } | null;
  /** Added: the actual's comparability class (`currency:$`, `percent`, `score:10`, `unit:day`, `number`), or null. */
  actualUnit: string | null;
  /** Added: offsets of the metric cell (where kpi-declining-quarters reports). */
  metricCell: { start: number; end: number } | null;
}

export interface IndexedAction {
  text: string;
  /** Normalised first line, to match an item carried into the next QBR. */
  key: string;
  open: boolean;
  owner: string | null;
  due: string | null; // YYYY-MM-DD
  overdue: boolean;
  line: number;
}

export interface IndexedDoc {
  path: string;
  kind: DocKind;
  /** Partner display name (from the H1 `… + Partner`, front matter `partner:`, or an alias). */
  partner: string;
  /** Canonical partner key (lower-cased, aliases resolved). */
  partnerKey: string;
  period: Period | null;
  /** Document date (Date / Report Date / Date Identified), YYYY-MM-DD, or null. */
  date: string | null;
  health: { score: number; band: Rag; source: 'kpi-table' | 'health-score' } | null;
  renewalDate: string | null;
  kpis: IndexedKpi[];
  actions: IndexedAction[];
  overdueActions: number;
  redKpis: number;
  /** 1-based line of the H1 (for "open at the right line"). */
  titleLine: number;
  /** Hash of the text the entry was built from (an unchanged file is not re-indexed). */
  textHash: string;
  /** Added: where the partner name came from. */
  partnerSource: 'front-matter' | 'title' | 'field' | 'folder' | 'none';
  /** Added: our company (the part of the H1 before `+`), or null. */
  company: string | null;
  /** Added: the document title (H1 text), or null. */
  title: string | null;
  /** Added: the `Next QBR` date, YYYY-MM-DD, or null. */
  nextQbr: string | null;
  /**
   * Added: offsets of the Next Steps heading's text, else the title's (where action-carried-over
   * reports), or null when the document has no heading.
   */
  anchor: { start: number; end: number } | null;
  /**
   * Added: the folder's partner of a document whose partner would come from its folder only,
   * set when the folder is not one partner's (another document in it names a different
   * counterparty in its content, see build.ts): the document is then Unassigned.
   */
  folderPartner?: { partner: string; partnerKey: string };
  /**
   * Added (issue 13): the partnership's start date as this document states it (analysis/lifecycle.ts:
   * `Partnership start date`, `Start date` in the header, `Partner since`, front matter `start:`…), or null.
   */
  start?: StartDate | null;
  /** Added (issue 13): where the start date was read (the label as written, `front matter start`), or null. */
  startSource?: string | null;
  /** Added (issue 13): the document's renewalWindowDays (its configuration), for the partner's stage. */
  renewalWindowDays?: number;
}

export interface PartnerSummary {
  key: string;
  name: string;
  /** All documents of the partner, oldest period first (undated last). */
  docs: IndexedDoc[];
  latestHealth: IndexedDoc['health'];
  /** Change of the latest health score vs the previous document's, in points, or null. */
  healthTrend: number | null;
  renewalDate: string | null;
  daysToRenewal: number | null;
  overdueActions: number;
  redKpis: number;
  /**
   * Added (issue 13): the partnership's start date from all its documents — the one stated by the
   * latest document that states one (the launch plan or the first QBR may be the only one) — or null.
   */
  start?: StartDate | null;
  /** Added (issue 13): the path of the document the start date comes from, or null. */
  startFrom?: string | null;
  /** Added (issue 13): the lifecycle stage on the index's today, from `start` and `renewalDate`. */
  stage?: LifecycleStage;
}

export interface WorkspaceIndex {
  docs: Map<string, IndexedDoc>;
  partners: PartnerSummary[];
}

export interface WorkspaceFindings {
  /** Cross-document findings (kpi-trend-vs-previous, kpi-declining-quarters, action-carried-over) by path. */
  byPath: Map<string, Finding[]>;
}
