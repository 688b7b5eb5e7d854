/**
 * The workspace index in the editor: every markdown file of the workspace indexed by the core
 * (`indexDocument` / `buildIndex`), kept current one file at a time (`updateIndex`) from a file
 * watcher and from open editors (unsaved text wins over the file on disk). Cross-document
 * findings (`lintWorkspace`) go to their own DiagnosticCollection ("partnership-docs-workspace")
 * so they never fight with the per-document linter's collection.
 *
 * Lazy: nothing is read until `start()` (a partnership document was linted, the Partnerships
 * view was shown, the dashboard or New QBR asked for it).
 */
import * as vscode from 'vscode';
import { parseCache } from './parseCache';
import { aliasLookup, buildIndex, indexSnapshot, lintWorkspace, partnerKeyOf, updateIndex, type Finding, type IndexedDoc, type LintOptions, type PartnerSummary, type WorkspaceIndex } from '../core/index';
import { snapshots } from './snapshots';
import { textPositions } from './adapter';
import type { ConfigService } from './config';
import { isMarkdown, toDiagnostics, type Linter } from './diagnostics';
import { platform } from './platform/platform';
import { readSettings } from './settings';

export const WORKSPACE_SOURCE = 'partnership-docs-workspace';
const GLOB = '**/*.{md,markdown}';
const EXCLUDE = '**/{node_modules,.git}/**';
/** The index does not need keystroke freshness: re-index an edited document after a pause. */
const EDIT_DEBOUNCE_MS = 1000;
/** How long after a new folder appears its files are read once more (a copy still in progress). */
const FOLDER_SETTLE_MS = 1000;
const PUBLISH_DEBOUNCE_MS = 150;

function isExcluded(uri: vscode.Uri): boolean {
  return /\/(node_modules|\.git)\//.test(uri.path);
}

function isMarkdownPath(uri: vscode.Uri): boolean {
  return /\.(md|markdown)$/i.test(uri.path);
}

export function isoToday(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Entry {
  uri: vscode.Uri;
  text: string;
  options: LintOptions;
  /** The text is an open editor's (editorTextOf), not the file's: its snapshot is the linter's. */
  fromEditor: boolean;
}

/**
 * The document whose editor text is the truth for `uri`, if any: a dirty one (unsaved text wins
 * over the file on disk), or a clean one shown in a tab — what the user sees and what the
 * Problems panel lints. VS Code can mark a document clean whose text is not the file's: an
 * auto-save of an edit that finishes just after the edit was undone leaves the editor with the
 * old text, clean, and the disk with the edit (seen in code-server, whose auto-save is on by
 * default). A clean document without a tab is read from disk: after revert-and-close its text in
 * the extension host can be stale until VS Code disposes it.
 */
function editorTextOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  if (!doc || doc.isDirty) return doc;
  const shown = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
  return shown ? doc : undefined;
}

