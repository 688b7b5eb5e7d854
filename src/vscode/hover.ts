/**
 * Hovers on a KPI row, the Overall Partnership Health line, the health-score block and the
 * start date / renewal date lines: the core's explanation (the version's Snapshot.explainAt)
 * rendered by the core as a markdown table, which includes what a fix would write. On a date
 * line the lifecycle stage today and at the document's date, plus the partnership's stage from
 * all its documents (the workspace index) when that differs (the start date is in the launch plan).
 */
import * as vscode from 'vscode';
import { explainToMarkdown, lifecycleToMarkdown, type PartnerSummary } from '../core/index';
import { toRange } from './adapter';
import type { Linter } from './diagnostics';

export class Hovers implements vscode.HoverProvider {
  /** The partner of a document in the workspace index (set once the index exists). */
  partnerOf: ((uri: vscode.Uri) => PartnerSummary | undefined) | undefined;

  constructor(private readonly linter: Linter) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const state = await this.linter.ensure(doc);
    if (!state?.snapshot || token.isCancellationRequested || state.version !== doc.version || !state.kind || state.skipped) return undefined;
    const e = state.snapshot.explainAt(doc.offsetAt(position));
    if (!e) return undefined;
    let text: string;
    if (e.kind === 'lifecycle') {
      const p = this.partnerOf?.(doc.uri);
      text = lifecycleToMarkdown(e.info, p?.stage ? { stage: p.stage, startFrom: p.startFrom ?? null } : null);
    } else text = explainToMarkdown(e);
    const md = new vscode.MarkdownString(text);
    md.supportHtml = false;
    md.isTrusted = false;
    return new vscode.Hover(md, toRange(doc, e.start, e.end));
  }
}
