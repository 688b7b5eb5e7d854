/**
 * The Partnerships view (own activity-bar container): partner → documents by quarter. A partner
 * shows its latest health badge, trend arrow, days to renewal, lifecycle stage and overdue
 * actions (the tooltip: the stage's detail and what the playbook has you do now); a document
 * opens at its title line. Refreshes when the workspace index changes.
 */
import * as vscode from 'vscode';
import { describeStage, STAGE_FOCUS, type IndexedDoc, type PartnerSummary } from '../core/index';
import type { WorkspaceIndexService } from './workspaceIndex';

export const PARTNERS_VIEW = 'partnershipDocs.partners';
export const REFRESH_PARTNERS = 'partnershipDocs.refreshPartners';
export const OPEN_DOCUMENT = 'partnershipDocs.openIndexedDocument';

const BADGE = { green: '🟢', yellow: '🟡', red: '🔴' } as const;
const BAND_LABEL = { green: 'Green', yellow: 'Yellow', red: 'Red' } as const;
const KIND_LABEL: Record<string, string> = { qbr: 'QBR', 'status-report': 'Status report', issue: 'Issue', 'launch-plan': 'Launch plan' };

export type PartnerNode = { type: 'partner'; partner: PartnerSummary };
export type DocumentNode = { type: 'document'; partner: PartnerSummary; doc: IndexedDoc };
export type Node = PartnerNode | DocumentNode;

