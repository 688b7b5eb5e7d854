/** Command handlers (category "Partnership Docs"). Each accepts its inputs as an argument object. */
import * as vscode from 'vscode';
import { rules, type OffsetEdit } from '../core/index';
import { canonicalStatus } from '../core/values';
import { openDocument } from './adapter';
import { APPLY_EDITS, APPLY_SNIPPET, applyEditsCommand, applySnippetCommand, FIX_ALL, fixAllCommand, OPEN_RULE_DOCS, replaceWith } from './codeActions';
import { RECALCULATE, SHOW_BREAKDOWN } from './codeLens';
import { formatMB, LINT_NOW, ruleDocUri, type Linter } from './diagnostics';
import { Cancelled } from './backgroundLint';
import { platform } from './platform/platform';
import { BADGE, insightFor } from './insight';
import { newDocument, type NewDocumentArgs } from './newDocument';
import { recalculate } from './recalculate';

export function registerCommands(context: vscode.ExtensionContext, linter: Linter): void {
  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('partnershipDocs.newQbr', (args?: NewDocumentArgs) => newDocument('qbr', context.globalState, args));
  reg('partnershipDocs.newStatusReport', (args?: NewDocumentArgs) => newDocument('status-report', context.globalState, args));
  reg('partnershipDocs.newIssue', (args?: NewDocumentArgs) => newDocument('issue', context.globalState, args));
  reg('partnershipDocs.newLaunchPlan', (args?: NewDocumentArgs) => newDocument('launch-plan', context.globalState, args));
  reg(RECALCULATE, (args?: { uri?: string; table?: number }) => recalculateCommand(linter, args));
  reg('partnershipDocs.checkWorkspace', () => checkWorkspace(linter));
  reg(APPLY_EDITS, (uri: vscode.Uri, version: number, edits: OffsetEdit[]) => applyEditsCommand(uri, version, edits));
  reg(APPLY_SNIPPET, (uri: vscode.Uri, version: number, edit: OffsetEdit, roster?: string[]) => applySnippetCommand(uri, version, edit, roster));
  reg(FIX_ALL, (uri?: vscode.Uri, version?: number) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    return target ? fixAllCommand(linter, target, version) : false;
  });
  reg(OPEN_RULE_DOCS, (ruleId?: string) => openRuleDocs(ruleId));
  reg(SHOW_BREAKDOWN, (uri?: vscode.Uri) => showBreakdown(linter, uri));
  reg(LINT_NOW, (uri?: vscode.Uri | string) => lintNowCommand(linter, uri));
}

async function documentFor(uri?: string | vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  return vscode.window.activeTextEditor?.document;
}

/** Returns true when the document changed. */
async function recalculateCommand(linter: Linter, args: { uri?: string; table?: number } = {}): Promise<boolean> {
  const doc = await documentFor(args.uri);
  if (!doc) { void vscode.window.showWarningMessage('Partnership Docs: open a partnership document first.'); return false; }
  const state = await linter.ensure(doc);
  if (!state?.kind || state.skipped || !state.snapshot) {
    void vscode.window.showWarningMessage(`Partnership Docs: ${state?.skipped ?? 'this is not a partnership document'}.`);
    return false;
  }
  const after = recalculate(state.snapshot, args.table);
  if (after.text === state.snapshot.text) {
    void vscode.window.setStatusBarMessage('Partnership Docs: KPI statuses are up to date', 3000);
    return false;
  }
  return replaceWith(doc, state.version, state.snapshot, after); // false when the document moved on
}

export interface LintNowSummary { findings: number; ms: number; inWorker: boolean; cancelled: boolean }

/**
 * "Lint This Document Now": one lint of the active (or given) document whatever its size, in a
 * worker thread, with a cancellable progress notification. For documents above
 * partnershipDocs.maxFileSizeMB this is the only way they are linted.
 */
