/**
 * Property-based tests (fast-check) of the core over generated partnership documents and over
 * arbitrary markdown-ish text, unicode and bytes.
 *
 * Run count per property: the env var PD_PROPERTY_RUNS; else 10000 under `npm test` (what CI runs;
 * 4,000–5,000 for the three properties whose case is a session, a workspace or a fix of every line ending)
 * and 1000 in `npm run test:unit` (the quick loop), see propertyRuns in test/helpers.ts.
 *   PD_PROPERTY_RUNS=100000 node --import tsx --test test/core/property.test.ts test/core/property-part-b.test.ts   # a longer local run
 *   node --import tsx test/core/property.test.ts --runs=200   # part a directly (part b: property-part-b.test.ts); --runs wins over the env var
 * A failure prints fast-check's seed and path; reproduce it with PD_PROPERTY_SEED=<seed>
 * (and PD_PROPERTY_PATH=<path>).
 *
 * Generated documents are kept small (a few hundred characters, a handful of blocks): the
 * count is what finds rare combinations; the size is for the pathological tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFixes, buildIndex, createCache, fixAll, indexDocument, lint, lintWorkspace } from '../../src/core/index.js';
import type { Finding, LintOptions, OffsetEdit, PartialConfig } from '../../src/core/types.js';
import { propertyRuns } from '../helpers.js';

const TODAY = '2026-11-24';
/**
 * The properties run in two processes, so `node --test` runs them side by side on two cores: this
 * file registers part a; test/core/property-part-b.test.ts sets the part and imports it for part b
 * (the two slowest: the editing session and the workspace).
 */
const PART = (globalThis as { __propertyPart?: 'a' | 'b' }).__propertyPart ?? 'a';
const inPart = (part: 'a' | 'b', name: string, fn: () => void) => { if (part === PART) test(name, fn); };
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.slice('--runs='.length)) : propertyRuns(10_000, 1_000);
const EXPLICIT_RUNS = runsArg !== undefined || process.env.PD_PROPERTY_RUNS !== undefined;
/**
 * fc.assert, with the failing assertion's message in the thrown error (node:test shows only the
 * message). `scale`: a share of the run count for the properties whose one case is a whole editing
 * session, a workspace or every fix of a mixed-line-ending document (dozens of lints each): at
 * 10,000 cases those three took over 10 CPU minutes of `npm test`, which must stay under 20 on two
 * cores. Local runs draw fresh seeds, so the cases add up over runs. An explicit run count
 * (PD_PROPERTY_RUNS, --runs) is not scaled.
 */
function check<Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts>, scale = 1): void {
  try {
    fc.assert(prop, { ...params(), numRuns: EXPLICIT_RUNS ? RUNS : Math.max(1, Math.round(RUNS * scale)) } as fc.Parameters<Ts>);
  } catch (err) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) (err as Error).message += `\nCaused by: ${cause.message}`;
    throw err;
  }
}
const params = () => {
  const p: { numRuns: number; seed?: number; path?: string } = { numRuns: RUNS };
  // CI runs a fixed seed (reproducible landings); local runs draw a fresh one each time, which is
  // how new counterexamples are found. PD_PROPERTY_SEED overrides both.
  if (process.env.PD_PROPERTY_SEED) p.seed = Number(process.env.PD_PROPERTY_SEED);
  else if (process.env.CI) p.seed = 20261124;
  if (process.env.PD_PROPERTY_PATH) p.path = process.env.PD_PROPERTY_PATH;
  return p;
};

// One cache for the per-section lints (the real editor path: sections repeat between cases).
const cache = createCache(4 * 1024 * 1024);
const perSection = (text: string, extra: LintOptions = {}) => lint(text, { today: TODAY, cache, ...extra });
const whole = (text: string, extra: LintOptions = {}) => lint(text, { today: TODAY, cache: false, wholeDocument: true, ...extra });

// ─── Invariant checks ────────────────────────────────────────────────────────────────────────

/** Independent offset → 1-based line/column (UTF-16 units; a line ends at \n, \r\n or a lone \r, as in VS Code). */
function positionOf(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    const next = m.index + m[0].length;
    if (next > offset) break;
    line++;
    lineStart = next;
  }
  return [line, offset - lineStart + 1];
}

