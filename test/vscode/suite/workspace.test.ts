import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { generateFolderFiles } from '../../../scripts/generate.mjs';
import { buildIndex, indexDocument } from '../../../src/core/index';
import { isoToday } from '../../../src/vscode/workspaceIndex';
import { log } from './util/log';
import type { PartnershipDocsApi } from '../../../src/vscode/extension';
import type { Node } from '../../../src/vscode/partnersTree';
import { activate, closeAll, fileUri, readFile, ruleOf, setSetting, waitFor, writeFile } from './util/helpers';

// The multi-quarter fixture (3 partners × 3 quarters), copied into the test workspace under portfolio/.
const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/portfolio-workspace/partnerships');
const BASE = 'portfolio';
const GLOBEX_Q3 = `${BASE}/globex/2026-Q3-qbr.md`;
const WORKSPACE_SOURCE = 'partnership-docs-workspace';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

suite('workspace: index, Partnerships view, dashboard, New QBR from the previous one', () => {
  let api: PartnershipDocsApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await activate()) as unknown as PartnershipDocsApi;
    const written: string[] = [];
    const fixtureText = new Map<string, string>();
    for (const partner of fs.readdirSync(FIXTURE)) {
      for (const file of fs.readdirSync(path.join(FIXTURE, partner))) {
        const text = fs.readFileSync(path.join(FIXTURE, partner, file), 'utf8');
        await writeFile(`${BASE}/${partner}/${file}`, text);
        written.push(`${BASE}/${partner}/${file}`);
        fixtureText.set(`${BASE}/${partner}/${file}`, text);
      }
    }
    await api.workspaceIndex.start();
    // Every fixture file, not just some: a partner whose latest QBR is not indexed yet would show
    // its previous quarter's health.
    // Indexed with its whole text: a file read while it was still being written must be read again.
    const whole = (p: string) => api.workspaceIndex.current.docs.has(p) && api.workspaceIndex.textOf(p) === fixtureText.get(p);
    await waitFor(() => written.every(whole), 'the whole fixture indexed', 30_000)
      .catch((e: Error) => {
        const missing = written.filter((p) => !whole(p));
        throw new Error(`${e.message}: missing ${missing.join(', ')}; ${api.workspaceIndex.current.docs.size} indexed; last build ${JSON.stringify(api.workspaceIndex.lastBuild)}`);
      });
  });
  teardown(closeAll);

  async function partners(): Promise<Map<string, { node: Node; item: vscode.TreeItem }>> {
    const roots = await api.partnersTree.getChildren();
    return new Map(roots.map((node) => {
      const item = api.partnersTree.getTreeItem(node) as vscode.TreeItem;
      return [labelOf(item), { node, item }];
    }));
  }

  test('the Partnerships view lists partners with health, trend, renewal and overdue actions', async () => {
    const tree = await partners();
    for (const name of ['Globex', 'Contoso', 'Soylent']) assert.ok(tree.has(name), [...tree.keys()].join(', '));
    const globex = tree.get('Globex')!.item;
    // Q3 2026 KPI health 94 (Q2: 79): Green, up 15 points; renewal January 31, 2027.
    assert.match(String(globex.description), /^🟢 94 ↗ \+15 · renewal (\d+ d|\d+ d overdue|today)/);
    assert.equal(globex.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const tooltip = (globex.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Renewal \| 2027-01-31/);
    const umbrella = tree.get('Soylent')!.item;
    assert.match(String(umbrella.description), /^🔴 60 ↘ −21 · renewal .* · \d+ overdue$/);
    assert.match(String(tree.get('Contoso')!.item.description), /^🟡 72 ↘ −10 · renewal /);
  });

  test('partner → documents by quarter (newest first); a document opens at its title line', async () => {
    const globex = (await partners()).get('Globex')!;
    const docs = await api.partnersTree.getChildren(globex.node);
    const items = docs.map((d) => api.partnersTree.getTreeItem(d) as vscode.TreeItem);
    assert.deepEqual(items.map(labelOf), ['Q3 2026 · QBR', 'Q2 2026 · QBR', 'Q1 2026 · QBR']);
    assert.match(String(items[1]!.description), /^🟡 79\s+2026-Q2-qbr\.md$/);
    const cmd = items[0]!.command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith(GLOBEX_Q3) && vscode.window.activeTextEditor, 'the document opened');
    assert.equal(editor.selection.active.line, 0);
    assert.equal(editor.document.lineAt(0).text, '# Partnership QBR: Northwind + Globex');
  });

  test('the file watcher keeps the index current: create, change, delete', async () => {
    const q4 = `${BASE}/globex/2026-Q4-qbr.md`;
    const text = (await readFile(fileUri(GLOBEX_Q3))).replace('**Quarter**: Q3 2026', '**Quarter**: Q4 2026').replace('**Date**: 2026-10-13', '**Date**: 2027-01-14');
    const uri = await writeFile(q4, text);
    await waitFor(() => api.workspaceIndex.current.docs.get(q4)?.period?.label === 'Q4 2026', 'the new file indexed', 10_000);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace('| Joint revenue | $500K | $460K |', '| Joint revenue | $500K | $200K |')));
    await waitFor(() => api.workspaceIndex.current.docs.get(q4)?.kpis[0]?.actual === '$200K', 'the change indexed', 10_000);
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => !api.workspaceIndex.current.docs.has(q4), 'the deletion indexed', 10_000);
    const globex = (await partners()).get('Globex')!;
    assert.equal((await api.partnersTree.getChildren(globex.node)).length, 3);
  });

  test('unsaved editor text wins over the file on disk', async () => {
    // Auto-save off (the runners' user settings say so too): the edit stays unsaved.
    await setSetting('autoSave', 'off', 'files');
    try {
      const editor = await vscode.window.showTextDocument(fileUri(`${BASE}/soylent/2026-Q1-qbr.md`));
      const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('| Marketplace installs'));
      await editor.edit((e) => e.replace(editor.document.lineAt(line).range, '| Marketplace installs | 50 | 10 | 🔴 Red (20% of target) | ↘️ Declining |'));
      const path1 = `${BASE}/soylent/2026-Q1-qbr.md`;
      await waitFor(() => api.workspaceIndex.current.docs.get(path1)?.kpis[0]?.actual === '10', 'the unsaved text indexed', 10_000);
      assert.ok(editor.document.isDirty, 'still unsaved');
      assert.match(fs.readFileSync(fileUri(path1).fsPath, 'utf8'), /\| Marketplace installs \| 50 \| 54 \|/, 'the file on disk is unchanged');
      // Undo: the document is clean again, and the index follows the file on disk.
      await vscode.commands.executeCommand('undo');
      await waitFor(() => !editor.document.isDirty, 'the document clean again');
      await waitFor(() => api.workspaceIndex.current.docs.get(path1)?.kpis[0]?.actual === '54', 'back to the file on disk', 10_000);
    } finally {
      await setSetting('autoSave', undefined, 'files');
    }
  });

  test('a dirty editor closed without saving: the index goes back to the file on disk', async () => {
    await setSetting('autoSave', 'off', 'files');
    const path1 = `${BASE}/soylent/2026-Q1-qbr.md`;
    try {
      const editor = await vscode.window.showTextDocument(fileUri(path1));
      const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('| Marketplace installs'));
      await editor.edit((e) => e.replace(editor.document.lineAt(line).range, '| Marketplace installs | 50 | 12 | 🔴 Red (24% of target) | ↘️ Declining |'));
      await waitFor(() => api.workspaceIndex.current.docs.get(path1)?.kpis[0]?.actual === '12', 'the unsaved text indexed', 10_000);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitFor(() => api.workspaceIndex.current.docs.get(path1)?.kpis[0]?.actual === '54', 'back to the file on disk', 10_000);
    } finally {
      await setSetting('autoSave', undefined, 'files');
    }
  });

  test('cross-document findings go to their own diagnostic collection', async () => {
    const uri = fileUri(`${BASE}/soylent/2026-Q3-qbr.md`);
    const found = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === WORKSPACE_SOURCE);
      return ds.some((d) => ruleOf(d) === 'kpi-declining-quarters') && ds;
    }, 'kpi-declining-quarters on Soylent Q3', 10_000);
    const declining = found.find((d) => ruleOf(d) === 'kpi-declining-quarters')!;
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(declining.range.start.line).text, /^\| (Marketplace installs|Marketing-qualified leads|Partner-sourced revenue) \|/);
  });

  test('Open Portfolio Dashboard opens a webview panel with a strict CSP', async () => {
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('partnershipDocs.openDashboard');
    assert.ok(panel, 'the command returns the panel');
    assert.equal(panel.viewType, 'partnershipDocs.dashboard');
    assert.equal(panel.title, 'Partnership Portfolio');
    const html = panel.webview.html;
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html.replace(/<meta http-equiv[^>]*>/, ''), /(src|href)="https?:\/\/(?!.*vscode-cdn|.*vscode-resource)/);
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('partnershipDocs.dashboard')), 'the dashboard tab');
    assert.equal(tab.label, 'Partnership Portfolio');
    // The same panel is revealed, not a second one.
    assert.equal(await vscode.commands.executeCommand('partnershipDocs.openDashboard'), panel);
    panel.dispose();
  });

  test('New QBR starts from the previous QBR: KPI rows with targets, open actions, Next QBR three months on', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Globex', company: 'Northwind', quarter: 4, year: 2026, date: '2027-01-14' });
    assert.equal(vscode.workspace.asRelativePath(uri), 'partnerships/globex/2026-Q4-qbr.md');
    const text = await readFile(uri);
    assert.ok(text.startsWith('# Partnership QBR: Northwind + Globex\n**Quarter**: Q4 2026\n'), text.slice(0, 120));
    assert.ok(text.includes('| Joint revenue | $500K | [Actual] | [Status] | [Trend] |'), text);
    assert.ok(text.includes('| Referrals from Globex | 45 | [Actual] | [Status] | [Trend] |'));
    assert.ok(!text.includes('[Metric 1]'));
    assert.match(text, /- \[ \] Run EMEA enablement sessions - Owner: Elena Petrova, Due: 2026-12-03/);
    assert.match(text, /- \[ \] Draft the 2027 joint business plan - Owner: Dana Whitfield, Due: 2026-11-15/);
    assert.ok(text.includes('**Next QBR**: 2027-04-14'));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), '[Executive sponsors, steering committee members]', 'the first placeholder: the Attendees');
    await vscode.workspace.fs.delete(uri);
  });

  test('New QBR honours partner aliases (partnershipDocs.partners setting): "GBX" starts from Globex\'s previous QBR', async () => {
    const args = { partner: 'GBX', company: 'Northwind', quarter: 4, year: 2026, date: '2027-01-14' };
    // Without the alias GBX is a partner of its own: the plain template.
    const plain = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', args);
    assert.ok((await readFile(plain)).includes('[Metric 1]'), 'no previous QBR for an unknown name');
    await vscode.workspace.fs.delete(plain);
    await setSetting('partners', { GBX: 'Globex' });
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', args);
      const text = await readFile(uri);
      assert.ok(text.startsWith('# Partnership QBR: Northwind + GBX\n'), text.slice(0, 80));
      assert.ok(text.includes('| Joint revenue | $500K | [Actual] | [Status] | [Trend] |'), text);
      assert.match(text, /- \[ \] Run EMEA enablement sessions - Owner: Elena Petrova, Due: 2026-12-03/);
      await vscode.workspace.fs.delete(uri);
    } finally {
      await setSetting('partners', undefined);
    }
  });

  test('New QBR without a previous QBR (or fromPrevious: false) uses the plain template', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Globex', company: 'Northwind', quarter: 1, year: 2027, fromPrevious: false });
    assert.ok((await readFile(uri)).includes('[Metric 1]'));
    await vscode.workspace.fs.delete(uri);
  });

  test('the Markdown preview renders computed status pills and a health bar, marking stale values', async () => {
    const text = await readFile(fileUri('partnerships/acme/2026-Q1-qbr.md'));
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
    // Revenue: written Green 100%, computed Yellow 90%.
    assert.match(html, /<span class="pd-pill pd-yellow"[^>]*>⚠️ Yellow \(90% of target\)<\/span> <span class="pd-stale"[^>]*>stale: <s>✅ Green \(100% of target\)<\/s><\/span>/);
    assert.match(html, /<span class="pd-pill pd-green"[^>]*>✅ Green \(124% of target\)<\/span>/);
    assert.match(html, /class="pd-health pd-green"[^>]*>.*<rect class="pd-bar-fill" x="0" y="1" width="95"/);
    const pkg = vscode.extensions.getExtension('partnership-docs.partnership-docs')!.packageJSON as { contributes: Record<string, unknown> };
    assert.equal(pkg.contributes['markdown.markdownItPlugins'], true);
    assert.deepEqual(pkg.contributes['markdown.previewStyles'], ['./media/preview.css']);
  });

  test('extendMarkdownIt on a plain markdown-it: pills, health-score bar, ordinary markdown untouched', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new () => { render(src: string): string };
    const md = api.extendMarkdownIt(new MarkdownIt());
    const report = fs.readFileSync(path.join(FIXTURE, 'contoso/2026-Q3-status-report.md'), 'utf8');
    const html = md.render(report);
    assert.match(html, /<td class="pd-status-cell"><span class="pd-pill pd-red"[^>]*>🔴 Red \(75% of target\)<\/span><\/td>/);
    assert.match(html, /<h3>Overall Health Score: 72\/100 🟡 Yellow <span class="pd-health pd-yellow"/);
    const stale = md.render(report.replace('Overall Health Score: 72/100', 'Overall Health Score: 80/100'));
    assert.match(stale, /<span class="pd-stale" title="Written: 80\/100 🟡 Yellow — the parts add up to 72\/100 \(Yellow\)">stale<\/span>/);
    assert.equal(md.render('# Notes\n\n| a | status |\n|---|---|\n| 1 | ✅ Green |\n'), new MarkdownIt().render('# Notes\n\n| a | status |\n|---|---|\n| 1 | ✅ Green |\n'));
  });

  test('a large workspace is indexed in a worker thread: same entries as the core, the host stays responsive; timing recorded', async function () {
    this.timeout(240_000);
    const files = generateFolderFiles(200, 7).map(([p, text]) => [`bulk/${p}`, text] as const);
    for (const [p, text] of files) await writeFile(p, text);
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = performance.now();
    try {
      await api.workspaceIndex.rebuild();
    } finally {
      histogram.disable();
    }
    const ms = performance.now() - started;
    const build = api.workspaceIndex.lastBuild!;
    assert.ok(build.inWorker >= files.length, `indexed in the worker: ${build.inWorker} of ${build.files} files`);
    // The worker's entries are the core's: compare with indexDocument on this thread, partners
    // resolved over the folders by buildIndex as the extension's index does (a folder name is a
    // partner only when no document in it names another counterparty: #11).
    const index = api.workspaceIndex.current;
    const wantEntries = new Map(files.map(([p, text]) => [p, indexDocument(p, text, { path: p, today: isoToday(), cache: false })] as const));
    const wantIndex = buildIndex([...wantEntries.values()].filter((e) => e !== null), { today: isoToday() });
    for (const [p] of files) {
      const got = index.docs.get(p);
      const want = wantEntries.get(p) === null ? null : wantIndex.docs.get(p);
      assert.equal(got === undefined, want === null, `${p} indexed`);
      if (!got || !want) continue;
      assert.deepEqual({ ...got, findings: undefined }, { ...want, findings: undefined }, p);
    }
    const result = {
      what: 'Workspace index initial build in the real extension host (files read on the host, indexed in a worker thread)',
      date: new Date().toISOString(),
      files: build.files,
      documents: build.documents,
      inWorker: build.inWorker,
      buildMs: Math.round(build.ms),
      rebuildMs: Math.round(ms),
      eventLoopMaxDelayMs: Math.round(histogram.max / 1e5) / 10,
      eventLoopP99DelayMs: Math.round(histogram.percentile(99) / 1e5) / 10,
      loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    };
    const out = path.join(vscode.extensions.getExtension('partnership-docs.partnership-docs')!.extensionPath, 'test-results', 'extension-host-index.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    log(`    (${build.files} files, ${build.documents} documents, ${build.inWorker} in the worker: ${result.buildMs} ms; event loop max delay ${result.eventLoopMaxDelayMs} ms → ${out})`);
    await vscode.workspace.fs.delete(fileUri('bulk'), { recursive: true });
    await api.workspaceIndex.rebuild();
    assert.ok(![...api.workspaceIndex.current.docs.keys()].some((k) => k.startsWith('bulk/')));
  });
});
