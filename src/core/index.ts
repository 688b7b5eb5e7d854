/**
 * Partnership Docs — the library API. Pure: no vscode, no file system.
 *   lint(text, { path, today, config }) → { kind, findings }
 *   applyFixes(text, findings) → text
 *   fixAll(text, options) → { text, passes }
 *   rules → the rule metadata list
 */
export { lint, fixAll, analyze } from './lint.js';
export { applyFixes, applyEdits, minimalEdit, isGraphemeBoundary, fixTitle } from './fix.js';
export { rules, ruleIds, DOCS_BASE } from './rules/index.js';
export { createCache } from './cache.js';
export type { SectionCache } from './cache.js';
export { DEFAULT_CONFIG, mergeConfig, parseConfigText } from './config.js';
export { scaffold, defaultFileName, slugify } from './templates.js';
export type * from './types.js';
export { explainAt, explainer, explainToMarkdown, documentHealth, kpiLenses, type Explanation, type KpiRowExplanation, type OverallHealthExplanation, type HealthScoreExplanation, type DocumentHealth, type KpiLens } from './explain.js';
export {
  indexDocument,
  buildIndex,
  updateIndex,
  lintWorkspace,
  scaffoldFromPrevious,
  portfolioReport,
  portfolioData,
  latestDocument,
  previousQbr,
  partnerQbrs,
  partnerKeyOf,
  aliasLookup,
  type IndexOptions,
  type BuildOptions as IndexBuildOptions,
  type WorkspaceLintOptions,
  type FromPreviousOptions,
  type ReportFormat,
  type ReportOptions,
  type PortfolioData,
  type PortfolioRow,
} from './workspace/index.js';
export type { IndexedDoc, IndexedKpi, IndexedAction, PartnerSummary, WorkspaceIndex, WorkspaceFindings, Period } from './workspace/types.js';
export { workspaceRuleIds } from './rules/index.js';
