import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, EXTENSION_ID, openFresh, waitFor, writeFile } from './util/helpers';

suite('contributions', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('commands are registered under the "Partnership Docs" category', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['newQbr', 'newStatusReport', 'newIssue', 'newLaunchPlan', 'recalculateKpiStatuses', 'checkWorkspace', 'openRuleDocumentation']) {
      assert.ok(all.includes(`partnershipDocs.${id}`), id);
    }
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ category: string }> } };
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'Partnership Docs'));
  });

  test('snippets are offered in markdown', async () => {
    const editor = await openFresh('# Notes\n\nkpi-r', 'snippets');
    const pos = new vscode.Position(2, 5);
    const list = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
      return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'kpi-row') && l;
    }, 'kpi-row snippet completion');
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'kpi-row')!;
    assert.equal(item.kind, vscode.CompletionItemKind.Snippet);
    const body = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
    assert.match(body, /\$\{4\|✅ Green,⚠️ Yellow,🔴 Red\|\}/);
  });

  test('.partnership-docs.json is validated against the JSON schema as you type', async () => {
    const uri = await writeFile(`schema-${Date.now()}/.partnership-docs.json`, '{\n  "thresholds": { "statusGreen": "high" }\n}\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'jsonc');
    const d = await waitFor(() => vscode.languages.getDiagnostics(uri).find((x) => x.source !== 'partnership-docs'), 'JSON schema diagnostics', 15000);
    assert.equal(d.range.start.line, 1);
  });
});