async function lintNowCommand(linter: Linter, uri?: vscode.Uri | string): Promise<LintNowSummary | undefined> {
  const doc = await documentFor(uri);
  if (!doc || doc.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('Partnership Docs: open a markdown document first.');
    return undefined;
  }
  const size = formatMB(platform().utf8Length(doc.getText()));
  try {
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Partnership Docs: linting ${vscode.workspace.asRelativePath(doc.uri)} (${size})`, cancellable: true },
      (_progress, token) => linter.lintOnDemand(doc, token),
    );
    if (!r) return undefined;
    void vscode.window.setStatusBarMessage(`Partnership Docs: ${r.findings.length} problem${r.findings.length === 1 ? '' : 's'} (linted in ${(r.ms / 1000).toFixed(1)} s)`, 5000);
    return { findings: r.findings.length, ms: r.ms, inWorker: r.inWorker, cancelled: false };
  } catch (e) {
    if (e instanceof Cancelled) return { findings: 0, ms: 0, inWorker: false, cancelled: true };
    void vscode.window.showErrorMessage(`Partnership Docs: linting failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

export interface CheckSummary { files: number; findings: number; cancelled: boolean }

async function checkWorkspace(linter: Linter): Promise<CheckSummary> {
  const summary: CheckSummary = { files: 0, findings: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Partnership Docs: checking workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/{node_modules,.git}/**', undefined, token);
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) { summary.cancelled = true; break; }
        progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
        const open = openDocument(uri);
        summary.findings += open ? (await linter.ensure(open))?.findings.length ?? 0 : await linter.lintFile(uri);
        summary.files++;
      }
    },
  );
  void vscode.window.showInformationMessage(
    `Partnership Docs: ${summary.findings} problem${summary.findings === 1 ? '' : 's'} in ${summary.files} markdown file${summary.files === 1 ? '' : 's'}${summary.cancelled ? ' (cancelled)' : ''}.`,
    'Show Problems',
  ).then((c) => { if (c) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
  return summary;
}

async function openRuleDocs(ruleId?: string): Promise<boolean> {
  let id = ruleId;
  if (!id) {
    const pick = await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, detail: r.description })), { title: 'Partnership Docs: rule documentation', matchOnDetail: true });
    id = pick?.label;
  }
  const page = id ? ruleDocUri(id) : undefined;
  if (!page) return false;
  // The page as rendered markdown, beside the document; the raw file if the built-in Markdown
  // extension is disabled.
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
  return true;
}

async function showBreakdown(linter: Linter, uri?: vscode.Uri): Promise<void> {
  const doc = await documentFor(uri);
  const state = doc && (await linter.ensure(doc));
  if (!doc || !state?.kind) return;
  const insight = insightFor(state);
  type Item = vscode.QuickPickItem & { offset?: number };
  const items: Item[] = [];
  insight.tables.forEach((t, i) => {
    items.push({ label: insight.lenses[i]?.title ?? 'KPI table', kind: vscode.QuickPickItemKind.Separator });
    for (const r of t.rows) {
      const computed = r.computed && r.attainment !== null ? canonicalStatus(r.computed, r.attainment) : 'not computable';
      items.push({ label: r.metric || '(no metric)', description: computed, detail: `stated: ${r.statusCell?.text || '—'}`, offset: r.start });
    }
  });
  for (const b of insight.blocks) {
    items.push({ label: `Health score ${b.total?.value ?? '—'}/100${b.band ? ` ${BADGE[b.band]}` : ''}`, kind: vscode.QuickPickItemKind.Separator });
    for (const p of b.parts) items.push({ label: p.name, description: `${p.score?.value ?? '—'}/${p.max}`, offset: p.line.start });
  }
  if (items.length === 0) { void vscode.window.showInformationMessage('Partnership Docs: no KPI table or health score in this document.'); return; }
  const pick = await vscode.window.showQuickPick(items, { title: `Health breakdown: ${vscode.workspace.asRelativePath(doc.uri)}` });
  if (pick?.offset !== undefined) {
    const editor = await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(pick.offset);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