/** `↗ +6`, `↘ −4`, `→ 0`; empty when there is no previous score. */
export function trendArrow(points: number | null): string {
  if (points === null) return '';
  if (points >= 1) return `↗ +${round(points)}`;
  if (points <= -1) return `↘ −${round(-points)}`;
  return '→ 0';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function renewalText(days: number | null): string {
  if (days === null) return '';
  if (days < 0) return `renewal ${-days} d overdue`;
  if (days === 0) return 'renewal today';
  return `renewal ${days} d`;
}

/**
 * The stage in the partner line: `Launch m2`, `Ramp-Up m5`, `Steady-State`, `Renewal window`,
 * `Expired`, `Pre-launch`; empty when unknown (the tooltip says why).
 */
export function stageText(p: PartnerSummary): string {
  const s = p.stage;
  if (!s || s.stage === null) return '';
  return (s.stage === 'launch' || s.stage === 'ramp-up') && s.month !== null ? `${s.label} m${s.month}` : s.label;
}

/** The partner line's description: `🟢 92 ↗ +6 · renewal 45 d · Renewal window · 2 overdue`. */
export function partnerDescription(p: PartnerSummary): string {
  const parts: string[] = [];
  const h = p.latestHealth;
  parts.push([h ? `${BADGE[h.band]} ${round(h.score)}` : '— no health', trendArrow(p.healthTrend)].filter(Boolean).join(' '));
  const renewal = renewalText(p.daysToRenewal);
  if (renewal) parts.push(renewal);
  const stage = stageText(p);
  if (stage) parts.push(stage);
  if (p.overdueActions) parts.push(`${p.overdueActions} overdue`);
  return parts.join(' · ');
}

export class PartnersTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: WorkspaceIndexService) {
    this.subscription = service.onDidChange(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const index = await this.service.ready();
      return [...index.partners]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((partner) => ({ type: 'partner', partner }));
    }
    if (node.type === 'partner') {
      // Newest quarter first: that is what a manager opens.
      return [...node.partner.docs].reverse().map((doc) => ({ type: 'document', partner: node.partner, doc }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'partner') {
      const p = node.partner;
      const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `partner:${p.key}`;
      item.description = partnerDescription(p);
      item.tooltip = partnerTooltip(p);
      item.contextValue = 'partner';
      // The health badge is in the description (emoji + number): the icon stays neutral.
      item.iconPath = new vscode.ThemeIcon('organization');
      item.accessibilityInformation = { label: `${p.name}: ${accessibleSummary(p)}` };
      return item;
    }
    const { doc } = node;
    const label = `${doc.period?.label ?? doc.date ?? 'Undated'} · ${KIND_LABEL[doc.kind] ?? doc.kind}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `doc:${doc.path}`;
    const uri = this.service.uriOf(doc.path);
    item.resourceUri = uri;
    item.description = [doc.health ? `${BADGE[doc.health.band]} ${round(doc.health.score)}` : '', doc.path.split('/').pop() ?? ''].filter(Boolean).join('  ');
    item.tooltip = documentTooltip(doc);
    item.contextValue = 'partnershipDocument';
    item.iconPath = new vscode.ThemeIcon(doc.kind === 'issue' ? 'issues' : doc.kind === 'status-report' ? 'pulse' : doc.kind === 'launch-plan' ? 'rocket' : 'graph');
    if (uri) item.command = { command: OPEN_DOCUMENT, title: 'Open', arguments: [uri, doc.titleLine] };
    return item;
  }

  getParent(node: Node): Node | undefined {
    return node.type === 'document' ? { type: 'partner', partner: node.partner } : undefined;
  }
}

function accessibleSummary(p: PartnerSummary): string {
  const h = p.latestHealth;
  const parts = [h ? `health ${round(h.score)} ${BAND_LABEL[h.band]}` : 'no health score'];
  if (p.healthTrend !== null) parts.push(`trend ${p.healthTrend >= 0 ? 'up' : 'down'} ${Math.abs(round(p.healthTrend))} points`);
  if (p.daysToRenewal !== null) parts.push(renewalText(p.daysToRenewal).replace(' d', ' days'));
  const stage = stageText(p).replace(/ m(\d+)$/, ', month $1');
  if (stage) parts.push(`stage ${stage}`);
  parts.push(`${p.overdueActions} overdue actions`, `${p.redKpis} red KPIs`);
  return parts.join(', ');
}

function partnerTooltip(p: PartnerSummary): vscode.MarkdownString {
  const h = p.latestHealth;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(p.name)}**\n\n`);
  md.appendMarkdown(`| | |\n| --- | --- |\n`);
  md.appendMarkdown(`| Latest health | ${h ? `${BADGE[h.band]} ${round(h.score)} ${BAND_LABEL[h.band]} (${h.source === 'kpi-table' ? 'KPI table' : 'health score'})` : '—'} |\n`);
  md.appendMarkdown(`| Trend | ${p.healthTrend === null ? '—' : `${trendArrow(p.healthTrend)} points vs previous`} |\n`);
  md.appendMarkdown(`| Renewal | ${p.renewalDate ? `${p.renewalDate} (${renewalText(p.daysToRenewal)})` : '—'} |\n`);
  if (p.stage) {
    md.appendMarkdown(`| Lifecycle stage | ${cell(describeStage(p.stage))}${p.start && p.startFrom ? ` (start date from ${cell(p.startFrom)})` : ''} |\n`);
    md.appendMarkdown(`| What now | ${cell(STAGE_FOCUS[p.stage.stage ?? 'unknown'])} |\n`);
  }
  md.appendMarkdown(`| Overdue actions | ${p.overdueActions} |\n`);
  md.appendMarkdown(`| Red KPIs | ${p.redKpis} |\n`);
  md.appendMarkdown(`| Documents | ${p.docs.length} |\n`);
  return md;
}

function documentTooltip(d: IndexedDoc): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(d.path)}**\n\n`);
  if (d.health) md.appendMarkdown(`Health ${BADGE[d.health.band]} ${round(d.health.score)} · `);
  md.appendMarkdown(`${d.kpis.length} KPIs · ${d.redKpis} red · ${d.actions.filter((a) => a.open).length} open actions · ${d.overdueActions} overdue`);
  return md;
}

/** Text for a markdown table cell (pipes escaped, one line). */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Opens `uri` with the cursor on `line` (1-based). */
export async function openAtLine(uri: vscode.Uri, line = 1): Promise<vscode.TextEditor> {
  const pos = new vscode.Position(Math.max(0, line - 1), 0);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
}
