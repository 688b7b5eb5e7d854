/**
 * Linting open documents: on open, while typing (debounced) or on save only, dropping results
 * computed for an older version; findings become Diagnostics. The latest result per document is
 * kept (with the options used) so code actions, hovers, CodeLens and the status bar read the
 * findings instead of linting again.
 */
import * as vscode from 'vscode';
import { createCache, lint, rules, type Finding, type LintOptions, type LintResult, type SectionCache } from '../core/index';
import { textPositions, toRange } from './adapter';
import type { ConfigService } from './config';
import { readSettings } from './settings';

export const SOURCE = 'partnership-docs';
export const DEBOUNCE_MS = 300;

export interface LintState {
  uri: vscode.Uri;
  version: number;
  text: string;
  kind: LintResult['kind'];
  findings: Finding[];
  options: LintOptions;
  /** Set when linting did not run (broken configuration, file too large). */
  skipped?: string;
}

const ruleUrls = new Map(rules.map((r) => [r.id, r.url]));
export function ruleUrl(ruleId: string): string | undefined {
  return ruleUrls.get(ruleId);
}

function isShownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}

export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly states = new Map<string, LintState>();
  private readonly caches = new Map<string, SectionCache>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private readonly pendingPublish = new Set<string>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings changed (CodeLens, status bar). */
  readonly onDidUpdate = this.updated.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly configs: ConfigService) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isMarkdown(e.document) || e.contentChanges.length === 0) return;
        if (readSettings(e.document.uri).lintOnSaveOnly) return;
        this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      // Documents are disposed lazily after their editor closes: clear on the last tab too.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.opened) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined;
          const doc = uri && !this.states.has(uri) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
          if (doc) void this.lintNow(doc);
        }
        for (const tab of e.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && !isShownInTab(uri)) this.forget(uri);
        }
      }),
      configs.onDidChange(() => this.relintAll()),
      this.collection,
      this.updated,
    );
    for (const d of vscode.workspace.textDocuments) void this.lintNow(d);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  /** The findings of `doc` if they belong to its current version. */
  stateFor(doc: vscode.TextDocument): LintState | undefined {
    const s = this.states.get(doc.uri.toString());
    return s && s.version === doc.version ? s : undefined;
  }

  /**
   * The state for the current version, linting now if needed (for code actions, hovers and
   * CodeLens, which need offsets of this version). With lintOnSaveOnly the diagnostics are not
   * republished here: they keep showing the last open/save.
   */
  async ensure(doc: vscode.TextDocument): Promise<LintState | undefined> {
    return this.stateFor(doc) ?? this.lintNow(doc, !readSettings(doc.uri).lintOnSaveOnly);
  }

  /** Re-lints documents that are shown or already linted (not ones whose tab was closed). */
  relintAll(): void {
    for (const d of vscode.workspace.textDocuments) {
      if (this.states.has(d.uri.toString()) || isShownInTab(d.uri)) void this.lintNow(d);
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.lintNow(doc); }, DEBOUNCE_MS));
  }

  async lintNow(doc: vscode.TextDocument, publish = true): Promise<LintState | undefined> {
    if (!isMarkdown(doc) || doc.uri.scheme === 'git' || doc.uri.scheme === 'output') return undefined;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    // A request that publishes must not be lost when a non-publishing one overtakes it.
    if (publish) this.pendingPublish.add(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const version = doc.version;
    const resolved = await this.configs.resolve(doc.uri);
    // A newer request (or an edit, or a close) overtook this one: drop the stale result.
    if (this.generations.get(key) !== generation || doc.isClosed || doc.version !== version) return this.stateFor(doc);

    const text = doc.getText();
    const base = { uri: doc.uri, version, text, kind: null, findings: [] as Finding[] };
    let state: LintState;
    if (!resolved.ok) {
      state = { ...base, options: {}, skipped: resolved.message };
    } else if (text.length > readSettings(doc.uri).maxFileSizeMB * 1024 * 1024) {
      state = { ...base, options: {}, skipped: `larger than partnershipDocs.maxFileSizeMB (${readSettings(doc.uri).maxFileSizeMB} MB)` };
    } else {
      const options: LintOptions = { path: vscode.workspace.asRelativePath(doc.uri), config: resolved.config, cache: this.cacheFor(key) };
      const result = lint(text, options);
      state = { ...base, kind: result.kind, findings: result.findings, options };
    }
    this.states.set(key, state);
    if (this.pendingPublish.delete(key)) this.collection.set(doc.uri, toDiagnostics(doc, state.findings));
    this.updated.fire(doc.uri);
    return state;
  }

  /** Lints a file that is not open (workspace check); diagnostics stay until it is opened and closed. */
  async lintFile(uri: vscode.Uri): Promise<number> {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return 0;
    const resolved = await this.configs.resolve(uri);
    if (!resolved.ok) return 0;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > readSettings(uri).maxFileSizeMB * 1024 * 1024) return 0;
    const text = new TextDecoder().decode(bytes);
    const { findings } = lint(text, { path: vscode.workspace.asRelativePath(uri), config: resolved.config, cache: false });
    this.collection.set(uri, toDiagnostics(textPositions(text), findings));
    return findings.length;
  }

  private cacheFor(key: string): SectionCache {
    let c = this.caches.get(key);
    if (!c) { c = createCache(); this.caches.set(key, c); }
    return c;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.states.delete(key);
    this.pendingPublish.delete(key);
    this.caches.delete(key);
    this.collection.delete(uri);
    this.updated.fire(uri);
  }
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostics(doc: { positionAt(offset: number): vscode.Position }, findings: readonly Finding[]): vscode.Diagnostic[] {
  return findings.map((f) => {
    const d = new vscode.Diagnostic(toRange(doc, f.startOffset, f.endOffset), f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    const url = ruleUrl(f.ruleId);
    d.code = url ? { value: f.ruleId, target: vscode.Uri.parse(url) } : f.ruleId;
    return d;
  });
}
