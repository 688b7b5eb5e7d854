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
import { Linter } from './diagnostics';
import { Hovers } from './hover';
import { HealthStatus } from './statusBar';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface PartnershipDocsApi {
  linter: Linter;
  activatedInMs: number;
}

export function activate(context: vscode.ExtensionContext): PartnershipDocsApi {
  const started = performance.now();
  const configs = new ConfigService();
  const linter = new Linter(configs);
  context.subscriptions.push(
    configs,
    linter,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new CodeActions(linter), CodeActions.metadata),
    vscode.languages.registerHoverProvider(MARKDOWN, new Hovers(linter)),
    vscode.languages.registerCodeLensProvider(MARKDOWN, new CodeLenses(linter)),
    new HealthStatus(linter),
  );
  registerCommands(context, linter);
  return { linter, activatedInMs: performance.now() - started };
}

export function deactivate(): void {}
