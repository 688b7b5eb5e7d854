/**
 * Team templates for the CLI: where a document's templates folder is, and reading the templates
 * in it (`<kind>.md`). The core renders them and derives what they require (teamTemplates.ts).
 *
 * The folder: the merged configuration's `templatesFolder` (made absolute against the file that
 * set it, configFiles.ts), else the nearest `.partnership-docs/templates` folder at or above the
 * document's folder, up to the repository root (a folder containing `.git`), like the
 * configuration files. The editor looks it up the same way (src/vscode/templates.ts).
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DEFAULT_TEMPLATES_FOLDER, templateFileName, templateProblems, type TeamTemplate, type TeamTemplates } from '../core/teamTemplates.js';
import { TEMPLATE_KINDS, type TemplateKind } from '../core/templates.js';
import type { Config } from '../core/types.js';
import { findRepoRoot, readTextFileSync } from './files.js';

export interface TemplateFileError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface LoadedTemplates {
  /** The templates folder (absolute), or null when there is none. */
  folder: string | null;
  templates: TeamTemplates;
  /** Templates that exist but cannot be read, by kind. */
  errors: Partial<Record<TemplateKind, TemplateFileError>>;
}

export class TemplateResolver {
  private readonly defaults = new Map<string, Promise<string | null>>();
  private readonly folders = new Map<string, Promise<LoadedTemplates>>();

  /** @param display how a template's path is shown in findings (relative to the working directory) */
  constructor(private readonly display: (abs: string) => string) {}

  /** The templates that apply to a document (or a file about to be written) at `absPath`. */
  async forFile(absPath: string, config: Config): Promise<LoadedTemplates> {
    const configured = config.templatesFolder !== undefined;
    const folder = config.templatesFolder ?? (await this.defaultFolder(dirname(absPath)));
    if (!folder) return { folder: null, templates: {}, errors: {} };
    let p = this.folders.get(folder);
    if (!p) {
      p = this.load(folder, configured);
      this.folders.set(folder, p);
    }
    return p;
  }

  /** The nearest `.partnership-docs/templates` folder at or above `dir`, up to the repository root. */
  private defaultFolder(dir: string): Promise<string | null> {
    let p = this.defaults.get(dir);
    if (!p) {
      p = (async () => {
        const candidate = join(dir, ...DEFAULT_TEMPLATES_FOLDER.split('/'));
        if (await isDir(candidate)) return candidate;
        const root = await findRepoRoot(dir);
        const parent = dirname(dir);
        return root === dir || parent === dir ? null : this.defaultFolder(parent);
      })();
      this.defaults.set(dir, p);
    }
    return p;
  }

  private async load(folder: string, configured: boolean): Promise<LoadedTemplates> {
    const out: LoadedTemplates = { folder, templates: {}, errors: {} };
    // A configured folder that is not there is a mistake to report, not a reason to fall back
    // to the playbook silently.
    if (configured && !(await isDir(folder))) {
      const error = { file: folder, message: 'templates folder not found (templatesFolder in .partnership-docs.json, relative to that file)' };
      for (const kind of TEMPLATE_KINDS) out.errors[kind] = error;
      return out;
    }
    for (const kind of TEMPLATE_KINDS) {
      const file = join(folder, templateFileName(kind));
      try {
        await fsp.lstat(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // no team template: the playbook's
      }
      const read = readTemplateFile(file);
      if ('error' in read) out.errors[kind] = read.error;
      else out.templates[kind] = { path: this.display(file), text: read.text };
    }
    return out;
  }
}

/** Reads a template as UTF-8 text; an unreadable one is an error with the reason (and the line of a bad byte). */
export function readTemplateFile(file: string): { text: string } | { error: TemplateFileError } {
  const read = readTextFileSync(file);
  if (read.ok) return { text: read.text };
  let raw: Buffer | undefined;
  try {
    raw = readFileSync(file);
  } catch {
    raw = undefined;
  }
  const message = read.message.replace(/; not checked$/, '');
  if (raw && /UTF-8|NUL/.test(message)) {
    const at = firstBadByte(raw);
    return { error: { file, ...at, message: `cannot read template: ${message} (save it as UTF-8)` } };
  }
  return { error: { file, message: `cannot read template: ${message}` } };
}

/** Line and column (1-based; the column in UTF-16 units of the valid text before it) of the first NUL or invalid UTF-8 byte. */
export function firstBadByte(raw: Buffer): { line: number; column: number } {
  let i = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  const start = i;
  while (i < raw.length) {
    const b = raw[i]!;
    if (b === 0) break;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > raw.length) break;
    let ok = true;
    for (let k = 1; k < n; k++) if ((raw[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok && n === 3 && ((b === 0xe0 && raw[i + 1]! < 0xa0) || (b === 0xed && raw[i + 1]! > 0x9f))) ok = false;
    if (ok && n === 4 && ((b === 0xf0 && raw[i + 1]! < 0x90) || (b === 0xf4 && raw[i + 1]! > 0x8f))) ok = false;
    if (!ok) break;
    i += n;
  }
  const text = new TextDecoder('utf-8').decode(raw.subarray(start, i));
  const lines = text.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The problems (unknown variables…) of a template, as file errors. */
export function templateFileProblems(file: string, template: TeamTemplate): TemplateFileError[] {
  return templateProblems(template.text).map((p) => ({ file, line: p.line, column: p.column, message: p.message }));
}

/** Whether `abs` lies inside `folder`. */
export function isInside(abs: string, folder: string): boolean {
  const rel = relative(folder, abs);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

export function formatTemplateError(e: TemplateFileError, display: (abs: string) => string): string {
  const where = e.line !== undefined ? `${display(e.file)}:${e.line}:${e.column ?? 1}` : display(e.file);
  return `${where}: ${e.message}`;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * For `check` and `report`: drops the files inside their templates folder (unless named on the
 * command line: a file named explicitly is checked, as with `.gitignore`), and adds the team
 * templates to each file's configuration. Templates that cannot be read are returned as errors
 * (the caller stops: linting documents against an unknown template would report wrong sections).
 */
export async function withTemplates(
  files: readonly string[],
  configs: readonly Config[],
  named: ReadonlySet<string>,
  display: (abs: string) => string,
): Promise<{ files: string[]; configs: Config[]; errors: TemplateFileError[] }> {
  const resolver = new TemplateResolver(display);
  const out = { files: [] as string[], configs: [] as Config[], errors: [] as TemplateFileError[] };
  const reported = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const abs = files[i]!;
    const config = configs[i]!;
    const loaded = await resolver.forFile(abs, config);
    if (loaded.folder && isInside(abs, loaded.folder) && !named.has(abs)) continue;
    for (const e of Object.values(loaded.errors)) {
      if (!e || reported.has(e.file)) continue;
      reported.add(e.file);
      out.errors.push(e);
    }
    out.files.push(abs);
    out.configs.push(Object.keys(loaded.templates).length ? { ...config, templates: loaded.templates } : config);
  }
  return out;
}
