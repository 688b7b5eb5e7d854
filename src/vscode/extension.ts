/**
 * Partnership Docs for VS Code: the only module tree that imports 'vscode'. Wires the core
 * (lint, fixes, templates, analysis) to diagnostics, code actions, hovers, CodeLens, commands
 * and the status bar.
 */
import * as vscode from 'vscode';
import { CodeActions } from './codeActions';
import { CodeLenses } from './codeLens';
import { registerCommands } from './commands';
import { ConfigService } from './config';
import { Linter, setDocsRoot, type LintTiming } from './diagnostics';
import { Hovers } from './hover';
import { registerPortfolio, type PortfolioApi } from './portfolio';
import { HealthStatus } from './statusBar';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface PartnershipDocsApi extends PortfolioApi {
  linter: Linter;
  activatedInMs: number;
  /** The latest lint passes while typing/opening (lint ms and whole-pass ms), oldest first. */
  lastLintTimings(): LintTiming[];
  /** The status bar item's text and tooltip (undefined when hidden). */
  statusBar(): { text: string; tooltip: string } | undefined;
}

export function activate(context: vscode.ExtensionContext): PartnershipDocsApi {
  const started = performance.now();
  setDocsRoot(context.extensionUri);
  const configs = new ConfigService();
  const linter = new Linter(configs);
  const health = new HealthStatus(linter);
  context.subscriptions.push(
    configs,
    linter,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new CodeActions(linter), CodeActions.metadata),
    vscode.languages.registerHoverProvider(MARKDOWN, new Hovers(linter)),
    vscode.languages.registerCodeLensProvider(MARKDOWN, new CodeLenses(linter)),
    health,
  );
  registerCommands(context, linter);
  const portfolio = registerPortfolio(context, configs, linter);
  return {
    ...portfolio,
    linter,
    activatedInMs: performance.now() - started,
    lastLintTimings: () => linter.lastLintTimings(),
    statusBar: () => health.visible ? { text: health.item.text, tooltip: String(health.item.tooltip ?? '') } : undefined,
  };
}

export function deactivate(): void {}
