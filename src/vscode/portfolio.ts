/**
 * Everything beyond one file, wired in one place: the workspace index (+ cross-document
 * diagnostics), the Partnerships view, the Portfolio dashboard, New QBR from the previous QBR
 * and the Markdown preview plugin. extension.ts calls `registerPortfolio` and returns its API.
 */
import * as vscode from 'vscode';
import type { ConfigService } from './config';
import { Dashboard, OPEN_DASHBOARD } from './dashboard';
import type { Linter } from './diagnostics';
import { setPreviousQbrLookup } from './newDocument';
import { OPEN_DOCUMENT, openAtLine, PARTNERS_VIEW, PartnersTreeProvider, REFRESH_PARTNERS, type Node } from './partnersTree';
import { parseCache } from './parseCache';
import { partnershipPreviewPlugin, type MarkdownItLike } from './preview';
import { WorkspaceIndexService } from './workspaceIndex';

export interface PortfolioApi {
  workspaceIndex: WorkspaceIndexService;
  partnersTree: PartnersTreeProvider;
  dashboard: Dashboard;
  /** Called by VS Code's Markdown extension (`markdown.markdownItPlugins`). */
  extendMarkdownIt<T>(md: T): T;
}

export function registerPortfolio(context: vscode.ExtensionContext, configs: ConfigService, linter: Linter): PortfolioApi {
  const service = new WorkspaceIndexService(configs, linter);
  const tree = new PartnersTreeProvider(service);
  const view = vscode.window.createTreeView<Node>(PARTNERS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const dashboard = new Dashboard(context.extensionUri, service);
  const updateMessage = () => {
    const n = service.current.partners.length;
    view.description = n ? `${n} partner${n === 1 ? '' : 's'}` : undefined;
  };
  context.subscriptions.push(
    service,
    tree,
    view,
    dashboard,
    service.onDidChange(updateMessage),
    // Lazy start: the view is shown.
    view.onDidChangeVisibility((e) => { if (e.visible) void service.start(); }),
    vscode.commands.registerCommand(OPEN_DASHBOARD, () => dashboard.open()),
    vscode.commands.registerCommand(REFRESH_PARTNERS, async () => { await service.rebuild(); tree.refresh(); }),
    vscode.commands.registerCommand(OPEN_DOCUMENT, (uri: vscode.Uri, line?: number) => openAtLine(uri, line)),
    { dispose: () => setPreviousQbrLookup(undefined) },
  );
  if (view.visible) void service.start();
  setPreviousQbrLookup((partner, quarter, year, near) => service.previousQbr(partner, quarter, year, near));

  return {
    workspaceIndex: service,
    partnersTree: tree,
    dashboard,
    extendMarkdownIt<T>(md: T): T {
      partnershipPreviewPlugin(md as unknown as MarkdownItLike, {
        // An open document's text (VS Code's Markdown extension parses with an empty env, so the
        // document is found by its text): the version's snapshot, the one the linter and every
        // other feature read — with the document's configuration. Over the live-lint size limit
        // (false): no analysis on the host's thread, the preview stays plain.
        snapshotFor: (src, env) => {
          const uri = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
          const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          return doc ? linter.snapshotNow(doc, src) : linter.snapshotOfText(src);
        },
        // Any other text: the extension's one section cache (re-parses only edited sections).
        optionsFor: () => ({ cache: parseCache }),
      });
      return md;
    },
  };
}
