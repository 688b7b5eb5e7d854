import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, openFresh, ours, readFile, setSetting, sleep, waitFor } from './util/helpers';
import { log } from './util/log';

/** A QBR written with 🟢 / 🟡 / 🔴 statuses; the Leads row is being typed (its Status cell is next). */
const QBR = [
  '# Partnership QBR: Acme + Initech',
  '**Quarter**: Q4 2026',
  '**Date**: 2026-11-20',
  '',
  '## KPI Dashboard',
  '',
  '| Metric | Target | Actual | Status | Trend |',
  '|--------|--------|--------|--------|-------|',
  '| Revenue | $500K | $520K | 🟢 Green (104% of target) | ↑ Improving |',
  '| Leads | 100 | 90 ',
  '',
  '## Next Steps',
  '- [ ] Send the deck - Owner: Lee Park, Due: 2026-12-15',
  '- [ ] Book the executive sponsor call - ',
  '',
].join('\n');

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

/** Types `text` at the cursor as the keyboard does (the `type` command: trigger characters fire). */
async function type(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

/** Accepts the suggestion the widget selected once it shows, within the timeout; the document text after. */
async function acceptWhenShown(editor: vscode.TextEditor, what: string): Promise<string> {
  const before = editor.document.getText();
  const started = Date.now();
  let tries = 0;
  const t = await waitFor(async () => {
    tries++;
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    await sleep(100);
    return editor.document.getText() !== before && editor.document.getText();
  }, what, 10000);
  log(`      (${what}: the suggestion was accepted after ${Date.now() - started} ms, ${tries} tries)`);
  return t;
}

function endOfQuarter(d = new Date()): string {
  const end = new Date(d.getFullYear(), Math.floor(d.getMonth() / 3) * 3 + 3, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())}`;
}

async function linted(editor: vscode.TextEditor): Promise<void> {
  const api = vscode.extensions.getExtension('partnership-docs.partnership-docs')!.exports as { linter: { ensure(d: vscode.TextDocument): Promise<unknown> } };
  await api.linter.ensure(editor.document);
}

suite('completions', () => {
  suiteSetup(async () => {
    await activate();
    await setSetting('owners', ['Dana Smith', 'Lee Park']);
  });
  suiteTeardown(() => setSetting('owners', undefined));
  teardown(closeAll);

  test('typing `|` in a Status cell offers the computed status first, in the table’s 🟢/🟡/🔴 style; accepted and saved, the row has no finding', async () => {
    const editor = await openFresh(QBR, 'completions-status');
    await linted(editor);
    const line = 9;
    editor.selection = new vscode.Selection(line, editor.document.lineAt(line).text.length, line, editor.document.lineAt(line).text.length);
    // What the provider answers to the trigger character.
    await type('|');
    await waitFor(() => ours(editor.document.uri).some((d) => d.range.start.line === line), 'the missing status reported while the row is typed', 8000);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, '|');
    const first = list.items.filter((i) => i.sortText !== undefined).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0];
    assert.equal(first && label(first), '🟡 Yellow (90% of target)');
    // The suggest widget opened by the typed `|` (quick suggestions stay off in Markdown): accept its selection.
    const text = await acceptWhenShown(editor, 'the computed status inserted by accepting the suggestion');
    assert.equal(text.split('\n')[line], '| Leads | 100 | 90 | 🟡 Yellow (90% of target) |');
    assert.ok(await editor.document.save());
    const saved = await readFile(editor.document.uri);
    assert.equal(saved.split('\n')[line], '| Leads | 100 | 90 | 🟡 Yellow (90% of target) |');
    await waitFor(() => { const ds = ours(editor.document.uri); return ds.length > 0 && !ds.some((d) => d.range.start.line === line); }, 'findings published, none on the row', 8000);
  });

  test('`Owner:` offers the roster, `Due:` the end of the quarter (in the document’s ISO style); saved, the action item is clean', async () => {
    const editor = await openFresh(QBR, 'completions-owner');
    await linted(editor);
    const line = 13;
    const end = editor.document.lineAt(line).text.length;
    editor.selection = new vscode.Selection(line, end, line, end);
    await waitFor(() => ours(editor.document.uri).some((d) => d.range.start.line === line), 'the action item reported without owner and due date', 8000);
    await type('Owner:');
    const owners = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, ':');
    assert.deepEqual(owners.items.map(label).filter((l) => l === 'Dana Smith' || l === 'Lee Park'), ['Dana Smith', 'Lee Park']);
    let text = await acceptWhenShown(editor, 'an owner inserted');
    assert.equal(text.split('\n')[line], '- [ ] Book the executive sponsor call - Owner: Dana Smith');
    await type(', Due:');
    const dates = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, ':');
    assert.ok(dates.items.map(label).includes(endOfQuarter()), dates.items.map(label).join(', '));
    text = await acceptWhenShown(editor, 'a due date inserted');
    const expected = `- [ ] Book the executive sponsor call - Owner: Dana Smith, Due: ${endOfQuarter()}`;
    assert.equal(text.split('\n')[line], expected);
    assert.ok(await editor.document.save());
    assert.equal((await readFile(editor.document.uri)).split('\n')[line], expected);
    await waitFor(() => { const ds = ours(editor.document.uri); return ds.length > 0 && !ds.some((d) => d.range.start.line === line); }, 'findings published, none on the action item', 8000);
  });

  test('`- ` in Next Steps offers a filled-in action item; accepted and saved, it is clean', async () => {
    const editor = await openFresh(QBR, 'completions-snippet');
    await linted(editor);
    const line = 14;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await type('- ');
    const text = await acceptWhenShown(editor, 'the action item snippet inserted');
    const expected = `- [ ] Action - Owner: Dana Smith, Due: ${endOfQuarter()}`;
    assert.equal(text.split('\n')[line], expected);
    await vscode.commands.executeCommand('leaveSnippet');
    await vscode.commands.executeCommand('hideSuggestWidget');
    assert.ok(await editor.document.save());
    assert.equal((await readFile(editor.document.uri)).split('\n')[line], expected);
    await waitFor(() => { const ds = ours(editor.document.uri); return ds.length > 0 && !ds.some((d) => d.range.start.line === line); }, 'findings published, none on the new item', 8000);
  });

  test('nothing is offered in prose or in a README', async () => {
    const editor = await openFresh(QBR.replace('## Next Steps', '## Next Steps\nWe agreed: '), 'completions-prose');
    await linted(editor);
    const pos = new vscode.Position(12, 'We agreed: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos, ' ');
    assert.deepEqual(list.items.filter((i) => i.sortText?.startsWith('00')).map(label), []);
    const readme = await openFresh('# Notes\n\n- [ ] Call - Owner: ', 'readme');
    const r = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', readme.document.uri, new vscode.Position(2, 20), ':');
    assert.deepEqual(r.items.map(label).filter((l) => l === 'Dana Smith'), []);
  });
});
