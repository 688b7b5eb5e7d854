// Keeps package.json `contributes.configuration` in step with schemas/partnership-docs.schema.json:
// the settings `partnershipDocs.<key>` mirror the config-file keys (rules, thresholds, metrics,
// dateOrder, owners, lintAllMarkdown, partners), with $refs inlined. Editor-only settings are listed here.
//   node scripts/sync-vscode-contributes.mjs          rewrite package.json
//   node scripts/sync-vscode-contributes.mjs --check  exit 1 when package.json is out of date
import { readFileSync, writeFileSync } from 'node:fs';

const schema = JSON.parse(readFileSync('schemas/partnership-docs.schema.json', 'utf8'));
const SHARED = ['rules', 'thresholds', 'metrics', 'dateOrder', 'owners', 'lintAllMarkdown', 'partners', 'kpiColumns', 'statusWords', 'lowerIsBetter', 'higherIsBetter', 'sectionEquivalents'];

function inline(node) {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k], schema);
    return inline({ ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) });
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
}

const properties = {};
let order = 1;
for (const key of SHARED) {
  const prop = inline(schema.properties[key]);
  // Objects default to {} (nothing set): the core's defaults apply, and a workspace
  // .partnership-docs.json wins key by key over these settings.
  if (prop.type === 'object' && prop.default === undefined) prop.default = {};
  prop.markdownDescription = `${prop.description} A \`.partnership-docs.json\` file wins over this setting, key by key.`;
  delete prop.description;
  properties[`partnershipDocs.${key}`] = { ...prop, order: order++ };
}
Object.assign(properties, {
  'partnershipDocs.lintOnSaveOnly': { type: 'boolean', default: false, order: order++,
    description: 'Lint only when a document is opened or saved, not while typing.' },
  'partnershipDocs.maxFileSizeMB': { type: 'number', default: 2, minimum: 0.1, order: order++,
    markdownDescription: 'Documents larger than this (in MB, UTF-8) are not linted on open, while typing or on save, so the editor stays responsive: the status bar says so, and **Partnership Docs: Lint This Document Now** (`partnershipDocs.lintNow`) lints one once in the background. Also the limit of **Check All Partnership Docs in Workspace** (larger files are skipped).' },
  'partnershipDocs.codeLens': { type: 'boolean', default: true, order: order++,
    description: 'Show the computed health and a Recalculate action above KPI tables and health scores.' },
  'partnershipDocs.newDocumentPath.qbr': { type: 'string', default: 'partnerships/${partnerSlug}/${year}-Q${quarter}-qbr.md', order: order++,
    markdownDescription: 'Where **New QBR** creates the file, relative to the workspace folder. Variables: `${partner}`, `${partnerSlug}`, `${company}`, `${companySlug}`, `${year}`, `${quarter}`, `${date}`. An existing file is never overwritten (`-2`, `-3`… are appended).' },
  'partnershipDocs.newDocumentPath.statusReport': { type: 'string', default: 'partnerships/${partnerSlug}/${year}-Q${quarter}-status-report.md', order: order++,
    markdownDescription: 'Where **New Status Report** creates the file (same variables as `#partnershipDocs.newDocumentPath.qbr#`).' },
  'partnershipDocs.newDocumentPath.issue': { type: 'string', default: 'partnerships/${partnerSlug}/${date}-issue.md', order: order++,
    markdownDescription: 'Where **New Partnership Issue** creates the file (same variables as `#partnershipDocs.newDocumentPath.qbr#`).' },
  'partnershipDocs.newDocumentPath.launchPlan': { type: 'string', default: 'partnerships/${partnerSlug}/${date}-launch-plan.md', order: order++,
    markdownDescription: 'Where **New Launch Plan** creates the file (same variables as `#partnershipDocs.newDocumentPath.qbr#`; `${date}` is the partnership\'s start date, today by default).' },
});

const pkgText = readFileSync('package.json', 'utf8');
const pkg = JSON.parse(pkgText);
pkg.contributes ??= {};
pkg.contributes.configuration = { title: 'Partnership Docs', properties };
const next = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  // Compare values, not text (another tool may escape non-ASCII differently).
  if (JSON.stringify(JSON.parse(pkgText).contributes?.configuration) !== JSON.stringify(pkg.contributes.configuration)) {
    console.error('package.json contributes.configuration is out of date: run node scripts/sync-vscode-contributes.mjs');
    process.exit(1);
  }
} else if (next !== pkgText) {
  writeFileSync('package.json', next);
  console.log('package.json: contributes.configuration updated');
}
