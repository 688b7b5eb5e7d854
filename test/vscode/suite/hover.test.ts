import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, fileUri, hoverText, openFresh, ours, posOf, readFile, STALE_QBR, waitFor } from './util/helpers';

const STATUS_REPORT = `# Partnership Status Report: Globex + Acme Corp
**Period**: Q1 2026

## Partnership Overview
- **Current status**: Active

### Overall Health Score: 82/100 🟢 Green
- Business performance: 25/30 (revenue, customers, leads)
- Operational execution: 24/30 (campaigns, integrations, activities)
- Relationship health: 20/25 (satisfaction, engagement, responsiveness)
- Strategic alignment: 11/15 (priorities, vision, mutual value)
`;

suite('hover', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('a KPI row shows target, actual, direction, attainment, computed vs stated and the fix', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'hover-row');
    await waitFor(() => ours(editor.document.uri).length > 0, 'lint');
    const md = await hoverText(editor.document.uri, posOf(editor.document, 'Revenue generated'));
    for (const part of ['| Target | $500K |', '| Actual | $450K |', '| Direction | higher is better', '| Attainment | 90% — $450K of $500K |',
      '| Computed status | ⚠️ Yellow (90% of target) |', '| Stated status | ✅ Green (100% of target) |', '| Fix writes | ⚠️ Yellow (90% of target) |']) {
      assert.ok(md.includes(part), `hover has “${part}”:\n${md}`);
    }
  });

  test('the overall health line shows the per-KPI attainments and the band', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'hover-health');
    const md = await hoverText(editor.document.uri, posOf(editor.document, 'Overall Partnership Health'));
    assert.ok(md.includes('| Revenue generated | 90% |'), md);
    assert.ok(md.includes('| Customers acquired | 124% → counted as 100% |'));
    assert.ok(md.includes('| Score (mean) | 95% |'));
    assert.ok(md.includes('| Computed badge | 🟢 Green |'));
    assert.ok(!md.includes('Fix writes'), 'the health line is up to date');
  });

  test('the health-score block shows sub-scores against maxima and the band', async () => {
    const editor = await openFresh(STATUS_REPORT, 'hover-score');
    const md = await hoverText(editor.document.uri, posOf(editor.document, 'Overall Health Score'));
    for (const part of ['| Business performance | 25/30 |', '| Strategic alignment | 11/15 |', '| Sum of parts | 80/100 |', '| Stated total | 82/100 |',
      '| Band of the total | 🟡 Yellow |', '| Stated badge | 🟢 Green |']) {
      assert.ok(md.includes(part), `hover has “${part}”:\n${md}`);
    }
  });

  test('no hover on ordinary text or in a README', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'hover-none');
    assert.equal(await hoverText(editor.document.uri, posOf(editor.document, 'Revenue is slightly')), '');
    const readme = await vscode.workspace.openTextDocument(fileUri('README.md'));
    assert.equal(await hoverText(readme.uri, new vscode.Position(2, 3)), '');
  });
});
