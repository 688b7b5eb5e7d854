/**
 * "Partnership Docs: Open Portfolio Dashboard": a webview with every partner in a sortable table
 * and a chart of each partner's health over quarters. The extension posts plain data; the
 * webview script (media/dashboard.js) builds the table and the inline SVG chart. Strict CSP:
 * default-src 'none', the one script by nonce, styles from the webview's own resource origin;
 * nothing remote (local files through asWebviewUri only). Theme-aware through VS Code's CSS
 * variables and body classes (light, dark, high contrast).
 */
import * as vscode from 'vscode';
import { describeStage, latestDocument, STAGE_FOCUS, type PartnerSummary, type StageId, type WorkspaceIndex } from '../core/index';
import { openAtLine } from './partnersTree';
import type { WorkspaceIndexService } from './workspaceIndex';

export const OPEN_DASHBOARD = 'partnershipDocs.openDashboard';
export const DASHBOARD_VIEW_TYPE = 'partnershipDocs.dashboard';

/** What the webview receives (also returned by `dataFor` for tests). */
export interface DashboardPartner {
  key: string;
  name: string;
  score: number | null;
  band: 'green' | 'yellow' | 'red' | null;
  trend: number | null;
  renewalDate: string | null;
  daysToRenewal: number | null;
  overdueActions: number;
  redKpis: number;
  documents: number;
  latestPath: string | null;
  latestPeriod: string | null;
  /**
   * Added (issue 13): the lifecycle stage today — `id` null when unknown; `label` (`Ramp-Up`,
   * `Renewal window`, `Unknown`); `month`; `detail` one line; `focus` what the playbook has you do.
   */
  stage: { id: StageId | null; label: string; month: number | null; detail: string; focus: string } | null;
  /** Health per quarter, oldest first (documents without a period or a health figure are left out). */
  series: Array<{ ordinal: number; label: string; score: number; band: 'green' | 'yellow' | 'red'; path: string }>;
}

export interface DashboardData {
  generated: string;
  partners: DashboardPartner[];
}

export function dataFor(index: WorkspaceIndex, today: string): DashboardData {
  return { generated: today, partners: index.partners.map(partnerData) };
}

function partnerData(p: PartnerSummary): DashboardPartner {
  // One point per quarter: the last document of the quarter with a health figure wins.
  const byQuarter = new Map<number, DashboardPartner['series'][number]>();
  for (const d of p.docs) {
    if (!d.period || !d.health) continue;
    byQuarter.set(d.period.ordinal, { ordinal: d.period.ordinal, label: d.period.label, score: Math.round(d.health.score * 10) / 10, band: d.health.band, path: d.path });
  }
  const latest = latestDocument(p);
  return {
    key: p.key,
    name: p.name,
    score: p.latestHealth ? Math.round(p.latestHealth.score * 10) / 10 : null,
    band: p.latestHealth?.band ?? null,
    trend: p.healthTrend === null ? null : Math.round(p.healthTrend * 10) / 10,
    renewalDate: p.renewalDate,
    daysToRenewal: p.daysToRenewal,
    overdueActions: p.overdueActions,
    redKpis: p.redKpis,
    documents: p.docs.length,
    latestPath: latest?.path ?? null,
    latestPeriod: latest?.period?.label ?? latest?.date ?? null,
    stage: p.stage
      ? { id: p.stage.stage, label: p.stage.label, month: p.stage.month, detail: describeStage(p.stage), focus: STAGE_FOCUS[p.stage.stage ?? 'unknown'].replace(/`/g, '') }
      : null,
    series: [...byQuarter.values()].sort((a, b) => a.ordinal - b.ordinal),
  };
}

export class Dashboard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly service: WorkspaceIndexService) {
    this.disposables.push(service.onDidChange(() => void this.post()));
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** The open panel (tests). */
  get current(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async open(): Promise<vscode.WebviewPanel> {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Partnership Portfolio', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'partnerships.svg');
    this.panel = panel;
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; }, undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: { type: string; path?: string }) => {
      if (m.type === 'ready') void this.post();
      else if (m.type === 'open' && m.path) void this.openDocument(m.path);
      else if (m.type === 'refresh') void this.service.rebuild();
    }, undefined, this.disposables);
    panel.webview.html = this.html(panel.webview, media);
    void this.service.start();
    return panel;
  }

  private async openDocument(path: string): Promise<void> {
    const uri = this.service.uriOf(path);
    const doc = this.service.current.docs.get(path);
    if (uri) await openAtLine(uri, doc?.titleLine ?? 1);
  }

  private async post(): Promise<void> {
    if (!this.panel) return;
    const index = await this.service.ready();
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await this.panel?.webview.postMessage({ type: 'data', data: dataFor(index, iso) });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Partnership Portfolio</title>
</head>
<body>
<header class="top">
  <h1>Partnership Portfolio</h1>
  <p class="summary" id="summary" aria-live="polite">Indexing the workspace…</p>
  <button type="button" class="refresh" id="refresh" title="Re-read every document">Refresh</button>
</header>
<main>
  <section aria-labelledby="table-title">
    <h2 id="table-title">Partners</h2>
    <div class="table-wrap">
      <table id="partners" aria-describedby="sort-hint">
        <caption id="sort-hint" class="hint">Select a column header to sort; select a partner to open its latest document.</caption>
        <thead><tr></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>
  <section aria-labelledby="chart-title">
    <h2 id="chart-title">Health over quarters</h2>
    <div id="chart" class="chart"></div>
  </section>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}
