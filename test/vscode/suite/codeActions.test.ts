import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, fileUri, FIXED_CELL, openFresh, ours, readFile, ruleOf, setSetting, STALE_CELL, STALE_QBR, waitFor } from './util/helpers';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function staleEditor(name: string): Promise<{ editor: vscode.TextEditor; d: vscode.Diagnostic; original: string }> {
  const original = await readFile(fileUri(STALE_QBR));
  const editor = await openFresh(original, name);
  const [d] = await waitFor(() => ours(editor.document.uri).length > 0 && ours(editor.document.uri), 'diagnostics');
  return { editor, d: d!, original };
}

suite('code actions', () => {
  suiteSetup(activate);
  teardown(async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await setSetting('rules', undefined);
    await closeAll();
  });

  test('the preferred quick fix rewrites exactly the cell, as one undo step', async () => {
    const { editor, d, original } = await staleEditor('quickfix');
    const actions = await actionsAt(editor.document.uri, d.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.command, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind?.value, 'quickfix');
    // The fix is applied by its command (a code action's `edit` would be re-minimised by VS Code
    // unit by unit, see edits.test.ts); choosing it in the menu runs the command.
    assert.equal(fix.edit, undefined);
    assert.equal(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);
    assert.equal(editor.document.getText(), original.replace(STALE_CELL, FIXED_CELL));
    await waitFor(() => ours(editor.document.uri).length === 0, 'diagnostic cleared by the fix');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo restores the document');
  });

  test('actions offered: disable for the table / file, documentation', async () => {
    const { editor, d } = await staleEditor('offered');
    const titles = (await actionsAt(editor.document.uri, d.range)).map((a) => a.title);
    assert.ok(titles.includes('Disable kpi-status-mismatch for this table'), titles.join(' | '));
    assert.ok(titles.includes('Disable kpi-status-mismatch for this file'));
    const docs = (await actionsAt(editor.document.uri, d.range)).find((a) => a.title === 'Open documentation for kpi-status-mismatch');
    assert.equal(docs?.command?.command, 'partnershipDocs.openRuleDocumentation');
    assert.deepEqual(docs?.command?.arguments, ['kpi-status-mismatch']);
  });

  test('rule documentation opens inside VS Code from the installed extension (Problems link and command)', async () => {
    const { d } = await staleEditor('docs');
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert.ok(target, 'the diagnostic links its rule page');
    assert.ok(target.path.endsWith('/docs/rules/kpi-status-mismatch.md'), target.toString());
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(page, /^# kpi-status-mismatch/m, 'the link opens the shipped page, offline');
    assert.equal(await vscode.commands.executeCommand('partnershipDocs.openRuleDocumentation', 'kpi-status-mismatch'), true);
    await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes('kpi-status-mismatch'))),
      'a markdown preview of the rule page');
  });

  test('disable for this table wraps the table and silences the rule', async () => {
    const { editor, d } = await staleEditor('disable-table');
    const action = (await actionsAt(editor.document.uri, d.range)).find((a) => a.title.endsWith('for this table'))!;
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const text = editor.document.getText();
    assert.match(text, /<!-- partnership-docs-disable kpi-status-mismatch -->\n\| Metric \|/);
    assert.match(text, /\| Customers acquired .*\n<!-- partnership-docs-enable kpi-status-mismatch -->\n/);
    await waitFor(() => ours(editor.document.uri).length === 0, 'rule silenced');
  });

  test('disable for this file inserts the comment at the top, after front matter', async () => {
    const original = `---\npartnership-doc: qbr\n---\n${await readFile(fileUri(STALE_QBR))}`;
    const editor = await openFresh(original, 'disable-file');
    const [d] = await waitFor(() => ours(editor.document.uri).length > 0 && ours(editor.document.uri), 'diagnostics');
    const action = (await actionsAt(editor.document.uri, d!.range)).find((a) => a.title.endsWith('for this file'))!;
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.ok(editor.document.getText().startsWith('---\npartnership-doc: qbr\n---\n<!-- partnership-docs-disable-file kpi-status-mismatch -->\n# Partnership QBR'));
    await waitFor(() => ours(editor.document.uri).length === 0, 'rule silenced');
  });

  test('disable for this line inserts a comment above a non-table finding', async () => {
    const editor = await openFresh(`# Partnership QBR: A + B\n\n## Next Steps\n- Call the partner - Owner: Dana, Due: someday\n`, 'disable-line');
    const uri = editor.document.uri;
    const d = await waitFor(() => ours(uri).find((x) => ruleOf(x) === 'action-invalid-due'), 'action-invalid-due');
    const action = (await actionsAt(uri, d.range)).find((a) => a.title === 'Disable action-invalid-due for this line')!;
    assert.ok(action, 'line action');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.match(editor.document.getText(), /<!-- partnership-docs-disable-next-line action-invalid-due -->\n- Call the partner/);
    await waitFor(() => !ours(uri).some((x) => ruleOf(x) === 'action-invalid-due'), 'rule silenced on that line');
  });

  test('an action item without an owner: “Add Owner: …” inserts a snippet whose [Name] is selected to type over', async () => {
    const editor = await openFresh(`# Partnership QBR: A + B\n\n## Next Steps\n- [ ] Send the deck - Due: 2030-12-01\n`, 'owner-snippet');
    const uri = editor.document.uri;
    const d = await waitFor(() => ours(uri).find((x) => ruleOf(x) === 'action-missing-owner'), 'action-missing-owner');
    const add = (await actionsAt(uri, d.range)).find((a) => a.title === 'Add “Owner: …”');
    assert.ok(add?.command, 'the suggestion is offered');
    assert.equal(add.isPreferred, false, 'a suggestion, not the preferred fix');
    assert.equal(await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? [])), true);
    assert.equal(editor.document.lineAt(3).text, '- [ ] Send the deck - Due: 2030-12-01, Owner: [Name]');
    await waitFor(() => editor.document.getText(editor.selection) === '[Name]', 'the [Name] tab stop selected');
    await editor.edit((e) => e.replace(editor.selection, 'Dana Scully'));
    assert.equal(editor.document.lineAt(3).text, '- [ ] Send the deck - Due: 2030-12-01, Owner: Dana Scully');
    await waitFor(() => !ours(uri).some((x) => ruleOf(x) === 'action-missing-owner'), 'the owner is there');
  });

  test('fix all (source.fixAll.partnershipDocs) fixes every fixable finding in one edit', async () => {
    const original = (await readFile(fileUri(STALE_QBR))).replace('| 50 | 62 | ✅ Green (124% of target)', '| 50 | 62 | 🔴 Red (50% of target)');
    const editor = await openFresh(original, 'fixall');
    const uri = editor.document.uri;
    await waitFor(() => ours(uri).filter((x) => ruleOf(x) === 'kpi-status-mismatch').length === 2, 'two stale rows');
    const [all] = await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.partnershipDocs');
    assert.equal(all?.kind?.value, 'source.fixAll.partnershipDocs');
    assert.equal(await vscode.commands.executeCommand(all!.command!.command, ...(all!.command!.arguments ?? [])), true);
    const text = editor.document.getText();
    assert.ok(text.includes(`| $500K | $450K | ${FIXED_CELL} |`));
    assert.ok(text.includes('| 50 | 62 | ✅ Green (124% of target) |'));
    await waitFor(() => ours(uri).length === 0, 'clean after fix all');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  test('"Fix all" in the quick-fix list: listed without an edit, computed when chosen, one undo step', async () => {
    const original = (await readFile(fileUri(STALE_QBR))).replace('| 50 | 62 | ✅ Green (124% of target)', '| 50 | 62 | 🔴 Red (50% of target)');
    const editor = await openFresh(original, 'fixall-quickfix');
    const uri = editor.document.uri;
    const stale = await waitFor(() => { const s = ours(uri).filter((x) => ruleOf(x) === 'kpi-status-mismatch'); return s.length === 2 && s; }, 'two stale rows');
    const listed = (await actionsAt(uri, stale[0]!.range)).find((a) => a.title === 'Fix all partnership-docs problems');
    assert.ok(listed, 'Fix all is offered at a fixable finding');
    assert.equal(listed.edit, undefined, 'listing does not compute the whole-document fix');
    // As when the user picks it: its command computes the fix and applies it.
    assert.equal(await vscode.commands.executeCommand(listed.command!.command, ...(listed.command!.arguments ?? [])), true);
    assert.ok(editor.document.getText().includes(`| $500K | $450K | ${FIXED_CELL} |`));
    assert.ok(editor.document.getText().includes('| 50 | 62 | ✅ Green (124% of target) |'));
    await waitFor(() => ours(uri).length === 0, 'clean after fix all');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  test('fix on save with editor.codeActionsOnSave', async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' })
      .update('codeActionsOnSave', { 'source.fixAll.partnershipDocs': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const { editor, original } = await staleEditor('onsave-fix');
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\n'));
    await editor.document.save();
    const saved = await readFile(editor.document.uri);
    assert.ok(saved.includes(FIXED_CELL), 'saved file has the recalculated status');
    assert.ok(!saved.includes(STALE_CELL));
    assert.notEqual(saved, original);
  });
});
