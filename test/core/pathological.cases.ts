/**
 * Pathological documents for test/core/pathological.test.ts. Each case is built and linted in a
 * child process (see `main` below) so that a hang is killed by a timer and memory is bounded
 * by --max-old-space-size; the child prints a JSON summary of the findings.
 */
import { lint } from '../../src/core/index.js';
import type { Finding } from '../../src/core/types.js';
import { generateQbr } from '../../scripts/generate.mjs';

export const TODAY = '2026-11-24';
const TITLE = '# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n';

/** Deterministic bytes (an LCG), like a binary file. */
function pseudoRandomBytes(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    b[i] = s >> 16;
  }
  return b;
}

export const LONG_LINE_WORDS = 20_000; // 'word ' × 20,000 = 100,000 characters
export const KPI_ROWS = 5_000;
export const KPI_WRONG_EVERY = 500;
export const COLUMNS = 500;
export const NEST = 1_000;
/**
 * Indented nesting (each level on its own line, two more spaces each; the text grows with the
 * square of the depth: 1 MB at 1,000 deep). Still superlinear in the depth inside micromark;
 * this whole case, child process included, took 0.5 s at 150 deep, 0.8 s at 300, 3.3 s at 600
 * and 12.4 s at 1,000 (through the mdast tree 400 deep alone took 9.6 s). The default run uses
 * 150; pathological.test.ts also runs 1,000. PD_INDENTED_NEST overrides the depth.
 */
export const INDENTED_NEST = Number(process.env.PD_INDENTED_NEST ?? 150);
export const HEADINGS = 10_000;
export const BRACKETS = 50_000;

export const CASES: Record<string, { build: () => string; lintAll?: boolean }> = {
  'long-line': { build: () => `${TITLE}${'word '.repeat(LONG_LINE_WORDS)}[Name]\n` },
  'long-line-markup': { build: () => `${TITLE}${'**bold** and `code` [link](https://e.com) *em* x_y_ '.repeat(2000)}[Name]\n` },
  'kpi-5000-rows': {
    build: () => {
      const rows: string[] = [];
      for (let i = 0; i < KPI_ROWS; i++) {
        const actual = 100 + (i % 50); // Green: attainment 100…149 %
        const status = i % KPI_WRONG_EVERY === 0 ? '🔴 Red (50% of target)' : `✅ Green (${actual}% of target)`;
        rows.push(`| Metric ${i} | 100 | ${actual} | ${status} | → Stable |`);
      }
      return `${TITLE}## KPI Dashboard\n\n| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
    },
  },
  'table-500-columns': {
    build: () => {
      const extra = Array.from({ length: COLUMNS - 5 }, (_, i) => `C${i + 6}`);
      const head = ['Metric', 'Target', 'Actual', 'Status', 'Trend', ...extra];
      const row = ['Revenue', '$500K', '$450K', '✅ Green (100% of target)', '→ Stable', ...extra.map((_, i) => String(i))];
      return `${TITLE}## KPI Dashboard\n\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n| ${row.join(' | ')} |\n`;
    },
  },
  'nested-lists-1000': { build: () => `${TITLE}## Notes\n\n${'- '.repeat(NEST)}deep [Name]\n` },
  'nested-lists-5000': { build: () => `${TITLE}## Notes\n\n${'- '.repeat(5 * NEST)}deep [Name]\n\n## Next\n\nafter [Date]\n` },
  'nested-quotes-20000': { build: () => `${TITLE}## Notes\n\n${'> '.repeat(20 * NEST)}deep [Name]\n\n## Next\n\nafter [Date]\n` },
  'nested-indented-lists': {
    build: () => {
      const lines: string[] = [];
      for (let d = 0; d < INDENTED_NEST; d++) lines.push(`${'  '.repeat(d)}- level ${d}${d === INDENTED_NEST - 1 ? ' [Name]' : ''}`);
      return `${TITLE}## Notes\n\n${lines.join('\n')}\n`;
    },
  },
  'nested-quotes-1000': { build: () => `${TITLE}## Notes\n\n${'> '.repeat(NEST)}deep [Name]\n` },
  'mixed-nesting-1000': { build: () => `${TITLE}## Notes\n\n${Array.from({ length: NEST }, (_, d) => `${'> - '.slice(0, 2 + (d % 2) * 2)}`).join('')}x [Name]\n` },
  '5mb-document': { build: () => generateQbr(5 * 1024 * 1024, 1) as string },
  'binary-as-text': {
    build: () => new TextDecoder('utf-8', { fatal: false }).decode(pseudoRandomBytes(200_000)),
    lintAll: true,
  },
  'binary-latin1-qbr': { build: () => TITLE + pseudoRandomBytes(200_000, 3).toString('latin1') + '\n\n[Name]\n' },
  'invalid-utf8': {
    build: () => {
      const bytes = Buffer.concat([Buffer.from(TITLE), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x20, 0xf0, 0x9f, 0x98]), Buffer.from(' Owner [Name]\n')]);
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    },
  },
  'headings-10000': {
    build: () => `${TITLE}${Array.from({ length: HEADINGS }, (_, i) => `## Heading ${i}\n`).join('')}\n[Name]\n`,
  },
  'brackets-flat-50000': { build: () => `${TITLE}${'[x]'.repeat(BRACKETS / 3 | 0)}\n` },
  'brackets-nested-50000': { build: () => `${TITLE}${'['.repeat(BRACKETS / 2)}x${']'.repeat(BRACKETS / 2)}\n` },
  'brackets-open-50000': { build: () => `${TITLE}${'[a'.repeat(BRACKETS)}\n\n[Name]\n` },
  'link-brackets-50000': { build: () => `${TITLE}${'[a]('.repeat(BRACKETS / 4)}\n\n[Name]\n` },
};

export interface Summary {
  kind: string | null;
  length: number;
  lines: number;
  count: number;
  byRule: Record<string, number>;
  /** [ruleId, line, column, endLine, endColumn, text under the range] of the first findings of each rule (up to 20). */
  sample: Array<[string, number, number, number, number, string]>;
  internalErrors: string[];
  rangesOk: boolean;
  heapUsedMB: number;
}

export function summarize(text: string, findings: Finding[], kind: string | null): Summary {
  const byRule: Record<string, number> = {};
  const sample: Summary['sample'] = [];
  let rangesOk = true;
  for (const f of findings) {
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    if (byRule[f.ruleId]! <= 20) sample.push([f.ruleId, f.line, f.column, f.endLine, f.endColumn, text.slice(f.startOffset, f.endOffset).slice(0, 80)]);
    if (!(0 <= f.startOffset && f.startOffset <= f.endOffset && f.endOffset <= text.length)) rangesOk = false;
  }
  return {
    kind,
    length: text.length,
    lines: text.split('\n').length,
    count: findings.length,
    byRule,
    sample,
    internalErrors: findings.filter((f) => f.message.startsWith('Internal error')).map((f) => f.message),
    rangesOk,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
}

/** Child-process entry: `node --import tsx pathological.cases.ts <case>` prints a Summary. */
export function main(name: string): void {
  const c = CASES[name];
  if (!c) throw new Error(`unknown case ${name}`);
  const text = c.build();
  const r = lint(text, { today: TODAY, cache: false, config: c.lintAll ? { lintAllMarkdown: true } : {} });
  process.stdout.write(JSON.stringify(summarize(text, r.findings, r.kind)));
}

if (process.argv[1] && /pathological\.cases\.ts$/.test(process.argv[1])) main(process.argv[2]!);
