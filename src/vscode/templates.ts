/**
 * Team templates in the editor: where a document's templates folder is, the templates read from
 * it (cached; a file watcher on the templates re-reads them and re-lints, no reload), and the
 * problems of an open template file (unknown `{{variables}}`, unreadable) as diagnostics.
 *
 * The folder, as in the CLI (src/cli/templates.ts): the configuration's `templatesFolder`
 * (relative to the `.partnership-docs.json` that sets it; ConfigService makes it a URI), else the
 * nearest `.partnership-docs/templates` folder at or above the document's folder, up to the
 * workspace folder (or the repository root outside one).
 */
import * as vscode from 'vscode';
import { DEFAULT_TEMPLATES_FOLDER, templateFileName, templateKindOfFile, templateProblems, TEMPLATE_KINDS, type TeamTemplates, type TemplateKind } from '../core/index';

export interface TemplateFileError {
  uri: vscode.Uri;
  line?: number;
  column?: number;
  message: string;
}

export interface LoadedTemplates {
  folder: vscode.Uri | null;
  templates: TeamTemplates;
  errors: Partial<Record<TemplateKind, TemplateFileError>>;
}

export class TemplateService implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<LoadedTemplates & { signature: string }>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('partnership-docs-templates');
  private readonly disposables: vscode.Disposable[] = [];
  private again: ReturnType<typeof setTimeout> | undefined;
  private readonly poll: ReturnType<typeof setInterval>;

  constructor() {
    // Any markdown file may be a template (the folder is configurable): a change inside a loaded
    // folder, or a new `.partnership-docs/templates` folder, drops what was read.
    const md = vscode.workspace.createFileSystemWatcher('**/*.md');
    const dirs = vscode.workspace.createFileSystemWatcher('**/.partnership-docs{,/templates}');
    const onFile = (uri: vscode.Uri) => this.fileChanged(uri);
    this.disposables.push(
      md, dirs,
      md.onDidChange(onFile), md.onDidCreate(onFile), md.onDidDelete(onFile),
      dirs.onDidCreate(() => this.clear()), dirs.onDidDelete(() => this.clear()),
      vscode.workspace.onDidSaveTextDocument((d) => this.fileChanged(d.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => void this.showProblems(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.isTemplateUri(e.document.uri)) return;
        this.setProblems(e.document.uri, e.document.getText());
        // An open template reloaded from disk (changed by another program): as a file change.
        if (!e.document.isDirty) this.fileChanged(e.document.uri);
      }),
      this.diagnostics,
      this.changed,
    );
    for (const d of vscode.workspace.textDocuments) void this.showProblems(d.uri);
    // A safety net under the watcher, whose events can be late, coalesced or missing (remote
    // hosts, network drives, a write that lands in two steps): the templates read are compared
    // with the files every 2 s (four stat calls per folder in use) and re-read when they differ.
    this.poll = setInterval(() => void this.recheck(), 2_000);
  }

  private async recheck(): Promise<void> {
    for (const [key, p] of [...this.folders]) {
      const loaded = await p;
      if (!loaded.folder || this.folders.get(key) !== p) continue;
      if ((await this.signature(loaded.folder)) === loaded.signature) continue;
      this.folders.delete(key);
      this.changed.fire();
    }
  }

  private soon: ReturnType<typeof setTimeout> | undefined;
  private changedSoon(): void {
    if (this.soon) return;
    this.soon = setTimeout(() => { this.soon = undefined; this.changed.fire(); }, 0);
  }

  dispose(): void {
    clearTimeout(this.soon);
    clearTimeout(this.again);
    clearInterval(this.poll);
    for (const d of this.disposables) d.dispose();
  }

  /** Drops every cached folder (the configuration changed: the folder may be another). */
  clear(): void {
    this.folders.clear();
    this.defaults.clear();
    this.changed.fire();
  }

  /**
   * The templates that apply to a document (or a file about to be created) at `uri`. `fresh`:
   * read them again (New …: the file watcher may not have reported a change saved a moment ago).
   */
  async forDocument(uri: vscode.Uri, templatesFolder: string | undefined, fresh = false): Promise<LoadedTemplates> {
    const folder = templatesFolder !== undefined ? vscode.Uri.parse(templatesFolder) : await this.defaultFolder(uri);
    if (!folder) return { folder: null, templates: {}, errors: {} };
    const key = folder.toString();
    const signature = await this.signature(folder);
    let cached = this.folders.get(key);
    // The files' size and times are compared on every use: a change is seen even before the
    // file watcher reports it (or when it reports a half-written file).
    const previous = cached && (await cached).signature;
    if (!cached || fresh || previous !== signature) {
      cached = this.load(folder, signature, templatesFolder !== undefined);
      this.folders.set(key, cached);
      // The files changed since they were read, and no watcher event said so yet (or it came
      // first to another reader: a lint of the open template, the workspace index): documents
      // linted with the old templates are linted again. Without this the 2 s check below would
      // find the cache already fresh and never tell them.
      if (previous !== undefined && previous !== signature) this.changedSoon();
    }
    return cached;
  }

  private async signature(folder: vscode.Uri): Promise<string> {
    const parts = await Promise.all(TEMPLATE_KINDS.map(async (kind) => {
      try {
        const st = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, templateFileName(kind)));
        return `${st.type}:${st.size}:${st.mtime}:${st.ctime}`;
      } catch {
        return '-';
      }
    }));
    return `${(await isDirectory(folder)) ? 'd' : '-'}|${parts.join('|')}`;
  }

  /** Whether `uri` lies inside `folder`. */
  static isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
    let f = folder.path;
    while (f.endsWith('/')) f = f.slice(0, -1);
    return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(`${f}/`);
  }

  /** Default folder per document folder (a walk of stat calls: kept until a templates folder appears or goes). */
  private readonly defaults = new Map<string, Promise<vscode.Uri | null>>();

  private defaultFolder(uri: vscode.Uri): Promise<vscode.Uri | null> {
    const dir = vscode.Uri.joinPath(uri, '..').toString();
    let p = this.defaults.get(dir);
    if (!p) {
      p = this.findDefaultFolder(uri);
      this.defaults.set(dir, p);
      if (this.defaults.size > 5_000) this.defaults.clear();
    }
    return p;
  }

  private async findDefaultFolder(uri: vscode.Uri): Promise<vscode.Uri | null> {
    if (uri.scheme === 'untitled') return null;
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    let dir = vscode.Uri.joinPath(uri, '..');
    for (let i = 0; i < 64; i++) {
      const candidate = vscode.Uri.joinPath(dir, ...DEFAULT_TEMPLATES_FOLDER.split('/'));
      if (await isDirectory(candidate)) return candidate;
      if (root ? dir.path === root.path : await exists(vscode.Uri.joinPath(dir, '.git'))) break;
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) break;
      dir = parent;
    }
    return null;
  }

  private async load(folder: vscode.Uri, signature: string, configured: boolean): Promise<LoadedTemplates & { signature: string }> {
    const out: LoadedTemplates & { signature: string } = { folder, templates: {}, errors: {}, signature };
    // A configured folder that is not there is reported, not silently replaced by the playbook.
    if (configured && !(await isDirectory(folder))) {
      const error = { uri: folder, message: 'templates folder not found (templatesFolder in .partnership-docs.json, relative to that file)' };
      for (const kind of TEMPLATE_KINDS) out.errors[kind] = error;
      return out;
    }
    for (const kind of TEMPLATE_KINDS) {
      const uri = vscode.Uri.joinPath(folder, templateFileName(kind));
      const read = await readTemplate(uri);
      if (read === null) continue;
      if ('error' in read) out.errors[kind] = read.error;
      else out.templates[kind] = { path: vscode.workspace.asRelativePath(uri), text: read.text };
    }
    return out;
  }

  private isTemplateUri(uri: vscode.Uri): boolean {
    if (!templateKindOfFile(uri.path)) return false;
    for (const key of this.folders.keys()) if (TemplateService.isInside(uri, vscode.Uri.parse(key))) return true;
    return uri.path.includes(`/${DEFAULT_TEMPLATES_FOLDER}/`);
  }

  private fileChanged(uri: vscode.Uri): void {
    if (!templateKindOfFile(uri.path)) return;
    // A template created in a new `.partnership-docs/templates` folder: the lookups start again.
    if (uri.path.includes(`/${DEFAULT_TEMPLATES_FOLDER}/`)) this.defaults.clear();
    let hit = false;
    for (const key of [...this.folders.keys()]) {
      if (TemplateService.isInside(uri, vscode.Uri.parse(key))) {
        this.folders.delete(key);
        hit = true;
      }
    }
    if (hit || uri.path.includes(`/${DEFAULT_TEMPLATES_FOLDER}/`)) {
      void this.showProblems(uri);
      this.changed.fire();
      // Once more a moment later: a watcher event can come while the file is still being written
      // (and the events of the rest of the write coalesce with it); the re-lint then compares
      // the files' size and times again (forDocument) and reads what was finally written.
      clearTimeout(this.again);
      this.again = setTimeout(() => { void this.showProblems(uri); this.changed.fire(); }, 500);
    }
  }

  /** Diagnostics of a template file: its problems, or why it cannot be read. */
  private async showProblems(uri: vscode.Uri): Promise<void> {
    if (!this.isTemplateUri(uri)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.setProblems(uri, open.getText());
      return;
    }
    const read = await readTemplate(uri);
    if (read === null) this.diagnostics.delete(uri);
    else if ('error' in read) this.diagnostics.set(uri, [diagnostic(read.error.line ?? 1, read.error.column ?? 1, undefined, read.error.message)]);
    else this.setProblems(uri, read.text);
  }

  private setProblems(uri: vscode.Uri, text: string): void {
    this.diagnostics.set(uri, templateProblems(text).map((p) => diagnostic(p.line, p.column, p.endColumn, p.message)));
  }
}

