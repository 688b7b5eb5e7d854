/**
 * One model build per document version in the real extension host: the linter, the hover, the
 * CodeLens, the code actions (Ctrl+.), the status bar, the health breakdown, the workspace
 * index, the Markdown preview and Recalculate all read the version's snapshot. The extension
 * counts model builds per text (engineStats, on because the runners set
 * PARTNERSHIP_DOCS_ENGINE_STATS=1).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, fileUri, hoverText, openFresh, ours, readFile, ruleOf, sleep, STALE_QBR, waitFor, writeFile } from './util/helpers';
import { log } from './util/log';

interface EngineApi {
  linter: { stateFor(doc: vscode.TextDocument): unknown };
  statusBar(): { text: string; tooltip: string } | undefined;
  workspaceIndex: { ready(): Promise<{ docs: Map<string, unknown> }>; current: { docs: Map<string, unknown> } };
  engineStats(): { modelBuilds: number; modelBuildsOf(text: string): number | undefined };
}

/** The stale QBR with a health-score block too, made unique so that no other document has its text. */
async function qbrText(): Promise<string> {
  const stale = await readFile(fileUri(STALE_QBR));
  return stale.replace('## Key Wins', `### Overall Health Score: 82/100 🟢 Green
- Business performance: 25/30 (revenue, customers, leads)
- Operational execution: 24/30 (campaigns, integrations, activities)
- Relationship health: 20/25 (satisfaction, engagement, responsiveness)
- Strategic alignment: 11/15 (priorities, vision, mutual value)

## Key Wins`) + `\n<!-- snapshot suite ${Date.now()} -->\n`;
}

suite('snapshot: one model build per document version', () => {
  let api: EngineApi;
  suiteSetup(async () => { api = (await activate()) as unknown as EngineApi; });
  teardown(closeAll);

  test('hover, CodeLens, code actions, status bar, breakdown, workspace index, preview and Recalculate build the model once per version', async function () {
    this.timeout(90_000);
    const builds = (text: string) => api.engineStats().modelBuildsOf(text);
    assert.notEqual(builds(''), undefined, 'the runner turns the per-text count on (PARTNERSHIP_DOCS_ENGINE_STATS=1)');
    const editor = await openFresh(await qbrText(), 'one-build');
    const doc = editor.document;
    const uri = doc.uri;
    const text = doc.getText();
    const version = doc.version;
    const steps: string[] = [];
    const step = (name: string) => steps.push(`${name}: ${builds(text)}`);

    await waitFor(() => ours(uri).some((d) => ruleOf(d) === 'kpi-status-mismatch') && api.linter.stateFor(doc), 'the lint of the version');
    step('lint');
    // The workspace index starts with the first partnership document and indexes this one too;
    // its cross-document lint runs after it (debounced).
    const index = await api.workspaceIndex.ready();
    assert.ok(index.docs.has(vscode.workspace.asRelativePath(uri)), 'the document is indexed');
    await sleep(400);
    step('workspace index');

    const at = (needle: string) => doc.positionAt(text.indexOf(needle) + 2);
    const row = await hoverText(uri, at('Revenue generated'));
    assert.ok(row.includes('| Computed status | ⚠️ Yellow (90% of target) |'), row);
    const health = await hoverText(uri, at('Overall Partnership Health'));
    assert.ok(health.includes('| Score (mean) | 95% |'), health);
    const score = await hoverText(uri, at('Overall Health Score'));
    assert.ok(score.includes('| Sum of parts | 80/100 |'), score);
    step('hovers');

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.startsWith('KPI health 95% 🟢')), titles.join(' | '));
    assert.ok(titles.includes('Recalculate'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Health score 82/100')), titles.join(' | '));
    step('CodeLens');

    const d = ours(uri).find((x) => ruleOf(x) === 'kpi-status-mismatch')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    const actionTitles = actions.map((a) => a.title);
    assert.ok(actions.some((a) => a.isPreferred), actionTitles.join(' | '));
    assert.ok(actionTitles.includes('Disable kpi-status-mismatch for this table'), actionTitles.join(' | '));
    step('code actions');

    const status = await waitFor(() => api.statusBar()?.text.includes('Health 95%') && api.statusBar(), 'the status bar');
    assert.match(status.text, /Health 95% 🟢 · 1 stale/);
    // The breakdown (status bar click): a quick pick over the KPI rows and the health parts.
    void vscode.commands.executeCommand('partnershipDocs.showHealthBreakdown', uri);
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    step('status bar and breakdown');

    // The preview: VS Code's Markdown extension renders with our plugin in this host.
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
    assert.match(html, /<span class="pd-pill pd-yellow"[^>]*>⚠️ Yellow \(90% of target\)<\/span> <span class="pd-stale"/);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    await sleep(1500);
    await vscode.window.showTextDocument(doc);
    step('preview');

    assert.equal(doc.version, version, 'still the same version');
    log(`    (model builds of the version, after each feature: ${steps.join(', ')})`);
    assert.equal(builds(text), 1, `one model build for the version; after each feature: ${steps.join(', ')}`);

    // Recalculate writes the next version: its model is the one Recalculate built, reused by the
    // lint and every feature of that version.
    assert.equal(await vscode.commands.executeCommand('partnershipDocs.recalculateKpiStatuses', { uri: uri.toString() }), true);
    assert.notEqual(doc.version, version);
    const next = doc.getText();
    await waitFor(() => !ours(uri).some((x) => ruleOf(x) === 'kpi-status-mismatch'), 'the lint of the recalculated version');
    await waitFor(() => api.statusBar()?.text.includes('Health 95%') && !api.statusBar()?.text.includes('stale'), 'the status bar of the recalculated version');
    assert.ok((await hoverText(uri, doc.positionAt(next.indexOf('Revenue generated') + 2))).includes('| Stated status | ⚠️ Yellow (90% of target) |'));
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 10);
    await vscode.commands.executeCommand('markdown.api.render', next);
    await api.workspaceIndex.ready();
    await sleep(1500); // the index re-reads an edited document after a pause
    await api.workspaceIndex.ready();
    log(`    (model builds of the recalculated version: ${builds(next)}; of the first: ${builds(text)})`);
    assert.equal(builds(next), 1, 'one model build for the recalculated version');
    assert.equal(builds(text), 1, 'the first version was not analysed again');
  });

  test('a file the workspace index read from disk just before it opens is not built again (New QBR writes, then opens)', async function () {
    this.timeout(60_000);
    const builds = (text: string) => api.engineStats().modelBuildsOf(text);
    await api.workspaceIndex.ready();
    const text = await qbrText();
    const path = `tmp/read-then-open-${Date.now()}.md`;
    const uri = await writeFile(path, text);
    // The file watcher's update indexes the file from disk first (the race CI hit under load).
    await waitFor(() => api.workspaceIndex.current.docs.has(vscode.workspace.asRelativePath(uri)), 'the file indexed from disk', 15_000);
    assert.equal(builds(text), 1, 'the index built the model of the file on disk');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => ours(uri).some((d) => ruleOf(d) === 'kpi-status-mismatch'), 'the lint of the opened document');
    log(`    (model builds after the index read it and the editor linted it: ${builds(text)})`);
    assert.equal(builds(text), 1, 'the editor’s lint reused the snapshot of the file the index had just read');
  });
});
