/** Typed access to the extension's own settings (`partnershipDocs.*`). */
import * as vscode from 'vscode';
import type { PartialConfig } from '../core/index';

export const SECTION = 'partnershipDocs';

/** Documents above this many MB are not linted on open, while typing or on save. */
export const DEFAULT_MAX_FILE_SIZE_MB = 2;

export type DocumentTypeKey = 'qbr' | 'statusReport' | 'issue' | 'launchPlan';

export const DEFAULT_PATHS: Record<DocumentTypeKey, string> = {
  qbr: 'partnerships/${partnerSlug}/${year}-Q${quarter}-qbr.md',
  statusReport: 'partnerships/${partnerSlug}/${year}-Q${quarter}-status-report.md',
  issue: 'partnerships/${partnerSlug}/${date}-issue.md',
  launchPlan: 'partnerships/${partnerSlug}/${date}-launch-plan.md',
};

export interface ExtensionSettings {
  /** The config keys shared with `.partnership-docs.json` (only the ones the user set). */
  config: PartialConfig;
  lintOnSaveOnly: boolean;
  maxFileSizeMB: number;
  newDocumentPath: Record<DocumentTypeKey, string>;
}

const CONFIG_KEYS = ['rules', 'thresholds', 'metrics', 'dateOrder', 'owners', 'lintAllMarkdown', 'partners', 'kpiColumns', 'statusWords', 'lowerIsBetter', 'higherIsBetter', 'sectionEquivalents'] as const;

export function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const i = c.inspect(key);
    const set = i && [i.workspaceFolderValue, i.workspaceValue, i.globalValue].some((v) => v !== undefined);
    if (!set) continue;
    const value = c.get(key);
    // Empty objects from the defaults layer mean "nothing set".
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    config[key] = value;
  }
  const paths = c.get<Partial<Record<DocumentTypeKey, string>>>('newDocumentPath') ?? {};
  return {
    config: config as PartialConfig,
    lintOnSaveOnly: c.get<boolean>('lintOnSaveOnly', false),
    maxFileSizeMB: c.get<number>('maxFileSizeMB', DEFAULT_MAX_FILE_SIZE_MB),
    newDocumentPath: { ...DEFAULT_PATHS, ...paths },
  };
}
