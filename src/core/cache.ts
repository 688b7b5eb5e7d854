/**
 * A bounded cache of section models keyed by the section's text. A keystroke changes one
 * section's text, so a re-lint re-parses that section only. Eviction is least-recently-used,
 * bounded by the total characters of the cached sections.
 */
import type { SectionModel } from './model.js';
import type { Finding } from './finding.js';

/** A section's model placed at document offset `by`, its list items numbered from `itemBase` (see document.ts). */
export interface PlacedSection {
  /**
   * The text the entry is stored under. Lookups use the text of the document being linted; the
   * entry keeps (and is refreshed under) this one, so it never holds a slice of a later version
   * of the document — that kept one whole version alive per edited section (2 MB a keystroke on
   * a 1 MB document, measured).
   */
  text: string;
  model: SectionModel;
  by: number;
  itemBase: number;
  /** The section-scoped rules' findings in this section, per group of rules reading the same facts, from the last lint that computed them (see lint.ts). */
  findings?: Record<string, SectionFindings>;
  /** Data derived from this section alone, per slot (see document.ts perPart and perStretch). */
  derived?: Record<string, unknown>;
}

/**
 * Findings of one group of section-scoped rules (Rule.scope, Rule.reads) in one section: valid for the document
 * context `key` (and, when the key involves the outline, for the section being preceded by
 * `headingIndex` headings), placed at document offset `at`, whose line is `line`.
 */
export interface SectionFindings {
  /** The context's token (an object compared by identity, see lint.ts contextKey). */
  key: object;
  headingIndex: number;
  at: number;
  line: number;
  /** The local rules' findings in the section (before suppression comments apply). */
  list: Finding[];
}

export interface SectionCache {
  get(text: string): PlacedSection | undefined;
  set(text: string, section: PlacedSection): void;
  /** Number of sections parsed (cache misses) since creation; for tests and the benchmark. */
  readonly misses: number;
  /** Number of cached section models. */
  readonly size: number;
  clear(): void;
}

export function createCache(maxChars = 32 * 1024 * 1024): SectionCache {
  const map = new Map<string, PlacedSection>();
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
export const sharedCache: SectionCache = createCache();
