import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, fileUri, FIXED_CELL, openFresh, ours, readFile, ruleOf, setSetting, sleep, STALE_CELL, STALE_QBR, waitFor, writeFile } from './util/helpers';
import { log } from './util/log';

suite('diagnostics', () => {
  suiteSetup(async () => {
    const api = await activate();
    log(`    (activated in ${api.activatedInMs.toFixed(1)} ms)`);
  });
  teardown(async () => {
    await setSetting('rules', undefined);
    await setSetting('lintAllMarkdown', undefined);
    await setSetting('lintOnSaveOnly', undefined);
    await closeAll();
  });

  test('a stale KPI status is reported on its cell, with rule id, docs link and severity', async () => {
    const text = await readFile(fileUri(STALE_QBR));
    const editor = await openFresh(text, 'stale');
    const uri = editor.document.uri;
    const [d] = await waitFor(() => ours(uri).length > 0 && ours(uri), 'diagnostics');
    assert.equal(ours(uri).length, 1);
    assert.equal(ruleOf(d!), 'kpi-status-mismatch');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(d!.range), STALE_CELL);
    assert.match(d!.message, /computed ⚠️ Yellow \(90% of target\)/);
    const code = d!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/kpi-status-mismatch\.md$/);
  });

  test('diagnostics clear when the cell is corrected by typing, and on close', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'typing');
    const uri = editor.document.uri;
    const [d] = await waitFor(() => ours(uri).length > 0 && ours(uri), 'diagnostics');
    await editor.edit((e) => e.replace(d!.range, FIXED_CELL));
    await waitFor(() => ours(uri).length === 0, 'diagnostics to clear after the edit');
    // Make it stale again, then close: the diagnostics go with the document.
    await editor.edit((e) => e.replace(editor.document.lineAt(d!.range.start.line).range, '| Revenue generated | $500K | $100K | ✅ Green (100% of target) | ↗️ Improving |'));
    await waitFor(() => ours(uri).length > 0, 'diagnostics after making it stale again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => ours(uri).length === 0, 'diagnostics cleared on close');
  });

  test('results of an older version are dropped while typing fast', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'fast');
    const uri = editor.document.uri;
    const [d] = await waitFor(() => ours(uri).length > 0 && ours(uri), 'diagnostics');
    const line = d!.range.start.line;
    // Each keystroke-sized edit within the debounce window; only the final text counts.
    for (const actual of ['$4', '$45', '$450', '$4500K', '$450K']) {
      const row = `| Revenue generated | $500K | ${actual} | ${FIXED_CELL} | ↗️ Improving |`;
      await editor.edit((e) => e.replace(editor.document.lineAt(line).range, row));
      await sleep(30);
    }
    await waitFor(() => ours(uri).length === 0, 'no findings for the final text (90%)');
    await sleep(500);
    assert.equal(ours(uri).length, 0, 'a stale result must not come back');
  });

  test('a README gets nothing, unless lintAllMarkdown is on', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('README.md'));
    await vscode.window.showTextDocument(doc);
    await sleep(700);
    assert.deepEqual(ours(doc.uri), []);
    await setSetting('lintAllMarkdown', true);
    await waitFor(() => ours(doc.uri).length > 0, 'README findings with lintAllMarkdown');
    assert.ok(ours(doc.uri).some((x) => ruleOf(x) === 'placeholder-unfilled'));
  });

  test('settings changes re-lint: rule off, then error', async () => {
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'settings');
    const uri = editor.document.uri;
    await waitFor(() => ours(uri).length === 1, 'the finding');
    await setSetting('rules', { 'kpi-status-mismatch': 'off' });
    await waitFor(() => ours(uri).length === 0, 'rule switched off');
    await setSetting('rules', { 'kpi-status-mismatch': 'error' });
    const [d] = await waitFor(() => ours(uri).length === 1 && ours(uri), 'rule back as error');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    await setSetting('rules', { 'kpi-status-mismatch': 'info' });
    await waitFor(() => ours(uri)[0]?.severity === vscode.DiagnosticSeverity.Information, 'info → Information');
  });

  test('lintOnSaveOnly: typing does not lint, saving does', async () => {
    await setSetting('lintOnSaveOnly', true);
    await sleep(500); // let earlier settings changes (each re-lints open documents) settle
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'onsave');
    const uri = editor.document.uri;
    const [d] = await waitFor(() => ours(uri).length > 0 && ours(uri), 'diagnostics on open');
    await editor.edit((e) => e.replace(d!.range, FIXED_CELL));
    await sleep(800);
    assert.equal(ours(uri).length, 1, 'still the old result before saving');
    await editor.document.save();
    await waitFor(() => ours(uri).length === 0, 'cleared after save');
  });

  test('.partnership-docs.json: edits apply without reload; a broken file is reported, not ignored', async () => {
    const dir = `cfg-${Date.now()}`;
    const docUri = await writeFile(`${dir}/sub/qbr.md`, await readFile(fileUri(STALE_QBR)));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(docUri));
    await waitFor(() => ours(editor.document.uri).length === 1, 'the finding');
    const cfg = await writeFile(`${dir}/.partnership-docs.json`, '{\n  // team settings\n  "rules": { "kpi-status-mismatch": "off" }\n}\n');
    await waitFor(() => ours(docUri).length === 0, 'config file turned the rule off');
    // Settings lose against the file.
    await setSetting('rules', { 'kpi-status-mismatch': 'error' });
    await sleep(600);
    assert.equal(ours(docUri).length, 0, 'the workspace file wins over settings');
    // Broken: unknown key → error diagnostic on the config file at the key, and no silent fallback.
    await writeFile(`${dir}/.partnership-docs.json`, '{\n  "rulez": {}\n}\n');
    const [cd] = await waitFor(() => ours(cfg).length > 0 && ours(cfg), 'config diagnostics');
    assert.equal(cd!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(cd!.range.start.line, 1);
    assert.match(cd!.message, /rulez/);
    assert.equal(ours(docUri).length, 0);
    // Fixed: diagnostics on the file go, the document is linted with the new config.
    await writeFile(`${dir}/.partnership-docs.json`, '{ "rules": { "kpi-status-mismatch": "warning" } }\n');
    await waitFor(() => ours(cfg).length === 0 && ours(docUri).length === 1, 'config fixed, document linted again');
    assert.equal(ours(docUri)[0]!.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('the example .partnership-docs.json (comments, trailing commas, $schema) shows no problems in the editor', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension('partnership-docs.partnership-docs')!;
    const read = async (p: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, p)));
    // The repository's layout: the file's "$schema": "../schemas/partnership-docs.schema.json" resolves.
    await writeFile('schemas/partnership-docs.schema.json', await read('schemas/partnership-docs.schema.json'));
    const example = await read('examples/.partnership-docs.json');
    assert.match(example, /"\$schema"/);
    assert.match(example, /,\n\s*\]/, 'the example has trailing commas');
    const uri = await writeFile('examples-copy/.partnership-docs.json', example.replace('{\n', '{\n  "rulez": {},\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const json = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'partnership-docs');
    // The JSON language server has validated the file against the schema once it flags the unknown key…
    await waitFor(() => json().some((d) => /rulez/.test(d.message)), 'the JSON language server validating the file', 40_000);
    await editor.edit((e) => e.delete(new vscode.Range(1, 0, 2, 0)));
    assert.equal(editor.document.getText(), example);
    // …and its next report, for the example's own text, has no problem at all.
    await waitFor(() => !json().some((d) => /rulez/.test(d.message)), 'the JSON language server re-validating', 40_000);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message} (line ${d.range.start.line + 1})`), []);
  });
});
