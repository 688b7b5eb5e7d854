#!/usr/bin/env node
// Screenshot test of the Portfolio dashboard and the Partnerships view in a real VS Code
// (code-server 4.100.3 + headless Chromium), in the light, dark and high-contrast themes: installs the
// packaged .vsix into a fresh code-server per theme, opens test/fixtures/portfolio-workspace
// (3 partners × 3 quarters), shows the Partnerships view, runs "Partnership Docs: Open Portfolio
// Dashboard" from F1, checks the table, the chart, keyboard sorting (aria-sort) and that the
// webview logged no Content Security Policy violation, and saves
//   test-results/dashboard-light.png, dashboard-dark.png, dashboard-high-contrast.png
// Usage: npm run test:e2e:dashboard (packages first). Env: PARTNERSHIP_DOCS_E2E_TIMEOUT_MS (240000 per theme).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench, packagedVsix, withTimeout } from '../vscode/code-server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = packagedVsix(repo);
const shots = join(repo, 'test-results');
const timeoutMs = Number(process.env.PARTNERSHIP_DOCS_E2E_TIMEOUT_MS ?? 240_000);
const THEMES = [['light', 'Default Light Modern'], ['dark', 'Default Dark Modern'], ['high-contrast', 'Default High Contrast']];

const started = Date.now();
const step = (msg) => console.log(`[dashboard e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
mkdirSync(shots, { recursive: true });

async function runTheme(name, theme) {
  let workbench, page;
  const problems = [];
  try {
    workbench = await openWorkbench({
      fixture: join(repo, 'test/fixtures/portfolio-workspace'),
      settings: { 'workbench.colorTheme': theme, 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false },
      vsix,
    });
    page = workbench.page;
    page.on('console', (m) => { if (/Content Security Policy|Refused to (load|apply|execute)/i.test(m.text())) problems.push(m.text()); });
    step(`${name}: workbench loaded`);

    // The Partnerships view (own activity-bar container).
    await page.locator('.activitybar [aria-label^="Partnerships"]').first().click();
    const tree = page.locator('.pane-body .monaco-list-row', { hasText: 'Globex' }).first();
    await tree.waitFor();
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Soylent' }).first().waitFor();
    step(`${name}: Partnerships view lists the partners`);

    // F1 → Open Portfolio Dashboard.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('Partnership Docs: Open Portfolio Dashboard');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Portfolio Dashboard' }).first().waitFor();
    await page.keyboard.press('Enter');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    const rows = view.locator('#partners tbody tr');
    await rows.nth(2).waitFor();
    const count = await rows.count();
    if (count !== 3) throw new Error(`expected 3 partner rows, got ${count}`);
    // Default order: health ascending (worst first): Soylent 60, Contoso 72, Globex 94.
    const names = await view.locator('#partners tbody th').allTextContents();
    if (names.join(',') !== 'Soylent,Contoso,Globex') throw new Error(`unexpected order ${names.join(',')}`);
    if (await view.locator('#chart svg .series').count() !== 3) throw new Error('the chart should have 3 series');
    step(`${name}: dashboard rendered (${names.join(', ')})`);

    // Keyboard: Tab to the Health header button, Enter sorts descending; aria-sort follows.
    const health = view.locator('button.sort[data-key="score"]');
    await health.focus();
    await page.keyboard.press('Enter');
    await view.locator('th[aria-sort="descending"] button[data-key="score"]').waitFor();
    const sorted = await view.locator('#partners tbody th').allTextContents();
    if (sorted.join(',') !== 'Globex,Contoso,Soylent') throw new Error(`descending sort gave ${sorted.join(',')}`);
    // Back to ascending, keeping the focus ring visible on the header for the screenshot.
    await page.keyboard.press('Enter');
    await view.locator('th[aria-sort="ascending"] button[data-key="score"]').waitFor();
    step(`${name}: keyboard sorting works`);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, `dashboard-${name}.png`) });
    step(`${name}: screenshot test-results/dashboard-${name}.png`);
    if (problems.length) throw new Error(`CSP violations:\n  ${problems.join('\n  ')}`);
  } catch (err) {
    try { await page?.screenshot({ path: join(shots, `dashboard-${name}-failure.png`) }); } catch { /* ignore */ }
    throw err;
  } finally {
    await workbench?.close();
  }
}

let failed = 0;
for (const [name, theme] of THEMES) {
  try {
    await withTimeout(runTheme(name, theme), timeoutMs, `dashboard e2e (${name})`);
    step(`${name}: PASS`);
  } catch (err) {
    failed++;
    console.error(`dashboard e2e (${name}) failed: ${err instanceof Error ? err.stack : err}`);
  }
}
console.log(`dashboard e2e: ${THEMES.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