function checkFindings(text: string, findings: Finding[]): void {
  for (const f of findings) {
    assert.ok(!/^Internal error in rule/.test(f.message), `${f.ruleId} crashed: ${f.message}`);
    assert.ok(Number.isInteger(f.startOffset) && Number.isInteger(f.endOffset), `${f.ruleId}: integer offsets`);
    assert.ok(0 <= f.startOffset && f.startOffset <= f.endOffset && f.endOffset <= text.length, `${f.ruleId}: range ${f.startOffset}..${f.endOffset} outside 0..${text.length}`);
    assert.deepEqual([f.line, f.column], positionOf(text, f.startOffset), `${f.ruleId}: start line/column`);
    assert.deepEqual([f.endLine, f.endColumn], positionOf(text, f.endOffset), `${f.ruleId}: end line/column`);
    const groups = [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])];
    for (const g of groups) {
      assert.equal(g.edits.length, g.offsetEdits.length);
      g.offsetEdits.forEach((e, i) => {
        assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${f.ruleId}: edit ${e.start}..${e.end} outside the text`);
        const le = g.edits[i]!;
        assert.deepEqual([le.line, le.column, le.endLine, le.endColumn], [...positionOf(text, e.start), ...positionOf(text, e.end)], `${f.ruleId}: edit line/column`);
        assert.equal(le.text, e.text);
      });
    }
  }
}

/** Merged [start, end) ranges of edits (an insertion is an empty range at its point). */
function merged(edits: OffsetEdit[]): Array<[number, number]> {
  const s = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Array<[number, number]> = [];
  for (const e of s) {
    const last = out[out.length - 1];
    if (last && e.start <= last[1]) last[1] = Math.max(last[1], e.end);
    else out.push([e.start, e.end]);
  }
  return out;
}

/**
 * `after` must be `before` with only the edited ranges replaced: the unedited gaps between
 * them appear verbatim, in order, anchored at both ends.
 */
function unchangedOutside(before: string, after: string, edits: OffsetEdit[]): string | null {
  const ranges = merged(edits);
  if (!ranges.length) return after === before ? null : 'the text changed without any edit';
  const gaps: string[] = [];
  let pos = 0;
  for (const [s, e] of ranges) {
    gaps.push(before.slice(pos, s));
    pos = e;
  }
  gaps.push(before.slice(pos));
  if (!after.startsWith(gaps[0]!)) return 'text before the first edit changed';
  const last = gaps[gaps.length - 1]!;
  const tail = after.length - last.length;
  if (!after.endsWith(last) || tail < gaps[0]!.length) return 'text after the last edit changed';
  let at = gaps[0]!.length;
  for (let i = 1; i < gaps.length - 1; i++) {
    const j = after.indexOf(gaps[i]!, at);
    if (j === -1 || j + gaps[i]!.length > tail) return `unedited text changed: ${JSON.stringify(gaps[i]!.slice(0, 60))}`;
    at = j + gaps[i]!.length;
  }
  return null;
}

/** Findings without volatile parts, for comparing two lints. */
const shape = (fs: Finding[]) => fs.map((f) => ({ ...f }));

function checkFixes(text: string, options: LintOptions): void {
  const { findings } = lint(text, options);
  const fixable = findings.filter((f) => f.fix);
  const once = applyFixes(text, findings);
  // Never a byte outside the edits of the fixes.
  const bad = unchangedOutside(text, once, fixable.flatMap((f) => f.fix!.offsetEdits));
  assert.equal(bad, null, bad ?? '');
  // Identical fixes count once: applying the same findings twice over equals once.
  assert.equal(applyFixes(text, [...findings, ...findings]), once, 'applyFixes with duplicated findings');
  // fixAll converges: nothing fixable left, and fixing again changes nothing (idempotent).
  const all = fixAll(text, options);
  assert.ok(all.passes < 10, `fixAll did not converge in ${all.passes} passes`);
  const left = lint(all.text, options).findings.filter((f) => f.fix);
  assert.deepEqual(left.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`), [], 'fixable findings left after fixAll');
  assert.equal(applyFixes(all.text, lint(all.text, options).findings), all.text, 'applyFixes after fixAll changes nothing');
  if (fixable.length === 0) assert.equal(all.text, text, 'no fixable finding, yet fixAll changed the text');
}

