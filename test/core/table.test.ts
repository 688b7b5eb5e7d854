/** Tidy table fixes (spec §7.2): padded tables are re-padded by display width, others edited in place. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocument } from '../../src/core/document.js';
import { applyEdits } from '../../src/core/fix.js';
import type { CellModel, TableModel } from '../../src/core/model.js';
import { cellReplacementEdits } from '../../src/core/table.js';
import { displayWidth } from '../../src/core/width.js';

function table(text: string): TableModel {
  const t = buildDocument(text, { cache: false }).tables[0];
  assert.ok(t, 'a table');
  return t;
}
/** Cell at body row `row` (0-based; -1 = header), column `col`. */
function cell(t: TableModel, row: number, col: number): CellModel {
  const r = row < 0 ? t.header : t.rows[row]!;
  return r.cells[col]!;
}
function replace(text: string, changes: Array<[number, number, string]>): { out: string; editLines: number } {
  const t = table(text);
  const edits = cellReplacementEdits(text, t, changes.map(([r, c, s]) => ({ cell: cell(t, r, c), text: s })));
  return { out: applyEdits(text, edits), editLines: edits.length };
}
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('displayWidth', () => {
  it('counts status emoji as two columns (⚠️ is U+26A0 U+FE0F)', () => {
    for (const e of ['✅', '\u26A0\uFE0F', '🔴', '🟢', '🟡', '❌', '↗️', '↘️']) assert.equal(displayWidth(e), 2, e);
    assert.equal(displayWidth('→'), 1);
    assert.equal(displayWidth('⚠️ Yellow (90% of target)'), 25);
    assert.equal(displayWidth('✅ Green (124% of target)'), 25);
  });
});

describe('cellReplacementEdits: unpadded tables', () => {
  const text = lines(
    '| Metric | Target | Actual | Status | Trend |',
    '|--------|--------|--------|--------|-------|',
    '| Revenue generated | $500K | $450K | ⚠️ Yellow (94% of target) | ↗️ Improving |',
    '| Customers acquired | 50 | 62 | ✅ Green | ↗️ Improving |',
  );
  it('edits only the cell (the playbook table: header and delimiter agree, body rows do not)', () => {
    const { out, editLines } = replace(text, [[0, 3, '⚠️ Yellow (90% of target)']]);
    assert.equal(editLines, 1);
    assert.equal(out, text.replace('94%', '90%'));
  });
  it('two replacements in different rows are two independent cell edits', () => {
    const { out } = replace(text, [
      [0, 3, '⚠️ Yellow (90% of target)'],
      [1, 3, '✅ Green (124% of target)'],
    ]);
    assert.equal(out, text.replace('94%', '90%').replace('✅ Green |', '✅ Green (124% of target) |'));
  });
  it('an empty cell gets a space either side', () => {
    const t = lines('| Metric | Status | Trend |', '|---|---|---|', '| A || up |', '| B |   | up |');
    assert.equal(replace(t, [[0, 1, 'x']]).out, lines('| Metric | Status | Trend |', '|---|---|---|', '| A | x | up |', '| B |   | up |'));
    assert.equal(replace(t, [[1, 1, 'y']]).out, lines('| Metric | Status | Trend |', '|---|---|---|', '| A || up |', '| B | y | up |'));
  });
  it('a table whose cells all have the same width has no padding evidence: cell edit only', () => {
    const t = lines('| a | b |', '|---|---|', '| c | d |');
    assert.equal(replace(t, [[0, 1, 'longer']]).out, lines('| a | b |', '|---|---|', '| c | longer |'));
  });
  it('rows without outer pipes are edited in place', () => {
    const t = lines('Metric | Status', '------ | ------', 'Rev    | x     ');
    assert.equal(replace(t, [[0, 1, 'longer text']]).out, lines('Metric | Status', '------ | ------', 'Rev    | longer text     '));
  });
});

