/** Shared by the workspace tests: the multi-quarter fixture folders of test/fixtures/workspace. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, indexDocument } from '../../src/core/index.js';
import type { IndexedDoc, WorkspaceIndex } from '../../src/core/index.js';

export const WS_DIR = 'test/fixtures/workspace';
export const WS_TODAY = '2026-11-24';

export function fixtureTexts(dir = WS_DIR): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.md')) out.set(p.split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

export function indexTexts(texts: Map<string, string>, options: Parameters<typeof indexDocument>[2] = {}): { docs: IndexedDoc[]; index: WorkspaceIndex } {
  const docs: IndexedDoc[] = [];
  for (const [p, t] of texts) {
    const d = indexDocument(p, t, { today: WS_TODAY, cache: false, ...options });
    if (d) docs.push(d);
  }
  return { docs, index: buildIndex(docs, { today: WS_TODAY }) };
}