// ─── Realistic pieces of partnership documents ───────────────────────────────────────────────

const oneOf = <T>(...xs: T[]) => fc.constantFrom(...xs);
const word = oneOf('Acme', 'Globex', 'Initech', 'Umbrella', 'Contoso', 'Fabrikam', 'Hooli', 'Wayne & Co');
const OWNERS = ['Dana Smith', 'Lee Chen', 'Priya Patel', '@tom', '[Name]', '[Who\'s responsible]', 'TBD', 'Zoë Ørsted'];
const owner = fc.oneof(oneOf(...OWNERS), fc.string({ maxLength: 12 }));
const date = fc.oneof(
  fc.tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  oneOf('Jan 15, 2026', 'January 15, 2027', '15 Jan 2026', '1/15/2026', '13/1/2026', 'Q3 2026', 'end of Q4 2026', 'Mar 3',
    '[Date]', 'TBD', 'next week', 'Feb 30, 2026', '2026-02-29', '31/31/2031', 'Q5 2026'),
);
const METRICS = ['Revenue generated', 'Customers acquired', 'Co-marketing campaigns', 'Partner satisfaction', 'Issue resolution time',
  'Support tickets', 'Integration adoption', 'Referrals exchanged', 'Churn', 'CAC', 'Days to close', '**Pipeline**', '`API calls`', 'Net 🚀 promoter'];
const num = fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => x.toFixed(1)));
const value = fc.oneof(
  num,
  num.map((n) => `$${n}K`), num.map((n) => `€${n}k`), num.map((n) => `£${n}M`), num.map((n) => `$${n}B`),
  num.map((n) => `${n}%`), fc.integer({ min: 0, max: 12 }).map((n) => `${n}/10`), fc.integer({ min: 0, max: 6 }).map((n) => `${n}.5/5`),
  num.map((n) => `${n} days`), num.map((n) => `${n} hours`), num.map((n) => `≤ ${n} days`), num.map((n) => `<= ${n}`), num.map((n) => `>= ${n}%`),
  num.map((n) => `**${n}**`), num.map((n) => `\`${n}\``), oneOf('N/A', 'TBD', '—', '-', '', '0', '$0', '1,200', '[X]', 'lots', '∞', '12 apples'),
);
const status = fc.oneof(
  fc.tuple(oneOf('✅', '🟢', '⚠️', '🟡', '🔴', '❌', ''), oneOf('Green', 'Yellow', 'Red', 'Amber', ''), fc.option(fc.integer({ min: 0, max: 300 })), oneOf('', ' — see notes'))
    .map(([e, c, p, tail]) => `${e} ${c}${p === null ? '' : ` (${p}% of target)`}${tail}`.trim()),
  fc.string({ maxLength: 8 }),
);
const trend = fc.tuple(oneOf('↗️', '→', '↘️', '⬆️', ''), oneOf('Improving', 'Stable', 'Declining', ''), fc.option(fc.integer({ min: -50, max: 50 })))
  .map(([a, w, c]) => `${a} ${w}${c === null ? '' : ` (${c >= 0 ? '+' : ''}${c}% vs. last quarter)`}`.trim());

function padTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`);
}
const header: fc.Arbitrary<string[]> = fc.oneof<fc.Arbitrary<string[]>[]>(
  fc.constant(['Metric', 'Target', 'Actual', 'Status', 'Trend']),
  fc.constant(['KPI', 'Goal', 'Result', 'Status']),
  fc.constant(['Measure', 'Plan', 'Current', 'Trend', 'Notes']),
  fc.shuffledSubarray(['Metric', 'Target', 'Actual', 'Status', 'Trend'], { minLength: 2 }).map((xs) => [...xs]),
);
const kpiTable = fc.record({
  header,
  rows: fc.array(fc.tuple(oneOf(...METRICS), value, value, status, trend, fc.boolean()), { minLength: 0, maxLength: 4 }),
  padded: fc.boolean(),
  indent: oneOf('', '', '  ', '> '),
}).map(({ header: h, rows, padded, indent }) => {
  const body = rows.map(([m, t, a, s, tr, short]) => {
    const cells = h.map((col) => {
      const c = col.toLowerCase();
      if (['metric', 'kpi', 'measure'].includes(c)) return m;
      if (['target', 'goal', 'plan'].includes(c)) return t;
      if (['actual', 'result', 'current'].includes(c)) return a;
      if (c === 'status') return s;
      if (c === 'trend') return tr;
      return 'note';
    });
    return short ? cells.slice(0, Math.max(1, cells.length - 1)) : cells;
  });
  const all = [h, h.map(() => '---'), ...body];
  const lines = padded ? padTable(all).map((l, i) => (i === 1 ? l.replace(/ /g, '-').replace(/^-/, ' ').replace(/-$/, ' ').replace(/\|-/g, '| ').replace(/-\|/g, ' |') : l)) : all.map((r) => `| ${r.join(' | ')} |`);
  return lines.map((l) => indent + l).join('\n');
});
const overallHealth = fc.tuple(oneOf('🟢 Green', '🟡 Yellow', '🔴 Red', 'Green', '❓'), fc.integer({ min: 0, max: 120 }))
  .map(([b, n]) => `**Overall Partnership Health**: ${b} (${n}% of targets met, some areas of concern)`);
const healthScore = fc.tuple(fc.integer({ min: -5, max: 120 }), fc.array(fc.integer({ min: -2, max: 35 }), { minLength: 4, maxLength: 4 }), oneOf('', ' 🟢 Green', ' 🟡 Yellow', ' 🔴 Red'), oneOf('###', '**', ''))
  .map(([total, [a, b, c, d], badge, style]) => [
    style === '###' ? `### Overall Health Score: ${total}/100${badge}` : style === '**' ? `**Overall Health Score**: ${total}/100${badge}` : `Overall Health Score: ${total}/100${badge}`,
    `- Business performance: ${a}/30 (revenue, customers, leads)`,
    `- Operational execution: ${b}/30 (campaigns, integrations, activities)`,
    `- Relationship health: ${c}/25 (satisfaction, engagement, responsiveness)`,
    `- Strategic alignment: ${d}/15 (priorities, vision, mutual value)`,
    '',
    '🟢 Green (90-100): Partnership thriving',
  ].join('\n'));
const field = fc.oneof(
  date.map((d) => `**Next renewal date**: ${d}`), date.map((d) => `**Next QBR**: ${d}`), date.map((d) => `- **Next renewal date**: ${d}`),
  oneOf('Active', 'At Risk', 'Thriving', 'Sunsetting', 'Dormant', '[Status]').map((s) => `**Current status**: ${s}`),
  oneOf('Critical', 'High', 'Medium', 'Low', 'Severe').map((s) => `**Severity**: ${s}`),
  oneOf('Open', 'In Progress', 'Resolved', 'Closed').map((s) => `**Status**: ${s}`),
  oneOf('Option 1', 'Option 3', '[Option]').map((s) => `**Recommended**: ${s}`),
  word.map((w) => `**Quarter**: Q3 2026 with ${w}`),
);
const actionItem = fc.tuple(oneOf('- [ ] ', '- [x] ', '- [X] ', '- ', '1. ', '* '), oneOf('Send the deck', '**Book** the QBR', 'Fix `sync`', '[Action item 1]', 'Review pricing'),
  fc.option(owner), fc.option(date), oneOf(' - Owner: %o, Due: %d', ' (Owner - %o; Timeline: %d)', ' %o by %d', ' Owner: %o\n   - Due: %d'))
  .map(([bullet, what, o, d, tpl]) => {
    let s = `${bullet}${what}${tpl}`;
    s = o === null ? s.replace(/Owner(?::| -) %o[,;]?|%o/, '') : s.replace('%o', o);
    s = d === null ? s.replace(/(?:Due|Timeline): %d|by %d/, '') : s.replace('%d', d);
    return s.replace(/\n {3}- $/, '');
  });
const actions = fc.array(actionItem, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('\n'));
const challenge = fc.tuple(oneOf('Referral volume', 'Churn', 'Revenue generated'), fc.option(owner), fc.option(date))
  .map(([t, o, d]) => [`1. **${t}**:`, '   - Impact: revenue at risk', ...(o === null ? [] : [`   - Owner: ${o}`]), ...(d === null ? [] : [`   - Timeline: ${d}`])].join('\n'));
