/**
 * Status bar item: the active partnership document's health and the partnership's lifecycle stage
 * today (from all its documents in the workspace index, else from this document's dates);
 * click → breakdown.
 */
import * as vscode from 'vscode';
import { describeStage, shortStage, type LifecycleStage, type PartnerSummary } from '../core/index';
import { formatMB, LINT_NOW, type Linter } from './diagnostics';
import { SHOW_BREAKDOWN } from './codeLens';
import { headline, insightFor } from './insight';

export class HealthStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('partnershipDocs.health', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  /** Whether the item is shown (StatusBarItem has no getter for it). */
  visible = false;

  /** The partner of a document in the workspace index (set once the index exists). */
  private partnerOf: ((uri: vscode.Uri) => PartnerSummary | undefined) | undefined;

  /** Reads the partnership's stage from the workspace index, and updates when the index changes. */
  usePartners(partnerOf: (uri: vscode.Uri) => PartnerSummary | undefined, onDidChange: vscode.Event<unknown>): void {
    this.partnerOf = partnerOf;
    this.disposables.push(onDidChange(() => this.update()));
    this.update();
  }

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
    if (!state || (!state.kind && !state.skipped)) { this.item.hide(); this.visible = false; return; }
    this.item.command = SHOW_BREAKDOWN;
    if (state.large) {
      // Above partnershipDocs.maxFileSizeMB: say so, and offer the on-demand lint.
      const size = formatMB(state.large.bytes);
      const last = this.linter.onDemandFor(doc);
      const running = this.linter.isLintingOnDemand(doc);
      const found = last && `${last.findings} problem${last.findings === 1 ? '' : 's'} at the last Lint now${last.version !== doc.version ? ', edited since' : ''}`;
      this.item.text = running ? `$(sync~spin) Partnership Docs: ${size} — linting…`
        : `$(warning) Partnership Docs: ${size} — ${found ?? `not linted while typing (limit ${state.large.limitMB} MB)`} · Lint now`;
      this.item.tooltip = `This document (${size}) is larger than partnershipDocs.maxFileSizeMB (${state.large.limitMB} MB), so it is not ` +
        'linted on open, while typing or on save, to keep the editor responsive. Click (or run "Partnership Docs: Lint This Document Now") ' +
        `to lint it once in the background${last ? `; the Problems panel shows the result of the last run (${(last.ms / 1000).toFixed(1)} s)` : ''}.`;
      this.item.command = { command: LINT_NOW, title: 'Lint This Document Now', arguments: [doc.uri] };
      this.item.show(); this.visible = true;
      return;
    }
    if (state.skipped) {
      this.item.text = '$(error) Partnership Docs';
      this.item.tooltip = `Not linted: ${state.skipped}`;
      this.item.show(); this.visible = true;
      return;
    }
    const health = insightFor(state).health;
    const h = headline(health);
    const problems = state.findings.length;
    const stale = health?.staleCount ?? 0;
    const stage = this.stageOf(doc, state.snapshot?.lifecycle?.today ?? null);
    const short = stage && shortStage(stage);
    this.item.text = `$(pulse) ${h ? `Health ${h}` : state.kind}${stale ? ` · ${stale} stale` : ''}${short ? ` · ${short}` : ''}${problems ? ` · $(warning) ${problems}` : ''}`;
    this.item.tooltip = `Partnership Docs (${state.kind}): ${h ? `health ${h}${health?.source === 'kpi-table' ? ' (first KPI table)' : ''}, ` : ''}` +
      `${problems} problem${problems === 1 ? '' : 's'}. ${stage ? `Lifecycle stage: ${describeStage(stage)}. ` : ''}Click for the breakdown.`;
    this.item.show(); this.visible = true;
  }

  /**
   * The stage shown: the partnership's (the workspace index, all its documents) when it knows
   * more than this document alone, else this document's today (null when neither knows a date).
   */
  private stageOf(doc: vscode.TextDocument, own: LifecycleStage | null): LifecycleStage | null {
    const p = this.partnerOf?.(doc.uri)?.stage;
    if (p && (p.stage !== null || !own || own.stage === null) && (p.start || p.renewal)) return p;
    return own && (own.start || own.renewal) ? own : null;
  }
}
