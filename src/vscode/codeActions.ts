/**
 * Code actions over the stored findings (never re-deriving them): the finding's fix
 * (preferred), its suggestions, fix-all (also as `source.fixAll.partnershipDocs` for
 * `editor.codeActionsOnSave`), disabling the rule for the line / table / file, and the rule's
 * documentation. Fixes, suggestions and fix-all are commands that apply their edits through the
 * document's editor (`applyOffsetEdits`: one undo step, and no re-minimising by VS Code that could
 * cut an emoji); the disable actions insert whole ASCII lines as a WorkspaceEdit.
 */
import * as vscode from 'vscode';
import { fixAllSnapshot, fixTitle, type Finding, type OffsetEdit, type Snapshot } from '../core/index';
import { applyOffsetEdits, openDocument, replaceText, toRange } from './adapter';
import { SOURCE, type Linter } from './diagnostics';
import { snapshots } from './snapshots';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('partnershipDocs');
export const OPEN_RULE_DOCS = 'partnershipDocs.openRuleDocumentation';
/** Internal commands the fix actions run (not in the palette): see `applyOffsetEdits`. */
export const APPLY_EDITS = 'partnershipDocs.applyEdits';
export const FIX_ALL = 'partnershipDocs.fixAll';
export const APPLY_SNIPPET = 'partnershipDocs.applySnippet';
/**
 * Rules whose suggestions write a field with a template placeholder (`Owner: [Name]`,
 * `Due: [Date]`): in the editor they are snippets, each `[…]` a tab stop to type over (the
 * owner one a choice of the roster when `owners` is set).
 */
const SNIPPET_RULES: ReadonlySet<string> = new Set(['action-missing-owner', 'action-missing-due']);

export class CodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linter: Linter) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext,
    token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const state = await this.linter.ensure(doc);
    // (A document not linted on the host — above the size limit, broken configuration — has no findings here.)
    const snap = state && !state.skipped ? state.snapshot : undefined;
    if (!state || !snap || token.isCancellationRequested || state.version !== doc.version) return [];
    const only = context.only;
    const actions: vscode.CodeAction[] = [];
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) {
      return state.findings.some((f) => f.fix) ? [fixAllAction(doc, FIX_ALL_KIND)] : [];
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix)) return [];

    const here = state.findings.filter((f) => toRange(doc, f.startOffset, f.endOffset).intersection(range) !== undefined);
    for (const f of here) {
      const diagnostic = context.diagnostics.find((d) => codeOf(d) === f.ruleId && d.range.isEqual(toRange(doc, f.startOffset, f.endOffset)));
      const diags = diagnostic ? [diagnostic] : undefined;
      if (f.fix) {
        const a = editAction(fixTitle(f, snap.text), doc, f.fix.offsetEdits);
        a.isPreferred = true;
        a.diagnostics = diags;
        actions.push(a);
      }
      for (const s of f.suggestions ?? []) {
        const a = SNIPPET_RULES.has(f.ruleId) && s.offsetEdits.length === 1
          ? snippetAction(s.title, doc, s.offsetEdits[0]!, snap.config.owners)
          : editAction(s.title, doc, s.offsetEdits);
        a.isPreferred = false;
        a.diagnostics = diags;
        actions.push(a);
      }
    }
    if (here.some((f) => f.fix) && state.findings.filter((f) => f.fix).length > 1) {
      // The quick-fix list is asked for after every cursor move and edit; fixing a whole 200 KB
      // document for an entry that is rarely chosen cost seconds of the host's thread while
      // typing. The entry's command computes the edit when it is chosen.
      actions.push(fixAllAction(doc, vscode.CodeActionKind.QuickFix));
    }
    const seen = new Set<string>();
    for (const f of here) {
      if (seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      actions.push(...disableActions(doc, snap, f), docsAction(f.ruleId));
    }
    return actions;
  }
}

const FIX_ALL_TITLE = 'Fix all partnership-docs problems';

/**
 * A code action that applies offset edits through `APPLY_EDITS` rather than as its `edit`: VS Code
 * re-minimises a code action's edit unit by unit when it targets the active editor, which cuts
 * 🟢 → 🟡 inside their shared surrogate (see `applyOffsetEdits`).
 */
