/**
 * "Partnership Docs: New QBR / New Status Report / New Partnership Issue / New Launch Plan": ask for (or take
 * from the command argument) partner, our company, quarter and year (a launch plan: no quarter or
 * year; its date, today by default, is the partnership's start date); write the scaffold under
 * the configured path pattern without ever overwriting (`-2`, `-3`… suffixes); open it pinned with
 * the first placeholder to fill selected. Returns the new file's URI.
 */
import * as vscode from 'vscode';
import { newDocumentText, slugify, templateFileName, templateProblems, type IndexedDoc } from '../core/index';
import { readSettings, type DocumentTypeKey } from './settings';
import type { ConfigService } from './config';

export type NewKind = 'qbr' | 'status-report' | 'issue' | 'launch-plan';

/** Command argument: any field given skips its prompt. */
export interface NewDocumentArgs {
  partner?: string;
  /** Our company; '' skips the prompt and keeps the template's `[Our Company]`. */
  company?: string;
  quarter?: number;
  year?: number;
  /** YYYY-MM-DD; defaults to today. */
  date?: string;
  /** Workspace folder (URI string or Uri) to create the file in; defaults to the active one. */
  folder?: string | vscode.Uri;
  /** New QBR: start from the partner's previous QBR when the workspace has one (default true). */
  fromPrevious?: boolean;
}

/** Finds the previous QBR of a partner (set by the workspace index). */
export type PreviousQbrLookup = (partner: string, quarter: number, year: number, near?: vscode.Uri) => Promise<{ text: string; doc: IndexedDoc; uri: vscode.Uri } | undefined>;
let previousQbr: PreviousQbrLookup | undefined;
export function setPreviousQbrLookup(lookup: PreviousQbrLookup | undefined): void {
  previousQbr = lookup;
}

/** The configuration service (for the team templates that apply where the file goes). */
let configService: ConfigService | undefined;
export function setConfigService(service: ConfigService | undefined): void {
  configService = service;
}

const COMPANY_KEY = 'partnershipDocs.company';
const SETTING_KEY: Record<NewKind, DocumentTypeKey> = { qbr: 'qbr', 'status-report': 'statusReport', issue: 'issue', 'launch-plan': 'launchPlan' };
const LABEL: Record<NewKind, string> = { qbr: 'QBR', 'status-report': 'Status Report', issue: 'Partnership Issue', 'launch-plan': 'Launch Plan' };

