/**
 * A bounded cache of chunk models keyed by the chunk's text (a chunk: the stretch between two
 * column-0 ATX headings, split.ts). A keystroke changes one chunk's text, so a re-lint re-parses
 * that chunk only. Eviction is least-recently-used, bounded by the total characters cached.
 */
import type { ChunkModel } from './model.js';
import type { Finding } from './finding.js';

/** A chunk's model placed at document offset `by`, its list items numbered from `itemBase` (see document.ts). */
export interface PlacedChunk {
  /**
   * The text the entry is stored under. Lookups use the text of the document being linted; the
   * entry keeps (and is refreshed under) this one, so it never holds a slice of a later version
   * of the document — that kept one whole version alive per edited chunk (2 MB a keystroke on
   * a 1 MB document, measured).
   */
  text: string;
  model: ChunkModel;
  by: number;
  itemBase: number;
  /** The chunk-scoped rules' findings in this chunk, per group of rules reading the same facts, from the last lint that computed them (see lint.ts). */
  findings?: Record<string, ChunkFindings>;
  /** Data derived from this chunk alone, per slot (see document.ts perChunk and perStretch). */
  derived?: Record<string, unknown>;
}

/**
 * Findings of one group of chunk-scoped rules (Rule.scope, Rule.reads) in one chunk: valid for the document
 * context `key` (and, when the key involves the outline, for the chunk being preceded by
 * `headingIndex` headings), placed at document offset `at`, whose line is `line`.
 */
export interface ChunkFindings {
  /** The context's token (an object compared by identity, see lint.ts contextKey). */
  key: object;
  headingIndex: number;
  /** For groups reading ENCLOSING: the levels and names of the headings enclosing the chunk. */
  chain?: readonly unknown[];
  at: number;
  line: number;
  /** The group's findings in the chunk (before suppression comments apply). */
  list: Finding[];
}

export interface ChunkCache {
  get(text: string): PlacedChunk | undefined;
  set(text: string, chunk: PlacedChunk): void;
  /** Number of chunks parsed (cache misses) since creation; for tests and the benchmark. */
  readonly misses: number;
  /** Number of cached chunk models. */
  readonly size: number;
  clear(): void;
}

export function createCache(maxChars = 32 * 1024 * 1024): ChunkCache {
  const map = new Map<string, PlacedChunk>();
  let chars = 0;
  let misses = 0;
  return {
    get(text) {
      const hit = map.get(text);
      if (hit) {
        map.delete(text);
        map.set(hit.text, hit);
      } else {
        misses++;
      }
      return hit;
    },
    set(text, model) {
      if (text.length > maxChars) return;
      if (!map.has(text)) chars += text.length;
      map.set(text, model);
      while (chars > maxChars) {
        const oldest = map.keys().next().value as string;
        map.delete(oldest);
        chars -= oldest.length;
      }
    },
    get misses() {
      return misses;
    },
    get size() {
      return map.size;
    },
    clear() {
      map.clear();
      chars = 0;
    },
  };
}

/** The default cache shared by `lint()` calls that do not bring their own. */
export const sharedCache: ChunkCache = createCache();
