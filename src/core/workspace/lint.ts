/**
 * lintWorkspace: the cross-document rules over a workspace index. Findings have the same shape
 * as lint()'s (positions from the current text of each document), honour the rule settings of
 * each document's configuration and its suppression comments.
 */
import { DEFAULT_CONFIG, mergeConfig } from '../config.js';
import type { Analysis } from '../lint.js';
import { runRule } from '../run.js';
import { directives, suppressionFilter } from '../suppress.js';
import type { Finding, LintOptions, PartialConfig, Severity } from '../types.js';
import { partnerQbrs, previousQbr } from './build.js';
import { snapshot, type Snapshot } from '../snapshot.js';
import { hashText, indexSnapshot } from './indexer.js';
import type { WorkspaceRuleContext } from './rules/context.js';
import { workspaceRules } from './rules/index.js';
import type { IndexedDoc, WorkspaceFindings, WorkspaceIndex } from './types.js';

export interface WorkspaceLintOptions extends LintOptions {
  /** Per-document configuration (e.g. the CLI's .partnership-docs.json chain); wins over `config`. */
  configFor?: (path: string) => PartialConfig | undefined;
  /** Report only on these paths (the other documents still serve as history). Default: all. */
  only?: Iterable<string>;
  /** Partner aliases, when a document whose text changed since indexing is re-indexed. */
  aliases?: Record<string, string>;
  /**
   * The snapshot of a document's text under `options` (a front end holding the snapshots of the
   * versions it shows passes them here: no second model build). Default: a new one.
   */
  snapshotOf?: (path: string, text: string, options: LintOptions) => Snapshot;
}

/**
 * Runs the cross-document rules. `texts` gives the current text of a document (a Map or a
 * function); a document without text is skipped. A document whose text no longer matches its
 * index entry is re-indexed from the text first. `byPath` has an entry (possibly empty) for
 * every QBR checked.
 */
export function lintWorkspace(
  index: WorkspaceIndex,
  texts: Map<string, string> | ((path: string) => string | undefined),
  options: WorkspaceLintOptions = {},
): WorkspaceFindings {
  const textOf = typeof texts === 'function' ? texts : (p: string) => texts.get(p);
  const only = options.only ? new Set(options.only) : null;
  const byPath = new Map<string, Finding[]>();
  for (const entry of index.docs.values()) {
    if (only && !only.has(entry.path)) continue;
    if (entry.kind !== 'qbr') continue;
    const text = textOf(entry.path);
    if (text === undefined) continue;
    const config = mergeConfig(DEFAULT_CONFIG, options.config, options.configFor?.(entry.path));
    const enabled = workspaceRules.filter((r) => (config.rules[r.meta.id] ?? r.meta.defaultSeverity) !== 'off');
    if (enabled.length === 0) {
      byPath.set(entry.path, []);
      continue;
    }
    let snap: Snapshot | null = null;
    const snapOf = (): Snapshot => {
      const o: LintOptions = { ...options, path: entry.path, config };
      return (snap ??= options.snapshotOf?.(entry.path, text, o) ?? snapshot(text, o));
    };
    let doc: IndexedDoc | null = entry;
    if (entry.textHash !== hashText(text)) {
      doc = indexSnapshot(entry.path, snapOf(), { aliases: options.aliases });
      if (!doc || doc.kind !== 'qbr') continue;
      // Still in a folder that is not one partner's (build.ts resolveFolder): still Unassigned.
      if (entry.folderPartner && doc.partnerSource === 'folder') doc = { ...doc, partner: entry.partner, partnerKey: entry.partnerKey, partnerSource: 'none', folderPartner: entry.folderPartner };
    }
    const findings: Finding[] = [];
    const getAnalysis = (): Analysis => snapOf().analysis;
    const qbrs = partnerQbrs(index, doc.partnerKey).map((d) => (d.path === doc!.path ? doc! : d));
    for (const rule of enabled) {
      const severity = (config.rules[rule.meta.id] ?? rule.meta.defaultSeverity) as Severity;
      const out = (f: Finding) => {
        const { lines, ctx } = getAnalysis();
        if (!suppressionFilter(ctx.get(directives), lines)(f.ruleId, f.line)) findings.push(f);
      };
      const withReport = (report: WorkspaceRuleContext['report']): WorkspaceRuleContext => ({
        doc: doc!,
        text,
        index,
        config,
        qbrs,
        previous: previousQbr(index, doc!),
        analysis: getAnalysis,
        report,
      });
      runRule(rule, severity, withReport, () => getAnalysis().lines, out);
    }
    findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId));
    byPath.set(entry.path, findings);
  }
  return { byPath };
}
