/**
 * The one place where core coordinates (UTF-16 offsets into the linted text) become VS Code
 * positions. Everything else goes through these helpers.
 */
import * as vscode from 'vscode';
import { minimalEdit, type OffsetEdit } from '../core/index';

/** The part of a TextDocument the adapter needs (a real document or a snapshot of one). */
export interface PositionSource {
  positionAt(offset: number): vscode.Position;
}

export function toRange(doc: PositionSource, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
}

/** Core offset edits → one WorkspaceEdit (one undo step). */
export function toWorkspaceEdit(uri: vscode.Uri, doc: PositionSource, edits: readonly OffsetEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(uri, toRange(doc, e.start, e.end), e.text);
  return edit;
}

/**
 * Applies core offset edits to an open document as one undo step, the way no VS Code layer can
 * cut a surrogate pair or a grapheme cluster in them.
 *
 * A WorkspaceEdit aimed at the document of the active editor (a code action's `edit`, and
 * `workspace.applyEdit` too) goes through VS Code's `computeMoreMinimalEdits`, which diffs each
 * edit against the text it replaces one UTF-16 unit at a time: `🟢 Green` → `🟡 Yellow` keeps the
 * shared first unit of 🟢 / 🟡 and writes a lone second half, which the editor saves as U+FFFD.
 * `TextEditor.edit` is applied as given. So an edit of a document shown in an editor goes through
 * that editor; a document without an editor cannot be the active one, and takes a WorkspaceEdit.
 * `version`: the document version the offsets belong to; nothing is applied when it moved on.
 */
export async function applyOffsetEdits(doc: vscode.TextDocument, version: number, edits: readonly OffsetEdit[]): Promise<boolean> {
  if (doc.isClosed || doc.version !== version) return false;
  if (edits.length === 0) return true;
  const editor = vscode.window.activeTextEditor?.document === doc
    ? vscode.window.activeTextEditor
    : vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (editor) return editor.edit((b) => { for (const e of edits) b.replace(toRange(doc, e.start, e.end), e.text); });
  return vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, doc, edits));
}

/** The open document of `uri`, if VS Code has it. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/**
 * Replaces the document's text `before` (of version `version`) by `after` with one minimal edit
 * on grapheme boundaries (Fix all, Recalculate). False when nothing changes.
 */
export async function replaceText(doc: vscode.TextDocument, version: number, before: string, after: string): Promise<boolean> {
  const edit = minimalEdit(before, after);
  return edit ? applyOffsetEdits(doc, version, [edit]) : false;
}

/** A position source over plain text (for files that are not open). */
export function textPositions(text: string): PositionSource {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    positionAt(offset: number) {
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= o) lo = mid; else hi = mid - 1; }
      return new vscode.Position(lo, o - starts[lo]!);
    },
  };
}
