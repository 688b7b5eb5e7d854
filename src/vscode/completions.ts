/**
 * Completions while typing in partnership documents (#13): the core's `completionsAt` on the
 * version's snapshot, with what only the extension knows — the workspace index's owners, the
 * previous quarter's QBR of the same partner and the partner's next QBR date.
 *
 * Registered with trigger characters (`|`, `:` and space), so the items pop up as you type even
 * though VS Code turns quick suggestions off for Markdown; outside the core's contexts the
 * provider returns nothing (and asks for no analysis: `mayComplete` looks at the line first).
 */
import * as vscode from 'vscode';
import {
  completionsAt,
  indexSnapshot,
  mayComplete,
  previousQbr,
  type CompletionContext,
  type CompletionItem,
  type CompletionKind,
  type Snapshot,
  type WorkspaceIndex,
} from '../core/index';
import { toRange } from './adapter';
import type { Linter } from './diagnostics';
import type { WorkspaceIndexService } from './workspaceIndex';

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  status: vscode.CompletionItemKind.EnumMember,
  trend: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.EnumMember,
  owner: vscode.CompletionItemKind.User,
  date: vscode.CompletionItemKind.Constant,
  snippet: vscode.CompletionItemKind.Snippet,
};

export class Completions implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['|', ':', ' '];

  constructor(
    private readonly linter: Linter,
    private readonly index: WorkspaceIndexService,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const line = doc.lineAt(position.line).text;
    if (!mayComplete(line.slice(0, position.character))) return undefined;
    const state = await this.linter.ensure(doc);
    if (!state?.snapshot || state.skipped || token.isCancellationRequested || state.version !== doc.version) return undefined;
    const snap = state.snapshot;
    if (!snap.checked) return undefined;
    const items = completionsAt(snap, doc.offsetAt(position), this.contextFor(doc, snap, line));
    if (items.length === 0) return undefined;
    return new vscode.CompletionList(items.map((i) => toItem(doc, i)), false);
  }

  /** Owners used in the workspace, and (in a table row) the previous quarter's KPIs, the next QBR. */
  private contextFor(doc: vscode.TextDocument, snap: Snapshot, line: string): CompletionContext {
    const index = this.index.current;
    const context: CompletionContext = { workspaceOwners: workspaceOwners(index) };
    // The document's own index entry (partner, period) only where a trend or a date may be offered.
    const entry = /^[ \t>]*\|/.test(line) || /\b(?:due|timeline|deadline|target date)\b/i.test(line) || line.trim().length <= 6 ? indexSnapshot(pathOf(doc.uri), snap) : null;
    if (!entry) return context;
    const prev = entry.kind === 'qbr' && entry.period && entry.partnerSource !== 'none' ? previousQbr(index, entry) : null;
    if (prev?.period && entry.period && prev.period.ordinal === entry.period.ordinal - 1) {
      context.previousKpis = prev.kpis;
      context.previousLabel = prev.period.label;
    }
    const today = snap.today.getTime();
    const partner = index.partners.find((p) => p.key === entry.partnerKey);
    const next = partner?.docs
      .filter((d) => d.path !== entry.path && d.nextQbr !== null)
      .map((d) => d.nextQbr!)
      .filter((iso) => new Date(`${iso}T00:00:00`).getTime() >= today)
      .sort()[0];
    if (next && entry.partnerSource !== 'none') context.nextQbr = next;
    return context;
  }
}

/** Every owner written in the indexed documents (repeats kept: the most used come first). */
function workspaceOwners(index: WorkspaceIndex): string[] {
  const out: string[] = [];
  for (const d of index.docs.values()) for (const a of d.actions) if (a.owner) out.push(a.owner);
  return out;
}

/** The document's path as the workspace index keys it (WorkspaceIndexService.pathOf). */
function pathOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function toItem(doc: vscode.TextDocument, i: CompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(i.label, KINDS[i.kind]);
  item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
  item.range = toRange(doc, i.start, i.end);
  item.detail = i.detail;
  if (i.documentation) item.documentation = i.documentation;
  item.sortText = i.sortText;
  item.filterText = i.filterText;
  if (i.preselect) item.preselect = true;
  return item;
}
