/**
 * Partnership Docs — the library API. Pure: no vscode, no file system.
 *   lint(text, { path, today, config }) → { kind, findings }
 *   applyFixes(text, findings) → text
 *   fixAll(text, options) → { text, passes }
 *   rules → the rule metadata list
 *   snapshot(text, options) → one document version analysed once: findings, hovers (explainAt),
 *     KPI lenses, document health, KPI tables and health blocks, each computed on first read
 */
export { lint, fixAll, analyze } from './lint.js';
export { applyFixes, applyEdits, minimalEdit, isGraphemeBoundary, fixTitle } from './fix.js';
export { rules, ruleIds, DOCS_BASE } from './rules/index.js';
export { createCache } from './cache.js';
export type { ChunkCache } from './cache.js';
/** @deprecated The cache holds chunks of the document's split, not heading sections: use ChunkCache. */
export type { ChunkCache as SectionCache } from './cache.js';
export { DEFAULT_CONFIG, mergeConfig, parseConfigText } from './config.js';
export { scaffold, defaultFileName, slugify, TEMPLATE_KINDS, type TemplateKind } from './templates.js';
export {
  renderTemplate,
  templateProblems,
  templateRequirements,
  templateFileName,
  templateKindOfFile,
  TemplateError,
  TEMPLATE_VARIABLES,
  DEFAULT_TEMPLATES_FOLDER,
  type TeamTemplate,
  type TeamTemplates,
  type TemplateProblem,
  type TemplateValues,
} from './teamTemplates.js';
export type * from './types.js';
export { snapshot, fixAllSnapshot, explainAt, explainer, documentHealth, kpiLenses, engineStats, trackModelBuilds, type Snapshot, type DeepReadonly, type HealthBlockSummary, type EngineStats } from './snapshot.js';
export { explainToMarkdown, lifecycleToMarkdown, type LifecycleExplanation, type DocumentLifecycleInfo, type Explanation, type KpiRowExplanation, type OverallHealthExplanation, type HealthScoreExplanation, type DocumentHealth, type KpiLens } from './explain.js';
export type { Analysis } from './lint.js';
/** @deprecated Use ChunkModel (a chunk of the split, not a heading's section). */
export type { ChunkModel as SectionModel } from './model.js';
export type { DocModel, ChunkModel, HeadingModel, TableModel, RowModel, CellModel, ListItemModel, ParagraphModel, BracketModel, CommentModel, FrontMatter, Range } from './model.js';
export type { RuleContext } from './rule.js';
export type { LineIndex } from './positions.js';
export type { KpiTable, KpiRow, HealthLine } from './analysis/kpi.js';
export type { HealthBlock, HealthPart, HealthBadge } from './analysis/health.js';
export type { Rag, Direction } from './values.js';
export {
  lifecycleStage,
  describeStage,
  shortStage,
  partnershipMonth,
  readStartDate,
  STAGE_LABEL,
  STAGE_FOCUS,
  type LifecycleStage,
  type StageId,
  type StartDate,
  type StageInput,
} from './lifecycle.js';
export { findRenewalRecommendation } from './analysis/renewal-recommendation.js';
export {
  indexDocument,
  indexSnapshot,
  buildIndex,
  updateIndex,
  lintWorkspace,
  scaffoldFromPrevious,
  newDocumentText,
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
export { completionsAt, completionsForText, mayComplete, type CompletionContext, type CompletionItem, type CompletionKind, type PreviousKpi } from './completions.js';
