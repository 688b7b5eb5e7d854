/**
 * The snapshots of the open documents' versions, one model build per version for the whole
 * extension host. The linter, the workspace index (and its cross-document lint) and the Markdown
 * preview plugin each ask here for the snapshot of a document's text under their options: the
 * first asker builds it, the others get it — or, under options that differ in what the model does
 * not depend on (today, the path…), a snapshot sharing its model (Snapshot.with). A new text
 * replaces the document's snapshots; a closed document's are dropped.
 */
import { snapshot, type LintOptions, type Snapshot } from '../core/index';

interface Held {
  /** The snapshot whose model the others share. */
  base: Snapshot;
  /** Snapshots of the same text under other options (a few: linter, index, workspace lint). */
  variants: Snapshot[];
}

const VARIANTS_KEPT = 6;
/** Snapshots of files read from disk kept for an editor about to open them (a New … command, a watcher update). */
const RECENT_KEPT = 4;

export class SnapshotStore {
  /** Per document, newest first: the current version's, and the one a fix is about to write (adopt). */
  private readonly held = new Map<string, Held[]>();

  /**
   * The snapshot of `text` (the document `key`'s) under `options`. `keep`: remember it for the
   * next asker (the document is open); a file read from disk is kept only among the last few
   * (RECENT_KEPT) for an editor about to open it, and reuses the snapshot of an open document
   * with the same text.
   */
  for(key: string, text: string, options: LintOptions, keep = true): Snapshot {
    const h = this.held.get(key)?.find((x) => x.base.text === text);
    if (h) return pick(h, options);
    // A file read from disk a moment before it opens in an editor (New QBR writes the file, then
    // opens it; the file watcher's index update can come first): its snapshot is still recent.
    const recent = this.recent.get(key);
    if (recent && recent.base.text === text) {
      if (keep) {
        this.recent.delete(key);
        this.held.set(key, [recent]);
      }
      return pick(recent, options);
    }
    const s = snapshot(text, options);
    // A new version: the document's older snapshots go (the lint state keeps what it needs).
    if (keep) this.held.set(key, [{ base: s, variants: [] }]);
    else this.remember(key, { base: s, variants: [] });
    return s;
  }

  /** Snapshots of files read from disk (not open), the last few, for the editor that opens one next. */
  private readonly recent = new Map<string, Held>();

  private remember(key: string, h: Held): void {
    this.recent.delete(key);
    this.recent.set(key, h);
    while (this.recent.size > RECENT_KEPT) this.recent.delete(this.recent.keys().next().value!);
  }

  /**
   * A snapshot computed elsewhere for what the document is about to become (a fix or
   * Recalculate replaces its text with `s.text`): the lint of that version starts from it.
   */
  adopt(key: string, s: Snapshot): void {
    // Kept beside the current version's (the edit may still fail, or come after other readers).
    const current = (this.held.get(key) ?? []).filter((h) => h.base.text !== s.text).slice(0, 1);
    this.held.set(key, [{ base: s, variants: [] }, ...current]);
  }

  /** The document whose held snapshot is of exactly `text`, if any. */
  keyOf(text: string): string | undefined {
    for (const [key, list] of this.held) {
      if (list.some((h) => h.base.text.length === text.length && h.base.text === text)) return key;
    }
    return undefined;
  }

  forget(key: string): void {
    this.held.delete(key);
    this.recent.delete(key);
  }
}

/** `h`'s snapshot under `options`: its base, a known variant, or a new one sharing its model. */
function pick(h: Held, options: LintOptions): Snapshot {
  if (h.base.matches(options)) return h.base;
  const known = h.variants.find((v) => v.matches(options));
  if (known) return known;
  const s = h.base.with(options);
  h.variants.push(s);
  if (h.variants.length > VARIANTS_KEPT) h.variants.shift();
  return s;
}

/** The extension host's one store (like parseCache: shared by the linter, the index and the preview). */
export const snapshots = new SnapshotStore();
