/**
 * partnershipDocs.maxFileSizeMB (default 2): larger documents are not linted on open or while
 * typing, the status bar says so, and "Lint This Document Now" lints them once in a worker.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateQbr } from '../../../scripts/generate.mjs';

/** A partner of its own: the portfolio suite counts the fixture partners' documents. */
const ownPartner = (text: string) => text.replace('# Partnership QBR: Acme + Globex', '# Partnership QBR: Acme + Stresstest Ltd');
import { activate, closeAll, fileUri, openFresh, ours, readFile, setSetting, sleep, STALE_QBR, waitFor, type Api } from './util/helpers';
import { log } from './util/log';

type FullApi = Api & { statusBar(): { text: string; tooltip: string } | undefined };
interface LintNowSummary { findings: number; ms: number; inWorker: boolean; cancelled: boolean }

suite('size limit', () => {
  suiteSetup(activate);
  teardown(async () => {
    await setSetting('maxFileSizeMB', undefined);
    await closeAll();
  });

  test('the default limit is 2 MB', () => {
    assert.equal(vscode.workspace.getConfiguration('partnershipDocs').inspect('maxFileSizeMB')?.defaultValue, 2);
  });

  // The behaviour above the limit does not depend on the limit's value: a 0.1 MB limit and a
  // 300 KB document exercise it without making the real-host suite slow (a 3 MB document took
  // minutes there, with 30,000 diagnostics).
  test('a document above the limit: no diagnostics, the status bar says so, typing does not lint, Lint now does', async function () {
    this.timeout(180_000);
    await setSetting('maxFileSizeMB', 0.1);
    const api = (await activate()) as FullApi;
    const editor = await openFresh(ownPartner(generateQbr(300_000)), 'large-300kb');
    const uri = editor.document.uri;
    const status = await waitFor(() => api.statusBar()?.text.includes('not linted') && api.statusBar(), 'the size-limit status', 60_000);
    assert.match(status.text, /^\$\(warning\) Partnership Docs: 0\.\d MB — not linted while typing \(limit 0\.1 MB\) · Lint now$/);
    assert.match(status.tooltip, /larger than partnershipDocs\.maxFileSizeMB \(0\.1 MB\)/);
    assert.deepEqual(ours(uri), []);

    // Typing does not lint it either.
    await editor.edit((e) => e.insert(new vscode.Position(6, 0), 'x'));
    await sleep(900);
    assert.deepEqual(ours(uri), []);
    assert.match(api.statusBar()!.text, /not linted while typing/);

    // On demand, in a worker thread: the diagnostics appear and stay while typing.
    const r = await vscode.commands.executeCommand<LintNowSummary>('partnershipDocs.lintNow', uri);
    log(`    (Lint now on ${editor.document.getText().length} chars: ${r.findings} findings in ${(r.ms / 1000).toFixed(1)} s, ${r.inWorker ? 'in a worker thread' : 'in-process'})`);
    assert.ok(r.findings > 1000, `findings: ${r.findings}`);
    assert.equal(r.inWorker, true);
    assert.equal(ours(uri).length, r.findings);
    await waitFor(() => api.statusBar()?.text.includes(`${r.findings} problems at the last Lint now`), 'the status after Lint now');
    await editor.edit((e) => e.insert(new vscode.Position(6, 0), 'y'));
    await sleep(900);
    assert.equal(ours(uri).length, r.findings, 'on-demand results stay while typing');
    await waitFor(() => /edited since · Lint now$/.test(api.statusBar()?.text ?? ''), 'the status after editing a Lint-now result');
  });

  test('a linted document that grows above the limit loses its diagnostics', async () => {
    await setSetting('maxFileSizeMB', 0.1);
    const api = (await activate()) as FullApi;
    const editor = await openFresh(await readFile(fileUri(STALE_QBR)), 'grows');
    const uri = editor.document.uri;
    await waitFor(() => ours(uri).length === 1, 'the stale-status finding');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, `\n\n## Appendix\n\n${'Long notes from the partner workshop. '.repeat(3200)}\n`));
    await waitFor(() => ours(uri).length === 0, 'diagnostics cleared above the limit');
    await waitFor(() => api.statusBar()?.text.includes('(limit 0.1 MB)'), 'the size-limit status');
    // Raising the limit lints it again.
    await setSetting('maxFileSizeMB', 1);
    await waitFor(() => ours(uri).length >= 1, 'linted again under the raised limit');
  });
});
