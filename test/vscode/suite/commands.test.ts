import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, basename, closeAll, exists, fileUri, FIXED_CELL, openFresh, ours, readFile, setSetting, STALE_CELL, STALE_QBR, waitFor, writeFile } from './util/helpers';

/** The CodeLens titles once the KPI lens shows a version with nothing stale (after a fix, re-linted). */
async function fixedLensTitles(uri: vscode.Uri): Promise<string[]> {
  let after: string[] = [];
  await waitFor(async () => {
    const l = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    after = l.map((x) => x.command?.title ?? '');
    return after.some((t) => t.startsWith('KPI health') && !t.includes('stale'));
  }, 'the lens of the fixed version');
  return after;
}

suite('commands', () => {
  suiteSetup(activate);
  teardown(async () => {
    await setSetting('newDocumentPath.qbr', undefined);
    await closeAll();
  });

  test('New QBR creates the file from the arguments, opens it pinned and selects the first placeholder', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Initech Ltd', company: 'Globex', quarter: 2, year: 2026 });
    assert.equal(vscode.workspace.asRelativePath(uri), 'partnerships/initech-ltd/2026-Q2-qbr.md');
    const text = await readFile(uri);
    assert.ok(text.startsWith('# Partnership QBR: Globex + Initech Ltd\n**Quarter**: Q2 2026\n'));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.getText(editor.selection), '[Executive sponsors, steering committee members]');
    assert.equal(editor.selection.start.line, 3, 'the Attendees line, the first field left to fill');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
    assert.equal(tab.isPreview, false, 'a pinned tab: clicking another file does not close it');
  });

  test('New QBR without our company keeps [Our Company] and starts there', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Wonka Industries', company: '', quarter: 1, year: 2027, fromPrevious: false });
    const text = await readFile(uri);
    assert.ok(text.startsWith('# Partnership QBR: [Our Company] + Wonka Industries\n'), text.slice(0, 80));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), '[Our Company]');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false);
    await closeAll();
    await vscode.workspace.fs.delete(uri); // not a partner of the workspace suite's portfolio
  });

  test('New… never overwrites: -2, -3', async () => {
    const args = { partner: 'Hooli', company: 'Globex', quarter: 3, year: 2026 };
    const first = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', args);
    await vscode.workspace.fs.writeFile(first, new TextEncoder().encode('my notes'));
    const second = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', args);
    const third = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', args);
    assert.deepEqual([first, second, third].map(basename), ['2026-Q3-qbr.md', '2026-Q3-qbr-2.md', '2026-Q3-qbr-3.md']);
    assert.equal(await readFile(first), 'my notes');
  });

  test('New Status Report and New Partnership Issue', async () => {
    const report = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newStatusReport', { partner: 'Umbrella', company: 'Globex', quarter: 1, year: 2027 });
    assert.equal(vscode.workspace.asRelativePath(report), 'partnerships/umbrella/2027-Q1-status-report.md');
    assert.match(await readFile(report), /^# Partnership Status Report: Globex \+ Umbrella\n/);
    const issue = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newIssue', { partner: 'Umbrella', date: '2026-05-04' });
    assert.equal(vscode.workspace.asRelativePath(issue), 'partnerships/umbrella/2026-05-04-issue.md');
    assert.match(await readFile(issue), /## Partnership Issue: /);
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), '[Brief Description]');
  });

  test('the path pattern setting is honoured', async () => {
    await setSetting('newDocumentPath.qbr', 'qbrs/${year}/${partnerSlug}-Q${quarter}.md');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Vandelay Industries', company: 'Globex', quarter: 4, year: 2026 });
    assert.equal(vscode.workspace.asRelativePath(uri), 'qbrs/2026/vandelay-industries-Q4.md');
  });

  test('Recalculate KPI Statuses fixes the current document', async () => {
    const original = await readFile(fileUri(STALE_QBR));
    const editor = await openFresh(original, 'recalc');
    await waitFor(() => ours(editor.document.uri).length > 0, 'lint');
    assert.equal(await vscode.commands.executeCommand('partnershipDocs.recalculateKpiStatuses'), true);
    assert.equal(editor.document.getText(), original.replace(STALE_CELL, FIXED_CELL));
  });

  test('CodeLens above the KPI table: health, stale count, Recalculate', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'lens');
    await waitFor(() => ours(editor.document.uri).length > 0, 'lint');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('KPI health 95% 🟢 Green · 1 stale status · 1 fixable'), titles.join(' | '));
    const recalc = lenses.find((l) => l.command?.title === 'Recalculate')!;
    assert.equal(editor.document.lineAt(recalc.range.start.line).text.startsWith('| Metric'), true);
    await vscode.commands.executeCommand(recalc.command!.command, ...(recalc.command!.arguments ?? []));
    assert.ok(editor.document.getText().includes(FIXED_CELL));
    // After the re-lint of the new version, the lens shows the same health, nothing stale.
    const after = await fixedLensTitles(editor.document.uri);
    assert.ok(after.includes('KPI health 95% 🟢 Green'), after.join(' | '));
  });

  test('CodeLens after a quick fix typed into the table: the fixed version’s health', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'lens-quickfix');
    await waitFor(() => ours(editor.document.uri).length > 0, 'lint');
    const at = editor.document.positionAt(editor.document.getText().indexOf(STALE_CELL) + 2);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(at, at))) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Change to'));
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(editor.document.getText().includes(FIXED_CELL));
    const after = await fixedLensTitles(editor.document.uri);
    assert.ok(after.includes('KPI health 95% 🟢 Green'), after.join(' | '));
  });

  test('CodeLens after a quick fix in a new QBR of a partner folder (the e2e flow)', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', { partner: 'Lensco', company: 'Globex', quarter: 4, year: 2026 });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    const row = '| Revenue generated | $500K | $450K | ✅ Green (100% of target) | ↗️ Improving |';
    const health = '**Overall Partnership Health**: 🟢 Green (100% of targets met, strong quarter)';
    const lineOf = (needle: string) => editor.document.lineAt(editor.document.positionAt(editor.document.getText().indexOf(needle)).line);
    await editor.edit((b) => b.replace(lineOf('[Metric 1]').range, row));
    await editor.edit((b) => b.replace(lineOf('**Overall Partnership Health**').range, health));
    await editor.document.save();
    await waitFor(() => ours(uri).some((d) => d.message.startsWith('Unexpected status')), 'lint of the stale row');
    const at = editor.document.positionAt(editor.document.getText().indexOf('✅ Green (100% of target)') + 2);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at))) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Change to'));
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor(() => !ours(uri).some((d) => d.message.startsWith('Unexpected status')), 'the re-lint');
    const after = await fixedLensTitles(uri);
    assert.ok(after.some((t) => t.startsWith('KPI health 90%')), after.join(' | '));
  });

  test('Check All Partnership Docs reports files that are not open', async () => {
    const closed = await writeFile(`closed-${Date.now()}/qbr.md`, await readFile(fileUri(STALE_QBR)));
    assert.ok(await exists(closed));
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number }>('partnershipDocs.checkWorkspace');
    assert.ok(summary.files >= 2, `checked ${summary.files}`);
    assert.ok(summary.findings >= 1);
    assert.equal(ours(closed).length, 1);
    assert.deepEqual(ours(fileUri('README.md')), []);
  });
});
