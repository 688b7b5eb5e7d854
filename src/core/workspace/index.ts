/** The workspace API: index, cross-document lint, new-QBR-from-previous, portfolio report. */
export { indexDocument, indexSnapshot, aliasLookup, partnerKeyOf, periodOf, splitParties, type IndexOptions } from './indexer.js';
export { buildIndex, updateIndex, partnerQbrs, previousQbr, type BuildOptions } from './build.js';
export { lintWorkspace, type WorkspaceLintOptions } from './lint.js';
export { scaffoldFromPrevious, newDocumentText, carriedKpis, carriedActions, type FromPreviousOptions } from './scaffold.js';
export { portfolioReport, portfolioData, latestDocument, type ReportFormat, type ReportOptions, type PortfolioData, type PortfolioRow } from './report.js';
