#!/usr/bin/env node
// End-to-end UI test of the packaged extension: installs partnership-docs-<version>.vsix into a
// fresh code-server (VS Code 1.100.3), drives the real workbench in headless Chromium and saves
// screenshots to test-results/*.png:
//   F1 → "Partnership Docs: New QBR" (partner, company, quarter, year prompts) → type a KPI row
//   whose status is stale → the Problems panel lists it → hover the health line → Quick Fix.
// Usage: npm run e2e   (packages first).  Env: PARTNERSHIP_DOCS_E2E_TIMEOUT_MS (default 240000).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hoverLine, openWorkbench, packagedVsix, withTimeout } from '../vscode/code-server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = packagedVsix(repo);
const shots = join(repo, 'test-results');
const timeoutMs = Number(process.env.PARTNERSHIP_DOCS_E2E_TIMEOUT_MS ?? 240_000);

const ROW = '| Revenue generated | $500K | $450K | ✅ Green (100% of target) | ↗️ Improving |';
const HEALTH = '**Overall Partnership Health**: 🟢 Green (100% of targets met, strong quarter)';

const started = Date.now();
const step = (msg) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.endsWith('.png')) rmSync(join(shots, f));

let workbench;
let failed = false;

async function run() {
  step(`installing ${vsix}`);
  workbench = await openWorkbench({
    fixture: join(repo, 'test/fixtures/vscode-workspace'),
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 14, 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false },
    vsix,
  });
  const page = workbench.page;
  const shot = async (name) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    step(`screenshot test-results/${name}.png`);
  };
  step('workbench loaded');

  // 1. F1 → New QBR with its prompts.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('Partnership Docs: New QBR');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'New QBR' }).first().waitFor();
  await shot('01-command-palette');
  await page.keyboard.press('Enter');
  const answer = async (text, expectPrompt) => {
    await page.locator('.quick-input-widget', { hasText: expectPrompt }).waitFor();
    if (text !== null) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Enter');
  };
  // A first-time user types only the partner and presses Enter through the other prompts.
  await answer('Initrode', 'partner company'); // no QBR history: the plain template (Acme has a previous QBR)
  await page.locator('.quick-input-widget input[placeholder="e.g. Globex"]').waitFor(); // the prompt shows an example
  await answer(null, 'our company'); // empty: [Our Company] stays, to fill in later
  await answer(null, 'quarter');
  await answer(null, 'year');
  const editorLine = (text) => page.locator('.monaco-editor .view-line', { hasText: text }).first();
  await editorLine('Partnership QBR: [Our Company] + Initrode').waitFor();
  step('new QBR opened');
  // Pinned: the tab is not a preview (italic) tab that the next click elsewhere would replace.
  const tab = page.locator('.tabs-container .tab', { hasText: 'qbr.md' }).first();
  await tab.waitFor();
  if (/\bpreview\b/.test((await tab.getAttribute('class')) ?? '')) throw new Error('the new QBR opened in a preview tab');
  // The first placeholder is selected when the editor shows: typing replaces [Our Company].
  await page.locator('.monaco-editor .selected-text').first().waitFor();
  await page.keyboard.type('Globex');
  await editorLine('Partnership QBR: Globex + Initrode').waitFor();
  await page.locator('.statusbar-item', { hasText: 'qbr' }).first().waitFor(); // linted: status bar shows the kind
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
  await shot('02-new-qbr');

  // 2. Type a stale KPI row over the first placeholder row, and a health line.
  const replaceLine = async (match, text) => {
    await editorLine(match).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete'); // typing over a selection would let auto-surround wrap it
    await page.keyboard.insertText(text);
  };
  await replaceLine('[Metric 1]', ROW);
  await replaceLine('Overall Partnership Health', HEALTH);
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached' });

  // 3. Problems panel lists the stale status.
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unexpected status' }).first();
  await problem.waitFor();
  step('Problems panel shows kpi-status-mismatch');
  await shot('03-problems-panel');

  // 4. Hover the health line.
  await hoverLine(page, editorLine('Overall Partnership Health'), 'Score (mean)');
  step('hover shows the health breakdown');
  await shot('04-hover-health');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // 5. Quick fix on the stale cell.
  const cell = page.locator('.monaco-editor .view-line', { hasText: 'Revenue generated' }).first();
  const cb = await cell.boundingBox();
  const text = (await cell.textContent()) ?? '';
  // Click inside the Status cell: characters are monospace, so use the column of "Green".
  const col = text.indexOf('Green');
  const charWidth = cb.width / Math.max(1, text.length);
  await page.mouse.click(cb.x + (col + 2) * charWidth, cb.y + cb.height / 2);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to “⚠️ Yellow (90% of target)”' }).first();
  await fix.waitFor();
  await shot('05-quick-fix-menu');
  // The preferred fix is listed first and focused; the menu's pointer block eats clicks, so use Enter.
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Change to' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'Yellow (90% of target)' }).first().waitFor();
  step('quick fix applied');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });
  // The re-lint after the edit clears the finding from the Problems panel (debounced typing lint).
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Unexpected status' }).first().waitFor({ state: 'detached', timeout: 15_000 });
  step('Problems panel no longer lists the fixed status');
  // The KPI CodeLens shows the fixed version's health, nothing stale.
  await page.locator('.contentWidgets .codelens-decoration, .monaco-editor .codelens-decoration', { hasText: 'KPI health 90%', hasNotText: 'stale' }).first().waitFor({ timeout: 15_000 });
  step('CodeLens shows the fixed table’s health');
  await shot('06-fixed');
}

try {
  await withTimeout(run(), timeoutMs, 'e2e UI test');
  step('PASS');
} catch (err) {
  failed = true;
  console.error(`e2e failed: ${err instanceof Error ? err.stack : err}`);
  try {
    if (workbench?.page) await workbench.page.screenshot({ path: join(shots, 'failure.png') });
    console.error('see test-results/failure.png');
  } catch { /* ignore */ }
} finally {
  await workbench?.close();
}
console.log(`e2e: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
