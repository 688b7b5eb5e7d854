/**
 * Effective configuration of a document: defaults < `partnershipDocs.*` settings < every
 * `.partnership-docs.json` from the workspace (or repository) root down to the document's
 * folder (the nearest wins, key by key). A broken file or setting is never skipped silently:
 * it becomes diagnostics on the file, a notification, and an error result (callers do not lint).
 */
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, mergeConfig, parseConfigText, ruleIds, type Config, type PartialConfig } from '../core/index';
import { checkConfigSanity, CONFIG_FILE_NAME } from '../core/config';
import { readSettings, SECTION } from './settings';
import { exists, TemplateService, type LoadedTemplates } from './templates';

export type ResolvedConfig =
  | { ok: true; config: Config; files: vscode.Uri[]; templatesFolder?: vscode.Uri }
  /** `template`: the document is a team template (in its templates folder), not a partnership document. */
  | { ok: false; message: string; file?: vscode.Uri; template?: boolean };

interface ParsedFile {
  config?: PartialConfig;
  errors: Array<{ message: string; line: number; column: number }>;
}

export class ConfigService implements vscode.Disposable {
  private readonly files = new Map<string, Promise<ParsedFile | null>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('partnership-docs-config');
  private readonly notified = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Team templates (src/vscode/templates.ts): their changes re-lint like a configuration change. */
  readonly templates = new TemplateService();

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const invalidate = (uri?: vscode.Uri) => {
      if (uri) this.files.delete(uri.toString()); else this.files.clear();
      this.changed.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete((uri) => { this.diagnostics.delete(uri); invalidate(uri); }),
      // Saves through the editor: do not wait for the (possibly slower) file watcher.
      vscode.workspace.onDidSaveTextDocument((d) => { if (isConfigFile(d.uri)) invalidate(d.uri); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.changed.fire(); }),
      this.templates,
      this.templates.onDidChange(() => this.changed.fire()),
      this.diagnostics,
      this.changed,
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  async resolve(doc: vscode.Uri): Promise<ResolvedConfig> {
    const resolved = await this.resolveFiles(doc);
    if (!resolved.ok) return resolved;
    const { config, files: found } = resolved;
    // Team templates: a template is not linted as a document; one that cannot be read pauses
    // linting, like a broken configuration file (the required sections would be wrong).
    const loaded = await this.templates.forDocument(doc, config.templatesFolder);
    if (loaded.folder && TemplateService.isInside(doc, loaded.folder)) {
      return { ok: false, template: true, message: `a team template (${vscode.workspace.asRelativePath(loaded.folder)}), not linted as a partnership document` };
    }
    const broken = Object.values(loaded.errors)[0];
    if (broken) {
      const where = `${vscode.workspace.asRelativePath(broken.uri)}${broken.line !== undefined ? `:${broken.line}:${broken.column ?? 1}` : ''}`;
      const message = `${where}: ${broken.message}`;
      this.notify(`Partnership Docs: ${message}. Linting is paused until it is fixed.`, broken.uri);
      return { ok: false, message, file: broken.uri };
    }
    const withTemplates = Object.keys(loaded.templates).length ? { ...config, templates: loaded.templates } : config;
    return { ok: true, config: withTemplates, files: found, ...(loaded.folder ? { templatesFolder: loaded.folder } : {}) };
  }

  /** The team templates that apply where `uri` is (or goes), or the configuration's error. */
  async templatesFor(uri: vscode.Uri): Promise<{ ok: true; loaded: LoadedTemplates } | { ok: false; message: string }> {
    const resolved = await this.resolveFiles(uri);
    if (!resolved.ok) return resolved;
    return { ok: true, loaded: await this.templates.forDocument(uri, resolved.config.templatesFolder, true) };
  }

  /** Settings and configuration files, without the team templates. */
  private async resolveFiles(doc: vscode.Uri): Promise<{ ok: true; config: Config; files: vscode.Uri[] } | { ok: false; message: string; file?: vscode.Uri }> {
    const settings = readSettings(doc).config;
    if (Object.keys(settings).length) {
      const { errors } = parseConfigText(JSON.stringify(settings), 'settings', ruleIds);
      if (errors.length) {
        const message = `Partnership Docs settings are invalid: ${errors.map((e) => e.message).join(' ')}`;
        this.notify(message);
        return { ok: false, message };
      }
    }
    const layers: Array<PartialConfig | undefined> = [settings];
    const found: vscode.Uri[] = [];
    for (const uri of await this.configFilesFor(doc)) {
      const parsed = await this.load(uri);
      if (!parsed) continue;
      if (parsed.errors.length) {
        const first = parsed.errors[0]!;
        return { ok: false, file: uri, message: `${vscode.workspace.asRelativePath(uri)}:${first.line}:${first.column}: ${first.message}` };
      }
      layers.push(parsed.config);
      found.push(uri);
    }
    const config = mergeConfig(DEFAULT_CONFIG, ...layers);
    const problems = checkConfigSanity(config);
    if (problems.length) {
      const where = found.length ? vscode.workspace.asRelativePath(found[found.length - 1]!) : 'settings';
      const message = `Partnership Docs configuration (${where}): ${problems.join(' ')}`;
      this.notify(message);
      return { ok: false, message, file: found[found.length - 1] };
    }
    return { ok: true, config, files: found };
  }

  /** Config files that apply to `doc`, farthest first. */
  private async configFilesFor(doc: vscode.Uri): Promise<vscode.Uri[]> {
    if (doc.scheme === 'untitled') return [];
    const root = vscode.workspace.getWorkspaceFolder(doc)?.uri;
    const out: vscode.Uri[] = [];
    let dir = vscode.Uri.joinPath(doc, '..');
    for (let i = 0; i < 64; i++) {
      const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
      if (await exists(candidate)) out.unshift(candidate);
      if (root ? dir.path === root.path : await exists(vscode.Uri.joinPath(dir, '.git'))) break;
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) break;
      dir = parent;
    }
    return out;
  }