const placeholder = oneOf('[Name]', '[Date]', '[X]', '[Partner Company]', 'Q[X] [Year]', '$[Amount]', '[the deck](https://e.com)', '[ref]', '[ref]: https://e.com', '[^1]', '[^1]: note', '\\[literal\\]', '[a][b]', '[]');
const paragraph = fc.array(fc.oneof(word, placeholder, oneOf('revenue', 'the', 'Churn', 'is', '*up*', '`[code]`', '<b>', '&amp;', '🚀', '👩‍👩‍👧', 'é', 'שלום', 'مرحبا')), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const suppression = fc.tuple(oneOf('disable-next-line', 'disable', 'enable', 'disable-file'), oneOf('', ' placeholder-unfilled', ' kpi-status-mismatch action-missing-owner', ' no-such-rule', ' section-missing'))
  .map(([k, r]) => `<!-- partnership-docs-${k}${r} -->`);
const codeFence = fc.tuple(oneOf('```', '~~~', '````'), paragraph).map(([f, p]) => `${f}\n| Metric | Target | Actual |\n|---|---|---|\n| x | 1 | [Name] |\n${p}\n${f}`);
const SECTIONS = ['Executive Summary', 'Performance Highlights', 'KPI Dashboard', 'Key Wins', 'Challenges and Actions', 'Upcoming Initiatives (Next Quarter)',
  'Asks and Decisions Needed', 'Next Steps', 'Partnership Overview', 'Performance Summary', 'Recent Activities', 'Open Issues', 'Upcoming Milestones',
  'Risks and Mitigations', 'Recommendations', 'Problem Statement', 'Root Cause', 'Impact', 'Proposed Solutions', 'Action Plan', 'Resolution', '🚀 **Key Wins**', 'Notes'];
const heading = fc.tuple(oneOf('## ', '### ', '# ', '#### '), oneOf(...SECTIONS)).map(([h, s]) => h + s);
const block = fc.oneof(
  { weight: 3, arbitrary: kpiTable }, { weight: 2, arbitrary: heading }, { weight: 2, arbitrary: actions }, { weight: 1, arbitrary: challenge },
  { weight: 1, arbitrary: overallHealth }, { weight: 1, arbitrary: healthScore }, { weight: 2, arbitrary: field }, { weight: 2, arbitrary: paragraph },
  { weight: 1, arbitrary: suppression }, { weight: 1, arbitrary: codeFence }, { weight: 1, arbitrary: placeholder },
);
const title = fc.tuple(oneOf('# Partnership QBR: ', '# Partnership Status Report: ', '## Partnership Issue: ', '# **Partnership QBR**: ', '# Notes: '), word, word)
  .map(([t, a, b]) => `${t}${a} + ${b}`);
const frontMatter = oneOf('', '', '', '---\npartnership-doc: qbr\n---\n', '---\npartnership-doc: status-report\npartner: Globex\n---\n', '---\npartnership-doc: [unclosed\n---\n', '---\n# not closed\n');
const separator = oneOf('\n\n', '\n\n', '\n', '\n\n\n');

/** A generated partnership document (a few hundred characters, up to `maxBlocks` blocks). */
const docOf = (maxBlocks: number) => fc.tuple(frontMatter, title, fc.array(fc.tuple(block, separator), { minLength: 1, maxLength: maxBlocks }), oneOf('\n', '', '\n\n'))
  .map(([fm, t, blocks, end]) => `${fm}${t}\n${blocks.map(([b, s]) => b + s).join('').trimEnd()}${end}`);
const partnershipDoc = docOf(5);

// ─── Properties over generated documents ─────────────────────────────────────────────────────

inPart('a', 'generated documents: lint never throws, ranges are exact, per-section lint equals whole-document lint', () => {
  check(
    fc.property(partnershipDoc, (text) => {
      const a = perSection(text);
      checkFindings(text, a.findings);
      assert.deepEqual(shape(a.findings), shape(whole(text).findings));
    }),
  );
});

inPart('a', 'generated documents: fixes touch only their edits, converge and are idempotent', () => {
  check(
    fc.property(partnershipDoc, (text) => checkFixes(text, { today: TODAY, cache })),
  );
});

// An editing session: one document typed into, each version linted with one section cache (the
// editor's path: a section's findings are reused while its text and context are unchanged, moved
// when an edit before it moves it). Each re-lint must equal a fresh lint without any cache. The
// edits include the context section-local findings depend on: headings (outline), Challenges
// sections (red KPIs), link definitions (placeholders), the Quarter field (the year of dates),
// front matter, suppression comments, and a section pasted twice.
const editPiece = oneOf('x', '\n', '\n\n', '', '## Challenges and Actions\n', '### Notes\n', '## Next Steps\n', '# Partnership QBR: A + B\n', 'Churn', 'Revenue generated',
  '[ref]: https://e.com\n', '[Name]', '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Churn | 5% | 9% | 🟢 Green | → Stable |\n',
  '- [ ] Send it Owner: Dana, Due: 2026-01-15\n', '- Fix it\n', '**Quarter**: Q1 2025\n', '---\npartnership-doc: status-report\n---\n', '<!-- partnership-docs-disable kpi-status-mismatch -->\n',
  '**Overall Partnership Health**: 🟢 Green (100% of targets met)\n', '|', '🔴', '\r\n');
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(30), insert: editPiece, paste: fc.boolean() });
inPart('b', 'editing session: every re-lint through the section cache equals a fresh lint', () => {
  check(
    fc.property(docOf(6), fc.array(edit, { minLength: 1, maxLength: 5 }), fc.constantFrom<PartialConfig | undefined>(undefined, { owners: ['Dana Smith', 'Lee Chen', '@pat'] }), (start, edits, config) => {
      const session = createCache(1024 * 1024);
      let text = start;
      const lintBoth = (t: string) => [lint(t, { today: TODAY, cache: session, config }), lint(t, { today: TODAY, cache: false, config })] as const;
      assert.deepEqual(...lintBoth(text));
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        // A paste copies a stretch of the document itself (whole sections repeat).
        const insert = e.paste ? text.slice(Math.max(0, at - 4 * e.del), at) : e.insert;
        text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + e.del));
        const [a, b] = lintBoth(text);
        assert.deepEqual(a, b, JSON.stringify(text));
      }
    }),
    0.5,
  );
});

