/**
 * Partnership Docs for VS Code, shared by both hosts (the entry files extension.ts and
 * extension.web.ts set the platform, see platform/platform.ts): the only module tree that imports 'vscode'. Wires the core
 * (lint, fixes, templates, analysis) to diagnostics, code actions, hovers, CodeLens, commands
 * and the status bar.
 */
import * as vscode from 'vscode';
import { CodeActions } from './codeActions';
import { CodeLenses } from './codeLens';
import { Completions } from './completions';
import { registerCommands } from './commands';
import { setConfigService } from './newDocument';
import { ConfigService } from './config';
import { Linter, setDocsRoot, type LintTiming } from './diagnostics';
import { Hovers } from './hover';
import { registerPortfolio, type PortfolioApi } from './portfolio';
import { HealthStatus } from './statusBar';
import { engineStats, trackModelBuilds, type EngineStats } from '../core/index';
import { platform } from './platform/platform';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface PartnershipDocsApi extends PortfolioApi {
  linter: Linter;
  activatedInMs: number;
  /** The latest lint passes while typing/opening (lint ms and whole-pass ms), oldest first. */
  lastLintTimings(): LintTiming[];
  /** The status bar item's text and tooltip (undefined when hidden). */
  statusBar(): { text: string; tooltip: string } | undefined;
  /**
   * The core's counters in this extension host: model builds, in all and (when the host runs
   * with PARTNERSHIP_DOCS_ENGINE_STATS=1, as the integration suites do) per text.
   */
  engineStats(): EngineStats;
  /** Which extension host runs the extension: 'node' (desktop, remote) or 'web' (web worker). */
  host: 'node' | 'web';
}

export function activate(context: vscode.ExtensionContext): PartnershipDocsApi {
  const started = performance.now();
  if (platform().env('PARTNERSHIP_DOCS_ENGINE_STATS') === '1') trackModelBuilds(true);
  setDocsRoot(context.extensionUri);
  const configs = new ConfigService();
  setConfigService(configs);
  const linter = new Linter(configs);
  const health = new HealthStatus(linter);
  const hovers = new Hovers(linter);
  context.subscriptions.push(
    configs,
    linter,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new CodeActions(linter), CodeActions.metadata),
    vscode.languages.registerHoverProvider(MARKDOWN, hovers),
    vscode.languages.registerCodeLensProvider(MARKDOWN, new CodeLenses(linter)),
    health,
  );
  registerCommands(context, linter);
  const portfolio = registerPortfolio(context, configs, linter);
  // The lifecycle stage from all of a partner's documents (the start date may be in the launch plan).
  const partnerOf = (uri: vscode.Uri) => portfolio.workspaceIndex.partnerOf(uri);
  hovers.partnerOf = partnerOf;
  health.usePartners(partnerOf, portfolio.workspaceIndex.onDidChange);
  // Completions as you type (trigger characters: Markdown has quick suggestions off), partnership documents only.
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new Completions(linter, portfolio.workspaceIndex), ...Completions.triggerCharacters),
  );
  return {
    ...portfolio,
    linter,
    activatedInMs: performance.now() - started,
    lastLintTimings: () => linter.lastLintTimings(),
    statusBar: () => health.visible ? { text: health.item.text, tooltip: String(health.item.tooltip ?? '') } : undefined,
    engineStats,
    host: platform().host,
  };
}

export function deactivate(): void {}