export class WorkspaceIndexService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(WORKSPACE_SOURCE);
  private index: WorkspaceIndex = { docs: new Map(), partners: [] };
  /** Index path (workspace-relative) → the file and the text it was indexed from. */
  private readonly entries = new Map<string, Entry>();
  private started: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<WorkspaceIndex>();
  /** Fires after the index changed (tree view, dashboard). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private published = new Set<string>();
  /** Partners whose cross-document findings must be recomputed (null: all). */
  private dirtyPartners: Set<string> | null = null;
  private today = isoToday();
  /** The last full build: files found, partnership documents, how many were indexed in the worker, wall ms. */
  lastBuild: { files: number; documents: number; inWorker: number; ms: number } | undefined;
  /** Serialises index updates (each one reads the index the previous one produced). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly configs: ConfigService, linter?: Linter) {
    this.disposables.push(this.collection, this.changed);
    if (linter) {
      // Lazy start: the first time a partnership document is linted.
      const sub = linter.onDidUpdate((uri) => {
        if (this.started) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc && linter.stateFor(doc)?.kind) void this.start();
      });
      this.disposables.push(sub);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.settleTimers) clearTimeout(t);
    clearTimeout(this.publishTimer);
    for (const d of this.disposables) d.dispose();
  }

  get isStarted(): boolean {
    return this.started !== undefined;
  }

  /** The current index (empty until started). */
  get current(): WorkspaceIndex {
    return this.index;
  }

  private queuedRebuild: Promise<void> | undefined;
  private readonly settleTimers = new Set<ReturnType<typeof setTimeout>>();

  /** Starts indexing (once) and resolves when the initial build is done. */
  start(): Promise<void> {
    this.started ??= this.initialBuild();
    return this.started;
  }

  /** Resolves once the initial build and every queued update are done. */
  async ready(): Promise<WorkspaceIndex> {
    await this.start();
    let q: Promise<unknown>;
    do { q = this.queue; await q; } while (q !== this.queue);
    return this.index;
  }

  uriOf(path: string): vscode.Uri | undefined {
    return this.entries.get(path)?.uri;
  }

  textOf(path: string): string | undefined {
    return this.entries.get(path)?.text;
  }

  /**
   * The partner of an indexed document (its summary: the lifecycle stage from all its documents),
   * or undefined (not indexed yet, not a partnership document, Unassigned).
   */
  partnerOf(uri: vscode.Uri): PartnerSummary | undefined {
    const doc = this.index.docs.get(this.pathOf(uri));
    if (!doc || doc.partnerSource === 'none') return undefined;
    return this.index.partners.find((p) => p.key === doc.partnerKey);
  }

  /**
   * Re-reads every file (settings or configuration changed, or the Refresh button). Requests
   * made while a re-read waits in the queue share it: a burst of setting changes (a settings
   * sync, several keys written one by one) costs one full re-read, not one each, and `ready()`
   * (the Partnerships view, the dashboard) does not wait behind a pile of them.
   */
  rebuild(): Promise<void> {
    if (!this.started) return this.start();
    this.queuedRebuild ??= this.enqueue(async () => {
      this.queuedRebuild = undefined; // a change from now on needs a re-read after this one
      await this.buildAll();
    });
    return this.queuedRebuild;
  }

  private async initialBuild(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri)),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      // A new folder (a partner's folder copied in, a git pull): the recursive watcher can miss
      // the files created in the same instant as their folder (seen in code-server: the first
      // partner folder of a copied tree was never reported). Scan a created folder for them.
      folders,
      folders.onDidCreate((uri) => void this.folderCreated(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Edits, and a dirty document turning clean (revert) — whose text the extension host may
        // not even receive when its editor closes at the same time.
        if (isMarkdown(e.document) && (e.contentChanges.length || !e.document.isDirty) && this.indexable(e.document.uri)) {
          this.scheduleDocument(e.document, e.contentChanges.length ? EDIT_DEBOUNCE_MS : 0);
        }
      }),
      // Editor saves and new files: do not wait for the (possibly slower) file watcher.
      vscode.workspace.onDidSaveTextDocument((d) => { if (isMarkdown(d) && this.indexable(d.uri)) this.scheduleDocument(d, 0); }),
      vscode.workspace.onDidOpenTextDocument((d) => { if (isMarkdown(d) && this.indexable(d.uri)) this.scheduleDocument(d, 0); }),
      // A dirty editor closed without saving: the file on disk is the truth again. Documents are
      // disposed lazily after their tab closes, so react to the tab closing too.
      vscode.workspace.onDidCloseTextDocument((d) => { if (isMarkdown(d) && this.indexable(d.uri)) this.fileChanged(d.uri); }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          if (tab.input instanceof vscode.TabInputText && this.entries.size > 0) this.fileChanged(tab.input.uri);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild()),
      this.configs.onDidChange(() => void this.rebuild()),
    );
    await this.enqueue(() => this.buildAll());
  }

  private indexable(uri: vscode.Uri): boolean {
    return (uri.scheme === 'file' || uri.scheme === 'vscode-remote' || uri.scheme === 'vscode-vfs') &&
      !isExcluded(uri) && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  }

  private pathOf(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads and indexes one file (open editor text first); null when it is not a partnership document. */
  private async read(uri: vscode.Uri): Promise<{ entry: Entry; doc: IndexedDoc | null } | undefined> {
    const entry = await this.load(uri);
    return entry && { entry, doc: this.indexHere(entry) };
  }

  /** One file's text and lint options, or undefined (unreadable, too large, broken config). */
  private async load(uri: vscode.Uri): Promise<Entry | undefined> {
    const open = editorTextOf(uri);
    let text: string;
    if (open) {
      text = open.getText();
      if (text.length > readSettings(uri).maxFileSizeMB * 1024 * 1024) return undefined;
    } else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > readSettings(uri).maxFileSizeMB * 1024 * 1024) return undefined;
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined; // deleted meanwhile
      }
    }
    const resolved = await this.configs.resolve(uri);
    if (!resolved.ok) return undefined;
    const path = this.pathOf(uri);
    return { uri, text, options: { path, config: resolved.config, today: this.today }, fromEditor: open !== undefined };
  }

  /**
   * Indexes on the host's thread with the shared section cache (edits re-parse one section), from
   * the version's snapshot: an open document's is the linter's (no second model build).
   */
  private indexHere(entry: Entry): IndexedDoc | null {
    return indexSnapshot(entry.options.path!, this.snapshotOf(entry, entry.text, { ...entry.options, cache: parseCache }));
  }

  private snapshotOf(entry: Entry, text: string, options: LintOptions) {
    return snapshots.for(entry.uri.toString(), text, options, entry.fromEditor);
  }

  /**
   * Reads every file, then indexes them: on the desktop in a worker thread (the pool of
   * src/node/pool.ts with one worker; the host only reads and merges) when there are more than a
   * few files and the worker starts; on the web on the host's thread in slices that yield to the
   * event loop (platform/web.ts). Later updates of single files run on the host with the section
   * cache.
   */
  private async buildAll(): Promise<void> {
    const started = performance.now();
    this.today = isoToday();
    const files = await vscode.workspace.findFiles(GLOB, EXCLUDE);
    const loaded: Entry[] = [];
    const READ_BATCH = 24;
    for (let i = 0; i < files.length; i += READ_BATCH) {
      for (const e of await Promise.all(files.slice(i, i + READ_BATCH).map((uri) => this.load(uri)))) if (e) loaded.push(e);
    }
    let onHost = 0;
    const byPath = new Map(loaded.map((e) => [e.options.path!, e] as const));
    const indexed = await platform().indexAll(
      loaded.map((e) => ({ path: e.options.path!, text: e.text, options: e.options })),
      (job) => {
        onHost++;
        return this.indexHere(byPath.get(job.path)!);
      },
    );
    const docs: IndexedDoc[] = [];
    this.entries.clear();
    loaded.forEach((entry, k) => {
      const doc = indexed[k];
      if (!doc) return;
      this.entries.set(doc.path, entry);
      docs.push(doc);
    });
    this.index = buildIndex(docs, { today: this.today });
    this.lastBuild = { files: files.length, documents: docs.length, inWorker: loaded.length - onHost, ms: performance.now() - started };
    this.afterChange(null);
  }

  private async folderCreated(uri: vscode.Uri): Promise<void> {
    if (isMarkdownPath(uri) || isExcluded(uri) || !this.indexable(uri)) return;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
    } catch {
      return; // gone again
    }
    const scan = () => vscode.workspace.findFiles(new vscode.RelativePattern(uri, GLOB), EXCLUDE);
    for (const file of await scan()) {
      if (!this.entries.has(this.pathOf(file))) this.fileChanged(file);
    }
    // The files of a folder being copied in may still be being written when the folder's event
    // arrives, and their own events may never come (above): a file read half-written would stay
    // so. Read the folder's files once more when the copy has settled (an unchanged text costs a
    // read and a comparison).
    const settle = setTimeout(() => {
      this.settleTimers.delete(settle);
      void scan().then((files) => { for (const file of files) this.fileChanged(file); }, () => undefined);
    }, FOLDER_SETTLE_MS);
    this.settleTimers.add(settle);
  }

  private fileChanged(uri: vscode.Uri): void {
    if (!isMarkdownPath(uri) || !this.indexable(uri)) return;
    // The editor's text wins over the file on disk (editorTextOf): nothing to read.
    if (editorTextOf(uri)) return;
    this.schedule(uri, 0);
  }

  private fileDeleted(uri: vscode.Uri): void {
    if (!isMarkdownPath(uri)) return;
    // A folder deletion reports the folder only: drop everything under it.
    const prefix = uri.toString().replace(/\/?$/, '/');
    for (const [path, entry] of [...this.entries]) {
      const key = entry.uri.toString();
      if (key === uri.toString() || key.startsWith(prefix)) this.remove(path);
    }
  }

  private remove(path: string): void {
    void this.enqueue(async () => {
      if (!this.entries.has(path) && !this.index.docs.has(path)) return;
      const partner = this.index.docs.get(path)?.partnerKey;
      this.entries.delete(path);
      this.index = updateIndex(this.index, path, null, { today: this.today }) ?? this.index;
      this.afterChange(partner === undefined ? [] : [partner]);
    });
  }

  private scheduleDocument(doc: vscode.TextDocument, delay = EDIT_DEBOUNCE_MS): void {
    this.schedule(doc.uri, delay);
  }

  private schedule(uri: vscode.Uri, delay: number): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.enqueue(async () => {
        if (this.generations.get(key) !== generation) return;
        const r = await this.read(uri);
        if (this.generations.get(key) !== generation) return;
        const path = this.pathOf(uri);
        const before = this.index.docs.get(path);
        if (!r?.doc) {
          if (!this.entries.has(path) && !before) return;
          this.entries.delete(path);
          this.index = updateIndex(this.index, path, null, { today: this.today }) ?? this.index;
        } else {
          const sameText = this.entries.get(path)?.text === r.entry.text;
          this.entries.set(path, r.entry);
          if (before && sameText && before.textHash === r.doc.textHash) return;
          this.index = updateIndex(this.index, path, r.doc, { today: this.today }) ?? this.index;
        }
        this.afterChange([before?.partnerKey, r?.doc?.partnerKey].filter((k): k is string => k !== undefined));
      });
    }, delay));
  }

  /** `partners`: the partner keys touched (null: everything changed). */
  private afterChange(partners: string[] | null): void {
    if (partners === null) this.dirtyPartners = null;
    else if (this.dirtyPartners) for (const p of partners) this.dirtyPartners.add(p);
    this.changed.fire(this.index);
    clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => this.publish(), PUBLISH_DEBOUNCE_MS);
  }

  /**
   * Cross-document findings → the workspace DiagnosticCollection. Only the documents of the
   * partners touched since the last publish are checked again (all after a rebuild).
   */
  publish(): void {
    const partners = this.dirtyPartners;
    this.dirtyPartners = new Set();
    let only: string[] | undefined;
    if (partners) {
      only = [];
      for (const p of this.index.partners) if (partners.has(p.key)) for (const d of p.docs) only.push(d.path);
    }
    let byPath: Map<string, Finding[]>;
    try {
      byPath = lintWorkspace(this.index, (path) => this.entries.get(path)?.text, {
        today: this.today, only, configFor: (path) => this.entries.get(path)?.options.config, cache: parseCache,
        snapshotOf: (path, text, options) => this.snapshotOf(this.entries.get(path)!, text, options),
      }).byPath;
    } catch (err) {
      console.error('partnership-docs: lintWorkspace failed', err);
      return;
    }
    // Keep what was published for the partners not checked this time.
    let now = new Set<string>();
    if (only) {
      const checked = new Set(only.map((p) => this.entries.get(p)?.uri.toString()));
      const indexed = new Set([...this.entries.values()].map((e) => e.uri.toString()));
      now = new Set([...this.published].filter((k) => !checked.has(k) && indexed.has(k)));
    }
    for (const [path, findings] of byPath) {
      const entry = this.entries.get(path);
      if (!entry || findings.length === 0) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
      const positions = open && open.getText() === entry.text ? open : textPositions(entry.text);
      this.collection.set(entry.uri, toDiagnostics(positions, findings).map((d) => { d.source = WORKSPACE_SOURCE; return d; }));
      now.add(entry.uri.toString());
    }
    for (const key of this.published) if (!now.has(key)) this.collection.delete(vscode.Uri.parse(key));
    this.published = now;
  }

  /** The previous QBR of `partner` before the quarter (latest first), for New QBR. */
  /**
   * The latest QBR of `partner` before the quarter. `near`: where the new document goes — its
   * configuration's `partners` aliases apply to the name typed (Globex Corp → Globex).
   */
  async previousQbr(partner: string, quarter: number, year: number, near?: vscode.Uri): Promise<{ text: string; doc: IndexedDoc; uri: vscode.Uri } | undefined> {
    const index = await this.ready();
    const resolved = near ? await this.configs.resolve(near) : undefined;
    const aliases = resolved?.ok ? resolved.config.partners ?? {} : {};
    const wanted = partnerKeyOf(aliasLookup(aliases, partner) ?? partner);
    const summary = index.partners.find((p) => p.key === wanted || partnerKeyOf(p.name) === wanted);
    if (!summary) return undefined;
    const ordinal = year * 4 + (quarter - 1);
    const candidates = summary.docs.filter((d) => d.kind === 'qbr' && d.period !== null && d.period.ordinal < ordinal);
    const doc = candidates[candidates.length - 1];
    const entry = doc && this.entries.get(doc.path);
    return doc && entry ? { text: entry.text, doc, uri: entry.uri } : undefined;
  }
}