// ─── Arbitrary markdown-ish strings, unicode and bytes ──────────────────────────────────────

const mdPiece = oneOf('\n', '\n\n', '\r\n', '\r', '# ', '## ', '### ', 'Partnership QBR: ', '```', '~~~', '|', ' | ', '---', '|---|---|', '[', ']', '(', ')', '<!--', '-->',
  '<div>', '</div>', '- ', '- [ ] ', '- [x] ', '1. ', '> ', '    ', '\t', ' ', 'x', '*', '**', '_', '`', '\\', '[Name]', '[x]: http://e.com', '[^1]', '$', '%', '/10',
  '✅', '⚠️', '🔴', 'Green', 'Red', 'Owner: ', 'Due: ', '2026-01-15', 'Metric', 'Target', 'Actual', 'Status', 'Trend', '12', '$500K', '<', '>', '&', '\u200B', '\uFEFF', '\u0301', 'é', 'ש', '👩‍👩‍👧');
const markdownish = fc.tuple(oneOf('', '# Partnership QBR: A + B\n', '# Partnership Status Report: A\n', '---\npartnership-doc: issue\n---\n'), fc.array(mdPiece, { maxLength: 40 }))
  .map(([head, ps]) => head + ps.join(''));
const ALL: LintOptions = { config: { lintAllMarkdown: true } };

inPart('a', 'markdown-ish strings: never throws, ranges exact, per-section = whole, fixes converge', () => {
  check(
    fc.property(markdownish, (text) => {
      const a = perSection(text, ALL);
      checkFindings(text, a.findings);
      assert.deepEqual(shape(a.findings), shape(whole(text, ALL).findings));
      checkFixes(text, { today: TODAY, cache, ...ALL });
    }),
  );
});

const bytes = fc.uint8Array({ maxLength: 200 });
inPart('a', 'arbitrary unicode strings and bytes (decoded leniently): never throws, ranges exact', () => {
  const dec = new TextDecoder('utf-8', { fatal: false });
  check(
    fc.property(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), bytes.map((b) => dec.decode(b)), bytes.map((b) => Buffer.from(b).toString('latin1'))),
      oneOf('', '# Partnership QBR: A + B\n'),
      (s, head) => {
        const text = head + s;
        const a = perSection(text, ALL);
        checkFindings(text, a.findings);
        assert.deepEqual(shape(a.findings), shape(whole(text, ALL).findings));
      },
    ),
  );
});

