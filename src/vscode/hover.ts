/**
 * Hovers on a KPI row, the Overall Partnership Health line and the health-score block: the
 * core's explanation (the version's Snapshot.explainAt) rendered by the core as a markdown
 * table, which includes what a fix would write.
 */
import * as vscode from 'vscode';
import { explainToMarkdown } from '../core/index';
import { toRange } from './adapter';
import type { Linter } from './diagnostics';

export class Hovers implements vscode.HoverProvider {
  constructor(private readonly linter: Linter) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const state = await this.linter.ensure(doc);
    if (!state?.snapshot || token.isCancellationRequested || state.version !== doc.version || !state.kind || state.skipped) return undefined;
    const e = state.snapshot.explainAt(doc.offsetAt(position));
    if (!e) return undefined;
    const md = new vscode.MarkdownString(explainToMarkdown(e));
    md.supportHtml = false;
    md.isTrusted = false;
    return new vscode.Hover(md, toRange(doc, e.start, e.end));
  }
}