function diagnostic(line: number, column: number, endColumn: number | undefined, message: string): vscode.Diagnostic {
  const start = new vscode.Position(line - 1, column - 1);
  const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, Math.max(1, (endColumn ?? column + 1) - column))), message, vscode.DiagnosticSeverity.Error);
  d.source = 'partnership-docs';
  d.code = 'team-template';
  return d;
}

/** Reads a template: null when there is none, an error (with the line of a bad byte) when it cannot be read. */
async function readTemplate(uri: vscode.Uri): Promise<{ text: string } | { error: TemplateFileError } | null> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return null;
  }
  if (stat.type & vscode.FileType.Directory) return { error: { uri, message: 'cannot read template: is a directory' } };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { error: { uri, message: `cannot read template: ${e.code === 'NoPermissions' ? 'permission denied' : e.message ?? String(err)}` } };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0);
  try {
    if (nul >= 0) throw new Error('NUL');
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)) };
  } catch {
    // Where: the text that decodes before the first bad byte.
    const lenient = new TextDecoder('utf-8').decode(bytes.subarray(start, nul >= 0 ? nul : undefined));
    const bad = nul >= 0 ? lenient.length : lenient.indexOf('\uFFFD');
    const before = lenient.slice(0, bad < 0 ? lenient.length : bad).split('\n');
    return { error: { uri, line: before.length, column: before[before.length - 1]!.length + 1,
      message: `cannot read template: ${nul >= 0 ? 'binary file (contains NUL bytes)' : 'not valid UTF-8'} (save it as UTF-8)` } };
  }
}

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/** True when `uri` exists (file or folder). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