// The workspace layer (the Partnerships view, the dashboard, the cross-document rules of the
// editor and of `check`) reads every markdown file of a workspace. Here: one partner's QBRs
// quarter after quarter (the same metrics and open actions recur, so the cross-document rules
// fire; quarters may repeat or skip), beside a generated document and arbitrary markdown.
// Indexing and the cross-document rules must never throw, the section cache must change
// nothing, and every finding lies exactly in its document.
const SERIES_METRICS = ['Revenue generated', 'Customers acquired', 'Churn', 'Referrals exchanged', 'Partner satisfaction'];
const seriesNumber = fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.integer({ min: 1, max: 900 }).map((n) => `$${n}K`), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`), value);
const seriesQbr = fc.record({
  step: oneOf(1, 1, 1, 0, 2),
  title: oneOf('# Partnership QBR: Acme + Globex', '# Partnership QBR: Acme + Globex Corp', '# Partnership QBR: Acme + GBX', '# Partnership Status Report: Globex'),
  rows: fc.array(fc.tuple(oneOf(...SERIES_METRICS), seriesNumber, seriesNumber, status, trend), { minLength: 1, maxLength: 4 }),
  actions: fc.array(actionItem, { maxLength: 3 }),
  extra: fc.array(fc.tuple(block, separator), { maxLength: 2 }),
});
// `declining`: every actual falls quarter after quarter (what kpi-declining-quarters looks for).
const series = fc.tuple(fc.array(seriesQbr, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([qbrs, declining]) => {
  let ordinal = 2026 * 4;
  return qbrs.map((d, i) => {
    ordinal += d.step;
    if (declining) d = { ...d, rows: d.rows.map(([m, t, , s, tr]) => [m, t, String(90 - 20 * i), s, tr]) };
    const quarter = `Q${(ordinal % 4) + 1} ${Math.floor(ordinal / 4)}`;
    return [
      d.title, `**Quarter**: ${quarter}`, '', '## KPI Dashboard', '', '| Metric | Target | Actual | Status | Trend |', '|---|---|---|---|---|',
      ...d.rows.map((r) => `| ${r.join(' | ')} |`), '', '## Next Steps', '',
      ...d.actions, '',
      ...d.extra.map(([b, sep]) => b + sep),
    ].join('\n');
  });
});
const workspaceFiles = fc.tuple(series, fc.option(partnershipDoc), fc.option(markdownish))
  .map(([qbrs, doc, junk]) => [...qbrs, ...(doc === null ? [] : [doc]), ...(junk === null ? [] : [junk])]);
inPart('b', 'workspace: indexing and the cross-document rules never throw; the section cache changes nothing; findings lie exactly in their document', () => {
  const wsCache = createCache(4 * 1024 * 1024);
  const options: LintOptions = { today: TODAY, config: { partners: { 'Globex Corp': 'Globex', GBX: 'Globex' } } };
  check(
    fc.property(workspaceFiles, oneOf('globex/', ''), (files, folder) => {
      const texts = new Map<string, string>(files.map((text, i) => [`${folder}doc-${i}.md`, text]));
      const docs = [...texts].map(([path, text]) => {
        const doc = indexDocument(path, text, { ...options, cache: wsCache });
        assert.deepEqual(doc, indexDocument(path, text, { ...options, cache: false }), `${path}: indexed through the section cache = without it`);
        return doc;
      }).filter((d) => d !== null);
      const index = buildIndex(docs, { today: TODAY });
      const lintOptions = { today: TODAY, configFor: () => options.config };
      const { byPath } = lintWorkspace(index, texts, { ...lintOptions, cache: wsCache });
      assert.deepEqual(byPath, lintWorkspace(index, texts, { ...lintOptions, cache: false }).byPath, 'cross-document findings through the section cache = without it');
      for (const [path, findings] of byPath) checkFindings(texts.get(path)!, findings);
    }),
    0.4,
  );
});

// ─── Unicode and line endings keep positions exact ──────────────────────────────────────────

const NOISE = ['\u200B', '\uFEFF', '\u200D', 'e\u0301\u0301', 'שלום עולם', 'مرحبا بكم', '\u202Eevil\u202C', '👩‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '🇯🇵', '𝒳', '\uD800', 'ǅ', '\u00A0'];
const noise = fc.array(oneOf(...NOISE), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''));

/** A QBR whose findings are known: a placeholder on line 5 and a wrong KPI status on line 11. */
function knownDoc(prefix: string, infix: string): string {
  return [
    '# Partnership QBR: Acme + Globex',
    '**Quarter**: Q3 2026',
    '',
    `${prefix}Notes`,
    `Attendees ${infix}: [Name] and ${infix}`,
    '',
    '## KPI Dashboard',
    '',
    '| Metric | Target | Actual | Status | Trend |',
    '|--------|--------|--------|--------|-------|',
    `| Revenue ${infix} | $500K | $450K | ✅ Green (100% of target) | → Stable |`,
    '',
  ].join('\n');
}

const slices = (text: string, fs: Finding[]) => fs.map((f) => `${f.ruleId}:${text.slice(f.startOffset, f.endOffset)}`);

inPart('a', 'zero-width, combining, right-to-left and emoji text keep positions exact', () => {
  const baseline = knownDoc('', 'x');
  const expected = slices(baseline, perSection(baseline).findings);
  assert.ok(expected.includes('placeholder-unfilled:[Name]') && expected.some((s) => s.startsWith('kpi-status-mismatch:✅ Green')), expected.join('\n'));
  check(
    fc.property(noise, noise, (pre, inf) => {
      const text = knownDoc(pre, inf);
      const fs = perSection(text).findings;
      checkFindings(text, fs);
      // Same findings, same text under each range; the placeholder's column counts UTF-16 units.
      assert.deepEqual(slices(text, fs).map((s) => s.replace(inf, 'x')), expected);
      const ph = fs.find((f) => f.ruleId === 'placeholder-unfilled')!;
      assert.deepEqual([ph.line, ph.column], [5, `Attendees ${inf}: `.length + 1]);
      // The fix of the KPI row rewrites only the status cell.
      const fixed = applyFixes(text, fs.filter((f) => f.ruleId === 'kpi-status-mismatch'));
      assert.equal(fixed.split('\n')[10], `| Revenue ${inf} | $500K | $450K | ⚠️ Yellow (90% of target) | → Stable |`);
      assert.equal(fixed.split('\n').filter((_, i) => i !== 10).join('\n'), text.split('\n').filter((_, i) => i !== 10).join('\n'));
    }),
  );
});

inPart('a', 'CRLF, lone CR, mixed line endings and a BOM keep positions exact', () => {
  const ending = oneOf('\n', '\r\n', '\r');
  check(
    fc.property(docOf(2), fc.infiniteStream(ending), fc.boolean(), (lf, endings, bom) => {
      // Replace each \n of the LF document with \n, \r\n or \r (a mixed document).
      const parts = lf.split('\n');
      let text = parts[0]!;
      const it = endings[Symbol.iterator]();
      for (let i = 1; i < parts.length; i++) {
        let e = it.next().value!;
        // A lone CR right before a \n would make one CRLF of two line endings.
        if (text.endsWith('\r') && e.startsWith('\n')) e = '\r\n';
        text += e + parts[i]!;
      }
      if (bom) text = '\uFEFF' + text;
      const a = perSection(text);
      checkFindings(text, a.findings);
      assert.deepEqual(shape(a.findings), shape(whole(text).findings));
      // The same findings at the same lines, over the same text (CR aside), as the LF document.
      const b = perSection(lf);
      const key = (t: string, f: Finding) => `${f.ruleId} ${f.line}:${f.endLine} ${t.slice(f.startOffset, f.endOffset).replace(/\r/g, '').replace(/^\uFEFF/, '')}`;
      assert.deepEqual(a.findings.map((f) => key(text, f)), b.findings.map((f) => key(lf, f)));
      // Fixes never touch a line ending outside their edits (checkFixes compares every byte).
      checkFixes(text, { today: TODAY, cache });
    }),
    0.5,
  );
});
