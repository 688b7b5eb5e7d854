/**
 * The one place where core coordinates (UTF-16 offsets into the linted text) become VS Code
 * positions. Everything else goes through these helpers.
 */
import * as vscode from 'vscode';
import type { OffsetEdit } from '../core/index';

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
 * A single replacement turning `before` into `after` (common prefix and suffix kept), so a
 * whole-document fix does not move the cursor or fold state more than it must.
 */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) { endB--; endA--; }
  return { start, end: endB, text: after.slice(start, endA) };
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
