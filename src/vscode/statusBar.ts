/** Status bar item: the active partnership document's health; click → breakdown. */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { SHOW_BREAKDOWN } from './codeLens';
import { headline, insightFor } from './insight';

export class HealthStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('partnershipDocs.health', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly linter: Linter) {
    this.item.name = 'Partnership Docs health';
    this.item.command = SHOW_BREAKDOWN;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidUpdate((uri) => { if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update(); }),
    );
    this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const state = doc && this.linter.stateFor(doc);
    if (!state || (!state.kind && !state.skipped)) { this.item.hide(); return; }
    if (state.skipped) {
      this.item.text = '$(error) Partnership Docs';
      this.item.tooltip = `Not linted: ${state.skipped}`;
      this.item.show();
      return;
    }
    const health = insightFor(state).health;
    const h = headline(health);
    const problems = state.findings.length;
    const stale = health?.staleCount ?? 0;
    this.item.text = `$(pulse) ${h ? `Health ${h}` : state.kind}${stale ? ` · ${stale} stale` : ''}${problems ? ` · $(warning) ${problems}` : ''}`;
    this.item.tooltip = `Partnership Docs (${state.kind}): ${h ? `health ${h}${health?.source === 'kpi-table' ? ' (first KPI table)' : ''}, ` : ''}` +
      `${problems} problem${problems === 1 ? '' : 's'}. Click for the breakdown.`;
    this.item.show();
  }
}