  private load(uri: vscode.Uri): Promise<ParsedFile | null> {
    const key = uri.toString();
    let p = this.files.get(key);
    if (!p) {
      p = this.read(uri);
      this.files.set(key, p);
    }
    return p;
  }

  private async read(uri: vscode.Uri): Promise<ParsedFile | null> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null; // deleted meanwhile
    }
    const parsed = parseConfigText(text, vscode.workspace.asRelativePath(uri), ruleIds) as ParsedFile;
    // `templatesFolder` is relative to this file: kept as a URI string in the merged configuration.
    if (parsed.config && typeof parsed.config.templatesFolder === 'string') {
      const value = parsed.config.templatesFolder;
      // An absolute path is on this file's file system: a file: path on the desktop, the same
      // scheme and authority in a remote or virtual workspace (vscode-remote, vscode-vfs on the web).
      const absolute = /^(?:\/|[A-Za-z]:[\\/])/.test(value);
      const folder = absolute
        ? (uri.scheme === 'file' ? vscode.Uri.file(value) : uri.with({ path: `/${value.replace(/\\/g, '/')}`.replace(/^\/+/, '/') }))
        : vscode.Uri.joinPath(uri, '..', ...value.split(/[\\/]/).filter(Boolean));
      parsed.config = { ...parsed.config, templatesFolder: folder.toString() };
    }
    this.diagnostics.set(uri, parsed.errors.map((e) => {
      const pos = new vscode.Position(e.line - 1, e.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(pos, lineEnd(text, pos)), e.message, vscode.DiagnosticSeverity.Error);
      d.source = 'partnership-docs';
      return d;
    }));
    if (parsed.errors.length) {
      const first = parsed.errors[0]!;
      this.notify(`Partnership Docs: ${vscode.workspace.asRelativePath(uri)}:${first.line}:${first.column}: ${first.message}` +
        (parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '') + ' Linting is paused until it is fixed.', uri);
    } else {
      for (const m of [...this.notified]) if (m.includes(vscode.workspace.asRelativePath(uri))) this.notified.delete(m);
    }
    return parsed;
  }

  private notify(message: string, file?: vscode.Uri): void {
    if (this.notified.has(message)) return;
    this.notified.add(message);
    const open = file ? 'Open Configuration' : 'Open Settings';
    void vscode.window.showErrorMessage(message, open).then((choice) => {
      if (choice !== open) return;
      if (file) void vscode.window.showTextDocument(file);
      else void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
    });
  }
}

export function isConfigFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${CONFIG_FILE_NAME}`);
}

/** The end of the token at `pos` (for a visible squiggle), or the end of its line. */
function lineEnd(text: string, pos: vscode.Position): vscode.Position {
  const line = text.split('\n')[pos.line] ?? '';
  const rest = line.slice(pos.character);
  const m = /^("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/.exec(rest);
  return new vscode.Position(pos.line, pos.character + (m ? m[0].length : Math.max(1, rest.length)));
}
