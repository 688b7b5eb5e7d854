/** CodeLens above each KPI table (the core's kpiLenses) and health-score block: health, stale statuses, Recalculate. */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { BADGE, insightFor } from './insight';

export const RECALCULATE = 'partnershipDocs.recalculateKpiStatuses';
export const SHOW_BREAKDOWN = 'partnershipDocs.showHealthBreakdown';

export class CodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly linter: Linter) {
    linter.onDidUpdate(() => this.changed.fire());
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('partnershipDocs', doc.uri).get<boolean>('codeLens', true)) return [];
    const state = await this.linter.ensure(doc);
    if (!state || token.isCancellationRequested || state.version !== doc.version || !state.kind) return [];
    const insight = insightFor(state);
    const lenses: vscode.CodeLens[] = [];
    insight.lenses.forEach((lens, index) => {
      const at = doc.positionAt(lens.tableStart);
      const range = new vscode.Range(at, at);
      lenses.push(new vscode.CodeLens(range, { title: lens.title, command: SHOW_BREAKDOWN, arguments: [doc.uri],
        tooltip: `${lens.measured} of ${lens.rows} KPIs measured. Click for the breakdown.` }));
      if (lens.staleStatuses > 0 || lens.fixableFindings > 0) {
        lenses.push(new vscode.CodeLens(range, { title: 'Recalculate', command: RECALCULATE, arguments: [{ uri: doc.uri.toString(), table: index }],
          tooltip: 'Rewrite the stale Status cells and the Overall Partnership Health line from Target and Actual' }));
      }
    });
    for (const b of insight.blocks) {
      const at = doc.positionAt(b.line.start);
      const sum = b.sum === null ? '' : b.total && b.sum !== b.total.value ? ` · parts add up to ${b.sum}, not ${b.total.value}` : ' · parts add up';
      lenses.push(new vscode.CodeLens(new vscode.Range(at, at), {
        title: `Health score ${b.total ? `${b.total.value}/100` : '—'}${b.band ? ` ${BADGE[b.band]}` : ''}${sum}`,
        command: SHOW_BREAKDOWN, arguments: [doc.uri],
      }));
    }
    return lenses;
  }
}
