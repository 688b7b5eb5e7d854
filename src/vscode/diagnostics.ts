/**
 * Linting open documents: on open, while typing (debounced) or on save only, dropping results
 * computed for an older version; findings become Diagnostics. The latest version's snapshot per
 * document is kept (LintState.snapshot: its model, findings and analyses) so code actions,
 * hovers, CodeLens, the status bar, Recalculate and the preview read it instead of analysing the
 * text again: one model build per document version in the extension host (see snapshots.ts).
 */
import * as vscode from 'vscode';
import { parseCache } from './parseCache';
import { lint, rules, type Finding, type LintOptions, type LintResult, type Snapshot } from '../core/index';
import { snapshots } from './snapshots';
import { textPositions, toRange } from './adapter';
import type { BackgroundResult, Cancellation } from './backgroundLint';
import { platform } from './platform/platform';
import type { ConfigService } from './config';
import { readSettings } from './settings';

export const SOURCE = 'partnership-docs';
export const DEBOUNCE_MS = 300;
export const MB = 1024 * 1024;
/** Command "Partnership Docs: Lint This Document Now". */
export const LINT_NOW = 'partnershipDocs.lintNow';

/** A document above partnershipDocs.maxFileSizeMB: not linted on open, while typing or on save. */
export interface LargeDocument {
  /** UTF-8 size of the text. */
  bytes: number;
  limitMB: number;
}

/** The last "Lint This Document Now" of a large document (its diagnostics stay until the next one). */
export interface OnDemandLint {
  version: number;
  findings: number;
  ms: number;
  inWorker: boolean;
}

/** Timing of one lint pass in the extension host (tests and the bench read these). */
export interface LintTiming {
  uri: string;
  chars: number;
  /** The core's lint() call. */
  lintMs: number;
  /** The whole synchronous pass: getText, lint, diagnostics, and the listeners of onDidUpdate. */
  passMs: number;
  /** Sections parsed by this pass (misses of the document's section cache): 1 for a keystroke. */
  sectionsParsed: number;
  /**
   * The pass's number (1, 2, …, never reused): only the last TIMINGS_KEPT passes are kept, so a
   * reader marks where it starts by number, not by position in the list.
   */
  pass: number;
}
const TIMINGS_KEPT = 500;

export interface LintState {
  uri: vscode.Uri;
  version: number;
  /**
   * The version's snapshot: its text, the options it was linted with, the model, the findings and
   * the analyses every editor feature reads. Undefined when the configuration is broken. For a
   * document above the size limit (not linted on the host) it is built on first read, once.
   */
  readonly snapshot: Snapshot | undefined;
  kind: LintResult['kind'];
  findings: readonly Finding[];
  /** Set when linting did not run (broken configuration, file too large). */
  skipped?: string;
  /** Set when the document is above the size limit (then `skipped` is set too). */
  large?: LargeDocument;
}

const ruleIdSet = new Set(rules.map((r) => r.id));
let docsRoot: vscode.Uri | undefined;
/** Where the rule pages ship inside the extension (`docs/rules/<id>.md`); set at activation. */
export function setDocsRoot(extensionUri: vscode.Uri): void {
  docsRoot = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  targets.clear();
}
/**
 * A rule's documentation page: the copy inside the installed extension, so it opens offline and
 * matches the version installed (the Problems panel's link and "Open documentation").
 */