export async function newDocument(kind: NewKind, state: vscode.Memento, args: NewDocumentArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = pickFolder(args.folder);
  if (!folder) {
    void vscode.window.showErrorMessage(`Partnership Docs: open a folder to create a ${LABEL[kind]} in.`);
    return undefined;
  }
  const now = new Date();
  // Escape on any prompt cancels; Enter on an empty one keeps the template's placeholder
  // (`[Our Company]`, `[Year]`) to fill in later. Only the partner is needed: it names the file.
  const partner = args.partner ?? (await vscode.window.showInputBox({
    title: `New ${LABEL[kind]}: partner`, prompt: 'The partner company this document is about (it also names the folder and file)',
    placeHolder: 'e.g. Acme Corp', ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the partner company name (e.g. Acme Corp); Escape cancels'),
  }))?.trim();
  if (!partner) return undefined;

  let company = args.company;
  if (company === undefined && kind !== 'issue') {
    const typed = await vscode.window.showInputBox({
      title: `New ${LABEL[kind]}: our company`, prompt: 'Your company, as it appears in the title (remembered for next time). Enter with nothing typed leaves [Our Company] to fill in later.',
      placeHolder: 'e.g. Globex', value: state.get<string>(COMPANY_KEY, ''), ignoreFocusOut: true,
    });
    if (typed === undefined) return undefined;
    company = typed;
  }
  company = company?.trim() || undefined; // empty: the template's [Our Company] stays
  if (company) await state.update(COMPANY_KEY, company);

  let quarter = args.quarter;
  let year = args.year;
  if (kind !== 'issue' && kind !== 'launch-plan') {
    if (quarter === undefined) {
      const current = Math.floor(now.getMonth() / 3) + 1;
      const items = [1, 2, 3, 4].map((q) => ({ label: `Q${q}`, q, description: q === current ? 'current quarter' : undefined }));
      const picked = await vscode.window.showQuickPick([items[current - 1]!, ...items.filter((i) => i.q !== current)], { title: `New ${LABEL[kind]}: quarter`, ignoreFocusOut: true });
      if (!picked) return undefined;
      quarter = picked.q;
    }
    if (year === undefined) {
      const y = await vscode.window.showInputBox({ title: `New ${LABEL[kind]}: year`, prompt: 'Four-digit year of the quarter. Enter with nothing typed leaves [Year] to fill in later.',
        placeHolder: `e.g. ${now.getFullYear()}`, value: String(now.getFullYear()), ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' || /^\d{4}$/.test(v.trim()) ? undefined : 'Enter a four-digit year (e.g. 2026)') });
      if (y === undefined) return undefined;
      year = y.trim() ? Number(y.trim()) : undefined;
    }
  }
  const date = args.date ?? isoDate(now);

  const pattern = readSettings(folder.uri).newDocumentPath[SETTING_KEY[kind]];
  const relative = expand(pattern, { partner, partnerSlug: slugify(partner), company: company ?? '', companySlug: company ? slugify(company) : '',
    year: year === undefined ? date.slice(0, 4) : String(year), quarter: quarter === undefined ? String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) : String(quarter), date });
  const planned = vscode.Uri.joinPath(folder.uri, ...relative.split('/').filter(Boolean));

  // The team's template of the kind, from the templates folder that applies where the file goes.
  // One that cannot be read or has a problem is reported (with file, line and column; the
  // problems are also diagnostics in the template) and nothing is written.
  const templates = configService ? await configService.templatesFor(planned) : undefined;
  if (templates && !templates.ok) {
    void vscode.window.showErrorMessage(`Partnership Docs: ${templates.message} Nothing was written.`);
    return undefined;
  }
  const loaded = templates?.loaded;
  const broken = loaded?.errors[kind];
  if (broken) {
    const where = `${vscode.workspace.asRelativePath(broken.uri)}${broken.line !== undefined ? `:${broken.line}:${broken.column ?? 1}` : ''}`;
    void showTemplateError(`Partnership Docs: ${where}: ${broken.message}. Nothing was written.`, broken.uri, broken.line, broken.column);
    return undefined;
  }
  const template = loaded?.templates[kind];
  if (template) {
    const problems = templateProblems(template.text);
    if (problems.length) {
      const p = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      void showTemplateError(`Partnership Docs: ${template.path}:${p.line}:${p.column}: ${p.message}${more} Nothing was written.`,
        vscode.Uri.joinPath(loaded!.folder!, templateFileName(kind)), p.line, p.column);
      return undefined;
    }
  }

  let result: { text: string; firstField: { line: number; column: number; endColumn: number } };
  try {
    // The configuration where the file goes decides partner aliases (`partners`).
    const previous = kind === 'qbr' && args.fromPrevious !== false && previousQbr && quarter !== undefined && year !== undefined
      ? await previousQbr(partner, quarter, year, planned).catch(() => undefined)
      : undefined;
    result = newDocumentText(kind, { partner, company: kind === 'issue' && !template ? undefined : company, quarter, year, date },
      { template, previous: previous ? { text: previous.text, doc: previous.doc } : undefined });
  } catch (err) {
    void vscode.window.showErrorMessage(`Partnership Docs: ${(err as Error).message}`);
    return undefined;
  }
  const target = await freeName(planned);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));

  // Pinned (not a preview tab that the next click elsewhere would replace), opened with the first
  // placeholder selected: given to showTextDocument, not set afterwards, so keys typed as soon as
  // the editor shows replace the placeholder instead of landing at the top of the file.
  const { line, column, endColumn } = result.firstField;
  const selection = new vscode.Range(line - 1, column - 1, line - 1, endColumn - 1);
  const editor = await vscode.window.showTextDocument(target, { preview: false, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return target;
}

/** An error message with a button that opens the template at the problem. */
async function showTemplateError(message: string, uri: vscode.Uri, line = 1, column = 1): Promise<void> {
  const open = 'Open Template';
  if ((await vscode.window.showErrorMessage(message, open)) !== open) return;
  const pos = new vscode.Position(line - 1, column - 1);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
}

function pickFolder(arg: NewDocumentArgs['folder']): vscode.WorkspaceFolder | undefined {
  if (arg) {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
    return vscode.workspace.getWorkspaceFolder(uri) ?? { uri, name: uri.path.split('/').pop() ?? '', index: -1 };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** `${name}` variables of the path pattern; unknown names are left as they are. */
export function expand(pattern: string, vars: Record<string, string>): string {
  return pattern.replace(/\$\{(\w+)\}/g, (m, name: string) => (name in vars ? sanitize(vars[name]!) : m));
}

function sanitize(v: string): string {
  return v.replace(/[\\/:*?"<>|]/g, '-');
}

/** `name.md`, else `name-2.md`, `name-3.md`…: never an existing file. */
async function freeName(uri: vscode.Uri): Promise<vscode.Uri> {
  const m = /^(.*?)(\.[^./]*)?$/.exec(uri.path)!;
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? uri : uri.with({ path: `${m[1]}-${n}${m[2] ?? ''}` });
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`No free file name near ${uri.fsPath}`);
}

function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