function editAction(title: string, doc: vscode.TextDocument, edits: readonly OffsetEdit[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.command = { command: APPLY_EDITS, title, arguments: [doc.uri, doc.version, edits] };
  return a;
}

function snippetAction(title: string, doc: vscode.TextDocument, edit: OffsetEdit, roster: readonly string[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.command = { command: APPLY_SNIPPET, title, arguments: [doc.uri, doc.version, edit, roster] };
  return a;
}

/** The edit's text as a snippet: each `[…]` placeholder a tab stop (`[Name]` a choice of the roster, if any). */
export function toSnippet(text: string, roster: readonly string[] = []): vscode.SnippetString {
  const snippet = new vscode.SnippetString();
  let last = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') open = i;
    else if (c === '\n') open = -1;
    else if (c === ']' && open >= 0 && i > open + 1) {
      const placeholder = text.slice(open, i + 1);
      snippet.appendText(text.slice(last, open));
      if (placeholder === '[Name]' && roster.length > 0) snippet.appendChoice([...roster]);
      else snippet.appendPlaceholder(placeholder);
      last = i + 1;
      open = -1;
    }
  }
  snippet.appendText(text.slice(last));
  return snippet;
}

/** `APPLY_SNIPPET`: a suggestion written as a snippet in the document's editor. */
export async function applySnippetCommand(uri: vscode.Uri, version: number, edit: OffsetEdit, roster: readonly string[] = []): Promise<boolean> {
  const doc = openDocument(uri);
  if (!doc || doc.version !== version) return false;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? await vscode.window.showTextDocument(doc);
  return editor.insertSnippet(toSnippet(edit.text, roster), toRange(doc, edit.start, edit.end));
}

/** "Fix all": the command computes the whole-document fix when it runs, from the findings of that version. */
function fixAllAction(doc: vscode.TextDocument, kind: vscode.CodeActionKind): vscode.CodeAction {
  const a = new vscode.CodeAction(FIX_ALL_TITLE, kind);
  a.command = { command: FIX_ALL, title: FIX_ALL_TITLE, arguments: [doc.uri, doc.version] };
  return a;
}

/** `APPLY_EDITS`: the edits of a fix or suggestion, for the document version they were computed on. */
export async function applyEditsCommand(uri: vscode.Uri, version: number, edits: readonly OffsetEdit[]): Promise<boolean> {
  const doc = openDocument(uri);
  return doc ? applyOffsetEdits(doc, version, edits) : false;
}

/** `FIX_ALL`: every safe fix of the document (as `partnership-docs check --fix`), one edit, one undo step. */
export async function fixAllCommand(linter: Linter, uri: vscode.Uri, version?: number): Promise<boolean> {
  const doc = openDocument(uri);
  if (!doc || (version !== undefined && doc.version !== version)) return false;
  const state = await linter.ensure(doc);
  const snap = state?.snapshot;
  if (!state || !snap || state.skipped || state.version !== doc.version || !state.findings.some((f) => f.fix)) return false;
  return replaceWith(doc, state.version, snap, fixAllSnapshot(snap).snapshot);
}

/**
 * Replaces the document's text `from.text` (at `version`) with `to.text`. `to` is the snapshot of
 * the new text, computed by the fix: the lint of the version the edit makes starts from it.
 */
export async function replaceWith(doc: vscode.TextDocument, version: number, from: Snapshot, to: Snapshot): Promise<boolean> {
  if (to.text === from.text) return false;
  snapshots.adopt(doc.uri.toString(), to);
  return replaceText(doc, version, from.text, to.text);
}

const DISABLE_LINE = (id: string) => `<!-- partnership-docs-disable-next-line ${id} -->`;
const DISABLE_FILE = (id: string) => `<!-- partnership-docs-disable-file ${id} -->`;

function disableActions(doc: vscode.TextDocument, snap: Snapshot, f: Finding): vscode.CodeAction[] {
  const model = snap.doc;
  const out: vscode.CodeAction[] = [];
  // A comment line inside a table would end the table: for a finding in a table body, disable
  // the rule around the whole table instead of "next line".
  const table = model.tables.find((t) => f.startOffset >= t.start && f.startOffset <= t.end);
  const line = doc.positionAt(f.startOffset).line;
  if (table && doc.positionAt(table.start).line !== line) {
    const startLine = doc.lineAt(doc.positionAt(table.start).line);
    const endLine = doc.lineAt(doc.positionAt(table.end).line);
    const indent = startLine.text.slice(0, startLine.firstNonWhitespaceCharacterIndex);
    const a = new vscode.CodeAction(`Disable ${f.ruleId} for this table`, vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    a.edit.insert(doc.uri, startLine.range.start, `${indent}<!-- partnership-docs-disable ${f.ruleId} -->\n`);
    a.edit.insert(doc.uri, endLine.range.end, `\n${indent}<!-- partnership-docs-enable ${f.ruleId} -->`);
    out.push(a);
  } else {
    const target = doc.lineAt(line);
    const indent = target.text.slice(0, target.firstNonWhitespaceCharacterIndex);
    const a = new vscode.CodeAction(`Disable ${f.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    a.edit.insert(doc.uri, target.range.start, `${indent}${DISABLE_LINE(f.ruleId)}\n`);
    out.push(a);
  }
  const fileAction = new vscode.CodeAction(`Disable ${f.ruleId} for this file`, vscode.CodeActionKind.QuickFix);
  fileAction.edit = new vscode.WorkspaceEdit();
  // After the front matter: at the start of the line following its closing `---`.
  let at = new vscode.Position(0, 0);
  let prefix = '';
  if (model.frontMatter) {
    const end = doc.positionAt(model.frontMatter.end);
    if (end.character === 0) at = end;
    else if (end.line + 1 < doc.lineCount) at = new vscode.Position(end.line + 1, 0);
    else { at = doc.lineAt(end.line).range.end; prefix = '\n'; }
  }
  fileAction.edit.insert(doc.uri, at, `${prefix}${DISABLE_FILE(f.ruleId)}\n`);
  out.push(fileAction);
  return out;
}

function docsAction(ruleId: string): vscode.CodeAction {
  const a = new vscode.CodeAction(`Open documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
  a.command = { command: OPEN_RULE_DOCS, title: a.title, arguments: [ruleId] };
  return a;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