export function ruleDocUri(ruleId: string): vscode.Uri | undefined {
  return docsRoot && ruleIdSet.has(ruleId) ? vscode.Uri.joinPath(docsRoot, `${ruleId}.md`) : undefined;
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
  /** What `collection` shows per document (see publish). */
  private readonly published = new Map<string, vscode.Diagnostic[]>();
  private readonly states = new Map<string, LintState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  /** The newest lint request per document, for requests it overtook (see lintNow). */
  private readonly inflight = new Map<string, { generation: number; request: Promise<LintState | undefined> }>();
  private readonly pendingPublish = new Set<string>();
  private readonly onDemand = new Map<string, OnDemandLint>();
  private readonly running = new Set<string>();
  private readonly timings: LintTiming[] = [];
  private passes = 0;
  /** The options of each document's last lint (for a snapshot needed before the next lint, see snapshotNow). */
  private readonly lastOptions = new Map<string, LintOptions>();
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
          const doc = uri && !this.states.has(uri) && !this.inflight.has(uri) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
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

  /**
   * Lints the document's current version. A request overtaken by a newer one for the same
   * document (a hover right after the document opened, while the open's lint waits for the
   * configuration) answers with the newer request's state instead of nothing.
   */
  lintNow(doc: vscode.TextDocument, publish = true): Promise<LintState | undefined> {
    if (!isMarkdown(doc) || doc.uri.scheme === 'git' || doc.uri.scheme === 'output') return Promise.resolve(undefined);
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    // A request that publishes must not be lost when a non-publishing one overtakes it.
    if (publish) this.pendingPublish.add(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const entry = { generation, request: this.lintRequest(doc, key, generation) };
    this.inflight.set(key, entry);
    const done = () => { if (this.inflight.get(key) === entry) this.inflight.delete(key); };
    entry.request.then(done, done); // (a rejection still reaches the caller through `request`)
    return entry.request;
  }

  private async lintRequest(doc: vscode.TextDocument, key: string, generation: number): Promise<LintState | undefined> {
    const version = doc.version;
    const resolved = await this.configs.resolve(doc.uri);
    // A newer request (or an edit, or a close) overtook this one: drop this result and answer
    // with the newer request's.
    if (this.generations.get(key) !== generation || doc.isClosed || doc.version !== version) {
      const newer = this.inflight.get(key);
      return this.stateFor(doc) ?? (newer && newer.generation > generation && !doc.isClosed ? newer.request : undefined);
    }

    const passStarted = performance.now();
    const text = doc.getText();
    const base = { uri: doc.uri, version, kind: null, findings: [] as readonly Finding[] };
    let state: LintState;
    let lintMs: number | undefined;
    let sectionsParsed = 0;
    const large = resolved.ok ? this.largeDocument(doc, text) : undefined;
    if (!resolved.ok) {
      state = { ...base, snapshot: undefined, skipped: resolved.message };
    } else {
      const options: LintOptions = { path: vscode.workspace.asRelativePath(doc.uri), config: resolved.config, cache: parseCache };
      this.lastOptions.set(key, options);
      if (large) {
        // Not analysed on the host's thread unless a feature asks (none does above the limit).
        let lazy: Snapshot | undefined;
        state = { ...base, large, get snapshot() { return (lazy ??= snapshots.for(key, text, options)); },
          skipped: `${formatMB(large.bytes)} is larger than partnershipDocs.maxFileSizeMB (${large.limitMB} MB): not linted while typing; run "Partnership Docs: Lint This Document Now"` };
      } else {
        this.onDemand.delete(key);
        const misses = parseCache.misses;
        const lintStarted = performance.now();
        // The version's snapshot (built here, or earlier by the preview or the index: not again).
        const snap = snapshots.for(key, text, options);
        const result = snap.result;
        lintMs = performance.now() - lintStarted;
        sectionsParsed = parseCache.misses - misses;
        state = { ...base, snapshot: snap, kind: result.kind, findings: result.findings };
      }
    }
    this.states.set(key, state);
    // A large document keeps the diagnostics of its last on-demand lint (if any); otherwise its
    // old diagnostics are cleared.
    if (this.pendingPublish.delete(key) && !(large && this.onDemand.has(key))) this.publish(doc.uri, toDiagnostics(doc, state.findings));
    this.updated.fire(doc.uri);
    if (lintMs !== undefined) this.recordTiming({ uri: key, chars: text.length, lintMs, passMs: performance.now() - passStarted, sectionsParsed });
    return state;
  }

  /**
   * The snapshot of `doc` at `text` (its current text) for a feature that cannot wait for the
   * lint — the Markdown preview renders synchronously: the lint's when it ran for this version,
   * else built now with the options of the document's last lint (the lint of the version then
   * reuses it). `false` when the document is not analysed on the host (above the size limit,
   * broken configuration); undefined when the lint of this version analysed another text.
   */
  snapshotNow(doc: vscode.TextDocument, text: string): Snapshot | false | undefined {
    const state = this.stateFor(doc);
    if (state) return state.skipped ? false : state.snapshot?.text === text ? state.snapshot : undefined;
    const key = doc.uri.toString();
    const last = this.states.get(key);
    if ((last?.skipped && !last.large) || this.largeDocument(doc, text)) return false;
    return snapshots.for(key, text, this.lastOptions.get(key) ?? { path: vscode.workspace.asRelativePath(doc.uri), cache: parseCache });
  }

  /**
   * The open document whose text is exactly `text` and its snapshot (see snapshotNow), for the
   * Markdown preview, which is handed the source without the document. `false`: that document is
   * not analysed on the host (the preview stays plain); undefined: no open document has this text.
   */
  snapshotOfText(text: string): Snapshot | false | undefined {
    const key = snapshots.keyOf(text);
    const open = (d: vscode.TextDocument) => !d.isClosed && isMarkdown(d);
    let doc = key === undefined ? undefined : vscode.workspace.textDocuments.find((d) => open(d) && d.uri.toString() === key);
    if (!doc || doc.getText() !== text) doc = vscode.workspace.textDocuments.find((d) => open(d) && d.getText() === text);
    return doc && this.snapshotNow(doc, text);
  }

  /** Size information when `text` is above the document's partnershipDocs.maxFileSizeMB. */
  largeDocument(doc: vscode.TextDocument, text?: string): LargeDocument | undefined {
    const limitMB = readSettings(doc.uri).maxFileSizeMB;
    const limit = limitMB * MB;
    const t = text ?? doc.getText();
    // UTF-8 is at least one byte per UTF-16 unit and at most three: skip the count when clear.
    if (t.length * 3 <= limit) return undefined;
    const bytes = platform().utf8Length(t);
    return bytes > limit ? { bytes, limitMB } : undefined;
  }

  /** The last on-demand lint of a large document, if its diagnostics are shown. */
  onDemandFor(doc: vscode.TextDocument): OnDemandLint | undefined {
    return this.onDemand.get(doc.uri.toString());
  }

  /** True while "Lint This Document Now" runs on the document. */
  isLintingOnDemand(doc: vscode.TextDocument): boolean {
    return this.running.has(doc.uri.toString());
  }

  /**
   * "Lint This Document Now": lints the document once, whatever its size, in a worker thread
   * on the desktop (the extension host stays responsive; in-process on the web, see
   * platform/web.ts), and publishes the diagnostics. For a document above
   * the size limit they stay until it is linted on demand again, shrinks below the limit or closes.
   */
  async lintOnDemand(doc: vscode.TextDocument, token?: Cancellation): Promise<(BackgroundResult & { version: number }) | undefined> {
    if (!isMarkdown(doc)) return undefined;
    const key = doc.uri.toString();
    const resolved = await this.configs.resolve(doc.uri);
    if (!resolved.ok) throw new Error(resolved.message);
    const version = doc.version;
    const text = doc.getText();
    if (!this.largeDocument(doc, text)) {
      // Small enough for the ordinary path (shared state for code actions, hovers, CodeLens).
      const started = performance.now();
      const s = await this.lintNow(doc);
      return s && { kind: s.kind, findings: s.findings, ms: performance.now() - started, inWorker: false, version: s.version };
    }
    this.running.add(key);
    this.updated.fire(doc.uri);
    try {
      const options: LintOptions = { path: vscode.workspace.asRelativePath(doc.uri), config: resolved.config };
      const result = await platform().lintInBackground(text, options, token);
      if (doc.isClosed) return undefined;
      this.onDemand.set(key, { version, findings: result.findings.length, ms: result.ms, inWorker: result.inWorker });
      // Positions of the linted text: the document may have been edited meanwhile.
      this.publish(doc.uri, toDiagnostics(textPositions(text), result.findings));
      return { ...result, version };
    } finally {
      this.running.delete(key);
      this.updated.fire(doc.uri);
    }
  }

  /**
   * Sets a document's diagnostics unless they equal the ones already shown. Typing inside a line
   * often leaves every diagnostic where it was; re-sending thousands of unchanged diagnostics
   * (they are serialised to the renderer) was a large part of a keystroke's cost on the host.
   */
  private publish(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    const key = uri.toString();
    const shown = this.published.get(key);
    if (shown && sameDiagnostics(shown, diagnostics)) return;
    this.published.set(key, diagnostics);
    this.collection.set(uri, diagnostics);
  }

  /** The latest lint passes (oldest first), for tests and the bench. */
  lastLintTimings(): LintTiming[] {
    return [...this.timings];
  }

  private recordTiming(t: Omit<LintTiming, 'pass'>): void {
    this.timings.push({ ...t, pass: ++this.passes });
    if (this.timings.length > TIMINGS_KEPT) this.timings.splice(0, this.timings.length - TIMINGS_KEPT);
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
    this.publish(uri, toDiagnostics(textPositions(text), findings));
    return findings.length;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.states.delete(key);
    this.lastOptions.delete(key);
    snapshots.forget(key);
    this.inflight.delete(key);
    this.pendingPublish.delete(key);
    this.onDemand.delete(key);
    this.collection.delete(uri);
    this.published.delete(uri.toString());
    this.updated.fire(uri);
  }
}

export function formatMB(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const targets = new Map<string, vscode.Uri | undefined>();
/** The rule's docs link as a Uri, parsed once per rule (thousands of findings per pass). */
function ruleTarget(ruleId: string): vscode.Uri | undefined {
  if (!targets.has(ruleId)) targets.set(ruleId, ruleDocUri(ruleId));
  return targets.get(ruleId);
}

export function toDiagnostics(doc: { positionAt(offset: number): vscode.Position }, findings: readonly Finding[]): vscode.Diagnostic[] {
  return findings.map((f) => {
    const d = new vscode.Diagnostic(toRange(doc, f.startOffset, f.endOffset), f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    const target = ruleTarget(f.ruleId);
    d.code = target ? { value: f.ruleId, target } : f.ruleId;
    return d;
  });
}

function sameDiagnostics(a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!x.range.isEqual(y.range) || x.message !== y.message || x.severity !== y.severity || x.source !== y.source ||
      codeValue(x.code) !== codeValue(y.code) || (x.tags?.join() ?? '') !== (y.tags?.join() ?? '')) return false;
  }
  return true;
}

function codeValue(c: vscode.Diagnostic['code']): string {
  return typeof c === 'object' && c !== null ? `${String(c.value)} ${c.target.toString()}` : String(c);
}