describe('cellReplacementEdits: padded tables', () => {
  const padded = lines(
    '| Metric             | Target | Actual | Status                    | Trend        |',
    '| ------------------ | -----: | -----: | ------------------------- | ------------ |',
    '| Revenue generated  |  $500K |  $450K | ⚠️ Yellow (94% of target) | ↗️ Improving |',
    '| Customers acquired |     50 |     62 | ✅ Green (120% of target) | ↗️ Improving |',
    '| Partner NPS        |     50 |     30 | 🔴 Red (60% of target)    | → Stable     |',
  );
  it('same width: only the changed line is edited', () => {
    const { out, editLines } = replace(padded, [[0, 3, '⚠️ Yellow (90% of target)']]);
    assert.equal(editLines, 1);
    assert.equal(out, padded.replace('94%', '90%'));
  });
  it('two same-width replacements in different rows give two non-overlapping line edits', () => {
    const t = table(padded);
    const a = cellReplacementEdits(padded, t, [{ cell: cell(t, 0, 3), text: '⚠️ Yellow (90% of target)' }]);
    const b = cellReplacementEdits(padded, t, [{ cell: cell(t, 1, 3), text: '✅ Green (124% of target)' }]);
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    assert.ok(a[0]!.end < b[0]!.start);
    assert.equal(applyEdits(padded, [...a, ...b]), padded.replace('94%', '90%').replace('120%', '124%'));
  });
  it('a wider cell re-pads the whole column, delimiter dashes included (emoji = 2 columns)', () => {
    const { out } = replace(padded, [[2, 3, '🔴 Red (60% of target) — escalated']]);
    assert.equal(
      out,
      lines(
        '| Metric             | Target | Actual | Status                             | Trend        |',
        '| ------------------ | -----: | -----: | ---------------------------------- | ------------ |',
        '| Revenue generated  |  $500K |  $450K | ⚠️ Yellow (94% of target)          | ↗️ Improving |',
        '| Customers acquired |     50 |     62 | ✅ Green (120% of target)          | ↗️ Improving |',
        '| Partner NPS        |     50 |     30 | 🔴 Red (60% of target) — escalated | → Stable     |',
      ),
    );
  });
  it('a narrower widest cell shrinks the column', () => {
    const t = lines('| Metric | Status        |', '|--------|---------------|', '| A      | ✅ Green long |', '| B      | x             |');
    assert.equal(replace(t, [[0, 1, 'ok']]).out, lines('| Metric | Status |', '|--------|--------|', '| A      | ok     |', '| B      | x      |'));
  });
  it('keeps right-justified columns right-justified and alignment colons in place', () => {
    const { out } = replace(padded, [[0, 1, '$1,500K']]);
    assert.equal(
      out,
      lines(
        '| Metric             |  Target | Actual | Status                    | Trend        |',
        '| ------------------ | ------: | -----: | ------------------------- | ------------ |',
        '| Revenue generated  | $1,500K |  $450K | ⚠️ Yellow (94% of target) | ↗️ Improving |',
        '| Customers acquired |      50 |     62 | ✅ Green (120% of target) | ↗️ Improving |',
        '| Partner NPS        |      50 |     30 | 🔴 Red (60% of target)    | → Stable     |',
      ),
    );
  });
  it('keeps centred columns centred and :---: colons', () => {
    const t = lines('| Metric | Status |', '|--------|:------:|', '| A      |   ok   |', '| B      |  red   |');
    assert.equal(
      replace(t, [[0, 1, '✅ Green (100% of target)']]).out,
      lines(
        '| Metric |          Status           |',
        '|--------|:-------------------------:|',
        '| A      | ✅ Green (100% of target) |',
        '| B      |            red            |',
      ),
    );
  });
  it('fills an empty cell of a padded table', () => {
    const t = lines('| Metric | Status   |', '| ------ | -------- |', '| A      | ✅ Green |', '| B      |          |');
    assert.equal(
      replace(t, [[1, 1, '🔴 Red (50% of target)']]).out,
      lines('| Metric | Status                 |', '| ------ | ---------------------- |', '| A      | ✅ Green               |', '| B      | 🔴 Red (50% of target) |'),
    );
  });
  it('never touches lines outside the table, and keeps the indentation and CRLF line ends', () => {
    const t = 'Before\r\n\r\n  | M | Status |\r\n  |---|--------|\r\n  | A | x      |\r\n\r\nAfter\r\n';
    const out = replace(t, [[0, 1, 'longer text']]).out;
    assert.equal(out, 'Before\r\n\r\n  | M | Status      |\r\n  |---|-------------|\r\n  | A | longer text |\r\n\r\nAfter\r\n');
  });
  it('a table padded with ⚠️ counted as one column is not padded by display width: cell edit only', () => {
    const t = lines('| Metric | Status    |', '|--------|-----------|', '| A      | ⚠️ Yellow  |', '| B      | ✅ Green  |');
    // The author's editor drew ⚠️ one column wide: by display width row A is one column wider.
    const { out, editLines } = replace(t, [[1, 1, 'x']]);
    assert.equal(editLines, 1);
    assert.equal(out, t.replace('✅ Green', 'x'));
  });
});
